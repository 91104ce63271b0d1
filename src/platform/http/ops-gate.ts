/**
 * /metrics, the API documentation and the OpenAPI document describe the service's inside: they answer only
 * to the configured internal addresses or the operations token (platform/ops-access.ts), and to anyone
 * else exactly like a page that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import { opsGate } from '../ops-access.ts';
import { NotFoundError } from './errors.ts';

const GATED = [/^\/metrics(\?|$)/, /^\/api\/docs(\/|\?|$)/, /^\/api\/v1\/openapi\.json(\?|$)/];

export function installOpsGate(app: FastifyInstance): void {
  const allowed = opsGate(app.config.ops);
  app.addHook('onRequest', async (request) => {
    if (!GATED.some((pattern) => pattern.test(request.url))) return;
    if (!allowed(request.ip, request.headers.authorization)) throw new NotFoundError();
  });
}
