/** The load's planning thread (`load-planner.ts`): plans each chunk it is asked for and posts the rows back. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkPlanRequest, type ChunkPlanSetup, planLoadChunk } from './load-chunk-plan.ts';
import type { PlanAnswer } from './load-planner.ts';

const setup = workerData as ChunkPlanSetup;
const port = parentPort!;
port.on('message', ({ id, request }: { id: number; request: ChunkPlanRequest }) => {
  let answer: PlanAnswer;
  try {
    answer = { id, planned: planLoadChunk(setup, request) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
