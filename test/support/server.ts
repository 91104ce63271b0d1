/**
 * The real app listening on a random localhost port, on a fresh test database, for browser tests.
 *
 * The base URL uses the name `localhost`, not 127.0.0.1: the session cookies are `__Host-` and Secure, and
 * Chromium keeps Secure cookies over plain http only on a potentially trustworthy origin, which
 * http://localhost is (http://127.0.0.1 is too, but the name is what a person types and what
 * LANTERN_BASE_URL defaults to).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import { createTestDatabase, type TestDatabase } from './engines.ts';

export interface TestServer extends TestDatabase {
  app: FastifyInstance;
  config: Config;
  /** Like http://localhost:41234, without a trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

const BUILD = join(import.meta.dirname, '..', '..', 'public', 'build');

/**
 * Pages link /assets/build/lantern.css and govuk-frontend.min.js, which `npm test` builds first (pretest).
 * A browser test run on its own (npx vitest ...) builds them here when they are missing.
 */
async function ensureAssets(): Promise<void> {
  if (['lantern.css', 'govuk-frontend.min.js', 'favicon.svg'].every((f) => existsSync(join(BUILD, f))))
    return;
  await import('../../scripts/build-assets.mjs');
}

/** A server on a fresh test database, or on the one `database` makes (a filled copy, say). */
export async function startTestServer(
  env: Record<string, string> = {},
  makeDatabase: () => Promise<TestDatabase> = createTestDatabase,
): Promise<TestServer> {
  await ensureAssets();
  const database = await makeDatabase();
  let app: FastifyInstance | null = null;
  try {
    // A generous sign-in limit: one browser signs in several times from one address.
    const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent', ...env });
    app = await buildApp({ config, db: database.db, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://localhost:${port}`;
    config.baseUrl = baseUrl;
    const server = app;
    return {
      ...database,
      app: server,
      config,
      baseUrl,
      async close() {
        await server.close();
        await database.dispose();
      },
    };
  } catch (error) {
    await app?.close();
    await database.dispose();
    throw error;
  }
}
