import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { isPermission } from '../../src/platform/access/permissions.ts';
import { loadConfig } from '../../src/platform/config.ts';
import {
  PUBLIC_PLUGIN_PREFIXES,
  PUBLIC_ROUTES,
  RouteDeclarationError,
} from '../../src/platform/http/route-access.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

describe('default deny: every route declares its access (SECURITY 4)', () => {
  it('every registered route declares a permission and audit action, or is public; anonymous calls to the rest are refused', async () => {
    const app = await buildApp({ config: loadConfig({}), db: database.db, logger: false });
    try {
      expect(app.declaredRoutes.length).toBeGreaterThan(15);
      for (const route of app.declaredRoutes) {
        const access = route.config?.access;
        if (route.config?.public) continue;
        expect(access, `${route.method} ${route.url}`).toBeDefined();
        const declared = access!.permission;
        expect(declared === 'authenticated' || [declared].flat().every((p) => isPermission(p))).toBe(true);
        expect(access!.audit).toMatch(/^(none|[A-Z][A-Z0-9_]+)$/);
        // No principal: every declared route answers with a redirect to sign-in (pages) or 401 (API).
        const url = route.url
          .replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000')
          .replace('*', 'x');
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          ...(route.method === 'GET' ? {} : { payload: {}, headers: { 'content-type': 'application/json' } }),
        });
        const expected = access!.surface === 'api' ? [401] : [303];
        expect(expected, `${route.method} ${route.url} answered ${response.statusCode}`).toContain(
          response.statusCode,
        );
      }
    } finally {
      await app.close();
    }
  });

  it('refuses to build when a route has no declaration, naming it', async () => {
    const undeclared = async (app: FastifyInstance) => {
      app.get('/undeclared', async () => 'hello');
    };
    await expect(
      buildApp({ config: loadConfig({}), db: database.db, logger: false, plugins: [undeclared] }),
    ).rejects.toThrow(/GET \/undeclared declares no permission and audit action/);
  });

  it('refuses a route that calls itself public but is not on the public list, or names an unknown permission', async () => {
    const fakePublic = async (app: FastifyInstance) => {
      app.get('/sneaky', { config: { public: { public: true, surface: 'page' } } }, async () => 'x');
    };
    await expect(
      buildApp({ config: loadConfig({}), db: database.db, logger: false, plugins: [fakePublic] }),
    ).rejects.toThrow(RouteDeclarationError);
    const unknown = async (app: FastifyInstance) => {
      app.get(
        '/odd',
        { config: { access: { permission: 'case:everything' as never, audit: 'VIEW', surface: 'page' } } },
        async () => 'x',
      );
    };
    await expect(
      buildApp({ config: loadConfig({}), db: database.db, logger: false, plugins: [unknown] }),
    ).rejects.toThrow(/unknown permission/);
  });

  it('the public list is short and holds nothing that reads case data', () => {
    expect(PUBLIC_ROUTES.size).toBeLessThanOrEqual(20);
    for (const route of PUBLIC_ROUTES)
      expect(route).toMatch(
        /^(GET|POST) \/(healthz|readyz|metrics|sign-in|setup|signed-out|api\/v1\/openapi\.json)/,
      );
    expect(PUBLIC_PLUGIN_PREFIXES).toEqual(['/assets/build/', '/api/docs']);
    expect(isPermission('admin:users')).toBe(true);
  });
});
