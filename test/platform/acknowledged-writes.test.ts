/**
 * Nothing acknowledged is ever lost: a response sent from inside a transaction is held until the commit,
 * and becomes an error (with nothing saved) if the transaction fails after the handler replied.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, signIn, type TestApp } from '../support/app.ts';
import { rebuildWith } from '../support/app-with.ts';

let t: TestApp;
const routes = async (app: FastifyInstance) => {
  const access = {
    access: { permission: 'authenticated' as const, audit: 'AGENCY_CREATE', surface: 'page' as const },
  };
  app.post('/test/reply-then-fail', { config: access }, async (request, reply) =>
    request.tx(async (tx) => {
      await tx.query(
        "INSERT INTO agency (code, name, type) VALUES ('HELD-1', 'Held response agency', 'OTHER')",
      );
      reply.page('platform/views/error.njk', { title: 'Saved', message: 'Saved' });
      // The work fails after the reply was made: the user must not be told it was saved.
      await tx.query('SELECT 1 / 0');
      return reply;
    }),
  );
  app.post('/test/reply-then-commit', { config: access }, async (request, reply) =>
    request.tx(async (tx) => {
      await tx.query("INSERT INTO agency (code, name, type) VALUES ('HELD-2', 'Committed agency', 'OTHER')");
      await request.audit(tx, { subjectType: 'agency' });
      return reply.page('platform/views/error.njk', { title: 'Saved', message: 'Saved' });
    }),
  );
};

beforeAll(async () => {
  t = await rebuildWith(await createTestApp(), { plugins: [routes] });
});
afterAll(async () => {
  await t?.close();
});

describe('acknowledged writes', () => {
  it('turns a reply made inside a failing transaction into an error, with nothing saved', async () => {
    const client = await signIn(t, await createTestUser(t, ['AUDITOR']));
    await client.get('/');
    const response = await client.post('/test/reply-then-fail');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('Saved');
    expect((await t.superuserQuery("SELECT 1 FROM agency WHERE code = 'HELD-1'")).rowCount).toBe(0);
  });

  it('holds a reply made inside a transaction until the commit, so what it acknowledges is already there', async () => {
    const client = await signIn(t, await createTestUser(t, ['AUDITOR']));
    await client.get('/');
    const response = await client.post('/test/reply-then-commit');
    expect(response.statusCode).toBe(200);
    expect((await t.superuserQuery("SELECT 1 FROM agency WHERE code = 'HELD-2'")).rowCount).toBe(1);
  });
});
