/**
 * Merge and unmerge: every source record, referral and link moves to the survivor and back, scope and
 * summary are worked out again, both are audited, and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePeople, unmergePeople } from '../../src/people/merge.ts';
import type { Principal } from '../../src/platform/access/principal.ts';
import type { Tx } from '../../src/platform/db/transaction.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';
import { ago, MINUTE, referVictim, victimReferral } from '../support/factories/index.ts';
import { actAs, testPrincipal } from '../support/principals.ts';

let t: TestApp;
let mash: Principal;
let school: Principal;
let elsewhere: Principal;

const as = <T>(p: Principal, work: (tx: Tx) => Promise<T>) => actAs(t.db, p, work);

/** A routine referral with a suspect, received a minute ago. */
const referral = (child: VictimReferralInput['child']): VictimReferralInput =>
  victimReferral.with('modelUnknown', 'routine', 'withSuspect').build({
    concernNoticedAt: ago(MINUTE),
    child,
    concerns: 'Brief factual concern.',
  });

/** Submits that referral as the principal, through the referrals service. */
const refer = (p: Principal, child: VictimReferralInput['child']) => referVictim(t.db, p, referral(child));

const counts = async () =>
  (
    await t.superuserQuery(`SELECT (SELECT count(*) FROM source_record)::int AS s, (SELECT count(*) FROM victim_referral)::int AS r,
     (SELECT count(*) FROM referral_person)::int AS rp`)
  ).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  const schoolAgency = (await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' })).agencyId;
  const council = (await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' }))
    .agencyId;
  const other = (await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' }))
    .agencyId;
  school = testPrincipal(schoolAgency, ['REFERRER'], [], 1);
  mash = testPrincipal(council, ['MASH_PRACTITIONER'], ['BLACKPOOL'], 2);
  elsewhere = testPrincipal(other, ['MASH_PRACTITIONER'], ['LANCASHIRE'], 3);
});
afterAll(async () => {
  await t?.close();
});

describe('merging people', () => {
  it('moves everything to the survivor, keeps the merged person pointing at it, and unmerges exactly', async () => {
    const first = await refer(school, {
      details: { forename: 'Jess', surname: 'Smyth', dob: '2011-03-14', gender: 'FEMALE' },
    });
    const second = await refer(mash, {
      details: {
        forename: 'Jessica',
        surname: 'Smith',
        dob: '2011-03-14',
        gender: 'FEMALE',
        nhsNumber: '9434765919',
      },
    });
    expect(first.personId).not.toBe(second.personId);
    const before = await counts();

    const { mergeId } = await as(mash, (tx) =>
      mergePeople(tx, mash, {
        survivorId: second.personId,
        mergedId: first.personId,
        reason: 'Same child: same date of birth, school confirms',
      }),
    );
    const moved = await t.superuserQuery('SELECT person_id FROM victim_referral WHERE id = $1', [first.id]);
    expect(moved.rows[0].person_id).toBe(second.personId);
    const survivor = (
      await t.superuserQuery('SELECT agency_ids, areas, forename FROM person WHERE id = $1', [
        second.personId,
      ])
    ).rows[0];
    expect(survivor.agency_ids).toContain(school.agencyId);
    expect(survivor.agency_ids).toContain(mash.agencyId);
    const merged = (await t.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [first.personId]))
      .rows[0];
    expect(merged.merged_into).toBe(second.personId);
    expect(await counts()).toEqual(before);
    const mergedScope = (
      await t.superuserQuery('SELECT agency_ids, areas FROM person WHERE id = $1', [first.personId])
    ).rows[0];
    expect(mergedScope).toEqual({ agency_ids: survivor.agency_ids, areas: survivor.areas });
    // The survivor now has both referrals: the second is a repeat of the first.
    const sources = await t.superuserQuery(
      'SELECT count(*)::int AS n FROM source_record WHERE person_id = $1',
      [second.personId],
    );
    expect(sources.rows[0].n).toBe(2);

    await as(mash, (tx) =>
      unmergePeople(tx, mash, { mergeId, reason: 'Different children after all: school checked' }),
    );
    expect(
      (await t.superuserQuery('SELECT person_id FROM victim_referral WHERE id = $1', [first.id])).rows[0]
        .person_id,
    ).toBe(first.personId);
    expect(
      (await t.superuserQuery('SELECT merged_into, agency_ids FROM person WHERE id = $1', [first.personId]))
        .rows[0],
    ).toEqual({
      merged_into: null,
      agency_ids: [school.agencyId],
    });
    expect(
      (await t.superuserQuery('SELECT agency_ids FROM person WHERE id = $1', [second.personId])).rows[0]
        .agency_ids,
    ).toEqual([mash.agencyId]);
    expect(await counts()).toEqual(before);
    const audit = await t.superuserQuery(
      "SELECT action, justification FROM audit_event WHERE action IN ('PERSON_MERGE', 'PERSON_UNMERGE') ORDER BY seq",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['PERSON_MERGE', 'PERSON_UNMERGE']);
    expect(audit.rows[0].justification).toMatch(/Same child/);
  });

  it('refuses without a reason, of the same person twice, out of scope, or without the permission', async () => {
    const a = await refer(mash, { details: { forename: 'Amy', dob: '2012-01-01', gender: 'FEMALE' } });
    const b = await refer(mash, { details: { forename: 'Aimee', dob: '2012-01-01', gender: 'FEMALE' } });
    await expect(
      as(mash, (tx) =>
        mergePeople(tx, mash, { survivorId: a.personId, mergedId: b.personId, reason: 'same' }),
      ),
    ).rejects.toMatchObject({ details: [{ field: 'reason', message: expect.stringMatching(/reason/) }] });
    await expect(
      as(mash, (tx) =>
        mergePeople(tx, mash, { survivorId: a.personId, mergedId: a.personId, reason: 'Same person surely' }),
      ),
    ).rejects.toMatchObject({
      details: [{ field: 'mergedId', message: expect.stringMatching(/two different/) }],
    });
    // Out of scope (another hub) and without the permission (a school): both answered as no such person.
    for (const outsider of [elsewhere, school]) {
      await expect(
        as(outsider, (tx) =>
          mergePeople(tx, outsider, {
            survivorId: a.personId,
            mergedId: b.personId,
            reason: 'Same person, I think',
          }),
        ),
      ).rejects.toMatchObject({ statusCode: 404 });
    }
    const { rows } = await t.superuserQuery(
      'SELECT count(*)::int AS n FROM person_merge WHERE survivor_id = $1',
      [a.personId],
    );
    expect(rows[0].n).toBe(0);
  });
});
