/**
 * A partnership of three hubs for the routing tests (decision 0014), on the demo partnership's postcode
 * districts: a school in Blackburn with Darwen, the councils (hubs) of Lancashire, Blackburn with Darwen and
 * Blackpool with a MASH practitioner each (and a manager in Lancashire and Blackburn with Darwen), and the
 * police with a CSE officer in a Lancashire team. Users are signed in on demand.
 */
import type { Role } from '../../src/platform/access/permissions.ts';
import {
  createAgencyWithTeam,
  createTestApp,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from './app.ts';
import {
  type AgencyWithTeam,
  memberOf,
  personDetails,
  referVictim,
  seedPostcodeDistricts,
  victimReferral,
} from './factories/index.ts';

export interface RoutingPartnership {
  t: TestApp;
  agencies: Record<'school' | 'lancashire' | 'bwd' | 'blackpool' | 'police', string>;
  users: Record<
    | 'referrer'
    | 'lancsPractitioner'
    | 'lancsManager'
    | 'bwdPractitioner'
    | 'bwdManager'
    | 'bpPractitioner'
    | 'police',
    TestUser
  >;
  client(name: keyof RoutingPartnership['users']): Promise<PageClient>;
}

export async function routingPartnership(): Promise<RoutingPartnership> {
  const t = await createTestApp();
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKBURN_WITH_DARWEN' });
  const lancashire = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const bwd = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKBURN_WITH_DARWEN' });
  const blackpool = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const member = (agency: AgencyWithTeam, role: Role) => memberOf(t, agency, [role]);
  const users = {
    referrer: await member(school, 'REFERRER'),
    lancsPractitioner: await member(lancashire, 'MASH_PRACTITIONER'),
    lancsManager: await member(lancashire, 'MASH_MANAGER'),
    bwdPractitioner: await member(bwd, 'MASH_PRACTITIONER'),
    bwdManager: await member(bwd, 'MASH_MANAGER'),
    bpPractitioner: await member(blackpool, 'MASH_PRACTITIONER'),
    police: await member(police, 'CSE_OFFICER'),
  };
  const signedIn = new Map<string, PageClient>();
  return {
    t,
    agencies: {
      school: school.agencyId,
      lancashire: lancashire.agencyId,
      bwd: bwd.agencyId,
      blackpool: blackpool.agencyId,
      police: police.agencyId,
    },
    users,
    async client(name) {
      if (!signedIn.has(name)) signedIn.set(name, await signIn(t, users[name]));
      return signedIn.get(name)!;
    },
  };
}

/** A child at this home postcode (or none), referred by the school; the referral's ids and reference. */
export async function referChild(
  p: RoutingPartnership,
  postcode: string | null,
  overrides: { forename?: string; surname?: string; concernNoticedAt?: string } = {},
) {
  const details = personDetails.build({
    forename: overrides.forename ?? 'Poppy',
    surname: overrides.surname ?? 'Routington',
    ...(postcode ? { address: { line1: '2 Example Street', town: 'Somewhere', postcode } } : {}),
  });
  const created = await referVictim(
    p.t.db,
    p.users.referrer,
    victimReferral.build({
      child: { details },
      ...(overrides.concernNoticedAt ? { concernNoticedAt: overrides.concernNoticedAt } : {}),
    }),
  );
  const { rows } = await p.t.superuserQuery(
    `SELECT e.id AS episode_id, e.area AS episode_area, e.hub_to_confirm, e.received_at AS episode_received_at,
            r.area, r.division, r.received_at, r.concern_noticed_at, r.original_received_at, p.areas AS person_areas
       FROM victim_referral r JOIN mash_episode e ON e.referral_id = r.id JOIN person p ON p.id = r.person_id
      WHERE r.id = $1`,
    [created.id],
  );
  return { ...created, row: rows[0] as Record<string, unknown> & { episode_id: string } };
}
