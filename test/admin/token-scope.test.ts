/**
 * A token holds and sees no more than its agency's staff could (SECURITY 25). The probe: a school's token
 * given case:read read every referral and person of its hub's area, because a token took its agency's area
 * as a hub area. Now a token's hub areas are those of its agency's staff who hold the same case permissions:
 * a school whose staff only refer gets none, while the MASH's own token still sees the hub. Through the real
 * API: referrals, people and the MASH queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { callApi, issueTestToken, personOfReferral } from '../support/api.ts';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
} from '../support/app.ts';
import { personDetails, victimReferral } from '../support/factories/index.ts';

let t: TestApp;
const agencies: Record<string, { agencyId: string; teamId: string }> = {};
const DOB = '2012-03-04';
const READER: Permission[] = ['referral:read-own-agency', 'case:read', 'case:search', 'mash:triage'];

const token = (agency: string, permissions: Permission[]) =>
  issueTestToken(t, agencies[agency]!.agencyId, permissions, `${agency} system ${Math.random()}`);

function call(secret: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  return callApi(t, secret, method, url, body);
}

async function refer(secret: string, forename: string): Promise<{ id: string; personId: string }> {
  const response = await call(
    secret,
    'POST',
    '/api/v1/referrals',
    victimReferral.build({
      child: { details: personDetails.build({ forename, surname: 'Scopetest', dob: DOB }) },
    }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json().id, personId: await personOfReferral(t, response.json().id) };
}

const own: { id: string; personId: string }[] = [];
const others: { id: string; personId: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const [name, type] of [
    ['school', 'EDUCATION'],
    ['otherSchool', 'EDUCATION'],
    ['health', 'HEALTH'],
    ['council', 'CHILDRENS_SOCIAL_CARE'],
  ] as const) {
    agencies[name] = await createAgencyWithTeam(t, { type, area: 'BLACKPOOL' });
  }
  // The school's staff refer from a team in the area; the council's MASH practitioners work the hub.
  await createTestUser(t, ['REFERRER'], {
    agencyId: agencies['school']!.agencyId,
    teamIds: [agencies['school']!.teamId],
  });
  await createTestUser(t, ['MASH_PRACTITIONER'], {
    agencyId: agencies['council']!.agencyId,
    teamIds: [agencies['council']!.teamId],
  });
  const referrer: Permission[] = ['referral:create', 'referral:read-own-agency'];
  own.push(await refer(await token('school', referrer), 'Ava'));
  const otherSchool = await token('otherSchool', referrer);
  const health = await token('health', referrer);
  for (const forename of ['Bea', 'Cat', 'Dee']) others.push(await refer(otherSchool, forename));
  others.push(await refer(health, 'Eve'));
});
afterAll(async () => {
  await t?.close();
});

describe('a token sees no more than its agency’s staff could', () => {
  it('a school’s case:read token reads only its own agency’s referrals, people and no MASH queue', async () => {
    // The school's token, as an approved one would be: the permissions its type allows, issued by the operator.
    const school = await token('school', READER);
    const referrals = await call(school, 'GET', '/api/v1/referrals');
    expect(referrals.statusCode).toBe(200);
    expect(referrals.json().referrals.map((r: { id: string }) => r.id)).toEqual([own[0]!.id]);

    const search = await call(school, 'POST', '/api/v1/people/search', { dob: DOB });
    expect(search.statusCode).toBe(200);
    expect(search.json().results.map((r: { id: string }) => r.id)).toEqual([own[0]!.personId]);

    expect((await call(school, 'GET', `/api/v1/people/${own[0]!.personId}`)).statusCode).toBe(200);
    for (const other of others) {
      expect((await call(school, 'GET', `/api/v1/people/${other.personId}`)).statusCode).toBe(404);
      expect((await call(school, 'GET', `/api/v1/referrals/${other.id}`)).statusCode).toBe(404);
    }

    const queue = await call(school, 'GET', '/api/v1/mash/queue');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().episodes).toEqual([]);
  });

  it('the MASH agency’s token, approved by its own practitioner, still sees the whole hub', async () => {
    const admin = await createTestUser(t, ['ADMINISTRATOR']);
    const practitioner = await createTestUser(t, ['MASH_PRACTITIONER'], {
      agencyId: agencies['council']!.agencyId,
      teamIds: [agencies['council']!.teamId],
    });
    const adminPages = await signIn(t, admin);
    await adminPages.get('/admin/tokens');
    const asked = await adminPages.post('/admin/tokens', {
      name: 'Council case system',
      agencyId: agencies['council']!.agencyId,
      permissions: READER,
      expiresInDays: '30',
    });
    expect(asked.headers.location).toBe('/admin/tokens?notice=token-requested');
    const { rows } = await t.superuserQuery(
      `SELECT r.id FROM access_request r JOIN api_token k ON k.id = r.token_id WHERE k.name = 'Council case system'`,
    );
    const approver = await signIn(t, practitioner);
    await approver.get(`/approvals/${rows[0].id}`);
    const approved = await approver.post(`/approvals/${rows[0].id}`, {
      decision: 'APPROVE',
      reason: 'Our case management system reads the hub’s referrals',
    });
    expect(approved.statusCode).toBe(200);
    const council = /id="token-secret">([^<]+)</.exec(approved.body)![1]!;

    const referrals = await call(council, 'GET', '/api/v1/referrals');
    expect(
      referrals
        .json()
        .referrals.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([...own, ...others].map((r) => r.id).sort());
    const search = await call(council, 'POST', '/api/v1/people/search', { dob: DOB });
    expect(search.json().results).toHaveLength(own.length + others.length);
    expect((await call(council, 'GET', `/api/v1/people/${others[0]!.personId}`)).statusCode).toBe(200);
    const queue = await call(council, 'GET', '/api/v1/mash/queue');
    expect(queue.json().episodes).toHaveLength(own.length + others.length);
  });

  it('a token of a school whose staff were made MASH practitioners would see as they do', async () => {
    // The same school, once one of its staff holds the case permissions in a team of the area.
    const school = agencies['school']!;
    const practitioner = await createTeamUser(t, ['MASH_PRACTITIONER'], school);
    const staffed = await token('school', READER);
    expect((await call(staffed, 'GET', '/api/v1/referrals')).json().referrals).toHaveLength(
      own.length + others.length,
    );
    // ...and no longer once that person is disabled: the token follows its agency's staff.
    await t.superuserQuery('UPDATE app_user SET disabled_at = now() WHERE id = $1', [practitioner.id]);
    expect((await call(staffed, 'GET', '/api/v1/referrals')).json().referrals).toHaveLength(own.length);
  });

  it('refuses at issue a permission no one at that type of agency could hold, naming the field', async () => {
    const admin = await createTestUser(t, ['ADMINISTRATOR']);
    const pages = await signIn(t, admin);
    await pages.get('/admin/tokens');
    const before = (await t.superuserQuery('SELECT count(*)::int AS n FROM api_token')).rows[0].n;
    const refused = await pages.post('/admin/tokens', {
      name: 'School decision system',
      agencyId: agencies['school']!.agencyId,
      permissions: ['case:read', 'mash:decide'],
      expiresInDays: '30',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#permissions"');
    expect(refused.body).toContain('Education agencies cannot give a token “change RAG, allocate');
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM api_token')).rows[0].n).toBe(before);
    // The operator cannot either: it is what the agency's staff could hold, not who asks.
    await expect(
      withTransaction(t.db, systemContext('test'), (tx) =>
        issueToken(
          tx,
          {
            name: 'Operator try',
            agencyId: agencies['school']!.agencyId,
            permissions: ['case:work'],
            expiresInDays: 1,
          },
          null,
        ),
      ),
    ).rejects.toThrow(/problem with what was sent/);
  });
});
