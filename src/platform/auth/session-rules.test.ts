import { describe, expect, it } from 'vitest';
import { sessionExpiry, shouldTouch, touchIntervalMs } from './session-rules.ts';

const start = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const session = (lastSeenSeconds: number) => ({
  last_seen_at: at(lastSeenSeconds),
  absolute_expires_at: at(36_000),
});

/**
 * Drives a session through requests at the given seconds, as resolveSession does: end it if expired,
 * otherwise record the activity when the rule says so. Returns when it ended, or null.
 */
function simulate(idleMinutes: number, requestsAt: number[]): number | null {
  let lastSeen = at(0);
  for (const second of requestsAt) {
    const now = at(second);
    if (
      sessionExpiry(
        { last_seen_at: lastSeen, absolute_expires_at: at(36_000) },
        { idleMinutes, absoluteHours: 10 },
        now,
      )
    )
      return second;
    if (shouldTouch(lastSeen, now, touchIntervalMs(idleMinutes))) lastSeen = now;
  }
  return null;
}

describe('recording activity for the idle timeout', () => {
  it('records at a tenth of the idle timeout, at most once a minute', () => {
    expect(touchIntervalMs(1)).toBe(6_000);
    expect(touchIntervalMs(5)).toBe(30_000);
    expect(touchIntervalMs(10)).toBe(60_000);
    expect(touchIntervalMs(30)).toBe(60_000);
  });

  it('touches once the interval has passed and not before', () => {
    expect(shouldTouch(at(0), at(5), 6_000)).toBe(false);
    expect(shouldTouch(at(0), at(6), 6_000)).toBe(true);
    expect(shouldTouch(at(0), at(59), 60_000)).toBe(false);
    expect(shouldTouch(at(0), at(60), 60_000)).toBe(true);
  });

  it('keeps a 1-minute session used every 20 s alive for 3 minutes', () => {
    expect(simulate(1, [20, 40, 60, 80, 100, 120, 140, 160, 180])).toBeNull();
  });

  it('keeps a session used just inside the timeout alive, up to the 10% the interval allows', () => {
    // Requests 54 s apart (60 s less the 6 s interval) never lapse, however long it goes on.
    expect(
      simulate(
        1,
        Array.from({ length: 50 }, (_, i) => (i + 1) * 54),
      ),
    ).toBeNull();
    expect(
      simulate(
        30,
        Array.from({ length: 20 }, (_, i) => (i + 1) * 29 * 60),
      ),
    ).toBeNull();
  });

  it('ends a 1-minute session idle for 61 s, and a 30-minute one idle for 31 minutes', () => {
    expect(simulate(1, [20, 81])).toBe(81);
    expect(simulate(30, [600, 600 + 31 * 60])).toBe(600 + 31 * 60);
  });

  it('idle and absolute expiry', () => {
    const timeouts = { idleMinutes: 1, absoluteHours: 10 };
    expect(sessionExpiry(session(0), timeouts, at(59))).toBeNull();
    expect(sessionExpiry(session(0), timeouts, at(60))).toBe('IDLE');
    expect(sessionExpiry(session(36_000 - 10), timeouts, at(36_000))).toBe('ABSOLUTE');
  });
});
