/**
 * TOTP codes for tests that sign the same user in more than once. The service refuses a code from a time
 * step it has already accepted (replay protection), so a second sign-in within the same 30 seconds needs
 * the next step's code, which the service accepts within its one-step tolerance.
 */
import { currentTotpCode, TOTP_PERIOD_SECONDS } from '../../src/platform/auth/totp.ts';

const lastStep = new Map<string, number>();

/**
 * A code the service will accept. `lastUsedStep`, where the caller can read it from the database
 * (`app_user.totp_last_step`), is what the service itself will compare with; without it, the steps this
 * process has used are remembered per secret. Reading it matters where a database was copied: a user
 * signed in on the original and on each copy has used the same step only once in each.
 */
export async function unusedTotpCode(secret: string, lastUsedStep?: number | null): Promise<string> {
  const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  const used = lastUsedStep === undefined ? lastStep.get(secret) : lastUsedStep;
  let step = Math.max(now, (used ?? -1) + 1);
  if (step > now + 1) {
    // Both this step and the next are spent: wait for time to catch up.
    await new Promise((resolve) => setTimeout(resolve, (step - 1 - now) * TOTP_PERIOD_SECONDS * 1000 + 1000));
    step = Math.max(Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS), step);
  }
  lastStep.set(secret, step);
  return currentTotpCode(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
}
