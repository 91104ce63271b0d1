/** When a session has ended of its own accord: idle too long, or past its absolute lifetime. */
export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export type Expiry = 'IDLE' | 'ABSOLUTE' | null;

export function sessionExpiry(
  session: { last_seen_at: Date; absolute_expires_at: Date },
  timeouts: SessionTimeouts,
  now: Date,
): Expiry {
  if (now.getTime() >= session.absolute_expires_at.getTime()) return 'ABSOLUTE';
  if (now.getTime() - session.last_seen_at.getTime() >= timeouts.idleMinutes * 60_000) return 'IDLE';
  return null;
}

export function absoluteExpiry(now: Date, timeouts: SessionTimeouts): Date {
  return new Date(now.getTime() + timeouts.absoluteHours * 3_600_000);
}

/**
 * How stale last_seen_at may grow before a request writes it again. Writing on every request would
 * serialise a busy user's requests; but the idle timeout is measured from the last write, so a session can
 * end up to this long early. A tenth of the idle timeout (at most a minute) bounds that error at 10%: a
 * 1-minute timeout is written every 6 s, the default 30 minutes once a minute.
 */
export function touchIntervalMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 10);
}

/** Whether a request at `now` should record activity last recorded at `lastSeen`. */
export function shouldTouch(lastSeen: Date, now: Date, intervalMs = 60_000): boolean {
  return now.getTime() - lastSeen.getTime() >= intervalMs;
}
