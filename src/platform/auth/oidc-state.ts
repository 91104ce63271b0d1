/**
 * The OpenID Connect round trip's secrets (state, nonce, PKCE verifier) kept in a short-lived cookie,
 * encrypted and authenticated with AES-256-GCM under a key derived from the session secret for this purpose
 * only. A cookie that was altered, made with another secret, or is older than its lifetime reads as absent.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface OidcState {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Ten minutes to sign in at the provider (including its MFA) and come back. */
export const OIDC_STATE_SECONDS = 600;

const AAD = Buffer.from('lantern-oidc-state-v1');

function stateKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'lantern', 'oidc-state-cookie', 32));
}

export function sealOidcState(sessionSecret: string, value: OidcState, now = new Date()): string {
  const payload = JSON.stringify({
    s: value.state,
    n: value.nonce,
    v: value.codeVerifier,
    e: now.getTime() + OIDC_STATE_SECONDS * 1000,
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', stateKey(sessionSecret), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function openOidcState(
  sessionSecret: string,
  sealed: string | undefined,
  now = new Date(),
): OidcState | null {
  if (!sealed || sealed.length > 2000) return null;
  const parts = sealed.split('.');
  if (parts.length !== 3) return null;
  const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== 12 || tag.length !== 16 || body.length === 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', stateKey(sessionSecret), iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(plain) as Record<string, unknown>;
    const { s, n, v, e } = parsed;
    if (typeof s !== 'string' || typeof n !== 'string' || typeof v !== 'string' || typeof e !== 'number')
      return null;
    if (e <= now.getTime()) return null;
    return { state: s, nonce: n, codeVerifier: v };
  } catch {
    return null;
  }
}
