/**
 * How the briefing's folding sizes its steps (`compaction.ts`): pure rules, apart from the database.
 * A step folds a unit: a window of days, or a part of a day's keys (a range of the keys' hashes). It should
 * read at most `capacity` rows, the number the last steps' pace fits in the step's time target; the ranges
 * of one day hold alike numbers of rows (the hash is even), so one part's rows tell those of the others.
 */
import { type Pace, STEP_TARGET_MS } from '../platform/jobs/batches.ts';
import { addLocalDays, formatLocalDate, parseLocalDate } from '../platform/time/zoned-time.ts';

/** A window of days [from, to) (ISO dates), and the part of its keys a step takes: `part` of `parts`. */
export interface FoldUnit {
  from: string;
  to: string;
  part: number;
  parts: number;
}

/** Rows a step reads: the first step's, and the bounds the pace keeps to. */
export const FOLD_PACE: Pace & { first: number } = {
  targetMs: STEP_TARGET_MS,
  first: 500,
  min: 50,
  max: 200_000,
};

/** The first day, its density unknown, is folded in this many parts: a weekday at scale 100 in ~1,000 rows. */
export const FIRST_DAY_PARTS = 16;

export const MAX_WINDOW_DAYS = 366;

/** The smallest power of two at least `n` (1 for anything up to 1). */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Windows remembered for the density of the next: a week of days one at a time covers a week's peak. */
export const DENSITY_MEMORY = 7;

/**
 * How the next window is cut, from the rows a day held in the last windows (none before the first): as
 * many days as hold half a step's rows (at most twice the last window, as the density may change), or
 * one day in as many parts as hold half a step each. The densest of the last DENSITY_MEMORY windows
 * counts, as a Monday holds several times a Sunday's rows; and half a step, so that a day denser still
 * costs two steps' time before its parts left are cut finer.
 */
export function nextCut(
  last: { window: number; rowsPerDay: readonly number[] },
  capacity: number,
): { window: number; parts: number } {
  if (last.rowsPerDay.length === 0) return { window: 1, parts: FIRST_DAY_PARTS };
  const density = Math.max(...last.rowsPerDay.slice(-DENSITY_MEMORY));
  const half = capacity / 2;
  if (density <= half) {
    const days = density === 0 ? MAX_WINDOW_DAYS : Math.floor(half / density);
    return { window: Math.max(1, Math.min(days, last.window * 2, MAX_WINDOW_DAYS)), parts: 1 };
  }
  return { window: 1, parts: powerOfTwoAtLeast(density / half) };
}

/**
 * A unit's keys in `k` parts. Part r of p is the r-th of p adjacent ranges of the key hashes (migration
 * 039), which is exactly parts r·k to r·k + k − 1 of k·p: together they are the unit's keys, each once.
 */
export function splitUnit(unit: FoldUnit, k: number): FoldUnit[] {
  return Array.from({ length: k }, (_, i) => ({
    from: unit.from,
    to: unit.to,
    part: unit.part * k + i,
    parts: unit.parts * k,
  }));
}

/** The ISO date `days` days after `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  const day = parseLocalDate(isoDay);
  if (!day) throw new RangeError(`not a date: ${isoDay}`);
  return formatLocalDate(addLocalDays(day, days));
}
