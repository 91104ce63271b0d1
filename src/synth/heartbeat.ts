/**
 * Progress a person can see when the output is not a terminal (a log file, CI, `nohup`): a line at least
 * every ten seconds while long work runs, so that a silent load is never mistaken for a hung one (#22).
 */
export const HEARTBEAT_MS = 10_000;

export interface Heartbeat {
  stop(): void;
  /**
   * Writes the line now if the last one is `everyMs` old: for long synchronous work (scoring pairs, fitting a
   * model), during which no timer can fire, to call from its own progress callback.
   */
  tick(): void;
}

/** Writes `describe()` with the elapsed seconds every `everyMs` until stopped. */
export function startHeartbeat(
  describe: () => string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  everyMs = HEARTBEAT_MS,
): Heartbeat {
  const started = Date.now();
  let last = started;
  const line = () => {
    last = Date.now();
    write(`${describe()} (${Math.round((last - started) / 1000)} s)`);
  };
  // The timer skips a beat that a tick has just written.
  const timer = setInterval(() => {
    if (Date.now() - last >= everyMs * 0.9) line();
  }, everyMs);
  // A heartbeat never keeps the process alive on its own.
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    tick: () => {
      if (Date.now() - last >= everyMs) line();
    },
  };
}

/** Runs `work` with a heartbeat naming it (its `tick` handed over); the heartbeat stops however the work ends. */
export async function withHeartbeat<T>(
  label: string,
  work: (tick: () => void) => Promise<T>,
  write?: (line: string) => void,
  everyMs?: number,
): Promise<T> {
  const beat = startHeartbeat(() => `${label}: still working`, write, everyMs);
  try {
    return await work(beat.tick);
  } finally {
    beat.stop();
  }
}
