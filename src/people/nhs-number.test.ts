import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, nhsCheckDigit } from './nhs-number.ts';

describe('NHS number', () => {
  it('accepts a number whose check digit is right, with or without spaces', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and letters', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659AB')).toBe(false);
  });

  it('a computed check digit always validates, and any other last digit never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 9 }), (nine, other) => {
        const check = nhsCheckDigit(nine);
        if (check === null) {
          expect(isValidNhsNumber(nine + String(other))).toBe(false);
          return;
        }
        expect(isValidNhsNumber(nine + String(check))).toBe(true);
        if (other !== check) expect(isValidNhsNumber(nine + String(other))).toBe(false);
      }),
    );
  });
});
