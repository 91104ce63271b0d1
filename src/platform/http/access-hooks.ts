/**
 * The request pipeline's checks, in order: who is calling (session or token), whether the route's declared
 * permission is held, JSON-only for the API, and a valid CSRF token on every page write.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, principalKey } from '../access/principal.ts';
import { type AuditInput, appendAuditEvent } from '../audit/store.ts';
import { resolveBearer, resolveSession } from '../auth/authenticate.ts';
import { COOKIE_OPTIONS, PRE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/cookies.ts';
import { csrfToken, csrfValid } from '../auth/csrf.ts';
import { type DbContext, withTransaction } from '../db/transaction.ts';
import { ForbiddenError, HttpError } from './errors.ts';

import type { RouteAccess } from './route-access.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function contextOf(request: FastifyRequest): DbContext {
  const p = request.principal;
  return {
    userId: p.userId,
    agencyId: p.agencyId,
    teamIds: p.teamIds,
    areas: p.areas,
    permissions: p.permissions,
    purpose: 'request',
    correlationId: request.id,
    principalKey: principalKey(p),
    actorLabel: p.label,
  };
}

function surfaceOf(request: FastifyRequest): 'page' | 'api' | 'ops' {
  const config = request.routeOptions.config;
  return (
    config.access?.surface ?? config.public?.surface ?? (request.url.startsWith('/api/') ? 'api' : 'page')
  );
}

export function installAccessHooks(app: FastifyInstance): void {
  app.decorateRequest('principal', null as unknown as typeof ANONYMOUS);
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
  });
  app.decorateRequest('session', null);
  app.decorateRequest('csrfBinding', null);
  app.decorateRequest('auditCount', 0);
  app.decorateRequest('tx', function <T>(this: FastifyRequest, work: Parameters<FastifyRequest['tx']>[0]) {
    return withTransaction(app.db, contextOf(this), work) as Promise<T>;
  });
  app.decorateRequest('audit', async function (this: FastifyRequest, tx, input: Partial<AuditInput> = {}) {
    const declared = this.routeOptions.config.access?.audit;
    const action = input.action ?? (declared && declared !== 'none' ? declared : undefined);
    if (!action) throw new Error(`${this.method} ${this.routeOptions.url} has no audit action to write`);
    await appendAuditEvent(tx, { ...input, action });
    this.auditCount += 1;
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
    if (access.permission === 'authenticated' || principal.permissions.has(access.permission)) return;
    await withTransaction(app.db, contextOf(request), (tx) =>
      appendAuditEvent(tx, {
        action: 'ACCESS_DENIED',
        outcome: 'DENIED',
        details: { route: `${request.method} ${request.routeOptions.url}`, permission: access.permission },
      }),
    );
    throw new ForbiddenError();
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
    if (statusCode) this.status(statusCode);
    return this.type('text/html; charset=utf-8').send(html);
  });
}
