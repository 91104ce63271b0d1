/**
 * Lockout with back-off: after `threshold` consecutive failures the account is locked for `baseSeconds`,
 * doubling with each further failure up to `maxSeconds`. A success resets the count.
 */
export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

export function lockedUntilAfterFailure(failures: number, policy: LockoutPolicy, now: Date): Date | null {
  if (failures < policy.threshold) return null;
  const exponent = Math.min(failures - policy.threshold, 30);
  const seconds = Math.min(policy.baseSeconds * 2 ** exponent, policy.maxSeconds);
  return new Date(now.getTime() + seconds * 1000);
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}
