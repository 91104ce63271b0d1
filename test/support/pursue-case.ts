/**
 * The Pursue tests' case: a Preston child referred by a user of the given agency, naming a man as the
 * suspect (Dale Exampleson, about 31), and the ids of both as the database holds them.
 */
import type { LinkedPersonRef } from '../../src/referrals/rules.ts';
import { createTestUser, type TestApp } from './app.ts';
import { personDetails, referVictim, victimReferral } from './factories/index.ts';

export const SUSPECT_DETAILS = { forename: 'Dale', surname: 'Exampleson', estimatedAge: 31, gender: 'MALE' };

export async function referChildNamingSuspect(
  t: TestApp,
  referrerAt: { agencyId: string; teamId: string },
  suspect: LinkedPersonRef = { details: SUSPECT_DETAILS },
): Promise<{ childId: string; suspectId: string }> {
  const referrer = await createTestUser(t, ['REFERRER'], {
    agencyId: referrerAt.agencyId,
    teamIds: [referrerAt.teamId],
  });
  const referral = await referVictim(
    t.db,
    referrer,
    victimReferral.build({
      child: {
        details: personDetails.build({
          address: { line1: '4 Mill Lane', town: 'Preston', postcode: 'PR1 4AB' },
        }),
      },
      suspects: [suspect],
    }),
  );
  const { rows } = await t.superuserQuery(
    `SELECT v.person_id AS child, rp.person_id AS suspect FROM victim_referral v
       JOIN referral_person rp ON rp.referral_id = v.id AND rp.role = 'SUSPECT' WHERE v.id = $1`,
    [referral.id],
  );
  return { childId: rows[0].child, suspectId: rows[0].suspect };
}
