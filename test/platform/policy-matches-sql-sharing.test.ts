/**
 * One access decision for sharing grants (SECURITY 31): `grantReaches` in the access policy and
 * `lantern_granted` in row-level security give the same answer, for generated principals (user or token,
 * agency, teams, permissions) and generated grants (recipient kind, active, expired, not yet started or
 * revoked, items named), on every item of the child's record.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import {
  type GrantedThing,
  grantReaches,
  type RecipientKind,
} from '../../src/platform/access/policy-sharing.ts';
import { contextFor, type Principal } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

const DAY = 86_400_000;
const USERS = [randomUUID(), randomUUID()];
const TEAMS = [randomUUID(), randomUUID()];
const AGENCIES = [randomUUID(), randomUUID()];
const CONTRIBUTIONS = [randomUUID(), randomUUID()];
const ASSESSMENTS = [randomUUID(), randomUUID()];
const PERMISSIONS: Permission[] = ['case:read', 'referral:read-own-agency', 'admin:users'];

let database: TestDatabase;
const ids = { person: '', episode: '', referral: '', decision: '' };
type Grant = Parameters<typeof grantReaches>[1];
const grants: Grant[] = [];

const grantArb = fc.record({
  kind: fc.constantFrom<RecipientKind>('AGENCY', 'TEAM', 'USER'),
  pick: fc.nat(1),
  // Days from now: started yesterday or starting tomorrow; ending in a week or ended yesterday.
  startsIn: fc.constantFrom(-1, 1),
  endsIn: fc.constantFrom(-1, 7),
  revoked: fc.boolean(),
  items: fc.subarray(['REFERRAL', 'STRATEGY', 'DECISION']),
  contributions: fc.subarray(CONTRIBUTIONS),
  assessment: fc.option(fc.constantFrom(...ASSESSMENTS), { nil: null }),
});

const principalArb = fc.record({
  token: fc.boolean(),
  user: fc.nat(1),
  agency: fc.nat(1),
  teams: fc.subarray(TEAMS),
  permissions: fc.subarray(PERMISSIONS),
});

beforeAll(async () => {
  database = await createTestDatabase();
  const q = database.superuserQuery;
  const agency = AGENCIES[0]!;
  await q(
    `INSERT INTO agency (id, code, name, type, area) VALUES ($1, 'SHARE-POL', 'Sharing police', 'POLICE', NULL)`,
    [agency],
  );
  ids.person = (await q(`INSERT INTO person (forename) VALUES ('Granted') RETURNING id`)).rows[0].id;
  ids.referral = (
    await q(
      `INSERT INTO victim_referral (reference, person_id, referring_agency_id, referred_by_label, practitioner_name,
         cin_referral_source, received_at, exploitation_type, category, concerns, exploitation_model, contact_method,
         consent, urgency, area, prior_referrals_12m, prior_referrals_ever)
       VALUES ('VR-SHARE-1', $1, $2, 'test', 'test', '2A', now(), 'CSE', 'VICTIM_OF_CRIME', 'x', 'BOYFRIEND',
               'ONLINE_SOCIAL_MEDIA', 'YES', 'URGENT', 'BLACKPOOL', 0, 0) RETURNING id`,
      [ids.person, agency],
    )
  ).rows[0].id;
  ids.episode = (
    await q(
      `INSERT INTO mash_episode (referral_id, person_id, area, received_at, stage, decision_deadline)
       VALUES ($1, $2, 'BLACKPOOL', now(), 'TRIAGE', now() + interval '1 day') RETURNING id`,
      [ids.referral, ids.person],
    )
  ).rows[0].id;
  ids.decision = (
    await q(
      `INSERT INTO sharing_decision (episode_id, area, decision, decided_by_label, agency_id, decided_at, purpose,
         information, legal_basis, consent_sought, necessity_proportionality)
       VALUES ($1, 'BLACKPOOL', 'SHARE', 'test', $2, now(), 'p', 'i', 'CA2004_S11', true, 'n') RETURNING id`,
      [ids.episode, agency],
    )
  ).rows[0].id;
  for (const g of fc.sample(grantArb, { numRuns: 12, seed: 31 })) {
    const recipientId = (g.kind === 'USER' ? USERS : g.kind === 'TEAM' ? TEAMS : AGENCIES)[g.pick]!;
    const startsAt = new Date(Date.now() + g.startsIn * DAY);
    const expiresAt = new Date(Math.max(startsAt.getTime() + DAY, Date.now() + g.endsIn * DAY));
    const revokedAt = g.revoked ? new Date() : null;
    // The risk assessment is named by id without a row: the function reads only the grant.
    await q(
      `INSERT INTO sharing_grant (decision_id, episode_id, referral_id, person_id, area, recipient_kind, recipient_id,
         recipient_label, items, contribution_ids, granted_by_label, starts_at, expires_at, revoked_at, revoke_reason)
       VALUES ($1, $2, $3, $4, 'BLACKPOOL', $5, $6, 'r', $7, $8::uuid[], 'test', $9, $10, $11, $12)`,
      [
        ids.decision,
        ids.episode,
        ids.referral,
        ids.person,
        g.kind,
        recipientId,
        g.items,
        g.contributions,
        startsAt,
        expiresAt,
        revokedAt,
        revokedAt ? 'ended' : null,
      ],
    );
    grants.push({
      recipientKind: g.kind,
      recipientId,
      startsAt,
      expiresAt,
      revokedAt,
      personId: ids.person,
      episodeId: ids.episode,
      referralId: ids.referral,
      items: g.items,
      contributionIds: g.contributions,
      riskAssessmentId: null,
    });
  }
});
afterAll(async () => {
  await database?.dispose();
});

function principalOf(p: {
  token: boolean;
  user: number;
  agency: number;
  teams: string[];
  permissions: Permission[];
}): Principal {
  return {
    kind: p.token ? 'token' : 'user',
    userId: p.token ? null : USERS[p.user]!,
    tokenId: p.token ? randomUUID() : null,
    label: 'generated',
    agencyId: AGENCIES[p.agency]!,
    areas: [],
    teamIds: p.token ? [] : p.teams,
    roles: [],
    permissions: new Set(p.permissions),
  };
}

describe('the sharing policy and row-level security agree', () => {
  it('on what each generated principal is granted, item by item', async () => {
    const things: GrantedThing[] = [
      { item: 'person', id: ids.person },
      { item: 'person', id: randomUUID() },
      { item: 'referral', id: ids.referral },
      { item: 'contribution', id: CONTRIBUTIONS[0]! },
      { item: 'contribution', id: CONTRIBUTIONS[1]! },
      { item: 'strategy', episodeId: ids.episode },
      { item: 'decision', episodeId: ids.episode },
      { item: 'episode', episodeId: ids.episode },
    ];
    let granted = 0;
    let refused = 0;
    for (const generated of fc.sample(principalArb, { numRuns: 40, seed: 13 })) {
      const principal = principalOf(generated);
      for (const thing of things) {
        const record = 'id' in thing ? thing.id : thing.episodeId;
        const sql = await withTransaction(database.db, contextFor(principal, randomUUID()), (tx) =>
          tx.one<{ g: boolean }>('SELECT lantern_granted($1, $2) AS g', [thing.item, record]),
        );
        const policy = grants.some((g) => grantReaches(principal, g, thing, new Date()));
        expect(sql.g, `${JSON.stringify(generated)} ${JSON.stringify(thing)}`).toBe(policy);
        if (policy) granted += 1;
        else refused += 1;
      }
    }
    // The comparison means something only if both answers occur.
    expect(granted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
