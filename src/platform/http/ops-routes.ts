/** Operational endpoints: liveness, readiness (database reachable, migrations applied) and metrics. */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { migrationsCurrent } from '../db/migrate.ts';

const READINESS_DEADLINE_MS = 2000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function opsRoutes(app: FastifyInstance): Promise<void> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'lantern_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the URL: URLs must not become metric labels.
    requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const ops = { public: { public: true, surface: 'ops' } } as const;
  app.get('/healthz', { config: ops, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: ops, schema: { hide: true } }, async (_request, reply) => {
    try {
      // A database that accepts connections but answers nothing (a network partition) must fail the
      // readiness check, not hang it: the load balancer then stops sending traffic here.
      await withDeadline(app.db.pool.query('SELECT 1'), READINESS_DEADLINE_MS);
      const current = await withDeadline(migrationsCurrent(app.db), READINESS_DEADLINE_MS);
      if (!current) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
  app.get('/metrics', { config: ops, schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
