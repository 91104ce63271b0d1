/**
 * Progress a person can see when the output is not a terminal (a log file, CI, `nohup`): a line at least
 * every ten seconds while long work runs, so that a silent load is never mistaken for a hung one (#22).
 */
export const HEARTBEAT_MS = 10_000;

export interface Heartbeat {
  stop(): void;
}

/** Writes `describe()` with the elapsed seconds every `everyMs` until stopped. */
export function startHeartbeat(
  describe: () => string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  everyMs = HEARTBEAT_MS,
): Heartbeat {
  const started = Date.now();
  const timer = setInterval(() => {
    write(`${describe()} (${Math.round((Date.now() - started) / 1000)} s)`);
  }, everyMs);
  // A heartbeat never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Runs `work` with a heartbeat naming it; the heartbeat stops however the work ends. */
export async function withHeartbeat<T>(
  label: string,
  work: () => Promise<T>,
  write?: (line: string) => void,
  everyMs?: number,
): Promise<T> {
  const beat = startHeartbeat(() => `${label}: still working`, write, everyMs);
  try {
    return await work();
  } finally {
    beat.stop();
  }
}
