/**
 * The return home interview's form (issue 14, item 5): only agencies marked as holding interviews are offered
 * and the server refuses any other with a field error (answers kept); one error summary entry per field, in
 * the form's order; after saving, the page shows the interview as recorded under a success banner, and the
 * form to change it starts from what was saved, not blank.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTeamUser, createTestApp, signIn } from '../support/app.ts';
import { dateTimeFields } from '../support/factories/index.ts';

let t: TestApp;
let officer: PageClient;
let episodeUrl: string;
const names: Record<string, string> = {};
const ids: Record<string, string> = {};

/** The error summary's links, in order. */
function summaryLinks(body: string): string[] {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  t = await createTestApp();
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  for (const [name, type, provides] of [
    ['charity', 'VOLUNTARY', true],
    ['council', 'CHILDRENS_SOCIAL_CARE', true],
    ['school', 'EDUCATION', false],
    ['hospital', 'HEALTH', false],
  ] as const) {
    ids[name] = (
      await createAgencyWithTeam(t, { type, area: 'BLACKPOOL', providesReturnInterviews: provides })
    ).agencyId;
    names[name] = (await t.superuserQuery('SELECT name FROM agency WHERE id = $1', [ids[name]])).rows[0].name;
  }
  const user = await createTeamUser(t, ['CSE_OFFICER'], police);
  officer = await signIn(t, user);
  const childId = (
    await t.superuserQuery(
      `INSERT INTO person (forename, surname, dob, gender, areas)
       VALUES ('Evie', 'Example', '2010-09-14', 'FEMALE', '{BLACKPOOL}') RETURNING id`,
    )
  ).rows[0].id;
  await officer.get(`/people/${childId}/missing/new`);
  const created = await officer.post(`/people/${childId}/missing`, {
    type: 'MISSING',
    fromKind: 'HOME',
    ...dateTimeFields('reported', new Date(Date.now() - 2 * 86_400_000)),
    reportedBy: 'Mother',
    riskGrade: 'MEDIUM',
    exploitationSuspected: 'yes',
    returnedNow: 'yes',
    ...dateTimeFields('returned', new Date(Date.now() - 5 * 3_600_000)),
    foundWhere: 'Home',
  });
  expect(created.statusCode, created.body).toBe(303);
  episodeUrl = created.headers.location!.split('?')[0]!;
});
afterAll(async () => {
  await t?.close();
});

const interview = (byAgencyId: string) => ({
  offered: 'yes',
  ...dateTimeFields('offered', new Date(Date.now() - 3 * 3_600_000)),
  response: 'ACCEPTED',
  ...dateTimeFields('completed', new Date(Date.now() - 2 * 3_600_000)),
  byAgencyId,
  byName: 'Jo Worker',
  disclosures: 'Spoke about an older boyfriend.',
});

describe('the return home interview form', () => {
  it('offers only the agencies that hold return home interviews', async () => {
    const page = await officer.get(episodeUrl);
    expect(page.statusCode).toBe(200);
    const select = /<select[^>]*id="byAgencyId"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? '';
    expect(select).toContain(names['charity']);
    expect(select).toContain(names['council']);
    expect(select).not.toContain(names['school']);
    expect(select).not.toContain(names['hospital']);
  });

  it('refuses an agency that does not hold them, with a field error and the answers kept', async () => {
    const page = await officer.post(`${episodeUrl}/return-home-interview`, interview(ids['school']!));
    expect(page.statusCode).toBe(400);
    expect(summaryLinks(page.body)).toEqual(['byAgencyId']);
    expect(page.body).toContain('Choose an agency that holds return home interviews: this agency is not one');
    expect(page.body).toContain('value="Jo Worker"');
    expect(page.body).toContain('Spoke about an older boyfriend.');
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM return_home_interview')).rows[0].n).toBe(
      0,
    );
  });

  it('lists one error per field, in the form’s order', async () => {
    const page = await officer.post(`${episodeUrl}/return-home-interview`, {
      offered: 'yes',
      ...dateTimeFields('offered', new Date(Date.now() - 3 * 3_600_000)),
      response: 'DECLINED',
      'responded-day': '31',
      'responded-month': '2',
      'responded-year': '2026',
      respondedTime: '10:00',
      ...dateTimeFields('completed', new Date(Date.now() - 2 * 3_600_000)),
      byAgencyId: ids['school']!,
    });
    expect(page.statusCode).toBe(400);
    const links = summaryLinks(page.body);
    expect(links).toEqual([...new Set(links)]);
    expect(links).toEqual(['responded-day', 'completed-day', 'byAgencyId', 'byName']);
  });

  it('after saving shows the interview as recorded under a banner, and a change form that is not blank', async () => {
    const saved = await officer.post(`${episodeUrl}/return-home-interview`, interview(ids['charity']!));
    expect(saved.statusCode, saved.body).toBe(303);
    const page = await officer.get(saved.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('govuk-notification-banner--success');
    expect(page.body).toContain('Return home interview saved');
    const recorded = /id="interview"[\s\S]*?<\/dl>/.exec(page.body)?.[0] ?? '';
    expect(recorded).toContain(`Jo Worker, ${names['charity']}`);
    expect(recorded).toContain('Spoke about an older boyfriend.');
    // The form to change it is closed and starts from what was saved.
    expect(page.body).toMatch(/<details class="govuk-details" id="change-interview">/);
    expect(page.body).toMatch(/id="byName"[^>]*value="Jo Worker"/);
    expect(page.body).toMatch(new RegExp(`value="${ids['charity']}" selected`));
  });
});
