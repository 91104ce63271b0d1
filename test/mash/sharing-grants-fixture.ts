/**
 * A world for sharing grants (SECURITY 31): a Blackpool hub (council manager, health and probation
 * practitioners), a school that referred a child twice, and a police force with a South CSE team and
 * another CSE team, neither with an area (like the demo's POL-CSE-SOUTH). The first referral's episode has
 * research from health (releasable), probation (releasable) and the council (not releasable) and a
 * strategy discussion; nothing is shared yet. Each test file that uses it gets its own database.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { createTeam } from '../../src/admin/service.ts';
import type { Role } from '../../src/platform/access/permissions.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { systemContext, type Tx, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { countRows } from '../support/audit.ts';
import {
  createAgencies,
  memberOf,
  personDetails,
  principalOf,
  referVictim,
  victimReferral,
} from '../support/factories/index.ts';

export const w = {
  t: undefined as unknown as TestApp,
  users: {} as Record<string, TestUser>,
  clients: {} as Record<string, PageClient>,
  agencies: {} as Record<string, string>,
  teams: {} as Record<string, string>,
  episodeId: '',
  personId: '',
  referralId: '',
  otherReferralId: '',
  contributions: {} as Record<string, string>,
};

export const CHILD = { forename: 'Rowan', surname: 'Sharington', dob: '2011-05-17' };

export const today = new Date();
export const dateFields = (prefix: string, d = today) => ({
  [`${prefix}-day`]: String(d.getUTCDate()),
  [`${prefix}-month`]: String(d.getUTCMonth() + 1),
  [`${prefix}-year`]: String(d.getUTCFullYear()),
});

/** Posts a form after loading the page it is on (for the CSRF token). */
export async function postFrom(
  who: string,
  pagePath: string,
  path: string,
  fields: Record<string, string | string[]>,
) {
  const client = w.clients[who]!;
  await client.get(pagePath);
  return client.post(path, fields);
}

export const postOnEpisode = (who: string, path: string, fields: Record<string, string | string[]>) =>
  postFrom(who, `/mash/episodes/${w.episodeId}`, path, fields);

/** A complete decision to share the referral, health's research and the outcome with the South CSE team. */
export function shareFields(overrides: Record<string, string | string[]> = {}) {
  return {
    decision: 'SHARE',
    ...dateFields('decidedAt'),
    decidedAtTime: '00:01',
    purpose: 'To protect the child from exploitation',
    information: 'The referral, health research and the outcome',
    'recipient-0': `TEAM:${w.teams['south']}`,
    items: ['REFERRAL', 'DECISION'],
    contributionIds: [w.contributions['health']!],
    periodDays: '90',
    channel: 'MASH_SYSTEM',
    legalBasis: 'CA2004_S11',
    consentSought: 'no',
    consentNotSoughtReason: 'Would place the child at greater risk',
    necessityProportionality: 'Only what the CSE team needs to protect the child.',
    ...overrides,
  };
}

export async function events(action: string) {
  const { rows } = await w.t.superuserQuery(
    'SELECT actor_user_id, outcome, subject_type, subject_id, details, recipients FROM audit_event WHERE action = $1 ORDER BY seq',
    [action],
  );
  return rows as Array<Record<string, unknown> & { details: Record<string, unknown> }>;
}

export const count = (table: string) => countRows(w.t, table);

/** Runs a query as the user, under row-level security. */
export async function asUser<T>(who: string, run: (tx: Tx) => Promise<T>): Promise<T> {
  const principal = await principalOf(w.t.db, w.users[who]!);
  return withTransaction(w.t.db, contextFor(principal, 'test'), run);
}

export async function grantIdsOf(decisionOrder = -1): Promise<string[]> {
  const { rows } = await w.t.superuserQuery(
    `SELECT g.id FROM sharing_grant g JOIN sharing_decision d ON d.id = g.decision_id
      ORDER BY d.created_at, g.starts_at`,
  );
  return decisionOrder === -1 ? rows.map((r) => r.id as string) : [rows[decisionOrder].id as string];
}

