/**
 * "Found with" on the return form (issue 14, item 4), as the server answers it: a search by name offers only
 * people the officer may see (row-level security), a pick of someone out of scope or not a person at all is a
 * field error with every answer kept (never a 404) and an audited denial, and "someone not yet known" records a
 * new person under the officer's agency, linked to the episode. Names travel only in POST bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTestApp, signIn } from '../support/app.ts';
import { dateTimeFields, memberOf } from '../support/factories/index.ts';
import { expectShownAgain } from '../support/form-pages.ts';
import { recordFoundWithCast } from '../support/found-with-cast.ts';

let t: TestApp;
let officer: PageClient;
let childId: string;
let seenId: string;
let unseenId: string;
let episodeUrl: string;

const count = async (sql: string, params: unknown[] = []) =>
  (await t.superuserQuery(sql, params)).rows[0].n as number;

const returnAnswers = () => ({
  ...dateTimeFields('returned', new Date(Date.now() - 3_600_000)),
  foundWhere: 'A flat above the takeaway',
  foundPostcode: 'FY1 3BB',
});

beforeAll(async () => {
  t = await createTestApp();
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  const far = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const user = await memberOf(t, police, ['CSE_OFFICER']);
  const farUser = await memberOf(t, far, ['CSE_OFFICER']);
  officer = await signIn(t, user);
  ({ childId, adultId: seenId, outOfScopeId: unseenId } = await recordFoundWithCast(t.db, user, farUser));
  await officer.get(`/people/${childId}/missing/new`);
  const created = await officer.post(`/people/${childId}/missing`, {
    type: 'MISSING',
    fromKind: 'HOME',
    fromPostcode: 'FY1 4AA',
    ...dateTimeFields('reported', new Date(Date.now() - 2 * 86_400_000)),
    reportedBy: 'Mother',
    riskGrade: 'MEDIUM',
    exploitationSuspected: 'yes',
    returnedNow: 'no',
  });
  expect(created.statusCode, created.body).toBe(303);
  episodeUrl = created.headers.location!.split('?')[0]!;
});
afterAll(async () => {
  await t?.close();
});

describe('found with: pick a person, never type an id', () => {
  it('the form asks for a name to search for, not a person reference', async () => {
    const page = await officer.get(episodeUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('person reference');
    expect(page.body).toContain('Name of someone they were found with');
    expect(page.body).toContain(`formaction="${episodeUrl}/return/find-person"`);
  });

  it('a search offers the people the officer may see, keeps every answer, and leaves out the rest', async () => {
    const page = await officer.post(`${episodeUrl}/return/find-person`, {
      ...returnAnswers(),
      withName: 'Dean Sample',
      withRelation: 'Older friend',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`value="${seenId}"`);
    expect(page.body).toContain('Born 2 March 1999');
    expect(page.body).not.toContain(unseenId);
    expect(page.body).not.toContain('Sampler');
    expect(page.body).toContain('Someone not yet known');
    expect(page.body).toContain('value="A flat above the takeaway"');
    expect(page.body).toContain('value="Older friend"');
    expect(page.body).not.toContain(`value="${childId}"`);
    const audited = await count(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'MISSING_FOUND_WITH_SEARCH' AND subject_id = $1",
      [childId],
    );
    expect(audited).toBe(1);
  });

  it('a name that matches no one says so and offers someone not yet known, with the name typed', async () => {
    const page = await officer.post(`${episodeUrl}/return/find-person`, {
      ...returnAnswers(),
      withName: 'Zebedee Quill',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No one you may see matches that name');
    expect(page.body).toMatch(/id="withForename"[^>]*value="Zebedee"/);
    expect(page.body).toMatch(/id="withSurname"[^>]*value="Quill"/);
  });

  it('a pick of someone out of scope is a field error with the answers kept and an audited denial', async () => {
    const denialsBefore = await count(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
      [unseenId],
    );
    const page = await officer.post(`${episodeUrl}/return`, {
      ...returnAnswers(),
      withName: 'Dean Sample',
      withPersonId: unseenId,
      withRelation: 'Older friend',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).not.toContain('Page not found');
    expect(page.body).toContain('Choose a person from the search results, or someone not yet known');
    expect(page.body).toContain('href="#withPersonId"');
    expect(page.body).toContain('value="A flat above the takeaway"');
    expect(page.body).toContain(`value="${seenId}"`);
    expect(page.body).not.toContain('Sampler');
    const denials = await count(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
      [unseenId],
    );
    expect(denials).toBe(denialsBefore + 1);
    expect(await count('SELECT count(*)::int AS n FROM missing_episode WHERE returned_at IS NOT NULL')).toBe(
      0,
    );
  });

  it('a typed name or a reference to no one is a field error too, not a 404', async () => {
    for (const withPersonId of ['Dean Sample', '00000000-0000-4000-8000-000000000000']) {
      const page = await officer.post(`${episodeUrl}/return`, {
        ...returnAnswers(),
        withPersonId,
        withRelation: 'Friend',
      });
      expectShownAgain(
        page,
        'Choose a person from the search results, or someone not yet known',
        'value="A flat above the takeaway"',
      );
    }
  });

  it('someone not yet known needs a name, then is recorded under the officer’s agency and linked', async () => {
    const unnamed = await officer.post(`${episodeUrl}/return`, {
      ...returnAnswers(),
      withName: 'Zebedee Quill',
      withPersonId: 'new',
      withForename: '',
      withSurname: '',
      withRelation: 'Adult at the address',
    });
    expectShownAgain(unnamed, 'href="#withForename"', 'value="Adult at the address"');

    const saved = await officer.post(`${episodeUrl}/return`, {
      ...returnAnswers(),
      withName: 'Zebedee Quill',
      withPersonId: 'new',
      withForename: 'Zebedee',
      withSurname: 'Quill',
      withRelation: 'Adult at the address',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const { rows } = await t.superuserQuery(
      `SELECT p.forename, p.surname, ep.relation, s.agency_id, a.type AS agency_type
         FROM missing_episode_person ep JOIN person p ON p.id = ep.person_id
         JOIN source_record s ON s.person_id = p.id JOIN agency a ON a.id = s.agency_id`,
    );
    expect(rows).toEqual([
      {
        forename: 'Zebedee',
        surname: 'Quill',
        relation: 'Adult at the address',
        agency_id: expect.any(String),
        agency_type: 'POLICE',
      },
    ]);
    const page = await officer.get(episodeUrl);
    expect(page.body).toMatch(/id="found-with"[\s\S]*Zebedee Quill[\s\S]*Adult at the address/);
  });

  it('the new episode form searches the same way, keeping its own answers', async () => {
    await officer.get(`/people/${childId}/missing/new`);
    const page = await officer.post(`/people/${childId}/missing/find-person`, {
      type: 'MISSING',
      fromKind: 'HOME',
      reportedBy: 'Grandmother',
      returnedNow: 'yes',
      foundWhere: 'Train station',
      withName: 'Dean Sample',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('value="Grandmother"');
    expect(page.body).toContain('value="Train station"');
    expect(page.body).toContain(`value="${seenId}"`);
    expect(page.body).not.toContain(unseenId);
    const empty = await officer.post(`/people/${childId}/missing/find-person`, { reportedBy: 'Grandmother' });
    expectShownAgain(empty, 'href="#withName"', 'Enter a name to search for');
  });
});
