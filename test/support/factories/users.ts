/**
 * Users by what they do, each in an agency (with a team) of the right kind, ready to sign in: built on
 * `createTestUser`. By default each gets a new agency in Blackpool; pass `agency` to put several people in
 * one agency, `area` for another hub's area.
 */
import type { Role } from '../../../src/platform/access/permissions.ts';
import { createAgencyWithTeam, createTestUser, type TestApp, type TestUser } from '../app.ts';

export interface AgencyWithTeam {
  agencyId: string;
  teamId: string;
}

export interface Placement {
  /** An existing agency and team; a new one of the role's usual kind when absent. */
  agency?: AgencyWithTeam;
  area?: string;
}

/** A user with these roles, a member of the agency's team. */
export async function memberOf(t: TestApp, agency: AgencyWithTeam, roles: Role[]): Promise<TestUser> {
  return createTestUser(t, roles, { agencyId: agency.agencyId, teamIds: [agency.teamId] });
}

function kindOfUser(roles: Role[], agencyType: string) {
  return async (t: TestApp, where: Placement = {}): Promise<TestUser> => {
    const agency =
      where.agency ?? (await createAgencyWithTeam(t, { type: agencyType, area: where.area ?? 'BLACKPOOL' }));
    return memberOf(t, agency, roles);
  };
}

export const users = {
  /** A designated safeguarding lead at a school. */
  referrer: kindOfUser(['REFERRER'], 'EDUCATION'),
  /** A practitioner in the hub, at the council's children's social care. */
  mashPractitioner: kindOfUser(['MASH_PRACTITIONER'], 'CHILDRENS_SOCIAL_CARE'),
  /** The hub's manager: triage, decisions, sign-off. */
  mashManager: kindOfUser(['MASH_MANAGER'], 'CHILDRENS_SOCIAL_CARE'),
  /** A police CSE officer. */
  policeOfficer: kindOfUser(['CSE_OFFICER'], 'POLICE'),
  /** An administrator of accounts, in an agency but no team (administrators see no case data). */
  async administrator(t: TestApp, where: { agencyId?: string } = {}): Promise<TestUser> {
    return createTestUser(t, ['ADMINISTRATOR'], where.agencyId ? { agencyId: where.agencyId } : {});
  },
};
