/**
 * The identity pages' test bed: an app with the identity pages, a school in Blackpool, the Blackpool hub and
 * a hub in Preston, each signed in, and a stored matching model. Shared by the review-queue and intake
 * test files, with the queries their assertions read.
 */
import { expect } from 'vitest';
import { identityPageRoutes } from '../../src/people/identity-routes.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { createAgencyWithTeam, type PageClient, signIn, type TestApp, type TestUser } from './app.ts';
import { createAppWith } from './app-with.ts';
import { referVictim, users, victimReferral } from './factories/index.ts';
import { storeSyntheticModel } from './identity-model.ts';

export interface IdentityBed {
  t: TestApp;
  referrer: TestUser;
  mash: TestUser;
  farMash: TestUser;
  school: PageClient;
  hub: PageClient;
  farHub: PageClient;
}

export async function setUpIdentityPages(): Promise<IdentityBed> {
  const t = await createAppWith('/matches', [identityPageRoutes]);
  const referrer = await users.referrer(t);
  const mash = await users.mashPractitioner(t);
  const farCouncil = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'PRESTON' });
  const farMash = await users.mashPractitioner(t, { agency: farCouncil });
  await storeSyntheticModel(t.db);
  const school = await signIn(t, referrer);
  const hub = await signIn(t, mash);
  const farHub = await signIn(t, farMash);
  for (const client of [school, hub, farHub]) await client.get('/');
  return { t, referrer, mash, farMash, school, hub, farHub };
}

/** A school's routine referral of the child, submitted through the service as the user. */
export function referChild(t: TestApp, user: TestUser, child: VictimReferralInput['child']) {
  return referVictim(
    t.db,
    user,
    victimReferral.with('fromTeacher', 'riskAssessed', 'modelUnknown', 'routine').build({ child }),
  );
}

export async function sourceRecordIds(t: TestApp, personId?: string): Promise<string[]> {
  const { rows } = personId
    ? await t.superuserQuery('SELECT id FROM source_record WHERE person_id = $1 ORDER BY id', [personId])
    : await t.superuserQuery('SELECT id FROM source_record ORDER BY id');
  return rows.map((r) => r.id as string);
}

export async function mergedInto(t: TestApp, personId: string): Promise<string | null> {
  const { rows } = await t.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [personId]);
  return rows[0].merged_into as string | null;
}

export async function pendingMatchBetween(
  t: TestApp,
  personId: string,
  candidateId: string,
): Promise<string> {
  const { rows } = await t.superuserQuery(
    "SELECT id FROM match_candidate WHERE person_id = $1 AND candidate_person_id = $2 AND status = 'PENDING'",
    [personId, candidateId],
  );
  expect(rows, 'a pending possible match').toHaveLength(1);
  return rows[0].id as string;
}
