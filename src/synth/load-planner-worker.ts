/** The load's planning thread (`load-planner.ts`): plans each chunk it is asked for and posts the rows back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerAnswer } from '../platform/workers/worker-requests.ts';
import {
  type ChunkPlanRequest,
  type ChunkPlanSetup,
  type PlannedChunk,
  planLoadChunk,
} from './load-chunk-plan.ts';

const setup = workerData as ChunkPlanSetup;
const port = parentPort!;
port.on('message', ({ id, ...request }: ChunkPlanRequest & { id: number }) => {
  let answer: WorkerAnswer<PlannedChunk>;
  try {
    answer = { id, result: planLoadChunk(setup, request) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
