/** Turns every failure into a response that helps the person and leaks nothing. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAuditEvent } from '../audit/store.ts';
import { DatabaseUnavailableError } from '../db/transaction.ts';
import { AccessDeniedError, DeniedFieldError, type FieldError, ForbiddenError, HttpError } from './errors.ts';

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/readyz';
}

function fieldFromPath(instancePath: string, missing?: unknown): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (typeof missing === 'string') return path ? `${path}.${missing}` : missing;
  return path || 'body';
}

function validationDetails(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const field = fieldFromPath(v.instancePath, params['missingProperty'] ?? params['additionalProperty']);
    let message = v.message ?? 'is not valid';
    if (params['additionalProperty']) message = 'is not a recognised field';
    return { field, message: `${field} ${message}` };
  });
}

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P03',
  '08006',
  '08001',
]);

function isDatabaseDown(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? '';
  return (
    (code !== undefined && DB_DOWN_CODES.has(code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: { error: string; message: string; details: FieldError[] },
  title: string,
): void {
  reply.status(status);
  if (wantsJson(request) || reply.getHeader('content-type')?.toString().includes('json')) {
    void reply.type('application/json').send({ ...body, correlationId: request.id });
    return;
  }
  reply.page('platform/views/error.njk', { title, message: body.message, correlationId: request.id }, status);
}

/**
 * A record out of scope, or a permission a handler found missing (the route's own permission check audits
 * its denials itself). The request's transaction has rolled back; the denial is recorded on its own.
 */
export async function auditDenial(
  request: FastifyRequest,
  error: AccessDeniedError | ForbiddenError,
): Promise<void> {
  const subject =
    error instanceof AccessDeniedError
      ? { subjectType: error.subjectType, subjectId: error.subjectId, reason: error.reason }
      : { reason: 'NO_PERMISSION' };
  const { reason, ...about } = subject;
  await request.tx((tx) =>
    appendAuditEvent(tx, {
      action: 'ACCESS_DENIED',
      outcome: 'DENIED',
      ...about,
      details: { reason, route: `${request.method} ${request.routeOptions.url ?? ''}` },
    }),
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const denial = error instanceof DeniedFieldError ? error.denial : error;
    if (denial instanceof AccessDeniedError || (denial instanceof ForbiddenError && !denial.audited)) {
      try {
        await auditDenial(request, denial);
      } catch (auditError) {
        request.log.error({ err: auditError }, 'could not audit an access denial');
      }
    }
    if (error instanceof HttpError) {
      const titles: Record<number, string> = {
        400: 'There is a problem',
        403: 'You do not have permission to see this page',
        404: 'Page not found',
        409: 'There is a problem',
      };
      return send(
        request,
        reply,
        error.statusCode,
        { error: error.code, message: error.message, details: error.details },
        titles[error.statusCode] ?? 'There is a problem',
      );
    }
    if (error.validation) {
      return send(
        request,
        reply,
        400,
        {
          error: 'VALIDATION_FAILED',
          message: 'There is a problem with what was sent',
          details: validationDetails(error),
        },
        'There is a problem',
      );
    }
    if (isDatabaseDown(error)) {
      request.log.error({ err: { message: error.message, code: error.code } }, 'database unavailable');
      reply.header('Retry-After', '5');
      return send(
        request,
        reply,
        503,
        {
          error: 'SERVICE_UNAVAILABLE',
          message: 'The service is unavailable. Try again in a few minutes.',
          details: [],
        },
        'Sorry, the service is unavailable',
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type): say what, not how.
      const messages: Record<number, string> = {
        413: 'The request is too large',
        415: 'Send the request body as application/json',
        429: 'Too many requests: wait a minute and try again',
      };
      return send(
        request,
        reply,
        status,
        {
          error: error.code ?? 'BAD_REQUEST',
          message: messages[status] ?? 'The request could not be understood',
          details: [],
        },
        'There is a problem',
      );
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(
      request,
      reply,
      500,
      {
        error: 'INTERNAL_ERROR',
        message: 'Sorry, there is a problem with the service. Try again later.',
        details: [],
      },
      'Sorry, there is a problem with the service',
    );
  });

  app.setNotFoundHandler(async (request, reply) =>
    send(
      request,
      reply,
      404,
      { error: 'NOT_FOUND', message: 'Page not found', details: [] },
      'Page not found',
    ),
  );
}
