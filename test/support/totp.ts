/**
 * TOTP codes for tests that sign the same user in more than once. The service refuses a code from a time
 * step it has already accepted (replay protection), so a second sign-in within the same 30 seconds needs
 * the next step's code, which the service accepts within its one-step tolerance.
 */
import { currentTotpCode, TOTP_PERIOD_SECONDS } from '../../src/platform/auth/totp.ts';

const lastStep = new Map<string, number>();

export async function unusedTotpCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  let step = Math.max(now, (lastStep.get(secret) ?? -1) + 1);
  if (step > now + 1) {
    // Both this step and the next are spent: wait for time to catch up.
    await new Promise((resolve) => setTimeout(resolve, (step - 1 - now) * TOTP_PERIOD_SECONDS * 1000 + 1000));
    step = Math.max(Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS), step);
  }
  lastStep.set(secret, step);
  return currentTotpCode(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
}
