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
 * Three ways the code runs, one rule: the worker file sits next to this module with this module's
 * extension. Compiled (dist/, plain `node`): `suppression-worker.js`, loaded as it is. TypeScript (tsx in
 * development and the benchmarks, vitest): `suppression-worker.ts`, which Node 20 will not load as a
 * worker's entry even with tsx's ESM loader in `execArgv` (loader hooks do not reach a worker's entry
 * there: "Unknown file extension"), so a one-line bootstrap registers tsx's CommonJS hook in the worker
 * and requires the file through it. tsx is a dependency, not a dev dependency, though only this path uses it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScopeSuppression, ScopeTables } from './joint-suppression.ts';
import type { SuppressionJob } from './suppression-worker.ts';

const TYPESCRIPT = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(
  TYPESCRIPT ? './suppression-worker.ts' : './suppression-worker.js',
  import.meta.url,
);

/** The worker: the compiled file itself, or a bootstrap that compiles the TypeScript file with tsx. */
export function workerEntry(file: URL = WORKER_FILE): { entry: URL | string; eval: boolean } {
  if (!file.pathname.endsWith('.ts')) return { entry: file, eval: false };
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(fileURLToPath(file))});`;
  return { entry: bootstrap, eval: true };
}

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
  const { entry, eval: isEval } = workerEntry();
  const w = new Worker(entry, { eval: isEval });
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
