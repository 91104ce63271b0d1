/**
 * In the browser: a police CSE officer records an episode (a bad return first), the return and the interview;
 * the interviews due list and the placement pages list the episode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTeamUser, createTestApp, signIn } from '../support/app.ts';
import { dateTimeFields } from '../support/factories/index.ts';

let t: TestApp;
let officer: PageClient;
let childId: string;
let placementId: string;
let rhiAgency: string;

beforeAll(async () => {
  t = await createTestApp();
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  rhiAgency = (
    await createAgencyWithTeam(t, { type: 'VOLUNTARY', area: 'BLACKPOOL', providesReturnInterviews: true })
  ).agencyId;
  const user = await createTeamUser(t, ['CSE_OFFICER'], police);
  officer = await signIn(t, user);
  childId = (
    await t.superuserQuery(
      `INSERT INTO person (forename, surname, gender, areas) VALUES ('Evie', 'Example', 'FEMALE', '{BLACKPOOL}') RETURNING id`,
    )
  ).rows[0].id;
  placementId = (
    await t.superuserQuery(
      `INSERT INTO placement (code, name, kind, area, postcode) VALUES ('CH-07', 'Beacon House', 'RESIDENTIAL_CHILDRENS_HOME', 'BLACKPOOL', 'FY1 2AB') RETURNING id`,
    )
  ).rows[0].id;
});
afterAll(async () => {
  await t?.close();
});

describe('missing episode pages', () => {
  let episodeUrl: string;
  it('records an episode, refusing a return before the report with an error summary', async () => {
    const form = await officer.get(`/people/${childId}/missing/new`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.body).toContain('Evie Example');
    const reported = new Date(Date.now() - 2 * 86_400_000);
    const fields = {
      type: 'MISSING_FROM_CARE',
      fromKind: 'PLACEMENT',
      placementId,
      ...dateTimeFields('reported', reported),
      reportedBy: 'Residential staff',
      riskGrade: 'MEDIUM',
      exploitationSuspected: 'yes',
      returnedNow: 'yes',
      ...dateTimeFields('returned', new Date(reported.getTime() - 86_400_000)),
      foundWhere: 'Town centre',
    };
    const bad = await officer.post(`/people/${childId}/missing`, fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('The return cannot be before the child was reported missing');
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM missing_episode')).rows[0].n).toBe(0);
    const ok = await officer.post(`/people/${childId}/missing`, { ...fields, returnedNow: 'no' });
    expect(ok.statusCode, ok.body).toBe(303);
    episodeUrl = ok.headers.location!.split('?')[0]!;
    const page = await officer.get(ok.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Beacon House');
    expect(page.body).toContain('Record the return');
  });

  it('records the return and the interview; the interview leaves the due list once completed', async () => {
    await officer.get(episodeUrl);
    const returned = new Date(Date.now() - 3_600_000);
    const ret = await officer.post(`${episodeUrl}/return`, {
      ...dateTimeFields('returned', returned),
      foundWhere: 'A friend’s flat',
    });
    expect(ret.statusCode, ret.body).toBe(303);
    const due = await officer.get('/missing/rhi-due');
    expect(due.statusCode).toBe(200);
    expect(due.body).toContain('Evie Example');
    await officer.get(episodeUrl);
    const noReason = await officer.post(`${episodeUrl}/return-home-interview`, { offered: 'no' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why an interview is not offered');
    const rhi = await officer.post(`${episodeUrl}/return-home-interview`, {
      offered: 'yes',
      ...dateTimeFields('offered', new Date(Date.now() - 30 * 60_000)),
      response: 'ACCEPTED',
      ...dateTimeFields('completed', new Date(Date.now() - 5 * 60_000)),
      byAgencyId: rhiAgency,
      byName: 'Jo Worker',
      disclosures: 'Spoke about an older boyfriend.',
    });
    expect(rhi.statusCode, rhi.body).toBe(303);
    const page = await officer.get(episodeUrl);
    expect(page.body).toContain('Completed within 72 hours');
    expect((await officer.get('/missing/rhi-due')).body).not.toContain('Evie Example');
  });

  it('lists the placement’s episodes and children', async () => {
    const list = await officer.get('/placements');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Beacon House');
    const page = await officer.get(`/placements/${placementId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Evie Example');
    expect(page.body).toContain('Missing from care');
  });
});
