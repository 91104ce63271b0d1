/**
 * The key that seals each audit event (an HMAC over its hash). The database never holds it: a role that can
 * append to the audit table can compute a correct hash but not a seal, so a forged event is detected.
 * It is LANTERN_AUDIT_KEY when set, otherwise derived from LANTERN_SESSION_SECRET (never the secret itself).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export function auditKeyFromSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'lantern', 'audit-chain-seal', 32));
}

/** The seal of an event: hex HMAC-SHA256 of its chain hash. */
export function sealOf(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(hash).digest('hex');
}

export function sealMatches(key: Buffer, hash: string, seal: string | null): boolean {
  if (seal?.length !== 64) return false;
  return timingSafeEqual(Buffer.from(sealOf(key, hash)), Buffer.from(seal));
}
