/**
 * Runs queued jobs. A handler does its own short transactions: a job never holds one connection for its
 * whole length (the embedded engine has only one), and its progress is visible to pages while it runs.
 */
import type { Database } from '../db/database.ts';
import { systemContext, withTransaction } from '../db/transaction.ts';
import * as store from './store.ts';

export interface JobContext {
  db: Database;
  job: store.JobRow;
  /** Records progress at most every 250 ms (the last call of a phase is always written). */
  progress(done: number, total: number, phase: string): Promise<void>;
}

export type JobHandler = (context: JobContext) => Promise<Record<string, unknown>>;

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly db: Database) {}

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Runs the oldest queued job of a known kind, if any; answers whether one ran. */
  async runNext(): Promise<boolean> {
    const job = await withTransaction(this.db, systemContext('job-claim'), (tx) =>
      store.claimNext(tx, [...this.handlers.keys()]),
    );
    if (!job) return false;
    const handler = this.handlers.get(job.kind)!;
    let last = 0;
    const progress = async (done: number, total: number, phase: string) => {
      const now = Date.now();
      if (now - last < 250 && done < total) return;
      last = now;
      await withTransaction(this.db, systemContext(`job-${job.id}`), (tx) =>
        store.recordProgress(tx, job.id, done, total, phase),
      );
    };
    try {
      const result = await handler({ db: this.db, job, progress });
      await withTransaction(this.db, systemContext(`job-${job.id}`), (tx) =>
        store.finish(tx, job.id, result),
      );
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? 'failed';
      await withTransaction(this.db, systemContext(`job-${job.id}`), (tx) => store.fail(tx, job.id, message));
    }
    return true;
  }

  /** Polls for work until stopped; jobs left RUNNING by a dead instance are marked failed first. */
  start(intervalMs = 2000): void {
    void withTransaction(this.db, systemContext('job-recover'), (tx) => store.failStale(tx, 10)).catch(
      () => {},
    );
    const tick = () => {
      this.running = this.runNext()
        .catch(() => false)
        .then((ran) => {
          if (this.timer !== null) this.timer = setTimeout(tick, ran ? 0 : intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops polling and waits for a job in progress to finish (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
