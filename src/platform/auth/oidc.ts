/**
 * OpenID Connect sign-in: registered only when LANTERN_OIDC_ISSUER is configured.
 *
 * `GET /sign-in/oidc` sends the browser to the provider with a fresh state, nonce and PKCE challenge (their
 * secrets travel in an encrypted, short-lived cookie); `GET /sign-in/oidc/callback` checks the state,
 * exchanges the code (PKCE and nonce checked), and maps the provider's person to a Lantern user by
 * `oidc_subject` (LANTERN_OIDC_USER_CLAIM=sub) or by verified email (=email). The provider handles MFA for
 * single sign-on accounts, so the session starts ACTIVE. Every refusal is a 401 sign-in page with a message
 * of our own (never the provider's text) and a SIGN_IN_FAILED audit event.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { appendAuditEvent } from '../audit/store.ts';
import { withTransaction } from '../db/transaction.ts';
import { authContext } from './authenticate.ts';
import { COOKIE_OPTIONS, OIDC_COOKIE, PRE_SESSION_COOKIE, SESSION_COOKIE } from './cookies.ts';
import { createOidcClient } from './oidc-client.ts';
import { OIDC_STATE_SECONDS, openOidcState, sealOidcState } from './oidc-state.ts';
import { randomToken, safeEqual } from './secrets.ts';
import { signInWithProvider } from './service.ts';
import {
  type AccountRow,
  endSession,
  findAccountByEmail,
  findAccountByOidcSubject,
} from './session-store.ts';

const publicPage = { public: { public: true, surface: 'page' } } as const;

export const OIDC_SCOPE = 'openid email profile';

export const MESSAGES = {
  notSetUp: 'Your account is not set up in Lantern: ask your administrator',
  expired: 'Your single sign-on attempt has expired or was not started from this page. Try signing in again.',
  refused: 'Single sign-on was cancelled or refused. Try again, or sign in with your username and password.',
  failed: 'Single sign-on could not be completed. Try again, or sign in with your username and password.',
} as const;

type FailureReason =
  | 'no state cookie'
  | 'state mismatch'
  | 'provider error'
  | 'provider unavailable'
  | 'code exchange failed'
  | 'no verified email'
  | 'unknown account'
  | 'disabled';

interface CallbackQuery {
  state?: unknown;
  error?: unknown;
}

/** The value to look up, from the ID token or, for email when the ID token does not carry it, userinfo. */
export function lookupKey(
  userClaim: 'sub' | 'email',
  claims: { sub: string; email?: unknown; email_verified?: unknown },
): { kind: 'sub' | 'email'; value: string } | null {
  if (userClaim === 'sub') return claims.sub ? { kind: 'sub', value: claims.sub } : null;
  const email = claims.email;
  // Only an address the provider says it has verified may identify someone.
  if (typeof email !== 'string' || !email.includes('@') || email.length > 254) return null;
  if (claims.email_verified !== true && claims.email_verified !== 'true') return null;
  return { kind: 'email', value: email };
}

