import { describe, expect, it } from 'vitest';
import { blankNoteForm, MAX_NOTE_LENGTH, parseTime, validateNote } from './note-rules.ts';

const NOW = new Date('2026-12-06T15:00:00Z');
const form = (over: Partial<ReturnType<typeof blankNoteForm>> = {}) => ({
  ...blankNoteForm(),
  noteType: 'VISIT',
  occurredOn: { day: '4', month: '12', year: '2026' },
  text: 'Visited at home.',
  ...over,
});

describe('case note rules', () => {
  it('accepts a typed, dated note, the time optional', () => {
    expect(validateNote(form(), NOW)).toEqual({
      input: {
        noteType: 'VISIT',
        occurredOn: '2026-12-04',
        occurredTime: null,
        text: 'Visited at home.',
        correctsId: null,
      },
      errors: [],
    });
    expect(validateNote(form({ occurredTime: '2:05pm', corrects: 'n1' }), NOW).input).toMatchObject({
      occurredTime: '14:05',
      correctsId: 'n1',
    });
  });

  it('names each field wrong, in the form’s order', () => {
    const { errors } = validateNote(
      {
        noteType: 'GOSSIP',
        occurredOn: { day: '31', month: '2', year: '2026' },
        occurredTime: 'noonish',
        text: '',
        corrects: '',
      },
      NOW,
    );
    expect(errors.map((e) => e.field)).toEqual(['noteType', 'occurredOn', 'occurredTime', 'text']);
  });

  it('refuses a date in the future, an empty date and an over-long note', () => {
    expect(validateNote(form({ occurredOn: { day: '7', month: '12', year: '2026' } }), NOW).errors).toEqual([
      { field: 'occurredOn', message: 'The date it happened must be today or in the past' },
    ]);
    expect(validateNote(form({ occurredOn: { day: '', month: '', year: '' } }), NOW).errors[0]?.field).toBe(
      'occurredOn',
    );
    expect(validateNote(form({ text: 'x'.repeat(MAX_NOTE_LENGTH + 1) }), NOW).errors[0]?.field).toBe('text');
    // Today in London is fine, late in the evening too.
    expect(validateNote(form({ occurredOn: { day: '6', month: '12', year: '2026' } }), NOW).errors).toEqual(
      [],
    );
  });

  it('reads times in 24-hour and am/pm forms', () => {
    expect(parseTime('14:05')).toBe('14:05');
    expect(parseTime('9.30')).toBe('09:30');
    expect(parseTime('12am')).toBe('00:00');
    expect(parseTime('12:30pm')).toBe('12:30');
    expect(parseTime('2pm')).toBe('14:00');
    expect(parseTime('14')).toBeNull();
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('13pm')).toBeNull();
  });
});
