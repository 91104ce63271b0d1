/** Test apps built with more than app.ts gives: routes, a config or a logger that exist only for a test. */
import type { FastifyPluginAsync } from 'fastify';
import { type BuildOptions, buildApp } from '../../src/app.ts';
import type { Config } from '../../src/platform/config.ts';
import { type TestApp, testAppOf } from './app.ts';

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
