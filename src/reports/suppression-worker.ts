/**
 * The worker thread that runs disclosure control (`jointSuppression`) off the event loop
 * (suppression-pool.ts starts it). One job at a time, in the order sent; each answer carries its job's id.
 * Only plain data crosses: the scopes' tables, the families and the headline ids in; the Map of each scope's
 * hidden cells and loss report out (structured clone keeps Maps and Sets).
 */
import { parentPort } from 'node:worker_threads';
import { jointSuppression, type ScopeTables } from './joint-suppression.ts';

export interface SuppressionJob {
  readonly id: number;
  readonly scopes: readonly ScopeTables[];
  readonly families: readonly { parent: string; children: readonly string[] }[];
  readonly headlines: ReadonlySet<string>;
}

if (!parentPort) throw new Error('suppression-worker.ts runs only as a worker thread');
const port = parentPort;
port.on('message', (job: SuppressionJob) => {
  try {
    port.postMessage({ id: job.id, result: jointSuppression(job.scopes, job.families, job.headlines) });
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
