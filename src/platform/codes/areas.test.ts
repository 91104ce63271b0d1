import { describe, expect, it } from 'vitest';
import { areaLabel, divisionLabel } from './areas.ts';

describe('area and division labels', () => {
  it('reads a code as words, small words in lower case', () => {
    expect(areaLabel('BLACKBURN_WITH_DARWEN')).toBe('Blackburn with Darwen');
    expect(areaLabel('LANCASHIRE')).toBe('Lancashire');
    expect(divisionLabel('SOUTH')).toBe('South division');
  });
  it('says "Not known" for no code', () => {
    expect(areaLabel(null)).toBe('Not known');
    expect(divisionLabel('')).toBe('Not known');
  });
});
