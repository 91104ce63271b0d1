/**
 * Requests to one worker thread, each answered by its id (`{ id, result }` or `{ id, error }`). The worker
 * starts at the first request, is started again after it dies (what it held is rejected), and holds the
 * process open only while a request is outstanding (`ref` then, `unref` when idle: a CLI must not exit
 * mid-request, and an idle worker must not keep a stopping server alive); `stop` ends it.
 */
import type { Worker } from 'node:worker_threads';

export type WorkerAnswer<Result> = { id: number; result: Result } | { id: number; error: string };

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

export class WorkerRequests<Message extends object, Result> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Result>>();

  /** `what` names the work in errors: "<what> failed: …", "<what> worker stopped (exit code n)". */
  constructor(
    private readonly start: () => Worker,
    private readonly what: string,
  ) {}

  /** How many requests have been sent since this was made. */
  get sent(): number {
    return this.nextId - 1;
  }

  /** Posts `{ ...message, id }` and answers the worker's result for that id. */
  request(message: Message): Promise<Result> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  /** Ends the worker, rejecting what it held with `reason`; the next request starts a new one. */
  async stop(reason = `${this.what} worker stopped`): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    this.failAll(new Error(reason));
    await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.on('message', (answer: WorkerAnswer<Result>) => {
      const job = this.pending.get(answer.id);
      if (!job) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in answer) job.reject(new Error(`${this.what} failed: ${answer.error}`));
      else job.resolve(answer.result);
    });
    // A dead worker fails the requests it held; the next request starts a new one.
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) =>
      this.died(worker, new Error(`${this.what} worker stopped (exit code ${code})`)),
    );
    // After the listeners (adding a 'message' listener refs the worker again): idle, it holds nothing open.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private died(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
