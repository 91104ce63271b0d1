/**
 * Cookie names and options. `__Host-` cookies must be Secure, Path=/ and have no Domain, so the browser
 * never sends them to another host or lets a sub-domain overwrite them.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = '__Host-lantern_session';
/** Binds the CSRF token of forms shown before sign-in (sign-in itself, first-time setup). */
export const PRE_SESSION_COOKIE = '__Host-lantern_presession';
/** Holds the OpenID Connect state and PKCE verifier between the redirect and the callback. */
export const OIDC_COOKIE = '__Host-lantern_oidc';

export const COOKIE_OPTIONS: CookieSerializeOptions = {
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
};
