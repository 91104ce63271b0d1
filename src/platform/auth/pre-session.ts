import type { FastifyReply, FastifyRequest } from 'fastify';
import { COOKIE_OPTIONS, PRE_SESSION_COOKIE } from './cookies.ts';
import { randomToken } from './secrets.ts';

/** Forms shown before sign-in bind their CSRF token to a random pre-session cookie. */
export function ensurePreSession(request: FastifyRequest, reply: FastifyReply): void {
  if (request.csrfBinding) return;
  const value = randomToken(24);
  reply.setCookie(PRE_SESSION_COOKIE, value, COOKIE_OPTIONS);
  request.csrfBinding = value;
}
