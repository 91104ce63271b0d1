import { describe, expect, it } from 'vitest';
import { isLocked, lockedUntilAfterFailure } from './lockout.ts';

const policy = { threshold: 5, baseSeconds: 60, maxSeconds: 3600 };
const now = new Date('2026-03-02T10:00:00Z');

describe('lockout with back-off', () => {
  it('does not lock before the threshold', () => {
    expect(lockedUntilAfterFailure(4, policy, now)).toBeNull();
  });

  it('locks at the threshold and doubles the wait with each further failure, up to the maximum', () => {
    const seconds = (n: number) =>
      (lockedUntilAfterFailure(n, policy, now)!.getTime() - now.getTime()) / 1000;
    expect(seconds(5)).toBe(60);
    expect(seconds(6)).toBe(120);
    expect(seconds(7)).toBe(240);
    expect(seconds(20)).toBe(3600);
    expect(seconds(500)).toBe(3600);
  });

  it('a lock ends when its time has passed', () => {
    const until = lockedUntilAfterFailure(5, policy, now)!;
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, new Date(until.getTime() + 1))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
