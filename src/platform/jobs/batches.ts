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

/** What a step aims to take on the embedded engine: a quarter of the 100 ms stall budget (steps vary). */
export const STEP_TARGET_MS = 25;

/** Rows the first step takes when the job sizes its own steps (its pace then sets the next): few, as the
 * first step after a start finds cold caches (a first batch of 200 episodes took 121 ms at scale 100). */
export const DEFAULT_BATCH_SIZE = 50;

export interface Pace {
  targetMs: number;
  min: number;
  max: number;
}

/**
 * The size of the next step from the pace of the last (`done` units of work in `ms`): as many as would
 * take `targetMs` at that pace, but never more than four times or less than a quarter of the last size
 * (one odd step, a page fault or a collection, does not swing it), within [min, max].
 */
export function pacedSize(size: number, done: number, ms: number, pace: Pace): number {
  if (!(done > 0 && ms > 0)) return size;
  const atPace = Math.round((done / ms) * pace.targetMs);
  const bounded = Math.min(Math.max(atPace, Math.ceil(size / 4)), size * 4);
  return Math.min(Math.max(bounded, pace.min), pace.max);
}

/** Rows a step of `inBatches` that sizes its own steps: its pace, and the bounds it keeps to. */
const BATCH_PACE: Pace = { targetMs: STEP_TARGET_MS, min: 10, max: 5_000 };

/** Runs `work` and says how long it took: a step's own time, for pacing the next. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

export interface BatchRun {
  /** Rows the steps reported, all together. */
  rows: number;
  /** Steps taken (the last one found fewer rows than a full batch). */
  batches: number;
}

/**
 * Runs `step(limit)` until a step reports fewer than `limit` rows, each step in the background lane (so
 * the event loop turns between steps). Each step must make progress on its own (mark or remove what it
 * handled), so that the next one finds the rest. With `batchSize`, every step takes that many; without,
 * the first takes DEFAULT_BATCH_SIZE and each next one as many as the last one's pace fits in
 * STEP_TARGET_MS (the cost of a row differs by engine and by how large the tables have grown).
 */
export async function inBatches(
  step: (limit: number) => Promise<number>,
  options: { batchSize?: number; onBatch?: (rows: number) => void } = {},
): Promise<BatchRun> {
  const fixed = options.batchSize;
  if (fixed !== undefined && !(Number.isInteger(fixed) && fixed > 0))
    throw new Error('batchSize must be a whole number above 0');
  let limit = fixed ?? DEFAULT_BATCH_SIZE;
  const run: BatchRun = { rows: 0, batches: 0 };
  for (;;) {
    // Timed inside the lane: another job's step before this one is not this one's.
    const { value: rows, ms } = await backgroundStep(() => timed(() => step(limit)));
    run.rows += rows;
    run.batches += 1;
    options.onBatch?.(rows);
    if (rows < limit) return run;
    if (fixed === undefined) limit = pacedSize(limit, rows, ms, BATCH_PACE);
  }
}
