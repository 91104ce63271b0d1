import { describe, expect, it } from 'vitest';
import { allowsInsecureIssuer } from './oidc-client.ts';
import { OIDC_STATE_SECONDS, openOidcState, sealOidcState } from './oidc-state.ts';

const SECRET = 'a-session-secret-for-the-oidc-state-tests-0123456789';
const VALUE = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' };

describe('OIDC state cookie', () => {
  it('opens what it sealed, and hides the values', () => {
    const sealed = sealOidcState(SECRET, VALUE);
    expect(sealed).not.toContain('state-1');
    expect(sealed).not.toContain('verifier-1');
    expect(openOidcState(SECRET, sealed)).toEqual(VALUE);
  });

  it('reads an altered, foreign, expired or malformed cookie as absent', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const sealed = sealOidcState(SECRET, VALUE, now);
    const [iv, tag, body] = sealed.split('.') as [string, string, string];
    // A character in the middle (every bit of it counts, unlike the last one of unpadded base64).
    const mid = Math.floor(body.length / 2);
    const flipped = `${body.slice(0, mid)}${body[mid] === 'A' ? 'B' : 'A'}${body.slice(mid + 1)}`;
    expect(openOidcState(SECRET, [iv, tag, flipped].join('.'), now)).toBeNull();
    expect(openOidcState(`${SECRET}-other`, sealed, now)).toBeNull();
    expect(openOidcState(SECRET, sealed, new Date(now.getTime() + OIDC_STATE_SECONDS * 1000))).toBeNull();
    expect(openOidcState(SECRET, sealed, new Date(now.getTime() + 1000))).toEqual(VALUE);
    for (const junk of [undefined, '', 'a.b', 'a.b.c', '...', 'x'.repeat(3000)])
      expect(openOidcState(SECRET, junk, now)).toBeNull();
  });
});

describe('insecure (http) issuers', () => {
  it('are allowed only on this machine and never in production', () => {
    expect(allowsInsecureIssuer(new URL('http://127.0.0.1:4000'), false)).toBe(true);
    expect(allowsInsecureIssuer(new URL('http://localhost:4000/realms/x'), false)).toBe(true);
    expect(allowsInsecureIssuer(new URL('http://[::1]:4000'), false)).toBe(true);
    expect(allowsInsecureIssuer(new URL('http://127.0.0.1:4000'), true)).toBe(false);
    expect(allowsInsecureIssuer(new URL('http://idp.example.org'), false)).toBe(false);
    expect(allowsInsecureIssuer(new URL('http://localhost.example.org'), false)).toBe(false);
    expect(allowsInsecureIssuer(new URL('https://idp.example.org'), false)).toBe(false);
  });
});
