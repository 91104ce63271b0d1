/**
 * Identity resolution at intake: a record that is surely a known person joins them (even one outside the
 * referrer's scope, without showing the referrer anything of other agencies'), a likely match is queued
 * for a practitioner, who confirms (merge) or rejects, audited; a stranger makes a new person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMatches } from '../../src/people/matching-store.ts';
import { decideMatch } from '../../src/people/review.ts';
import type { Principal } from '../../src/platform/access/principal.ts';
import type { Tx } from '../../src/platform/db/transaction.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';
import { ago, MINUTE, referVictim, victimReferral } from '../support/factories/index.ts';
import { storeSyntheticModel } from '../support/identity-model.ts';
import { actAs, testPrincipal } from '../support/principals.ts';

let t: TestApp;
let school: Principal;
let otherSchool: Principal;
let mash: Principal;

const as = <T>(p: Principal, work: (tx: Tx) => Promise<T>) => actAs(t.db, p, work);

/** A routine referral of the child, received a minute ago. */
const referral = (details: NonNullable<VictimReferralInput['child']['details']>): VictimReferralInput =>
  victimReferral.with('modelUnknown', 'routine').build({
    concernNoticedAt: ago(MINUTE),
    child: { details },
    concerns: 'Brief factual concern.',
  });

/** Submits that referral as the principal, through the referrals service. */
const refer = (p: Principal, details: NonNullable<VictimReferralInput['child']['details']>) =>
  referVictim(t.db, p, referral(details));

beforeAll(async () => {
  t = await createTestApp();
  school = testPrincipal(
    (await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' })).agencyId,
    ['REFERRER'],
    [],
    1,
  );
  otherSchool = testPrincipal(
    (await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' })).agencyId,
    ['REFERRER'],
    [],
    2,
  );
  mash = testPrincipal(
    (await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' })).agencyId,
    ['MASH_PRACTITIONER'],
    ['BLACKPOOL'],
    3,
  );
  // A model trained on synthetic agency records, stored as the active version.
  await storeSyntheticModel(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('matching at intake', () => {
  it('joins a surely-known child, even one the referrer could not see, without showing other agencies’ records', async () => {
    const kayleigh = {
      forename: 'Kayleigh',
      surname: 'Brierfield',
      dob: '2011-05-09',
      gender: 'FEMALE',
      nhsNumber: '9434765919',
      address: { postcode: 'FY1 2AB' },
    };
    const first = await refer(school, kayleigh);
    expect(first.identity.kind).toBe('NEW');
    // The same child from another school, the NHS number written as it is printed.
    const second = await refer(otherSchool, { ...kayleigh, nhsNumber: '943 476 5919' });
    expect(second.identity.kind).toBe('AUTO_LINK');
    expect(second.personId).toBe(first.personId);
    // The second school sees its own record of the child, and not the first school's.
    const seen = await as(otherSchool, (tx) =>
      tx.query('SELECT agency_id FROM source_record WHERE person_id = $1', [first.personId]),
    );
    expect(seen.map((r) => r.agency_id)).toEqual([otherSchool.agencyId]);
    const seenReferrals = await as(otherSchool, (tx) =>
      tx.query('SELECT id FROM victim_referral WHERE person_id = $1', [first.personId]),
    );
    expect(seenReferrals.map((r) => r.id)).toEqual([second.id]);
    const audit = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'REFERRAL_CREATE' AND subject_id = $1",
      [second.id],
    );
    expect(audit.rows[0].details.identity.kind).toBe('AUTO_LINK');
  });

  it('queues a likely match for review; confirming merges them, rejecting leaves them apart', async () => {
    const known = await refer(mash, {
      forename: 'Rebecca',
      surname: 'Hollowell',
      dob: '2012-08-21',
      gender: 'FEMALE',
      address: { postcode: 'FY3 7QP' },
    });
    const likely = await refer(school, {
      forename: 'Rebecca',
      surname: 'Hallowell',
      estimatedAge: 14,
      gender: 'FEMALE',
    });
    expect(likely.identity.kind).toBe('REVIEW');
    expect(likely.personId).not.toBe(known.personId);
    const queue = await as(mash, (tx) => pendingMatches(tx));
    const match = queue.find(
      (m) => m.person_id === likely.personId && m.candidate_person_id === known.personId,
    );
    expect(match).toBeDefined();
    expect(match!.explanation.fields.some((f) => f.field === 'forename' && f.matchWeight > 0)).toBe(true);
    expect(match!.probability).toBeGreaterThanOrEqual(0.5);
    expect(match!.probability).toBeLessThan(0.99);
    // A referrer may not decide.
    await expect(
      as(school, (tx) =>
        decideMatch(tx, school, {
          matchId: match!.id,
          decision: 'CONFIRM',
          reason: 'Looks like the same child',
        }),
      ),
    ).rejects.toBeDefined();
    await as(mash, (tx) =>
      decideMatch(tx, mash, {
        matchId: match!.id,
        decision: 'CONFIRM',
        reason: 'Same child: surname misspelt by the school',
      }),
    );
    const merged = await t.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [likely.personId]);
    expect(merged.rows[0].merged_into).toBe(known.personId);
    const actions = (
      await t.superuserQuery(
        "SELECT action FROM audit_event WHERE action IN ('MATCH_CONFIRM', 'PERSON_MERGE')",
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['MATCH_CONFIRM', 'PERSON_MERGE']));
    await expect(
      as(mash, (tx) =>
        decideMatch(tx, mash, { matchId: match!.id, decision: 'REJECT', reason: 'Changed my mind about it' }),
      ),
    ).rejects.toMatchObject({ statusCode: 409 });
  });

  it('makes a new person for a stranger and queues nothing', async () => {
    const before = (await t.superuserQuery('SELECT count(*)::int AS n FROM match_candidate')).rows[0].n;
    const stranger = await refer(school, {
      forename: 'Zephyrine',
      surname: 'Quillborough',
      dob: '2010-01-30',
      gender: 'FEMALE',
    });
    expect(stranger.identity.kind).toBe('NEW');
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM match_candidate')).rows[0].n).toBe(before);
  });
});
