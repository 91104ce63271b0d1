/**
 * A partnership for a test: agencies with a team each, by name, and one member of staff in each with a
 * role (a token sees what its agency's staff holding its permissions see, so API tests need them too).
 */
import type { Role } from '../../../src/platform/access/permissions.ts';
import { createAgencyWithTeam, type TestApp } from '../app.ts';
import { memberOf } from './users.ts';

/** The hub's partners in Blackpool: a school, the council (the hub), police, health and a charity. */
export const HUB_PARTNERS = [
  ['school', 'EDUCATION'],
  ['council', 'CHILDRENS_SOCIAL_CARE'],
  ['police', 'POLICE'],
  ['health', 'HEALTH'],
  ['charity', 'VOLUNTARY'],
] as const;

/**
 * Fills `agencies` and `teams` (name to id) with a new agency and team per [name, type, area?]: in Blackpool
 * when the area is left out, in none when it is null.
 */
export async function createAgencies(
  t: TestApp,
  specs: ReadonlyArray<readonly [name: string, type: string, area?: string | null]>,
  agencies: Record<string, string>,
  teams: Record<string, string>,
): Promise<void> {
  for (const [name, type, area] of specs) {
    const created = await createAgencyWithTeam(t, { type, area: area === undefined ? 'BLACKPOOL' : area });
    agencies[name] = created.agencyId;
    teams[name] = created.teamId;
  }
}

/** One member of each named agency's team with the role given. */
export async function staffAgencies(
  t: TestApp,
  roles: ReadonlyArray<readonly [agency: string, role: Role]>,
  agencies: Record<string, string>,
  teams: Record<string, string>,
): Promise<void> {
  for (const [name, role] of roles) {
    await memberOf(t, { agencyId: agencies[name]!, teamId: teams[name]! }, [role]);
  }
}
