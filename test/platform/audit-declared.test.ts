/**
 * A route that declares an audit action must write it (issue 12): a route that succeeds without committing
 * an audit event is recorded as a gap, logged, and fails the test file that exercised it (the harness's
 * close() throws). Refusals and failures are not gaps: they write their own events.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

const declared = { permission: 'case:read', audit: 'TEST_RECORD_VIEWED', surface: 'api' } as const;

const probeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/v1/probe/audited', { config: { access: declared } }, async (request) =>
    request.tx(async (tx) => {
      await request.audit(tx, { subjectType: 'probe', subjectId: 'audited' });
      return { ok: true };
    }),
  );
  app.get('/api/v1/probe/forgets-audit', { config: { access: declared } }, async (request) =>
    request.tx(async () => ({ ok: true })),
  );
  app.get('/api/v1/probe/fails', { config: { access: declared } }, async (_request, reply) =>
    reply.code(409).send({ error: 'CONFLICT', message: 'nothing happened' }),
  );
  app.get(
    '/api/v1/probe/declares-none',
    { config: { access: { ...declared, audit: 'none' } } },
    async () => ({ ok: true }),
  );
};

let database: TestDatabase;
let app: FastifyInstance;
let secret: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    db: database.db,
    logger: false,
    plugins: [probeRoutes],
  });
  const agency = await database.superuserQuery(
    `INSERT INTO agency (name, code, type, area) VALUES ('Probe agency', 'PROBE', 'POLICE', 'LANCASHIRE')
     RETURNING id`,
  );
  ({ secret } = await withTransaction(database.db, systemContext('test'), (tx) =>
    issueToken(
      tx,
      { name: 'Probe', agencyId: agency.rows[0]!.id as string, permissions: ['case:read'], expiresInDays: 1 },
      null,
    ),
  ));
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

const call = (url: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });

describe('a route is held to the audit action it declares', () => {
  it('records no gap when the route writes its event', async () => {
    expect((await call('/api/v1/probe/audited')).statusCode).toBe(200);
    expect(app.auditGaps).toEqual([]);
  });

  it('records a gap naming the route when it succeeds without writing one', async () => {
    expect((await call('/api/v1/probe/forgets-audit')).statusCode).toBe(200);
    expect(app.auditGaps).toEqual([
      'GET /api/v1/probe/forgets-audit answered 200 without writing TEST_RECORD_VIEWED',
    ]);
    app.auditGaps.length = 0;
  });

  it('records no gap for a refusal or failure, nor for a route that declares none', async () => {
    expect((await call('/api/v1/probe/fails')).statusCode).toBe(409);
    expect((await call('/api/v1/probe/declares-none')).statusCode).toBe(200);
    expect(app.auditGaps).toEqual([]);
  });
});
