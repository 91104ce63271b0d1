/**
 * One access decision for referrals (issue 12, and issue 22's inlined policies of migration 036): which
 * victim and suspect referrals generated principals read under row-level security is exactly what the
 * access policy predicts: the child may be read (`mayReadRecord` on the person) and the referral itself
 * may be read (`mayReadRecord` on its referring agency and area).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { mayReadRecord } from '../../src/platform/access/policy.ts';
import { contextFor, type Principal } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';
import { generatedPrincipal } from '../support/principals.ts';

const AREAS = ['LANCASHIRE', 'BLACKPOOL', 'BLACKBURN_WITH_DARWEN'];
const PERMISSIONS: Permission[] = ['case:read', 'referral:read-own-agency', 'mash:triage'];
const AGENCIES = [randomUUID(), randomUUID(), randomUUID()];
const USERS = [randomUUID(), randomUUID()];
const subset = <T>(items: readonly T[]) => fc.subarray([...items]);

const referralArb = fc.record({
  child: fc.record({
    agencyIds: subset(AGENCIES),
    areas: subset(AREAS),
    restricted: fc.boolean(),
    caseTeam: subset(USERS),
  }),
  agency: fc.constantFrom(...AGENCIES),
  area: fc.constantFrom(...AREAS),
});
type GeneratedReferral = ReturnType<typeof sampleReferrals>[number];
function sampleReferrals() {
  return fc.sample(referralArb, { numRuns: 40, seed: 36 });
}

const principalArb = fc.record({
  userId: fc.constantFrom(...USERS),
  agencyId: fc.constantFrom(...AGENCIES),
  areas: subset(AREAS),
  permissions: subset(PERMISSIONS),
});

let database: TestDatabase;
const referrals: (GeneratedReferral & { victimId: string; suspectId: string })[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const q = database.superuserQuery;
  for (const [i, agency] of AGENCIES.entries())
    await q(`INSERT INTO agency (id, code, name, type, area) VALUES ($1, $2, $3, 'POLICE', NULL)`, [
      agency,
      `SCOPE-${i}`,
      `Scope agency ${i}`,
    ]);
  for (const [i, r] of sampleReferrals().entries()) {
    const person = (
      await q(
        `INSERT INTO person (forename, agency_ids, areas, restricted, case_team)
         VALUES ('Generated', $1::uuid[], $2::text[], $3, $4::uuid[]) RETURNING id`,
        [r.child.agencyIds, r.child.areas, r.child.restricted, r.child.caseTeam],
      )
    ).rows[0].id as string;
    const victimId = (
      await q(
        `INSERT INTO victim_referral (reference, person_id, referring_agency_id, referred_by_label, practitioner_name,
           cin_referral_source, received_at, exploitation_type, category, concerns, exploitation_model, contact_method,
           consent, urgency, area, prior_referrals_12m, prior_referrals_ever)
         VALUES ($1, $2, $3, 'test', 'test', '2A', now(), 'CSE', 'VICTIM_OF_CRIME', 'x', 'BOYFRIEND',
                 'ONLINE_SOCIAL_MEDIA', 'YES', 'URGENT', $4, 0, 0) RETURNING id`,
        [`VR-SCOPE-${i}`, person, r.agency, r.area],
      )
    ).rows[0].id as string;
    const source = (
      await q(
        `INSERT INTO source_record (person_id, agency_id, forename, submitted_by_label, provenance, subject_role, gender)
         VALUES ($1, $2, 'Generated', 'test', 'Scope test', 'SUSPECT', 'MALE') RETURNING id`,
        [person, r.agency],
      )
    ).rows[0].id as string;
    const suspectId = (
      await q(
        `INSERT INTO suspect_referral (reference, person_id, source_record_id, referring_agency_id, referred_by_label,
           practitioner_name, received_at, status, role, source, area)
         VALUES ($1, $2, $3, $4, 'test', 'test', now(), 'SUSPECT', 'OTHER', 'VICTIM_REFERRAL', $5)
         RETURNING id`,
        [`SR-SCOPE-${i}`, person, source, r.agency, r.area],
      )
    ).rows[0].id as string;
    referrals.push({ ...r, victimId, suspectId });
  }
}, 120_000);
afterAll(async () => {
  await database?.dispose();
});

const predicted = (principal: Principal, r: GeneratedReferral) =>
  mayReadRecord(principal, {
    agencyIds: r.child.agencyIds,
    areas: r.child.areas,
    restricted: r.child.restricted,
    caseTeamUserIds: r.child.caseTeam,
  }) &&
  mayReadRecord(principal, {
    agencyIds: [r.agency],
    areas: [r.area],
    restricted: false,
    caseTeamUserIds: [],
  });

describe('the access policy and the referral policies agree', () => {
  it('on which victim and suspect referrals each generated principal reads', async () => {
    let someSeeSome = 0;
    for (const generated of fc.sample(principalArb, { numRuns: 40, seed: 63 })) {
      const principal = generatedPrincipal(generated);
      const seen = await withTransaction(database.db, contextFor(principal, randomUUID()), async (tx) => ({
        victim: (await tx.query<{ id: string }>(`SELECT id FROM victim_referral`)).map((r) => r.id).sort(),
        suspect: (await tx.query<{ id: string }>(`SELECT id FROM suspect_referral`)).map((r) => r.id).sort(),
      }));
      const expected = referrals.filter((r) => predicted(principal, r));
      expect(seen.victim, JSON.stringify(generated)).toEqual(expected.map((r) => r.victimId).sort());
      expect(seen.suspect, JSON.stringify(generated)).toEqual(expected.map((r) => r.suspectId).sort());
      if (expected.length > 0 && expected.length < referrals.length) someSeeSome += 1;
    }
    // The comparison means something only if principals see some referrals and not others.
    expect(someSeeSome).toBeGreaterThan(5);
  });
});
