/**
 * Disclosure control off the event loop (decision 0023, issue 22): `jointSuppression` is seconds of
 * synchronous arithmetic at the demo's size, so it runs in one worker thread (suppression-worker.ts), and
 * the request awaits it while the event loop serves everyone else.
 *
 * The worker starts on the first job, takes jobs one at a time (a second period queues behind the first:
 * one core for suppression leaves the other for requests), is started again after it dies (the jobs it
 * held are rejected), and holds the process open only while it has jobs (`ref` then, `unref` when idle: the
 * CLI must not exit mid-job, and an idle worker must not keep a stopping server alive); `stopSuppressionWorker`
 * ends it (app close).
 *
 * The worker is `suppression-worker` beside this file, compiled or from source (`startModuleWorker`).
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../platform/workers/module-worker.ts';
import type { ScopeSuppression, ScopeTables } from './joint-suppression.ts';
import type { SuppressionJob } from './suppression-worker.ts';

type Answer = { id: number; result: Map<string, ScopeSuppression> } | { id: number; error: string };
interface Pending {
  resolve: (result: Map<string, ScopeSuppression>) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function started(): Worker {
  if (worker) return worker;
  const w = startModuleWorker(import.meta.url, 'suppression-worker');
  w.on('message', (answer: Answer) => {
    const job = pending.get(answer.id);
    if (!job) return;
    pending.delete(answer.id);
    if (pending.size === 0) w.unref();
    if ('error' in answer) job.reject(new Error(`disclosure control failed: ${answer.error}`));
    else job.resolve(answer.result);
  });
  // A dead worker fails the jobs it held; the next job starts a new one.
  w.on('error', (error) => {
    if (worker === w) worker = null;
    failAll(error);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`disclosure control worker stopped (exit code ${code})`));
  });
  // After the listeners (adding a 'message' listener refs the worker again): idle, it holds nothing open.
  w.unref();
  worker = w;
  return w;
}

/** How many jobs have been sent to the worker since the process started (a cached briefing sends none). */
export function suppressionJobsSent(): number {
  return nextId - 1;
}

/** `jointSuppression(scopes, families, headlines)`, computed in the worker thread. */
export function suppressInWorker(
  scopes: readonly ScopeTables[],
  families: readonly { parent: string; children: readonly string[] }[],
  headlines: ReadonlySet<string>,
): Promise<Map<string, ScopeSuppression>> {
  const w = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    const job: SuppressionJob = { id, scopes, families, headlines };
    w.postMessage(job);
  });
}

/** Ends the worker (its jobs are rejected); the next job starts a new one. */
export async function stopSuppressionWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (!w) return;
  failAll(new Error('disclosure control worker stopped'));
  await w.terminate();
}
