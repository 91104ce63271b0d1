/**
 * Disclosure control off the event loop (decision 0023, issue 22): `jointSuppression` is seconds of
 * synchronous arithmetic at the demo's size, so it runs in one worker thread (suppression-worker.ts), and
 * the request awaits it while the event loop serves everyone else.
 *
 * One job at a time in the worker (a second period queues behind the first: one core for suppression
 * leaves the other for requests); `WorkerRequests` starts, restarts and ends it; `stopSuppressionWorker`
 * ends it at app close.
 *
 * The worker is `suppression-worker` beside this file, compiled or from source (`startModuleWorker`).
 */
import { startModuleWorker } from '../platform/workers/module-worker.ts';
import { WorkerRequests } from '../platform/workers/worker-requests.ts';
import type { ScopeSuppression, ScopeTables } from './joint-suppression.ts';
import type { SuppressionJob } from './suppression-worker.ts';

const worker = new WorkerRequests<Omit<SuppressionJob, 'id'>, Map<string, ScopeSuppression>>(
  () => startModuleWorker(import.meta.url, 'suppression-worker'),
  'disclosure control',
);

/** How many jobs have been sent to the worker since the process started (a cached briefing sends none). */
export function suppressionJobsSent(): number {
  return worker.sent;
}

/** `jointSuppression(scopes, families, headlines)`, computed in the worker thread. */
export function suppressInWorker(
  scopes: readonly ScopeTables[],
  families: readonly { parent: string; children: readonly string[] }[],
  headlines: ReadonlySet<string>,
): Promise<Map<string, ScopeSuppression>> {
  return worker.request({ scopes, families, headlines });
}

/** Ends the worker (its jobs are rejected); the next job starts a new one. */
export function stopSuppressionWorker(): Promise<void> {
  return worker.stop();
}
