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

/** Writing last_seen on every request would serialise busy users' requests; once a minute is enough. */
export function shouldTouch(lastSeen: Date, now: Date): boolean {
  return now.getTime() - lastSeen.getTime() > 60_000;
}
