/**
 * Background work in bounded steps. The embedded engine runs inside the Node process and serves one query
 * at a time, so a job that does everything in one statement holds every request until it ends (issue 22:
 * a first start after a large load answered nothing for 90 s). A job instead takes a step at a time, each
 * in its own short transaction, and yields to the event loop between steps: a request that arrived
 * meanwhile has queued for the connection first, and is served before the next step.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The lane every background step takes, across jobs: one step at a time, each after an event-loop turn.
 * Without it two jobs hand the connection to each other directly (the pool gives it to the next waiter
 * without returning to the event loop), and their steps add up to one long stall.
 */
let lane: Promise<unknown> = Promise.resolve();

/** Runs one step of background work in the lane: after any other job's step, and after an event-loop turn. */
export function backgroundStep<T>(work: () => Promise<T>): Promise<T> {
  const run = lane.then(() => nextTurn()).then(work);
  lane = run.catch(() => {});
  return run;
}

/** Rows a step: about 30 ms of UPDATE on the embedded engine, well under the 100 ms stall budget. */
export const DEFAULT_BATCH_SIZE = 500;

export interface BatchRun {
  /** Rows the steps reported, all together. */
  rows: number;
  /** Steps taken (the last one found fewer rows than a full batch). */
  batches: number;
}

/**
 * Runs `step(limit)` until a step reports fewer than `limit` rows, each step in the background lane (so
 * the event loop turns between steps). Each step must make progress on its own (mark or remove what it
 * handled), so that the next one finds the rest.
 */
export async function inBatches(
  step: (limit: number) => Promise<number>,
  options: { batchSize?: number; onBatch?: (rows: number) => void } = {},
): Promise<BatchRun> {
  const limit = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!(Number.isInteger(limit) && limit > 0)) throw new Error('batchSize must be a whole number above 0');
  const run: BatchRun = { rows: 0, batches: 0 };
  for (;;) {
    const rows = await backgroundStep(() => step(limit));
    run.rows += rows;
    run.batches += 1;
    options.onBatch?.(rows);
    if (rows < limit) return run;
  }
}
