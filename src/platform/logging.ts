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

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> & object {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
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
