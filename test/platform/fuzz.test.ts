/**
 * Random and malformed requests to every route never produce a 5xx (SECURITY 22), whoever sends them:
 * nobody, a signed-in user holding every role, or an API token with every grantable permission. The junk
 * includes NUL, unpaired surrogates, overlong strings and text from every Unicode plane, and the audit
 * chain still verifies afterwards (SECURITY 26).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { ROLE_NAMES, TOKEN_GRANTABLE } from '../../src/platform/access/permissions.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTestApp, createTestUser, signIn } from '../support/app.ts';

let t: TestApp;
let page: PageClient;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ LANTERN_API_RATE_LIMIT: '100000' });
  const { agencyId, teamId } = await createAgencyWithTeam(t, { area: 'BLACKPOOL' });
  const user = await createTestUser(t, [...ROLE_NAMES], { agencyId, teamIds: [teamId] });
  page = await signIn(t, user);
  await page.get('/');
  token = (
    await withTransaction(t.db, systemContext('test'), (tx) =>
      issueToken(tx, { name: 'Fuzzer', agencyId, permissions: [...TOKEN_GRANTABLE], expiresInDays: 1 }, null),
    )
  ).secret;
});
afterAll(async () => {
  await t?.close();
});

const junk = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant('x'.repeat(20_000)),
  fc.constant("'; DROP TABLE person; --"),
  fc.constant('<script>alert(1)</script>'),
  fc.constant('\u0000'),
  fc.constant('a\u0000b'),
  fc.constant('\ud800'),
  fc.constant('x\udfff'),
  fc.constant('\uFEFF\u{10FFFF}\u{1F600}\u{E0001}\uFFFF'),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.constant('../../etc/passwd'),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
);
const body = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'name',
      'code',
      'type',
      'username',
      'roles',
      'child',
      'dob',
      'concerns',
      'personId',
      'id',
    ),
  ),
  junk,
  { maxKeys: 8 },
);
const idLike = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 60 }).map((s) => encodeURIComponent(s) || 'x'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
);

describe('fuzzing every route', () => {
  // Every route of the service, a dozen malformed requests each: minutes on a busy 2-core machine.
  it('never answers 5xx to malformed requests', { timeout: 600_000 }, async () => {
    // Signing out would end the fuzzer's own session: that route goes last.
    const routes = t.app.declaredRoutes
      .filter((r) => !r.url.startsWith('/api/docs') && !r.url.startsWith('/assets/'))
      .sort((a, b) => Number(a.url === '/sign-out') - Number(b.url === '/sign-out'));
    const reachedHandlers = { page: 0, api: 0 };
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          idLike,
          body,
          fc.constantFrom('json', 'form', 'garbage'),
          async (id, payload, encoding) => {
            const url = route.url.replace(/:[a-zA-Z]+/g, id).replace('*', id);
            const headers: Record<string, string> = {};
            if (route.url.startsWith('/api/')) headers.authorization = `Bearer ${token}`;
            else headers.cookie = [...page.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
            let raw: string | undefined;
            if (route.method !== 'GET') {
              if (encoding === 'json') {
                headers['content-type'] = 'application/json';
                raw = JSON.stringify(payload);
              } else if (encoding === 'form') {
                headers['content-type'] = 'application/x-www-form-urlencoded';
                const form = new URLSearchParams();
                form.set('_csrf', page.csrf ?? '');
                for (const [k, v] of Object.entries(payload))
                  form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
                raw = form.toString();
              } else {
                headers['content-type'] = 'application/json';
                raw = '{"unterminated": ';
              }
            }
            const response = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers,
              ...(raw === undefined ? {} : { payload: raw }),
            });
            // 303 means the request never got past sign-in; anything else reached the route's own checks.
            if (response.statusCode !== 303 && response.statusCode !== 401) {
              reachedHandlers[route.url.startsWith('/api/') ? 'api' : 'page'] += 1;
            }
            if (response.statusCode >= 500)
              failures.push(
                `${route.method} ${route.url} (${encoding}) → ${response.statusCode}: ${response.body.slice(0, 200)}`,
              );
          },
        ),
        { numRuns: 12, seed: 42 },
      );
    }
    expect(failures).toEqual([]);
    expect(reachedHandlers.page).toBeGreaterThan(100);
    expect(reachedHandlers.api).toBeGreaterThan(100);
    // And the service is still healthy afterwards, with an audit chain that still verifies (SECURITY 26).
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    const audit = await verifyAuditChain(t.db);
    expect(audit.message).toMatch(/verified/);
    expect(audit.checked).toBeGreaterThan(100);
  });
});
