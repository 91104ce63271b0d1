/**
 * CSRF tokens for every state-changing form: an HMAC of the session (or, before sign-in, of a random
 * pre-session cookie). Stateless, so any app instance can check any form.
 */
import { hmac, safeEqual } from './secrets.ts';

export function csrfToken(secret: string, binding: string): string {
  return hmac(secret, `csrf:${binding}`);
}

export function csrfValid(secret: string, binding: string | null, submitted: unknown): boolean {
  if (!binding || typeof submitted !== 'string' || submitted.length > 200) return false;
  return safeEqual(csrfToken(secret, binding), submitted);
}
