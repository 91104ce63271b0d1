/**
 * Issue 17 item 1 (in part) through the pages (both engines): a person's Pursue status changes with a
 * reason (refused without one, nothing saved), keeps its history, and an eliminated person leaves the
 * priorities; two men named on the same child's referral each show as part of a group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  type PageClient,
  signIn,
  type TestApp,
} from '../support/app.ts';
import {
  personDetails,
  referVictim,
  seedPostcodeDistricts,
  victimReferral,
} from '../support/factories/index.ts';

let t: TestApp;
let client: PageClient;
const ids: Record<string, string> = {};
const count = async () =>
  Number((await t.superuserQuery('SELECT count(*)::int AS n FROM pursue_status')).rows[0].n);

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const officer = await createTeamUser(t, ['CSE_OFFICER'], police);
  const referrer = await createTeamUser(t, ['REFERRER'], school);
  const man = (forename: string, surname: string) => ({
    details: { forename, surname, estimatedAge: 35, gender: 'MALE' },
  });
  await referVictim(
    t.db,
    referrer,
    victimReferral.build({
      child: {
        details: personDetails.build({
          address: { line1: '2 Mill Lane', town: 'Preston', postcode: 'PR1 4AB' },
        }),
      },
      suspects: [man('Dale', 'Exampleson'), man('Mark', 'Sampleton')],
    }),
  );
  const { rows } = await t.superuserQuery(
    `SELECT p.surname, p.id FROM referral_person rp JOIN person p ON p.id = rp.person_id WHERE rp.role = 'SUSPECT'`,
  );
  for (const r of rows) ids[r.surname] = r.id;
  client = await signIn(t, officer);
});
afterAll(() => t?.close());

describe('a person’s Pursue status', () => {
  it('shows each man named on the same child’s referral as part of a group', async () => {
    const page = await client.get(`/pursue/people/${ids['Exampleson']}`);
    expect(page.body).toContain('Status:</strong> Suspect (no status recorded)');
    expect(page.body).toContain(
      'Part of a group: linked with 1 other suspect through the children they share',
    );
  });

  it('refuses a change without a reason, then keeps each change in the history', async () => {
    await client.get(`/pursue/people/${ids['Exampleson']}/status`);
    const refused = await client.post(`/pursue/people/${ids['Exampleson']}/status`, {
      status: 'OFFENDER',
      reason: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the reason for the status');
    expect(await count()).toBe(0);
    for (const [status, reason] of [
      ['OFFENDER', 'Convicted at Preston Crown Court.'],
      ['ELIMINATED', 'Conviction quashed on appeal.'],
    ] as const)
      expect(
        (await client.post(`/pursue/people/${ids['Exampleson']}/status`, { status, reason })).statusCode,
      ).toBe(303);
    const page = await client.get(`/pursue/people/${ids['Exampleson']}`);
    expect(page.body).toContain('Status:</strong> Eliminated from enquiries');
    expect(page.body).toContain('Offender from');
    expect(page.body).toContain('Convicted at Preston Crown Court.');
  });

  it('takes an eliminated person out of the priorities', async () => {
    const priorities = (await client.get('/pursue/priorities')).body;
    expect(priorities).toContain('Mark Sampleton');
    expect(priorities).not.toContain('Dale Exampleson');
  });
});
