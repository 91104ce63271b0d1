/**
 * A partnership for the cross-agency browser journeys: the postcode districts, a Blackburn school, the
 * Lancashire hub (the council's MASH practitioner and manager, the police and health MASH researchers), the
 * Blackburn with Darwen hub's manager, and the police South CSE team, which has no area of its own. People
 * have names, as a practitioner reads them on the pages.
 */
import { createTeam } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createAgencyWithTeam, createTestUser, type TestApp, type TestUser } from './app.ts';
import { seedPostcodeDistricts } from './factories/index.ts';

export interface JourneyPartnership {
  users: {
    referrer: TestUser;
    practitioner: TestUser;
    manager: TestUser;
    policeResearcher: TestUser;
    healthResearcher: TestUser;
    bwdManager: TestUser;
    cseOfficer: TestUser;
  };
  /** Agency and team names as the pages show them. */
  names: { school: string; police: string; health: string; cseTeam: string };
}

async function agencyName(t: Pick<TestApp, 'superuserQuery'>, id: string): Promise<string> {
  const { rows } = await t.superuserQuery('SELECT name FROM agency WHERE id = $1', [id]);
  return rows[0].name as string;
}

export async function journeyPartnership(t: TestApp): Promise<JourneyPartnership> {
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKBURN_WITH_DARWEN' });
  const lancashire = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const blackburn = await createAgencyWithTeam(t, {
    type: 'CHILDRENS_SOCIAL_CARE',
    area: 'BLACKBURN_WITH_DARWEN',
  });
  const policeDesk = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const health = await createAgencyWithTeam(t, { type: 'HEALTH', area: 'LANCASHIRE' });
  const cseTeam = await withTransaction(t.db, systemContext('test'), (tx) =>
    createTeam(tx, { agencyId: policeDesk.agencyId, name: 'South CSE team', area: null }),
  );
  const person = (
    roles: Parameters<typeof createTestUser>[1],
    at: { agencyId: string; teamId: string },
    displayName: string,
  ) => createTestUser(t, roles, { agencyId: at.agencyId, teamIds: [at.teamId], displayName });
  const users = {
    referrer: await person(['REFERRER'], school, 'Pat Teacher'),
    practitioner: await person(['MASH_PRACTITIONER'], lancashire, 'Sam Social Worker'),
    manager: await person(['MASH_MANAGER'], lancashire, 'Jo Hub Manager'),
    policeResearcher: await person(['MASH_PRACTITIONER'], policeDesk, 'Taylor Police Researcher'),
    healthResearcher: await person(['MASH_PRACTITIONER'], health, 'Morgan Health Nurse'),
    bwdManager: await person(['MASH_MANAGER'], blackburn, 'Riley Blackburn Manager'),
    cseOfficer: await person(
      ['CSE_OFFICER'],
      { agencyId: policeDesk.agencyId, teamId: cseTeam.id },
      'Chris CSE Officer',
    ),
  };
  const police = await agencyName(t, policeDesk.agencyId);
  return {
    users,
    names: {
      school: await agencyName(t, school.agencyId),
      police,
      health: await agencyName(t, health.agencyId),
      cseTeam: `South CSE team, ${police}`,
    },
  };
}
