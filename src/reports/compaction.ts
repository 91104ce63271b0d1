/**
 * The briefing's day counts are appended as deltas by the database's triggers (so that concurrent intakes
 * never wait on a shared counter); this folds each key's deltas into one row, on a schedule.
 *
 * The folding takes steps sized by rows, each its own short transaction in the background lane, the event
 * loop free between them (src/platform/jobs/batches.ts): after a large load there are millions of deltas,
 * and folding them in one statement held the embedded engine, and every request, for as long as it took.
 * A step is a window of days, or a part of one day's keys (a range of the keys' hashes, which the day
 * index holds) when a day alone holds more than a step should read: a weekday at scale 100 holds 10,000
 * deltas and more, 120-400 ms of folding on the embedded engine. Each window is cut by the rows a day held
 * in the last one and the pace the steps so far have kept, and a day's parts left are cut finer when one
 * part held more than a step should (`fold-plan.ts`; decision 0038).
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { backgroundStep, pacedSize, timed } from '../platform/jobs/batches.ts';
import { briefingCountDays, foldBriefingFactChanges, foldBriefingPart } from './briefing-store.ts';
import {
  addDays,
  DENSITY_MEMORY,
  FOLD_PACE,
  type FoldUnit,
  nextCut,
  powerOfTwoAtLeast,
  splitUnit,
} from './fold-plan.ts';

export interface CompactionOptions {
  /** Days in the first window, in one part (it then adapts); by default one day in FIRST_DAY_PARTS parts. */
  windowDays?: number;
  /** Rows a step may read at first (it then follows the pace of the steps). */
  stepRows?: number;
  /** Called after each step with its unit, the rows it read and removed, and how long it took. */
  onStep?: (step: FoldUnit & { read: number; removed: number; ms: number }) => void;
}

/**
 * Folds the appended deltas, and the facts' change log (read for every briefing); returns how many rows of
 * deltas went.
 */
export async function compactBriefingCounts(db: Database, options: CompactionOptions = {}): Promise<number> {
  const context = systemContext('briefing-compaction');
  const inStep = <T>(work: (tx: Tx) => Promise<T>) =>
    backgroundStep(() => withTransaction(db, context, work));
  // One row per statement that changed the facts since the last folding: a short step whatever the load.
  await inStep(foldBriefingFactChanges);
  const span = await inStep(briefingCountDays);
  if (!span) return 0;
  let capacity = Math.max(FOLD_PACE.min, options.stepRows ?? FOLD_PACE.first);
  // The rows a day held in each window so far, the latest last.
  const last = { window: 1, rowsPerDay: [] as number[] };
  let removed = 0;
  for (let from = span.first; from <= span.last; ) {
    const cut =
      last.rowsPerDay.length === 0 && options.windowDays
        ? { window: options.windowDays, parts: 1 }
        : nextCut(last, capacity);
    const to = addDays(from, cut.window);
    const units = splitUnit({ from, to, part: 0, parts: 1 }, cut.parts);
    let rowsPerDay = 0;
    for (let unit = units.shift(); unit; unit = units.shift()) {
      const folding = unit;
      // Timed inside the transaction: the wait for the connection (requests served first) is not the step's.
      const { value: step, ms } = await inStep((tx) => timed(() => foldBriefingPart(tx, folding)));
      options.onStep?.({ ...unit, read: step.read, removed: step.removed, ms });
      removed += step.removed;
      capacity = pacedSize(capacity, step.read, ms, FOLD_PACE);
      rowsPerDay = (step.read * unit.parts) / cut.window;
      // The day held more than its parts were cut for: the parts left of it are cut finer.
      const finer = powerOfTwoAtLeast(step.read / capacity);
      if (finer > 1 && cut.window === 1)
        units.splice(0, units.length, ...units.flatMap((u) => splitUnit(u, finer)));
    }
    last.window = cut.window;
    last.rowsPerDay = [...last.rowsPerDay.slice(1 - DENSITY_MEMORY), rowsPerDay];
    from = to;
  }
  return removed;
}
