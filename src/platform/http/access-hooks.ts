/**
 * The request pipeline's checks, in order: who is calling (session or token), whether the route's declared
 * permission is held, JSON-only for the API, and a valid CSRF token on every page write.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayUseRoute } from '../access/policy.ts';
import { ANONYMOUS, contextFor } from '../access/principal.ts';
import { type AuditInput, appendAuditEvent } from '../audit/store.ts';
import { resolveBearer, resolveSession } from '../auth/authenticate.ts';
import { COOKIE_OPTIONS, PRE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/cookies.ts';
import { csrfToken, csrfValid } from '../auth/csrf.ts';
import { type DbContext, withTransaction } from '../db/transaction.ts';
import { ForbiddenError, HttpError } from './errors.ts';

import type { RouteAccess } from './route-access.ts';
import { DEFERRED_REPLY, isDeferred, TransactionTracker } from './transaction-tracker.ts';

/** Each request's reply, so that request.tx can hand back the reply it sent after the commit. */
const replies = new WeakMap<FastifyRequest, FastifyReply>();

function replyOf(request: FastifyRequest): FastifyReply | undefined {
  return replies.get(request);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function contextOf(request: FastifyRequest): DbContext {
  return { ...contextFor(request.principal, request.id), auditTally: request.auditTally };
}

function surfaceOf(request: FastifyRequest): 'page' | 'api' | 'ops' {
  const config = request.routeOptions.config;
  return (
    config.access?.surface ?? config.public?.surface ?? (request.url.startsWith('/api/') ? 'api' : 'page')
  );
}

export function installAccessHooks(app: FastifyInstance): void {
  app.decorateRequest('principal', null as unknown as typeof ANONYMOUS);
  app.decorate('auditGaps', [] as string[]);
  app.decorateRequest('auditTally', null as unknown as { committed: number });
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    request.auditTally = { committed: 0 };
  });
  // A route that declares an audit action and succeeds must have committed at least one audit event
  // (refusals and failures write their own). A gap is logged, and kept for the tests to fail on.
  app.addHook('onResponse', async (request, reply) => {
    const declared = request.routeOptions.config.access?.audit;
    if (!declared || declared === 'none' || reply.statusCode >= 400) return;
    // An anonymous caller was sent to sign in: nothing was read or done.
    if (request.principal.kind === 'anonymous') return;
    if (request.auditTally.committed > 0) return;
    const route = `${request.method} ${request.routeOptions.url}`;
    app.auditGaps.push(`${route} answered ${reply.statusCode} without writing ${declared}`);
    request.log.error({ route, declared }, 'a route completed without writing its declared audit event');
  });
  app.decorateRequest('session', null);
  app.decorateRequest('csrfBinding', null);
  app.decorateRequest('transactions', null);
  app.decorateRequest('tx', async function <
    T,
  >(this: FastifyRequest, work: Parameters<FastifyRequest['tx']>[0]) {
    if (!this.transactions) this.transactions = new TransactionTracker();
    const state = this.transactions;
    state.opened();
    let result: T;
    try {
      result = (await withTransaction(app.db, contextOf(this), work)) as T;
    } catch (error) {
      // What was made for the user inside a failed transaction is never sent.
      state.pending = null;
      throw error;
    } finally {
      state.closed();
    }
    // A page or redirect made inside the transaction is sent now that it has committed.
    if (state.open === 0 && state.pending) {
      const send = state.pending;
      state.pending = null;
      send();
    }
    return (isDeferred(result) ? replyOf(this) : result) as T;
  });
  // Nothing is acknowledged before it is committed: reply.page and reply.redirect inside request.tx are
  // deferred until the commit (above); any other response sent from inside a transaction is a bug.
  app.addHook('onSend', async (request) => {
    if ((request.transactions?.open ?? 0) > 0) {
      throw new Error(
        `${request.method} ${request.routeOptions.url} replied before its transaction committed`,
      );
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const redirect = reply.redirect.bind(reply);
    (reply as unknown as { redirect: typeof redirect }).redirect = ((url: string, code?: number) => {
      const state = request.transactions;
      if (state && state.open > 0) {
        state.pending = () => void redirect(url, code);
        return DEFERRED_REPLY;
      }
      return redirect(url, code);
    }) as typeof redirect;
    replies.set(request, reply);
  });
  app.decorateRequest('audit', async function (this: FastifyRequest, tx, input: Partial<AuditInput> = {}) {
    const declared = this.routeOptions.config.access?.audit;
    const action = input.action ?? (declared && declared !== 'none' ? declared : undefined);
    if (!action) throw new Error(`${this.method} ${this.routeOptions.url} has no audit action to write`);
    await appendAuditEvent(tx, { ...input, action });
  });

  // These checks run at preParsing: after the route's rate limit (a route-level onRequest hook) has
  // counted the request, and before any body is read.
  // Who is calling. Pages use the session cookie only; the API uses bearer tokens only.
  app.addHook('preParsing', async (request, reply) => {
    const surface = surfaceOf(request);
    if (surface === 'ops') return;
    if (surface === 'api') {
      request.principal = await resolveBearer(app.db, request.headers.authorization, request.id);
      return;
    }
    const caller = await resolveSession(app.db, app.config, request.cookies[SESSION_COOKIE], request.id);
    request.principal = caller.principal;
    request.session = caller.session;
    if (caller.session) {
      request.csrfBinding = caller.session.tokenHash;
    } else {
      request.csrfBinding = request.cookies[PRE_SESSION_COOKIE] ?? null;
      if (!caller.session && request.cookies[SESSION_COOKIE])
        reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
    }
  });

  // Whether the declared permission is held. Denials are audited.
  app.addHook('preParsing', async (request, reply) => {
    const access: RouteAccess | undefined = request.routeOptions.config.access;
    if (!access) return;
    const principal = request.principal;
    if (principal.kind === 'anonymous') {
      if (access.surface === 'api') {
        reply.header('WWW-Authenticate', 'Bearer');
        throw new HttpError(
          401,
          'UNAUTHENTICATED',
          'Send a valid API token as "Authorization: Bearer <token>"',
        );
      }
      return reply.redirect('/sign-in', 303);
    }
    if (mayUseRoute(principal, access.permission)) return;
    await withTransaction(app.db, contextOf(request), (tx) =>
      appendAuditEvent(tx, {
        action: 'ACCESS_DENIED',
        outcome: 'DENIED',
        details: { route: `${request.method} ${request.routeOptions.url}`, permission: access.permission },
      }),
    );
    throw new ForbiddenError(undefined, true);
  });

  // The API takes only JSON bodies.
  app.addHook('preParsing', async (request) => {
    if (surfaceOf(request) !== 'api' || !WRITE_METHODS.has(request.method)) return;
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json(\s*;|$)/i.test(type)) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
    }
  });

  // Every state-changing form carries a CSRF token bound to the session (or pre-session).
  app.addHook('preHandler', async (request) => {
    if (surfaceOf(request) !== 'page' || !WRITE_METHODS.has(request.method)) return;
    const submitted = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
    if (!csrfValid(app.config.sessionSecret, request.csrfBinding, submitted)) {
      throw new HttpError(
        403,
        'CSRF_FAILED',
        'This form has expired or was not sent from Lantern. Go back, reload the page and try again.',
      );
    }
  });

  app.decorateReply('page', function (this: FastifyReply, template: string, data = {}, statusCode?: number) {
    const request = this.request;
    const binding = request.csrfBinding;
    const html = app.views.render(
      template,
      {
        principal: request.principal,
        cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script ?? '',
        csrfToken: binding ? csrfToken(app.config.sessionSecret, binding) : null,
        demo: app.config.demo,
        currentPath: request.url.split('?')[0] ?? '/',
      },
      data,
    );
    const send = () => {
      if (statusCode) this.status(statusCode);
      return this.type('text/html; charset=utf-8').send(html);
    };
    const state = request.transactions;
    if (state && state.open > 0) {
      state.pending = () => void send();
      return DEFERRED_REPLY;
    }
    return send();
  });
}
