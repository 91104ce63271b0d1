import { describe, expect, it } from 'vitest';
import { pacedSize } from '../platform/jobs/batches.ts';
import {
  addDays,
  DENSITY_MEMORY,
  FIRST_DAY_PARTS,
  type FoldUnit,
  MAX_WINDOW_DAYS,
  nextCut,
  powerOfTwoAtLeast,
  splitUnit,
} from './fold-plan.ts';

const DAY: FoldUnit = { from: '2026-03-02', to: '2026-03-03', part: 0, parts: 1 };

/**
 * The units a hash falls in, as migration 039 picks them: part r of p is the hashes from r/p to (r + 1)/p
 * of the space, here [0, 1) with exact fractions (numerator and denominator in whole numbers).
 */
const holders = (units: FoldUnit[], hash: number, space: number) =>
  units.filter((u) => hash * u.parts >= u.part * space && hash * u.parts < (u.part + 1) * space);

describe('sizing the briefing folding by rows', () => {
  it('rounds a number of parts up to a power of two', () => {
    expect([0, 0.5, 1, 1.01, 2, 3, 8, 9, 1_000].map(powerOfTwoAtLeast)).toEqual([
      1, 1, 1, 2, 2, 4, 8, 16, 1_024,
    ]);
  });

  it('puts every key in exactly one part, however often parts are split again', () => {
    // A day in 8 parts, its part 3 split in 8 again and one of those in 2: the leaves cover the day.
    const first = splitUnit(DAY, 8);
    const again = splitUnit(first[3]!, 8);
    const leaves = [
      ...first.filter((_, i) => i !== 3),
      ...again.filter((_, i) => i !== 5),
      ...splitUnit(again[5]!, 2),
    ];
    const space = 8 * 8 * 2 * 7;
    for (let hash = 0; hash < space; hash++) expect(holders(leaves, hash, space)).toHaveLength(1);
    // And a split covers exactly what the unit did.
    for (let hash = 0; hash < space; hash++)
      expect(holders(again, hash, space).length).toBe(holders([first[3]!], hash, space).length);
    expect(leaves.every((u) => u.from === DAY.from && u.to === DAY.to)).toBe(true);
  });

  it('cuts a window to hold half a step: days together while sparse, a day in parts while dense', () => {
    const cutAfter = (window: number, ...rowsPerDay: number[]) => nextCut({ window, rowsPerDay }, 1_000);
    // Before any step, one day in parts (its density unknown).
    expect(cutAfter(1)).toEqual({ window: 1, parts: FIRST_DAY_PARTS });
    // 100 rows a day, steps of 1,000: five days hold half a step, but a window at most doubles.
    expect(cutAfter(1, 100)).toEqual({ window: 2, parts: 1 });
    expect(cutAfter(4, 100)).toEqual({ window: 5, parts: 1 });
    // Nothing in the last windows: twice as long, up to a year.
    expect(cutAfter(300, 0, 0)).toEqual({ window: MAX_WINDOW_DAYS, parts: 1 });
    // 10,000 rows a day: one day in 32 parts of at most 500.
    expect(cutAfter(1, 10_000)).toEqual({ window: 1, parts: 32 });
    expect(cutAfter(3, 600)).toEqual({ window: 1, parts: 2 });
  });

  it('cuts the day after a quiet one by the densest day of the week before it', () => {
    const week = [9_000, 10_000, 9_500, 9_800, 8_700, 2_000, 1_500];
    // A Monday after a Sunday of 1,500 rows is cut as the Tuesday of 10,000 was.
    expect(nextCut({ window: 1, rowsPerDay: week }, 1_000)).toEqual({ window: 1, parts: 32 });
    // A week later the peak of that week is forgotten.
    expect(
      nextCut({ window: 1, rowsPerDay: [...week, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000] }, 1_000),
    ).toEqual({
      window: 1,
      parts: 4,
    });
    expect(DENSITY_MEMORY).toBe(7);
  });

  it('paces the next step to the time target, by at most four times either way', () => {
    const pace = { targetMs: 30, min: 100, max: 200_000 };
    expect(pacedSize(1_000, 1_000, 30, pace)).toBe(1_000);
    expect(pacedSize(1_000, 1_000, 60, pace)).toBe(500);
    expect(pacedSize(1_000, 1_000, 1_000, pace)).toBe(250);
    expect(pacedSize(1_000, 1_000, 1, pace)).toBe(4_000);
    expect(pacedSize(150, 150, 1_000, pace)).toBe(100);
    expect(pacedSize(1_000, 0, 10, pace)).toBe(1_000);
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
});
