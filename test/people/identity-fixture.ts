/**
 * The world the identity page tests share: an app with the identity pages, a school and a hub in one area
 * and a hub in another, each with a signed-in user, and an active matching model trained on synthetic
 * records. Bindings are live: they are set by the hooks `useIdentityWorld` registers in each test file.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import * as audit from '../support/audit.ts';
import { referVictim, users, victimReferral } from '../support/factories/index.ts';
import { storeSyntheticModel } from '../support/identity-model.ts';

export let t: TestApp;
export let referrer: TestUser;
export let mash: TestUser;
export let farMash: TestUser;
export let school: PageClient;
export let hub: PageClient;
export let farHub: PageClient;

export type ChildDetails = NonNullable<VictimReferralInput['child']['details']>;

/** A teacher's routine referral of the child at risk, through the service as the user would through the pages. */
export async function refer(user: TestUser, child: VictimReferralInput['child']) {
  const referral = victimReferral.with('fromTeacher', 'riskAssessed', 'modelUnknown', 'routine');
  return referVictim(t.db, user, referral.build({ child }));
}

/** The audit events the work wrote. */
export const auditedBy = <T>(work: () => Promise<T>) => audit.auditedBy(t, work);

export async function sourceRecordIds(personId?: string): Promise<string[]> {
  const { rows } = personId
    ? await t.superuserQuery('SELECT id FROM source_record WHERE person_id = $1 ORDER BY id', [personId])
    : await t.superuserQuery('SELECT id FROM source_record ORDER BY id');
  return rows.map((r) => r.id as string);
}

export async function mergedInto(personId: string): Promise<string | null> {
  const { rows } = await t.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [personId]);
  return rows[0].merged_into as string | null;
}

export async function pendingMatchBetween(personId: string, candidateId: string): Promise<string> {
  const { rows } = await t.superuserQuery(
    "SELECT id FROM match_candidate WHERE person_id = $1 AND candidate_person_id = $2 AND status = 'PENDING'",
    [personId, candidateId],
  );
  expect(rows, 'a pending possible match').toHaveLength(1);
  return rows[0].id as string;
}

/**
 * Rebecca Hollowell, referred by the hub with her date of birth and postcode, then "Rebecca Hallowell",
 * aged about 14, by the school: a likely match the matching model sends for review. The two people and
 * the pending match between them.
 */
export async function referLikelyMatch(): Promise<{ known: string; likely: string; matchId: string }> {
  const known = (
    await refer(mash, {
      details: {
        forename: 'Rebecca',
        surname: 'Hollowell',
        dob: '2012-08-21',
        gender: 'FEMALE',
        address: { postcode: 'FY3 7QP' },
      },
    })
  ).personId;
  const second = await refer(referrer, {
    details: { forename: 'Rebecca', surname: 'Hallowell', estimatedAge: 14, gender: 'FEMALE' },
  });
  expect(second.identity.kind).toBe('REVIEW');
  return { known, likely: second.personId, matchId: await pendingMatchBetween(second.personId, known) };
}

/** Builds the world before the file's tests and closes it after them. */
export function useIdentityWorld(): void {
  beforeAll(async () => {
    t = await createTestApp();
    referrer = await users.referrer(t);
    mash = await users.mashPractitioner(t);
    farMash = await users.mashPractitioner(t, { area: 'PRESTON' });
    await storeSyntheticModel(t.db);
    school = await signIn(t, referrer);
    hub = await signIn(t, mash);
    farHub = await signIn(t, farMash);
    for (const client of [school, hub, farHub]) await client.get('/');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
}
