import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../people/nhs-number.ts';
import { nhsNumberFor, policeRefFor, schoolUpnFor, upnCheckLetter } from './identifiers.ts';

describe('synthetic identifiers', () => {
  it('always makes a valid NHS number in the 9xx test range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 8 }), (index, choice) => {
        const nhs = nhsNumberFor(index, choice);
        expect(nhs).toMatch(/^9\d{9}$/);
        expect(isValidNhsNumber(nhs)).toBe(true);
      }),
    );
  });

  it('never gives two people the same NHS number, UPN or police reference', () => {
    const n = 50_000;
    const nhs = new Set<string>();
    const upn = new Set<string>();
    const police = new Set<string>();
    for (let i = 0; i < n; i++) {
      nhs.add(nhsNumberFor(i, i % 9));
      upn.add(schoolUpnFor(i, 888, 2017));
      police.add(policeRefFor(i));
    }
    expect([nhs.size, upn.size, police.size]).toEqual([n, n, n]);
  });

  it('makes thirteen-character UPNs whose check letter matches', () => {
    const upn = schoolUpnFor(42, 889, 2016);
    expect(upn).toMatch(/^[A-Z]\d{12}$/);
    expect(upn.slice(1, 4)).toBe('889');
    expect(upnCheckLetter(upn.slice(1))).toBe(upn[0]);
  });
});
