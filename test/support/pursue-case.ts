/**
 * The Pursue tests' case: a Preston child referred by a user of the given agency, naming a man as the
 * suspect (Dale Exampleson, about 31), and the ids of both as the database holds them.
 */

import { createTeam } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { LinkedPersonRef } from '../../src/referrals/rules.ts';
import { createAgencyWithTeam, createTeamUser, createTestUser, type TestApp, type TestUser } from './app.ts';
import { personDetails, referVictim, seedPostcodeDistricts, victimReferral } from './factories/index.ts';

export const SUSPECT_DETAILS = { forename: 'Dale', surname: 'Exampleson', estimatedAge: 31, gender: 'MALE' };

export async function referChildNamingSuspect(
  t: TestApp,
  referrerAt: { agencyId: string; teamId: string },
  suspect: LinkedPersonRef = { details: SUSPECT_DETAILS },
): Promise<{ childId: string; suspectId: string }> {
  const referrer = await createTeamUser(t, ['REFERRER'], referrerAt);
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

export interface PursuePartnership {
  school: { agencyId: string; teamId: string };
  police: { agencyId: string; teamId: string };
  /** The Lancashire police CSE officer, a Blackpool one, and a Lancashire hub practitioner. */
  officer: TestUser;
  otherAreaOfficer: TestUser;
  practitioner: TestUser;
}

/** A school, a police force and a hub in Lancashire, with the people the Pursue tests sign in as. */
export async function pursuePartnership(t: TestApp): Promise<PursuePartnership> {
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const hub = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const blackpool = await withTransaction(t.db, systemContext('test'), (tx) =>
    createTeam(tx, { agencyId: police.agencyId, name: 'Blackpool CSE team', area: 'BLACKPOOL' }),
  );
  const user = (role: 'CSE_OFFICER' | 'MASH_PRACTITIONER', at: { agencyId: string }, teamId: string) =>
    createTestUser(t, [role], { agencyId: at.agencyId, teamIds: [teamId] });
  return {
    school,
    police,
    officer: await user('CSE_OFFICER', police, police.teamId),
    otherAreaOfficer: await user('CSE_OFFICER', police, blackpool.id),
    practitioner: await user('MASH_PRACTITIONER', hub, hub.teamId),
  };
}
