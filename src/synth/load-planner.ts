/**
 * Plans a load's chunks in a worker thread, one ahead of the writes. Generating and planning a chunk is a
 * quarter of a load's time and is pure JavaScript; on the embedded engine the writes run on this thread
 * too, so done in turn the two never overlap. The load plans its first chunk itself while the worker
 * starts, and asks the worker for each next chunk before writing the current one.
 *
 * The worker is started at the first request (a load of one chunk never starts it), holds the process
 * open only while a request is outstanding, and is ended by `close`. A worker that fails or dies rejects
 * what it held; the load's transaction for that chunk is then never begun, and a new load resumes there.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../platform/workers/module-worker.ts';
import type { ChunkPlanRequest, ChunkPlanSetup, PlannedChunk } from './load-chunk-plan.ts';

export type PlanAnswer = { id: number; planned: PlannedChunk } | { id: number; error: string };

interface Pending {
  resolve: (planned: PlannedChunk) => void;
  reject: (error: Error) => void;
}

export class ChunkPlanner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;

  constructor(private readonly setup: ChunkPlanSetup) {}

  /** The chunk's plan from the worker. */
  planAhead(request: ChunkPlanRequest): Promise<PlannedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.started();
    const id = this.nextId++;
    const answer = new Promise<PlannedChunk>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, request });
    return answer;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('the load planner was closed'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(import.meta.url, 'load-planner-worker', { workerData: this.setup });
    worker.on('message', (answer: PlanAnswer) => {
      const job = this.pending.get(answer.id);
      if (!job) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in answer) job.reject(new Error(`planning a chunk failed: ${answer.error}`));
      else job.resolve(answer.planned);
    });
    worker.on('error', (error) => this.stop(worker, error));
    worker.on('exit', (code) => this.stop(worker, new Error(`the load planner stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failure = error;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
