import { describe, expect, it } from 'vitest';
import { inFieldOrder } from './error-order.ts';

const page =
  '<form><input id="name"><div id="dob"><input id="dob-day"></div><select id="area"></select></form>';

describe('the error summary: one entry per field, in field order', () => {
  it('orders entries as their fields appear on the page', () => {
    const entries = [
      { text: 'Select an area', href: '#area' },
      { text: 'Enter a name', href: '#name' },
      { text: 'Enter a real date of birth', href: '#dob-day' },
    ];
    expect(inFieldOrder(entries, page).map((e) => e.href)).toEqual(['#name', '#dob-day', '#area']);
  });

  it('keeps one entry per field, the first message it got', () => {
    const entries = [
      { text: 'Enter a name', href: '#name' },
      { text: 'Name must be 100 characters or fewer', href: '#name' },
      { text: 'Enter a name', href: '#name' },
    ];
    expect(inFieldOrder(entries, page)).toEqual([{ text: 'Enter a name', href: '#name' }]);
  });

  it('puts an entry whose field is not on the page last, keeping their order', () => {
    const entries = [
      { text: 'Something else', href: '#nowhere' },
      { text: 'Select an area', href: '#area' },
      { text: 'Another', href: '#elsewhere' },
    ];
    expect(inFieldOrder(entries, page).map((e) => e.href)).toEqual(['#area', '#nowhere', '#elsewhere']);
  });
});
