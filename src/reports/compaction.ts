/**
 * The briefing's day counts are appended as deltas by the database's triggers (so that concurrent intakes
 * never wait on a shared counter); this folds each key's deltas into one row, on a schedule.
 *
 * The folding walks the days a window at a time, each window its own short transaction in the background
 * lane, the event loop free between them (src/platform/jobs/batches.ts): after a large load there are millions of deltas,
 * and folding them in one statement held the embedded engine, and every request, for as long as it took.
 * The window adapts to the time a step takes, so that each stays well under the 100 ms stall budget.
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { backgroundStep } from '../platform/jobs/batches.ts';
import { briefingCountDays, compactBriefingDays, foldBriefingFactChanges } from './briefing-store.ts';

/** A step should take about this long; a longer one halves the window, a much shorter one doubles it. */
const STEP_TARGET_MS = 30;
const MAX_WINDOW_DAYS = 366;

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface CompactionOptions {
  /** Days in the first window (it then adapts). */
  windowDays?: number;
  /** Called after each window with the rows it removed and how long it took. */
  onStep?: (step: { from: string; to: string; removed: number; ms: number }) => void;
}

/**
 * Folds the appended deltas, and the facts' change log (read for every briefing); returns how many rows of
 * deltas went.
 */
export async function compactBriefingCounts(db: Database, options: CompactionOptions = {}): Promise<number> {
  const context = systemContext('briefing-compaction');
  // One row per statement that changed the facts since the last folding: a short step whatever the load.
  await backgroundStep(() => withTransaction(db, context, foldBriefingFactChanges));
  const span = await backgroundStep(() => withTransaction(db, context, briefingCountDays));
  if (!span) return 0;
  let window = Math.max(1, Math.min(options.windowDays ?? 7, MAX_WINDOW_DAYS));
  let removed = 0;
  for (let from = span.first; from <= span.last; ) {
    const to = addDays(from, window);
    // Timed inside the transaction: the wait for the connection (requests served first) is not the step's.
    let ms = 0;
    const step = await backgroundStep(() =>
      withTransaction(db, context, async (tx) => {
        const started = performance.now();
        const removed = await compactBriefingDays(tx, from, to);
        ms = performance.now() - started;
        return removed;
      }),
    );
    options.onStep?.({ from, to, removed: step, ms });
    removed += step;
    from = to;
    if (ms > STEP_TARGET_MS && window > 1) window = Math.max(1, Math.floor(window / 2));
    else if (ms < STEP_TARGET_MS / 4) window = Math.min(window * 2, MAX_WINDOW_DAYS);
  }
  return removed;
}
