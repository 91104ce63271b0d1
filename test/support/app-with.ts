/**
 * An app with a module's routes, whether or not app.ts registers them yet: modules move in parallel, and a
 * test of a module's pages must not depend on the composition root having caught up.
 */
import type { FastifyPluginAsync } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createTestApp, type TestApp } from './app.ts';

export async function createAppWith(probeUrl: string, plugins: FastifyPluginAsync[]): Promise<TestApp> {
  const t = await createTestApp();
  if (t.app.declaredRoutes.some((r) => r.url === probeUrl)) return t;
  await t.app.close();
  const app = await buildApp({ config: t.config, db: t.db, logger: false, plugins });
  return {
    ...t,
    app,
    async close() {
      await app.close();
      await t.dispose();
    },
  };
}
