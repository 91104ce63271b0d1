/**
 * Scoring candidate pairs in worker threads (decision 0033). The main thread generates the pairs in
 * chunks and hands each to the worker with least outstanding work; the workers answer with the chunk's
 * weights; the main thread takes the answers in the order the chunks were made. So whatever the number
 * of workers, the caller sees the same pairs with the same weights in the same order as when scoring on
 * one thread: the same links, the same threshold choice, the same clusters.
 *
 * The workers are sent the records' columns (scoring-input.ts: what the scorer reads, built once) as
 * the run starts, and build their name tables while the main thread trains the model; then the model's
 * parameters, from which each compiles the model and builds its own PairScorer.
 * A worker's error rejects the scoring (and so the run); the workers are terminated when the run ends,
 * however it ends, so that nothing keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../platform/workers/module-worker.ts';
import type { PairChunk } from './blocking.ts';
import type { MatchModel, ModelParameters } from './model.ts';
import { type SharedNameLevels, sharedNameLevels } from './pair-scorer.ts';
import type { PreparedRecord } from './record.ts';
import { RecordColumns } from './record-columns.ts';
import { type ScoringInput, scoringInput } from './scoring-input.ts';

/** Worker threads used by default: one per core the process may use, at most this many. */
export const MAX_DEFAULT_WORKERS = 4;
/** Below this many records, scoring stays on the calling thread: starting workers would cost more. */
export const MIN_RECORDS_FOR_WORKERS = 20_000;
/** Chunks sent ahead to each worker, so that none waits while the main thread makes the next. */
const CHUNKS_AHEAD_PER_WORKER = 4;

/** How many workers to score in when the caller did not say: none for small runs, else one per core. */
export function defaultWorkerCount(records: number): number {
  if (records < MIN_RECORDS_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_DEFAULT_WORKERS);
}

export interface ScoringWorkerData {
  input: ScoringInput;
  /** The common names' levels, computed once for all the workers. */
  nameLevels: SharedNameLevels;
}

/** The model to score with, sent once it is trained. */
export interface ModelMessage {
  parameters: ModelParameters;
  hardRules: boolean;
}

export interface ScoringRequest {
  id: number;
  left: Uint32Array;
  right: Uint32Array;
  length: number;
}

export type ScoringMessage = ModelMessage | ScoringRequest;

export interface ScoringResponse extends ScoringRequest {
  weights: Float64Array;
}

/** A chunk of pairs and their weights (weights[k] is the weight of left[k], right[k]). */
export interface ScoredChunk extends PairChunk {
  weights: Float64Array;
}

interface Pending {
  resolve(chunk: ScoredChunk): void;
  reject(error: Error): void;
}

/** A worker running scoring-worker beside this file (`startModuleWorker`: compiled or from source). */
function startWorker(workerData: ScoringWorkerData): Worker {
  return startModuleWorker(import.meta.url, 'scoring-worker', { workerData });
}

export class ScoringPool {
  private readonly workers: Worker[] = [];
  private readonly outstanding: number[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Which worker holds each pending chunk, to reject its chunks if it fails. */
  private readonly holder = new Map<number, number>();
  private nextId = 0;
  private failure: Error | null = null;

  private modelSent = false;

  /** Starts the workers, which prepare the records at once; `useModel` then gives them the model. */
  constructor(records: readonly PreparedRecord[], count: number) {
    if (count < 1) throw new RangeError('a scoring pool needs at least one worker');
    const workerData: ScoringWorkerData = {
      input: scoringInput(records, new RecordColumns(records)),
      nameLevels: sharedNameLevels(),
    };
    for (let w = 0; w < count; w++) {
      const worker = startWorker(workerData);
      worker.on('message', (message: ScoringResponse) => {
        this.outstanding[w]!--;
        this.settle(message.id)?.resolve({
          left: message.left,
          right: message.right,
          length: message.length,
          weights: message.weights,
        });
      });
      worker.on('error', (error) => this.fail(w, error));
      worker.on('exit', (code) => this.fail(w, new Error(`scoring worker ${w} exited (code ${code})`)));
      this.workers.push(worker);
      this.outstanding.push(0);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Chunks worth sending before waiting for the first answer. */
  get window(): number {
    return this.workers.length * CHUNKS_AHEAD_PER_WORKER;
  }

  /** The model every chunk is scored with; given once, before the first chunk. */
  useModel(model: MatchModel): void {
    const message: ModelMessage = { parameters: model.parameters, hardRules: model.hardRules };
    for (const worker of this.workers) worker.postMessage(message);
    this.modelSent = true;
  }

  /** The chunk's weights, from the worker with least outstanding work. The chunk's arrays are handed over. */
  score(chunk: PairChunk): Promise<ScoredChunk> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.modelSent) return Promise.reject(new Error('useModel before score'));
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.outstanding[i]! < this.outstanding[w]!) w = i;
    const id = this.nextId++;
    const answer = new Promise<ScoredChunk>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // A run that fails stops awaiting its other chunks: their rejections are expected, not unhandled.
    answer.catch(() => {});
    this.holder.set(id, w);
    this.outstanding[w]!++;
    const request: ScoringRequest = { id, left: chunk.left, right: chunk.right, length: chunk.length };
    // The generator makes new arrays for every chunk: these can be handed over, not copied.
    this.workers[w]!.postMessage(request, [
      chunk.left.buffer as ArrayBuffer,
      chunk.right.buffer as ArrayBuffer,
    ]);
    return answer;
  }

  /** Terminates every worker. Safe to call more than once. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
    this.fail(-1, new Error('scoring pool closed'));
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    this.holder.delete(id);
    return pending;
  }

  /** A worker failed (or the pool closed, w = -1): every chunk still pending is rejected. */
  private fail(w: number, error: Error): void {
    if (w >= 0 && !this.failure) this.failure = error;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.failure ?? error);
  }
}

/**
 * Scores every chunk in the pool and hands the scored chunks to `take` in the order `chunks` gave them.
 * Closes the pool at the end, on success or failure.
 */
export async function scoreInPool(
  pool: ScoringPool,
  chunks: Iterable<PairChunk>,
  take: (chunk: ScoredChunk) => void,
): Promise<void> {
  const inFlight: Promise<ScoredChunk>[] = [];
  try {
    for (const chunk of chunks) {
      inFlight.push(pool.score(chunk));
      if (inFlight.length >= pool.window) take(await inFlight.shift()!);
    }
    while (inFlight.length > 0) take(await inFlight.shift()!);
  } finally {
    await pool.close();
  }
}
