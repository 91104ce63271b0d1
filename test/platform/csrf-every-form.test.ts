/**
 * SECURITY 11: every state-changing page form needs the session's CSRF token. Every page route that takes
 * a POST (found from the app's own route list, so a new form is covered when it is added) is posted by a
 * signed-in user who holds every role, with real record ids in the path and a plausible form: with no
 * token, a forged one, another session's genuine one and an empty one. Each answers 403 and writes nothing:
 * the contents of every table are unchanged (apart from session last-seen times and denial events). The
 * same forms posted with the session's own token do change the database, so the check would see a write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../../src/platform/access/permissions.ts';
import type { PageClient, TestApp, TestUser } from '../support/app.ts';
import { createTestUser, signIn } from '../support/app.ts';
import type { AgencyWithTeam } from '../support/factories/index.ts';
import type { CaseIds } from '../support/populate.ts';
import { fillRoute, tableStates } from '../support/populate.ts';
import { createPopulatedApp } from '../support/populated-app.ts';

const CSRF_MESSAGE = 'This form has expired or was not sent from Lantern';

let t: TestApp;
let ids: CaseIds;
let everyRole: TestUser;
let other: TestUser;
let client: PageClient;
let otherClient: PageClient;
let extra: Record<string, string>;

beforeAll(async () => {
  let lancashireMash: AgencyWithTeam;
  ({ t, ids, lancashireMash } = await createPopulatedApp());
  const agencyId = lancashireMash.agencyId;
  everyRole = await createTestUser(t, ROLE_NAMES, { agencyId, teamIds: [lancashireMash.teamId] });
  other = await createTestUser(t, ['REFERRER']);
  client = await signIn(t, everyRole);
  otherClient = await signIn(t, other);
  await otherClient.get('/');
  await client.get('/');
  expect(client.csrf).toBeTruthy();
  expect(otherClient.csrf).toBeTruthy();
  expect(otherClient.csrf).not.toBe(client.csrf);
  // A draft of this user's own, for the draft pages.
  const draft = await client.post('/referrals/new');
  expect(draft.statusCode).toBe(303);
  const draftId = /^\/referrals\/drafts\/([0-9a-f-]{36})\//.exec(String(draft.headers.location))![1]!;
  const token = await t.superuserQuery('SELECT id FROM api_token ORDER BY created_at LIMIT 1');
  extra = {
    '/admin/agencies': agencyId,
    '/admin/users': other.id,
    '/admin/tokens': token.rows[0].id as string,
    '/referrals/drafts': draftId,
  };
});
afterAll(async () => {
  await t?.close();
});

/** Forms as a browser would send them for these routes; any other route gets a generic field. */
function formFor(route: string): Record<string, string> {
  const forms: Record<string, Record<string, string>> = {
    'POST /sign-in': { username: other.username, password: other.password },
    'POST /sign-in/totp': { code: '123456' },
    'POST /search': { name: `${ids.childName.forename} ${ids.childName.surname}` },
    'POST /admin/agencies': { code: 'CSRF-FORGED', name: 'Forged agency', type: 'YOUTH_JUSTICE', area: '' },
    'POST /admin/agencies/:id/teams': { teamName: 'Forged team', teamArea: '' },
    'POST /admin/tokens': { name: 'Forged token', agencyId: everyRole.agencyId, expiresInDays: '30' },
    'POST /mash/episodes/:id/rag': { rag: 'RED', rationale: 'Raised by a forged form post' },
    'POST /people/:id/restriction': {
      restricted: 'yes',
      caseTeam: everyRole.id,
      justification: 'Forged restriction of this record',
    },
    'POST /missing/episodes/:id/risk-grade': { riskGrade: 'HIGH', rationale: 'Raised by a forged form post' },
  };
  return forms[route] ?? { reason: 'Posted from another site' };
}

/** A form post with the session's cookies and exactly the fields given (no token unless included). */
async function postAs(as: PageClient, url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...as.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Every table's rows, apart from session last-seen times and denial events (and so the chain head). */
const state = () =>
  tableStates(t.superuserQuery, {
    leaveOut: { user_session: ['last_seen_at'], audit_chain_head: ['last_seq', 'last_hash'] },
    only: { audit_event: "outcome <> 'DENIED'" },
  });

function pageForms() {
  return t.app.declaredRoutes.filter(
    (r) => r.method !== 'GET' && (r.config?.access?.surface ?? r.config?.public?.surface) === 'page',
  );
}

describe('CSRF on every page form (SECURITY 11)', () => {
  it('refuses every page form without the session’s token (none, forged, another session’s, empty) with 403, and writes nothing', async () => {
    const routes = pageForms();
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThanOrEqual(40);
    for (const key of [
      'POST /sign-out',
      'POST /admin/users',
      'POST /referrals/drafts/:id/check',
      'POST /search',
    ])
      expect(keys).toContain(key);
    expect(keys.filter((k) => !k.startsWith('POST '))).toEqual([]);

    const own = client.csrf!;
    const forged = own.slice(0, -1) + (own.endsWith('A') ? 'B' : 'A');
    const attempts: Array<[string, string | null]> = [
      ['no token', null],
      ['a forged token', forged],
      ['another session’s token', otherClient.csrf!],
      ['an empty token', ''],
    ];
    for (const route of routes) {
      const url = fillRoute(route.url, ids, extra);
      const form = formFor(`${route.method} ${route.url}`);
      const before = await state();
      for (const [label, token] of attempts) {
        const res = await postAs(client, url, token === null ? form : { ...form, _csrf: token });
        const what = `${route.method} ${url} with ${label}`;
        expect(res.statusCode, what).toBe(403);
        expect(res.body, what).toContain(CSRF_MESSAGE);
      }
      expect(await state(), `${route.method} ${route.url} wrote something`).toEqual(before);
    }
    // Still signed in: the refused sign-out ended nothing.
    expect((await client.get('/')).statusCode).toBe(200);
  });

  it('the same forms with the session’s own token are accepted and change the database', async () => {
    const controls: Array<[string, number]> = [
      ['POST /search', 200],
      ['POST /referrals/new', 303],
      ['POST /admin/agencies', 303],
      ['POST /admin/tokens/:id/revoke', 303],
      ['POST /admin/users/:id/disable', 303],
      ['POST /sign-out', 303],
    ];
    for (const [key, status] of controls) {
      const pattern = key.slice('POST '.length);
      const url = fillRoute(pattern, ids, extra);
      const before = await state();
      const res = await postAs(client, url, { ...formFor(key), _csrf: client.csrf! });
      expect(res.statusCode, `${key}: ${res.body.slice(0, 200)}`).toBe(status);
      expect(await state(), `${key} changed nothing`).not.toEqual(before);
    }
    expect((await client.get('/')).statusCode).toBe(303); // signed out
  });
});
