import { describe, expect, it } from 'vitest';
import { lastWholeUkDay, loadedEndOf } from './demo-period.ts';
import { chunkKeyOf } from './load-plan.ts';

describe('the demo period ends on the day it is loaded', () => {
  it('ends with the last whole UK day before the load', () => {
    expect(lastWholeUkDay(new Date('2026-12-06T12:14:00Z'))).toBe('2026-12-05');
    // 00:30 on 1 July in London is still 30 June in UTC: the UK day decides.
    expect(lastWholeUkDay(new Date('2026-06-30T23:30:00Z'))).toBe('2026-06-30');
    expect(lastWholeUkDay(new Date('2027-01-01T09:00:00Z'))).toBe('2026-12-31');
  });

  it('keeps the end of a population already loaded with the seed', () => {
    const key = chunkKeyOf({ seed: 1, periodEnd: '2026-11-20', months: 6, chunkIndex: 0, fraction: 1 });
    expect(loadedEndOf([key], 1)).toBe('2026-11-20');
    expect(loadedEndOf([key], 2)).toBeNull();
    expect(loadedEndOf([], 1)).toBeNull();
  });
});
