/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s), accepting one step of clock drift either way and
 * refusing a code whose time step was already used (no replay within the window).
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Lantern', label: username, secret });
}

export function currentTotpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Returns the time step the code belongs to, or null when the code is wrong or already used. */
export async function checkTotp(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  at: Date = new Date(),
): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(at.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: TOTP_PERIOD_SECONDS });
  if (!result.valid) return null;
  const step = Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}
