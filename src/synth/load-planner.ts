/**
 * Plans a load's chunks in a worker thread, one ahead of the writes. Generating and planning a chunk is a
 * quarter of a load's time and is pure JavaScript; on the embedded engine the writes run on this thread
 * too, so done in turn the two never overlap. The load plans its first chunk itself while the worker
 * starts, and asks the worker for each next chunk before writing the current one.
 *
 * The worker is started at the first request (a load that plans nothing ahead never starts it) and ended by
 * `close`; `WorkerRequests` holds the process open only while a request is outstanding. A worker that fails
 * or dies rejects what it held; the load's transaction for that chunk is then never begun, and a new load
 * resumes there.
 */
import { startModuleWorker } from '../platform/workers/module-worker.ts';
import { WorkerRequests } from '../platform/workers/worker-requests.ts';
import type { ChunkPlanRequest, ChunkPlanSetup, PlannedChunk } from './load-chunk-plan.ts';

export class ChunkPlanner {
  private readonly worker: WorkerRequests<ChunkPlanRequest, PlannedChunk>;

  constructor(setup: ChunkPlanSetup) {
    this.worker = new WorkerRequests(
      () => startModuleWorker(import.meta.url, 'load-planner-worker', { workerData: setup }),
      'chunk planning',
    );
  }

  /** The chunk's plan from the worker. */
  planAhead(request: ChunkPlanRequest): Promise<PlannedChunk> {
    return this.worker.request({ chunkIndex: request.chunkIndex, parts: request.parts });
  }

  close(): Promise<void> {
    return this.worker.stop('the load planner was closed');
  }
}
