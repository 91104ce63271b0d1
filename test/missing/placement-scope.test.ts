/**
 * A placement's counts come from `lantern_placement_children` (migration 035), which checks scope once per
 * child and reporting agency instead of once per episode. It must agree with the row-level security of
 * missing_episode for every kind of caller: compared here over principals of different agencies, areas and
 * permissions, on episodes at two placements reported by three agencies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import type { Principal } from '../../src/platform/access/principal.ts';
import { actAs } from '../support/principals.ts';
import { ago, DAY, recordEpisode, setUpMissingApi, world } from './missing-api-fixture.ts';

const SINCE = new Date(Date.now() - 5 * DAY);

function principal(n: number, agency: string, areas: string[], permissions: Permission[]): Principal {
  return {
    kind: 'user',
    userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tokenId: null,
    label: `scope-${n}`,
    agencyId: world.agencies[agency]!,
    areas,
    teamIds: [],
    roles: [],
    permissions: new Set(permissions),
  };
}

beforeAll(async () => {
  await setUpMissingApi();
  const second = await world.t.superuserQuery(
    `INSERT INTO placement (code, name, kind, area, postcode) VALUES ('CH-02', 'Birch Lodge', 'RESIDENTIAL_CHILDRENS_HOME', 'LANCASHIRE', 'PR1 1AA') RETURNING id`,
  );
  expect(second.rows).toHaveLength(1);
  const report = (who: string, child: string, code: string, daysAgo: number) =>
    recordEpisode(who, child, {
      reportedAt: ago(daysAgo * DAY),
      from: { kind: 'PLACEMENT', placementCode: code },
    });
  await report('police', 'ava', 'CH-01', 2);
  await report('police', 'ava', 'CH-01', 9);
  await report('police', 'bea', 'CH-01', 3);
  await report('police', 'cat', 'CH-02', 1);
  const farEpisode = await report('far', 'far', 'CH-02', 4);
  await report('far', 'far', 'CH-01', 12);
  // Reported by the school (which referred Ava, Bea and Cat) and by the police for the far area's child:
  // the "own agency and case:work" branch of the policy.
  await world.t.superuserQuery(
    `INSERT INTO missing_episode (person_id, type, from_kind, placement_id, reported_at, reported_by_agency_id,
            reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
     SELECT person_id, type, from_kind, placement_id, reported_at - interval '1 day', $2::uuid, reported_by_label,
            recorded_by_label, initial_risk_grade, risk_grade, area
       FROM missing_episode WHERE placement_id IS NOT NULL AND person_id = $3::uuid
     UNION ALL
     SELECT person_id, type, from_kind, placement_id, reported_at - interval '2 days', $4::uuid, reported_by_label,
            recorded_by_label, initial_risk_grade, risk_grade, area
       FROM missing_episode WHERE id = $1::uuid`,
    [farEpisode, world.agencies['school'], world.children['ava'], world.agencies['police']],
  );
  // Agencies that hold a child's records see the child (person.agency_ids): the school holds Ava's, the
  // police Dee's, so that callers with no area see through their own agency.
  await world.t.superuserQuery(
    `UPDATE person SET agency_ids = (SELECT array_agg(DISTINCT a) FROM unnest(agency_ids || $2::uuid) a) WHERE id = $1`,
    [world.children['ava'], world.agencies['school']],
  );
  await world.t.superuserQuery(
    `UPDATE person SET agency_ids = (SELECT array_agg(DISTINCT a) FROM unnest(agency_ids || $2::uuid) a) WHERE id = $1`,
    [world.children['far'], world.agencies['police']],
  );
  // A restricted child is seen only by its case team.
  await world.t.superuserQuery(
    `UPDATE person SET restricted = true, case_team = ARRAY['00000000-0000-4000-8000-000000000003'::uuid] WHERE id = $1`,
    [world.children['bea']],
  );
}, 120_000);
afterAll(async () => {
  await world.t?.close();
});

type Count = { placement_id: string; person_id: string; episodes: number; recent: number; last: string };

async function byPolicy(p: Principal): Promise<Count[]> {
  return actAs(world.t.db, p, (tx) =>
    tx.query<Count>(
      `SELECT placement_id, person_id, count(*)::int AS episodes,
              count(*) FILTER (WHERE reported_at >= $1)::int AS recent, max(reported_at)::text AS last
         FROM missing_episode WHERE placement_id IS NOT NULL
        GROUP BY placement_id, person_id ORDER BY placement_id, person_id`,
      [SINCE],
    ),
  );
}

async function byFunction(p: Principal): Promise<Count[]> {
  return actAs(world.t.db, p, (tx) =>
    tx.query<Count>(
      `SELECT placement_id, person_id, episodes, episodes_recent AS recent, last_reported_at::text AS last
         FROM lantern_placement_children((SELECT array_agg(id) FROM placement), $1)
        ORDER BY placement_id, person_id`,
      [SINCE],
    ),
  );
}

/** Built when a test runs: the agencies exist only after beforeAll. */
const PRINCIPALS: readonly [string, () => Principal][] = [
  [
    'police case reader in Blackpool',
    () => principal(1, 'police', ['BLACKPOOL'], ['case:read', 'case:work']),
  ],
  ['far case worker in Lancashire', () => principal(2, 'far', ['LANCASHIRE'], ['case:read', 'case:work'])],
  ['case team member of the restricted child', () => principal(3, 'police', ['BLACKPOOL'], ['case:read'])],
  [
    'school: own agency, case:work only',
    () => principal(4, 'school', [], ['referral:read-own-agency', 'case:work']),
  ],
  ['school: own agency, no case:work', () => principal(5, 'school', [], ['referral:read-own-agency'])],
  ['police with no area', () => principal(6, 'police', [], ['case:read', 'case:work'])],
  ['reader of both areas', () => principal(7, 'council', ['BLACKPOOL', 'LANCASHIRE'], ['case:read'])],
];

describe('placement counts agree with the row-level security of missing episodes', () => {
  it.each(PRINCIPALS)('%s', async (_name, who) => {
    const p = who();
    expect(p.agencyId).toMatch(/^[0-9a-f-]{36}$/);
    const expected = await byPolicy(p);
    expect(await byFunction(p)).toEqual(expected);
  });

  it('is a real comparison: callers see different, non-empty sets', async () => {
    const seen = await Promise.all(PRINCIPALS.map(async ([, who]) => JSON.stringify(await byPolicy(who()))));
    expect(new Set(seen).size).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s !== '[]').length).toBeGreaterThanOrEqual(6);
  });
});
