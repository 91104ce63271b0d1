/**
 * Periodic housekeeping (breach marking, flags that lapse with time). Each task is an idempotent update, so
 * several app instances running the same schedule do no harm.
 */
export interface ScheduledTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export class Schedule {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly onError: (task: string, error: unknown) => void) {}

  start(tasks: readonly ScheduledTask[]): void {
    for (const task of tasks) {
      const tick = () => {
        // A first tick still pending when the service stops must not run against a closed database.
        if (this.stopped) return;
        const run = task
          .run()
          .catch((error) => this.onError(task.name, error))
          .finally(() => this.running.delete(run));
        this.running.add(run);
      };
      this.timers.push(setInterval(tick, task.everyMs), setTimeout(tick, 1000));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }
}
