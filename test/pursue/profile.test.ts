/**
 * Issue 17 item 1 through the pages (both engines): a suspect's ethnicity and nationality, "not stated" and
 * "refused to say" among the answers; the form offers what the referral said; bad answers are field errors
 * that save nothing and keep what was chosen; the answers stay out of the audit trail; the completeness
 * page counts recorded, not stated, refused and not yet asked over the partnership's priorities.
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
let officer: PageClient;
let outsider: PageClient;
let officerName: string;
const ids: Record<string, string> = {};
const saved = async () =>
  Number((await t.superuserQuery('SELECT count(*)::int AS n FROM pursue_profile')).rows[0].n);

/** The completeness table's cells, row by row. */
async function completeness(): Promise<string[][]> {
  const page = await officer.get('/pursue/completeness');
  expect(page.statusCode).toBe(200);
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim()),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const elsewhere = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  const referrer = await createTeamUser(t, ['REFERRER'], school);
  const man = (forename: string, surname: string, ethnicity?: string) => ({
    details: { forename, surname, estimatedAge: 35, gender: 'MALE', ...(ethnicity ? { ethnicity } : {}) },
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
      suspects: [man('Dale', 'Exampleson', 'WHITE_IRISH'), man('Mark', 'Sampleton'), man('Lee', 'Testwood')],
    }),
  );
  const { rows } = await t.superuserQuery(
    `SELECT p.surname, p.id FROM referral_person rp JOIN person p ON p.id = rp.person_id WHERE rp.role = 'SUSPECT'`,
  );
  for (const r of rows) ids[r.surname] = r.id;
  const officerUser = await createTeamUser(t, ['CSE_OFFICER'], police);
  officerName = officerUser.username;
  officer = await signIn(t, officerUser);
  outsider = await signIn(t, await createTeamUser(t, ['CSE_OFFICER'], elsewhere));
});
afterAll(() => t?.close());

describe('a suspect’s ethnicity and nationality', () => {
  it('offers the ethnicity the referral gave, and shows "not recorded yet" until answered', async () => {
    const register = await officer.get(`/pursue/people/${ids['Exampleson']}`);
    expect(register.body).toMatch(/id="profile-ethnicity">Not recorded yet</);
    const form = await officer.get(`/pursue/people/${ids['Exampleson']}/profile`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<option value="WHITE_IRISH" selected>Irish<\/option>/);
    expect(form.body).toContain('<option value="REFUSED">Refused to say</option>');
    expect(form.body).toContain('<option value="PK">Pakistan</option>');
  });

  it('refuses an answer outside the lists, naming each field, saving nothing, keeping the choice', async () => {
    const before = await saved();
    const refused = await officer.post(`/pursue/people/${ids['Exampleson']}/profile`, {
      ethnicity: 'MARTIAN',
      nationality: 'GB',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Select the ethnicity, or &quot;Not stated&quot; or &quot;Refused to say&quot;',
    );
    expect(refused.body).not.toContain('Select the nationality, or');
    expect(refused.body).toMatch(/<option value="GB" selected>United Kingdom<\/option>/);
    const none = await officer.post(`/pursue/people/${ids['Exampleson']}/profile`, {
      ethnicity: 'REFUSED',
      nationality: 'ATLANTIS',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the nationality, or &quot;Stateless&quot;');
    expect(await saved()).toBe(before);
  });

  it('records the answers, shows them on the register, and keeps them out of the audit trail', async () => {
    const done = await officer.post(`/pursue/people/${ids['Exampleson']}/profile`, {
      ethnicity: 'REFUSED',
      nationality: 'GB',
    });
    expect(done.statusCode).toBe(303);
    const register = await officer.get(`/pursue/people/${ids['Exampleson']}`);
    expect(register.body).toMatch(/id="profile-ethnicity">Refused to say</);
    expect(register.body).toMatch(/id="profile-nationality">United Kingdom/);
    const { rows } = await t.superuserQuery(
      `SELECT details::text AS d FROM audit_event WHERE action = 'PURSUE_PROFILE_RECORD'`,
    );
    expect(rows.length).toBe(1);
    expect(rows[0].d ?? '').not.toMatch(/REFUSED|GB/);
    await officer.post(`/pursue/people/${ids['Sampleton']}/profile`, {
      ethnicity: 'NOT_STATED',
      nationality: 'NOT_STATED',
    });
  });

  it('counts how complete the monitoring is over the people the reader may see', async () => {
    // Dale: refused / United Kingdom; Mark: not stated / not stated; Lee: never asked, no referral ethnicity.
    expect(await completeness()).toEqual([
      ['Ethnicity', '0 (0%)', '1', '1', '1'],
      ['Nationality', '1 (33%)', '1', '0', '1'],
    ]);
    await officer.post(`/pursue/people/${ids['Testwood']}/profile`, {
      ethnicity: 'ASIAN_CHINESE',
      nationality: 'STATELESS',
    });
    expect(await completeness()).toEqual([
      ['Ethnicity', '1 (33%)', '1', '1', '0'],
      ['Nationality', '2 (67%)', '1', '0', '0'],
    ]);
  });

  it('on a restricted suspect, asks the case team why, and keeps the reason with the record', async () => {
    const me = (await t.superuserQuery(`SELECT id FROM app_user WHERE username = $1`, [officerName])).rows[0]
      .id;
    await t.superuserQuery(
      'UPDATE person SET restricted = true, case_team = ARRAY[$1]::uuid[] WHERE id = $2',
      [me, ids['Sampleton']],
    );
    const before = await saved();
    const form = await officer.get(`/pursue/people/${ids['Sampleton']}/profile`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="justification"');
    const refused = await officer.post(`/pursue/people/${ids['Sampleton']}/profile`, {
      ethnicity: 'BLACK_AFRICAN',
      nationality: 'NG',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#justification"');
    expect(refused.body).toMatch(/<option value="NG" selected>Nigeria<\/option>/);
    expect(await saved()).toBe(before);
    const reason = 'Recording the answers he gave at interview today';
    const done = await officer.post(`/pursue/people/${ids['Sampleton']}/profile`, {
      ethnicity: 'BLACK_AFRICAN',
      nationality: 'NG',
      justification: reason,
    });
    expect(done.statusCode).toBe(303);
    const { rows } = await t.superuserQuery(
      `SELECT justification FROM audit_event WHERE action = 'PURSUE_PROFILE_RECORD' AND subject_id = $1 ORDER BY seq`,
      [ids['Sampleton']],
    );
    // The first, before the restriction, needed none.
    expect(rows.map((r) => r.justification)).toEqual([null, reason]);
  });

  it('is not open to another area’s police; the completeness is the partnership’s, naming no one', async () => {
    const form = await outsider.get(`/pursue/people/${ids['Testwood']}/profile`);
    expect(form.statusCode).toBe(404);
    const page = await outsider.get('/pursue/completeness');
    expect(page.body).toContain('Of the 3 suspects and offenders in the partnership');
    for (const surname of Object.keys(ids)) expect(page.body).not.toContain(surname);
  });
});
