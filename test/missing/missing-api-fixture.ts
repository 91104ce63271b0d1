/**
 * The world the missing API tests share: an app with the missing routes, five agencies with tokens, four
 * referred children and a placement. One world per test file (its tests build on each other's episodes).
 */
import { expect } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  ago,
  createAgencies,
  DAY,
  HOUR,
  missingEpisode,
  personDetails,
  staffAgencies,
  victimReferral,
} from '../support/factories/index.ts';

export const world = {
  t: undefined as unknown as TestApp,
  agencies: {} as Record<string, string>,
  teams: {} as Record<string, string>,
  tokens: {} as Record<string, string>,
  children: {} as Record<string, string>,
  placementId: '',
};
const { agencies, teams, tokens, children } = world;

export { ago, DAY, HOUR };

async function token(agencyId: string, permissions: Permission[]): Promise<string> {
  const { secret } = await withTransaction(world.t.db, systemContext('test'), (tx) =>
    issueToken(tx, { name: `system ${Math.random()}`, agencyId, permissions, expiresInDays: 30 }, null),
  );
  return secret;
}

export function call(who: string, method: 'GET' | 'POST', url: string, body?: unknown, key?: string) {
  return world.t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

export const count = async (sql: string, params: unknown[] = []) =>
  (await world.t.superuserQuery(sql, params)).rows[0].n as number;

async function refer(who: string, forename: string): Promise<string> {
  const referral = await call(
    who,
    'POST',
    '/api/v1/referrals',
    victimReferral.build({
      child: { details: personDetails.build({ forename, dob: '2011-03-04' }) },
      concerns: 'Going missing, seen with older males.',
    }),
  );
  expect(referral.statusCode, referral.body).toBe(201);
  // A referrer is told its reference only; the child's id comes from the database.
  const row = await world.t.superuserQuery('SELECT person_id FROM victim_referral WHERE id = $1', [
    referral.json().id,
  ]);
  return row.rows[0].person_id as string;
}

/** A police episode for the API: the factory's default episode, with overrides that may be invalid on purpose. */
export function episode(personId: string, overrides: Record<string, unknown> = {}) {
  return { ...missingEpisode.build({ personId }), ...overrides };
}

/** Records an episode of a world child through the API as `who`; its id. */
export async function recordEpisode(
  who: string,
  child: string,
  overrides: Record<string, unknown>,
): Promise<string> {
  const recorded = await call(who, 'POST', '/api/v1/missing-episodes', episode(children[child]!, overrides));
  expect(recorded.statusCode, recorded.body).toBe(201);
  return recorded.json().id as string;
}

/** Builds the world: call once, in the test file's beforeAll. */
export async function setUpMissingApi(): Promise<void> {
  world.t = await createTestApp();
  const t = world.t;
  await createAgencies(
    t,
    [
      ['school', 'EDUCATION'],
      ['police', 'POLICE'],
      ['council', 'CHILDRENS_SOCIAL_CARE'],
      ['rhi', 'VOLUNTARY'],
      ['far', 'CHILDRENS_SOCIAL_CARE', 'LANCASHIRE'],
    ],
    agencies,
    teams,
  );
  // The charity is commissioned to hold return home interviews (migration 025); the school is not.
  await t.superuserQuery('UPDATE agency SET provides_return_interviews = true WHERE id = $1', [
    agencies['rhi'],
  ]);
  // A token sees what its agency's staff holding its permissions see (SECURITY 25): each agency has them.
  await staffAgencies(
    t,
    [
      ['police', 'CSE_OFFICER'],
      ['council', 'MASH_PRACTITIONER'],
      ['far', 'CSE_OFFICER'],
    ],
    agencies,
    teams,
  );
  tokens['school'] = await token(agencies['school']!, ['referral:create', 'referral:read-own-agency']);
  tokens['police'] = await token(agencies['police']!, ['case:read', 'case:work']);
  tokens['mash'] = await token(agencies['council']!, ['case:read', 'mash:triage']);
  tokens['far'] = await token(agencies['far']!, ['referral:create', 'case:read', 'case:work']);
  children['ava'] = await refer('school', 'Ava');
  children['bea'] = await refer('school', 'Bea');
  children['cat'] = await refer('school', 'Cat');
  children['far'] = await refer('far', 'Dee');
  const placement = await t.superuserQuery(
    `INSERT INTO placement (code, name, kind, area, postcode) VALUES ('CH-01', 'Willow House', 'RESIDENTIAL_CHILDRENS_HOME', 'BLACKPOOL', 'FY2 0QR') RETURNING id`,
  );
  world.placementId = placement.rows[0].id;
}
