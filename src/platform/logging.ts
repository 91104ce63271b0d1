/**
 * Logs never carry personal data, tokens or cookies: request logs record method, route pattern, status and
 * correlation id only (never the query string or body), and known sensitive keys are redacted wherever
 * they appear.
 */
import type { FastifyServerOptions } from 'fastify';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.totp',
  '*.code',
  '*.secret',
  '*.sessionSecret',
  '*.name',
  '*.forename',
  '*.surname',
  '*.dateOfBirth',
  '*.dob',
  '*.postcode',
  '*.address',
  '*.nhsNumber',
  '*.email',
];

/** A SQLSTATE: five digits or capitals. Errors from the database carry one. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Errors are logged by type, code and stack. A database error's message, detail, hint and context can
 * quote the values that failed (a name, a date of birth), so for those only the SQLSTATE and the schema
 * object involved are kept, and the stack loses its first line (which repeats the message).
 */
interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function safeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'not an Error', stack: '' };
  const e = error as Error & Record<string, unknown>;
  const code = typeof e['code'] === 'string' ? e['code'] : undefined;
  if (code && SQLSTATE.test(code)) {
    return {
      type: e.name,
      message: `database error ${code}`,
      // Not `code`: that key is redacted everywhere (it names TOTP codes in request bodies).
      sqlstate: code,
      severity: e['severity'],
      constraint: e['constraint'],
      table: e['table'],
      column: e['column'],
      routine: e['routine'],
      stack: (e.stack ?? '').split('\n').slice(1).join('\n'),
    };
  }
  return { type: e.name, code, message: e.message, stack: e.stack ?? '' };
}

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> & object {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      err: safeError,
      req(request: { method: string; routeOptions?: { url?: string }; id: string }) {
        // The route pattern, not the URL: a URL may carry an id that identifies a child.
        return { method: request.method, route: request.routeOptions?.url ?? 'unmatched', id: request.id };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