export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const oidc = app.config.oidc;
  if (!oidc) return;
  const { db, config } = app;
  const provider = createOidcClient(oidc, config.production);

  // Browsers ignore a Set-Cookie for a __Host- name without Secure, so the clearing one carries the options.
  const clearOidcCookie = (reply: FastifyReply) => reply.clearCookie(OIDC_COOKIE, COOKIE_OPTIONS);

  /** The sign-in page with one message, whose form works (it needs a CSRF binding before sign-in). */
  const signInError = (request: FastifyRequest, reply: FastifyReply, message: string) => {
    if (!request.csrfBinding) {
      const binding = randomToken(24);
      reply.setCookie(PRE_SESSION_COOKIE, binding, COOKIE_OPTIONS);
      request.csrfBinding = binding;
    }
    return reply.page(
      'platform/auth/views/sign-in.njk',
      {
        title: 'Sign in',
        username: '',
        oidc: { label: oidc.label },
        errorList: [{ text: message }],
        fieldErrors: {},
      },
      401,
    );
  };

  const unavailable = (reply: FastifyReply) =>
    reply.page(
      'platform/views/error.njk',
      {
        title: 'Single sign-on is unavailable',
        message:
          'Lantern cannot reach the single sign-on service at the moment. Try again in a few minutes, or sign in with your username and password.',
      },
      503,
    );

  const auditFailure = (request: FastifyRequest, reason: FailureReason, account?: AccountRow) =>
    withTransaction(db, authContext(request.id), (tx) =>
      appendAuditEvent(tx, {
        action: 'SIGN_IN_FAILED',
        outcome: 'FAILURE',
        ...(account
          ? {
              subjectType: 'user',
              subjectId: account.id,
              actor: { userId: account.id, label: account.username, agencyId: account.agency_id },
            }
          : { actor: { userId: null, label: 'unknown account', agencyId: null } }),
        details: { method: 'OIDC', stage: 'OIDC', reason },
      }),
    );

  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reason: FailureReason,
    message: string,
    account?: AccountRow,
  ) => {
    await auditFailure(request, reason, account);
    return signInError(request, reply, message);
  };

  app.get('/sign-in/oidc', { config: publicPage }, async (request, reply) => {
    if (request.principal.kind === 'user') return reply.redirect('/', 303);
    let configuration: client.Configuration;
    try {
      configuration = await provider.configuration();
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID provider discovery failed');
      return unavailable(reply);
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUri,
      scope: OIDC_SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    reply.setCookie(OIDC_COOKIE, sealOidcState(config.sessionSecret, { state, nonce, codeVerifier }), {
      ...COOKIE_OPTIONS,
      maxAge: OIDC_STATE_SECONDS,
    });
    return reply.redirect(url.href, 302);
  });

  app.get('/sign-in/oidc/callback', { config: publicPage }, async (request, reply) => {
    const query = (request.query ?? {}) as CallbackQuery;
    const saved = openOidcState(config.sessionSecret, request.cookies[OIDC_COOKIE]);
    // The round trip's secrets are used once, whatever happens next.
    clearOidcCookie(reply);
    if (!saved) return refuse(request, reply, 'no state cookie', MESSAGES.expired);
    if (typeof query.state !== 'string' || !safeEqual(query.state, saved.state))
      return refuse(request, reply, 'state mismatch', MESSAGES.expired);
    if (query.error !== undefined) {
      request.log.info(
        { oidcError: typeof query.error === 'string' ? query.error.slice(0, 100) : 'invalid' },
        'OpenID provider returned an error',
      );
      return refuse(request, reply, 'provider error', MESSAGES.refused);
    }

    let configuration: client.Configuration;
    try {
      configuration = await provider.configuration();
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID provider discovery failed');
      await auditFailure(request, 'provider unavailable');
      return unavailable(reply);
    }

    // The callback URL as the provider saw it (the registered redirect URI), with the parameters it sent.
    const currentUrl = new URL(oidc.redirectUri);
    currentUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let claims: client.IDToken;
    let accessToken: string;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: saved.codeVerifier,
        expectedNonce: saved.nonce,
        expectedState: saved.state,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = idClaims;
      accessToken = tokens.access_token;
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID code exchange failed');
      return refuse(request, reply, 'code exchange failed', MESSAGES.failed);
    }

    let key = lookupKey(oidc.userClaim, claims);
    if (!key && oidc.userClaim === 'email') {
      // Many providers put email (and whether it is verified) only in userinfo, not in the ID token.
      try {
        const info = await client.fetchUserInfo(configuration, accessToken, claims.sub);
        key = lookupKey('email', { ...info, sub: claims.sub });
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID userinfo request failed');
        return refuse(request, reply, 'code exchange failed', MESSAGES.failed);
      }
    }
    if (!key) return refuse(request, reply, 'no verified email', MESSAGES.notSetUp);

    const lookup = key;
    const account = await withTransaction(db, authContext(request.id), (tx) =>
      lookup.kind === 'sub'
        ? findAccountByOidcSubject(tx, lookup.value)
        : findAccountByEmail(tx, lookup.value),
    );
    if (!account) return refuse(request, reply, 'unknown account', MESSAGES.notSetUp);
    if (account.disabled_at) return refuse(request, reply, 'disabled', MESSAGES.notSetUp, account);

    const sessionToken = await signInWithProvider(db, config, account.id, request.id);
    if (!sessionToken) return refuse(request, reply, 'disabled', MESSAGES.notSetUp, account);
    if (request.session)
      await withTransaction(db, authContext(request.id), (tx) =>
        endSession(tx, request.session!.tokenHash, 'REPLACED'),
      );
    reply.setCookie(SESSION_COOKIE, sessionToken, COOKIE_OPTIONS);
    return reply.redirect('/', 303);
  });
}