export function useSharingWorld(): void {
  beforeAll(async () => {
    const t = await createTestApp();
    w.t = t;
    await createAgencies(
      t,
      [
        ['school', 'EDUCATION'],
        ['council', 'CHILDRENS_SOCIAL_CARE'],
        ['health', 'HEALTH'],
        ['probation', 'PROBATION'],
        ['police', 'POLICE', null],
      ],
      w.agencies,
      w.teams,
    );
    // The police's South CSE team (the first team) and another CSE team, neither with an area.
    w.teams['south'] = w.teams['police']!;
    w.teams['west'] = await withTransaction(
      t.db,
      systemContext('test'),
      async (tx) =>
        (await createTeam(tx, { agencyId: w.agencies['police']!, name: 'West CSE team', area: null })).id,
    );
    const make = async (name: string, role: Role, team: string, agency = team) => {
      w.users[name] = await memberOf(t, { agencyId: w.agencies[agency]!, teamId: w.teams[team]! }, [role]);
    };
    await make('referrer', 'REFERRER', 'school');
    await make('manager', 'MASH_MANAGER', 'council');
    await make('health', 'MASH_PRACTITIONER', 'health');
    await make('probation', 'MASH_PRACTITIONER', 'probation');
    await make('cse', 'CSE_OFFICER', 'south', 'police');
    await make('cse2', 'CSE_OFFICER', 'south', 'police');
    await make('west', 'CSE_OFFICER', 'west', 'police');
    for (const name of Object.keys(w.users)) w.clients[name] = await signIn(t, w.users[name]!);

    const referrer = await principalOf(t.db, w.users['referrer']!);
    const first = await referVictim(
      t.db,
      referrer,
      victimReferral.build({
        child: { details: personDetails.build(CHILD) },
        concerns: 'FIRST-REFERRAL-SHARED concerns',
      }),
    );
    w.referralId = first.id;
    w.personId = first.personId;
    const second = await referVictim(
      t.db,
      referrer,
      victimReferral.build({
        child: { personId: w.personId },
        concerns: 'SECOND-REFERRAL-NOT-SHARED concerns',
      }),
    );
    w.otherReferralId = second.id;
    const { rows } = await t.superuserQuery('SELECT id FROM mash_episode WHERE referral_id = $1', [
      w.referralId,
    ]);
    w.episodeId = rows[0].id;

    for (const [who, summary, releasable] of [
      ['health', 'HEALTH-SHARED: attended a sexual health clinic.', 'yes'],
      ['probation', 'PROBATION-NOT-SHARED: an older brother on licence.', 'yes'],
      ['manager', 'COUNCIL-PRIVATE: an earlier child in need plan.', 'no'],
    ] as const) {
      const response = await postOnEpisode(who, `/mash/episodes/${w.episodeId}/contributions`, {
        summary,
        releasable,
      });
      expect(response.statusCode, response.body).toBe(303);
    }
    const contributions = await t.superuserQuery(
      'SELECT c.id, a.id AS agency_id FROM contribution c JOIN agency a ON a.id = c.agency_id',
    );
    for (const r of contributions.rows) {
      const name = Object.keys(w.agencies).find((k) => w.agencies[k] === r.agency_id)!;
      w.contributions[name === 'council' ? 'council' : name] = r.id;
    }
    const strategy = await postOnEpisode('manager', `/mash/episodes/${w.episodeId}/strategy-discussions`, {
      ...dateFields('heldAt'),
      heldAtTime: '00:01',
      'attendee-0-name': 'DS Example',
      'attendee-1-name': 'Sam Example',
      decisions: 'STRATEGY-NOT-SHARED: section 47 enquiry to start.',
    });
    expect(strategy.statusCode, strategy.body).toBe(303);
  });

  afterAll(async () => {
    await w.t?.close();
  });
}
