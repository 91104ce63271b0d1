/**
 * SECURITY 23: with the database unreachable, /readyz fails and requests get 503 (not 500, not a hang);
 * when it returns, the same app serves again without a restart.
 *
 * The app reaches PostgreSQL through a small TCP proxy started here. Stopping the proxy makes the database
 * unreachable as a network failure or a database restart would: every open connection is cut and new ones
 * are refused. Starting it again on the same port brings the database back.
 *
 * PostgreSQL only: the embedded database runs inside the process and cannot become unreachable on its own.
 * The integration-postgres project always runs this file (CI=true requires it: see global-setup.ts).
 */
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestUser, type PageClient, signIn, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/engines.ts';

/** A TCP proxy on 127.0.0.1 to the database server, that can be stopped and started again. */
class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly upstreamPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.upstreamPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Cuts every connection and refuses new ones. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

let database: TestDatabase;
let proxy: TcpProxy;
let db: Database;
let app: FastifyInstance;
let page: PageClient;
let token: string;

beforeAll(async () => {
  if (testEngine() !== 'postgres') return;
  database = await createTestDatabase();
  const direct = new URL(database.url!);
  proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
  await proxy.start();
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  db = await openDatabase({ databaseUrl: viaProxy.toString(), poolSize: 3 });
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent' });
  app = await buildApp({ config, db, logger: false });
  const t: TestApp = { ...database, db, app, config, close: async () => {} };
  const user = await createTestUser(t, ['MASH_PRACTITIONER']);
  page = await signIn(t, user);
  await page.get('/search');
  ({ secret: token } = await withTransaction(database.db, systemContext('test'), (tx) =>
    issueToken(
      tx,
      { name: 'Outage test', agencyId: user.agencyId, permissions: ['case:search'], expiresInDays: 1 },
      null,
    ),
  ));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await proxy?.stop();
  await database?.dispose();
});

/** A request that must answer within the time a person would wait, never hang. */
async function within<T>(what: string, request: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const requests: Record<string, () => Promise<LightMyRequestResponse>> = {
  'GET /readyz': () => app.inject({ method: 'GET', url: '/readyz' }),
  'GET /mash (a page)': () => page.get('/mash'),
  'POST /search (a form)': () => page.post('/search', { name: 'Smith' }),
  'POST /api/v1/people/search (the API)': () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/people/search',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { name: 'Smith' },
    }),
};

async function expectServing(): Promise<void> {
  for (const [what, request] of Object.entries(requests)) {
    const res = await within(what, request());
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(200);
  }
}

describe('the database unreachable (SECURITY 23)', () => {
  it.runIf(testEngine() === 'postgres')(
    'answers 503 to readiness, pages, forms and the API while the database is unreachable, and serves again when it returns',
    async () => {
      await expectServing();

      await proxy.stop();
      for (let round = 0; round < 2; round++) {
        const ready = await within('GET /readyz', requests['GET /readyz']!());
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toEqual({ status: 'database unreachable' });
        for (const [what, request] of Object.entries(requests).slice(1)) {
          const res = await within(what, request());
          expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(503);
          expect(res.headers['retry-after'], what).toBe('5');
          if (what.includes('API')) expect(res.json()).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
          else expect(res.body, what).toContain('Sorry, the service is unavailable');
        }
        // The process itself is alive: liveness does not depend on the database.
        expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      }

      await proxy.start();
      // The same app, the same session and token: no restart, no new sign-in.
      await expectServing();
      const mash = await page.get('/mash');
      expect(mash.body).not.toContain('Sign in');
    },
  );
});
