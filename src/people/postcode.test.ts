import { describe, expect, it } from 'vitest';
import { parseUkPostcode } from './postcode.ts';

describe('UK postcode', () => {
  it('splits a postcode into area, district and sector', () => {
    expect(parseUkPostcode('pr1  2ab')).toEqual({
      full: 'PR1 2AB',
      area: 'PR',
      district: 'PR1',
      sector: 'PR1 2',
    });
    expect(parseUkPostcode('BB12 6XY')).toEqual({
      full: 'BB12 6XY',
      area: 'BB',
      district: 'BB12',
      sector: 'BB12 6',
    });
    expect(parseUkPostcode('EC1A1BB')?.district).toBe('EC1A');
  });

  it('answers null for what is not a UK postcode', () => {
    expect(parseUkPostcode('90210')).toBeNull();
    expect(parseUkPostcode('')).toBeNull();
    expect(parseUkPostcode('PR1 2A')).toBeNull();
  });
});
