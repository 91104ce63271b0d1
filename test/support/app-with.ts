/**
 * Test apps built with more than app.ts gives: a module's routes whether or not app.ts registers them yet
 * (modules move in parallel, and a test of a module's pages must not depend on the composition root having
 * caught up), or routes and a logger that exist only for a test.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type BuildOptions, buildApp } from '../../src/app.ts';
import type { Config } from '../../src/platform/config.ts';
import { createTestApp, type TestApp, testAppOf } from './app.ts';

export async function createAppWith(probeUrl: string, plugins: FastifyPluginAsync[]): Promise<TestApp> {
  const t = await createTestApp();
  if (t.app.declaredRoutes.some((r) => r.url === probeUrl)) return t;
  return rebuildWith(t, { plugins });
}

/** The test app rebuilt on the same database, with these routes, another config or a logger. */
export async function rebuildWith(
  base: TestApp,
  options: { plugins?: FastifyPluginAsync[]; config?: Config; logger?: BuildOptions['logger'] },
): Promise<TestApp> {
  await base.app.close();
  const config = options.config ?? base.config;
  const app = await buildApp({
    config,
    db: base.db,
    logger: options.logger ?? false,
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  // Closing it disposes of the database the base app was built on.
  return testAppOf(base, app, config);
}
