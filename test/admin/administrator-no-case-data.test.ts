/**
 * SECURITY 6: administrators manage users and reference data but cannot read case data. An administrator
 * of the very agency that hosts the child's MASH, signed in through the pages, asks for the child's case
 * pages, searches for her by name, and calls the case API with an administration token: each is refused
 * with an ACCESS_DENIED event, and no child's name appears in any answer. A MASH practitioner of the same
 * team opening the same page sees the name, so the check would notice a leak.
 */

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { permissionsOf } from '../../src/platform/access/permissions.ts';
import type { RoutePermission } from '../../src/platform/access/policy.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { PageClient, TestApp, TestUser } from '../support/app.ts';
import { createTestUser, signIn } from '../support/app.ts';
import type { AgencyWithTeam } from '../support/factories/index.ts';
import type { CaseIds } from '../support/populate.ts';
import { fillRoute, tableStates } from '../support/populate.ts';
import { createPopulatedApp } from '../support/populated-app.ts';

let t: TestApp;
let ids: CaseIds;
let admin: TestUser;
let client: PageClient;
let names: string[];

beforeAll(async () => {
  let lancashireMash: AgencyWithTeam;
  ({ t, ids, lancashireMash } = await createPopulatedApp());
  const scope = { agencyId: lancashireMash.agencyId, teamIds: [lancashireMash.teamId] };
  admin = await createTestUser(t, ['ADMINISTRATOR'], scope);
  client = await signIn(t, admin);
  await client.get('/admin/users'); // a page with a form: the session's CSRF token
  // Every name in the registry, as a page would show it.
  const people = await t.superuserQuery(
    `SELECT DISTINCT forename || ' ' || surname AS name FROM source_record
      WHERE forename IS NOT NULL AND surname IS NOT NULL`,
  );
  names = people.rows.map((r) => r.name as string);
  expect(names.length).toBeGreaterThan(10);
  // The control: a MASH practitioner of the same agency and team sees the child on her page.
  const practitioner = await signIn(t, await createTestUser(t, ['MASH_PRACTITIONER'], scope));
  const seen = await practitioner.get(`/people/${ids.personId}`);
  expect(seen.statusCode).toBe(200);
  expect(seen.body).toContain(ids.childName.surname);
  expect(names.some((n) => seen.body.includes(n))).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

/** Administration permissions, and pages any signed-in user has (home, sign-out): no case data. */
const isAdministration = (permission: RoutePermission): boolean =>
  typeof permission === 'string'
    ? permission.startsWith('admin:') || permission === 'authenticated'
    : permission.every(isAdministration);

async function denials(): Promise<Array<{ actor: string | null; route: string }>> {
  const { rows } = await t.superuserQuery(
    `SELECT actor_user_id, details->>'route' AS route FROM audit_event
      WHERE action = 'ACCESS_DENIED' AND outcome = 'DENIED' ORDER BY seq`,
  );
  return rows.map((r) => ({ actor: r.actor_user_id as string | null, route: r.route as string }));
}

function expectNoChildName(res: LightMyRequestResponse, what: string): void {
  for (const name of names) expect(res.body, `${what} shows ${name}`).not.toContain(name);
  expect(res.body, what).not.toContain(ids.childName.surname);
}

/** Changes made by the requests: every table's rows, apart from session times and denial events. */
const state = () =>
  tableStates(t.superuserQuery, {
    leaveOut: { user_session: ['last_seen_at'], audit_chain_head: ['last_seq', 'last_hash'] },
    only: { audit_event: "outcome <> 'DENIED'" },
  });

describe('an administrator and case data (SECURITY 6)', () => {
  it('is refused the MASH queue, search, the child, her referral and the briefing, each audited, with no name shown', async () => {
    const requests: Array<[string, () => Promise<LightMyRequestResponse>, string]> = [
      ['GET /mash', () => client.get('/mash'), 'GET /mash'],
      ['GET /search', () => client.get('/search'), 'GET /search'],
      [
        'POST /search',
        () => client.post('/search', { name: `${ids.childName.forename} ${ids.childName.surname}` }),
        'POST /search',
      ],
      [`GET /people/${ids.personId}`, () => client.get(`/people/${ids.personId}`), 'GET /people/:id'],
      [
        `GET /referrals/${ids.referralId}`,
        () => client.get(`/referrals/${ids.referralId}`),
        'GET /referrals/:id',
      ],
      ['GET /reports/briefing', () => client.get('/reports/briefing'), 'GET /reports/briefing'],
    ];
    for (const [what, request, route] of requests) {
      const before = (await denials()).length;
      const res = await request();
      expect([403, 404], `${what} answered ${res.statusCode}`).toContain(res.statusCode);
      expectNoChildName(res, what);
      const added = (await denials()).slice(before);
      expect(added, what).toEqual([{ actor: admin.id, route }]);
    }
    // The same session still does its own work.
    const users = await client.get('/admin/users');
    expect(users.statusCode).toBe(200);
    expectNoChildName(users, 'GET /admin/users');
  });

  it('is refused every page outside administration, reading or writing, each audited, and nothing changes', async () => {
    // Every page outside administration (fixed here, not derived from the role, which could grow).
    expect([...permissionsOf(['ADMINISTRATOR'])].every(isAdministration)).toBe(true);
    const routes = t.app.declaredRoutes.filter((r) => {
      const access = r.config?.access;
      return access?.surface === 'page' && !isAdministration(access.permission);
    });
    expect(routes.length).toBeGreaterThan(40);
    const before = await state();
    for (const route of routes) {
      const url = fillRoute(route.url, ids);
      const what = `${route.method} ${url}`;
      const count = (await denials()).length;
      const res = route.method === 'GET' ? await client.get(url) : await client.post(url, { reason: 'x' });
      expect([403, 404], `${what} answered ${res.statusCode}`).toContain(res.statusCode);
      expectNoChildName(res, what);
      expect((await denials()).slice(count), what).toEqual([
        { actor: admin.id, route: `${route.method} ${route.url}` },
      ]);
    }
    expect(await state()).toEqual(before);
  });

  it('cannot reach case data through the API with a token holding every administration permission', async () => {
    const permissions = ['admin:agencies', 'admin:users'];
    const { secret } = await withTransaction(t.db, systemContext('test'), (tx) =>
      issueToken(
        tx,
        { name: 'Identity sync', agencyId: admin.agencyId, permissions, expiresInDays: 1 },
        admin.id,
      ),
    );
    const routes = t.app.declaredRoutes.filter((r) => {
      const access = r.config?.access;
      return access?.surface === 'api' && !isAdministration(access.permission);
    });
    expect(routes.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/v1/people/search');
    for (const route of routes) {
      const url = fillRoute(route.url, ids);
      const count = (await denials()).length;
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { payload: { forename: ids.childName.forename } }),
      });
      expect(res.statusCode, `${route.method} ${url}`).toBe(403);
      expectNoChildName(res, `${route.method} ${url}`);
      expect((await denials()).slice(count).map((d) => d.route)).toEqual([`${route.method} ${route.url}`]);
    }
  });
});
