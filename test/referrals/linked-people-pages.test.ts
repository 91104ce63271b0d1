/**
 * Suspects and associates already known (issue 14, item 4): on the referral's suspects step, a hub
 * practitioner finds a person by name among the people they may see and picks one; the referral links that
 * person (no new record). Someone out of their scope is never offered, and a pick of them is a field error
 * with every answer kept and an audited denial, never a 404. A school referrer, who may not search people,
 * is offered no search and is refused one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgencyWithTeam,
  createTestApp,
  type PageClient,
  signIn,
  type TestApp,
} from '../support/app.ts';
import { memberOf, recordedBy } from '../support/factories/index.ts';
import { answerTheRest, CHILD, finishAfterSuspects, startDraft } from './referral-pages-support.ts';

let t: TestApp;
let hub: PageClient;
let school: PageClient;
let seenId: string;
let unseenId: string;
let draftBase: string;

const count = async (sql: string, params: unknown[] = []) =>
  (await t.superuserQuery(sql, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp();
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const lancs = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' });
  const practitioner = await memberOf(t, council, ['MASH_PRACTITIONER']);
  const far = await memberOf(t, lancs, ['MASH_PRACTITIONER']);
  const referrer = await memberOf(t, schoolAgency, ['REFERRER']);
  seenId = await recordedBy(t.db, practitioner, {
    forename: 'Darren',
    surname: 'Whitfield',
    area: 'BLACKPOOL',
    dob: '1999-03-02',
    role: 'SUSPECT',
  });
  unseenId = await recordedBy(t.db, far, {
    forename: 'Darren',
    surname: 'Whitfeld',
    area: 'LANCASHIRE',
    dob: '1998-07-21',
    role: 'SUSPECT',
  });
  hub = await signIn(t, practitioner);
  school = await signIn(t, referrer);
  const id = await startDraft(hub);
  draftBase = `/referrals/drafts/${id}`;
  expect((await hub.post(`${draftBase}/child`, CHILD)).headers.location).toBe(`${draftBase}/referrer`);
  await answerTheRest(hub, id, 'She goes missing after school.');
});
afterAll(async () => {
  await t?.close();
});

/** Picks a person found by the search as the child's suspect, her older boyfriend. */
const pickAsSuspect = (linkedPersonId: string) =>
  hub.post(`${draftBase}/suspects/existing`, {
    role: 'SUSPECT',
    relationship: 'Older boyfriend',
    linkName: 'Darren Whitfield',
    linkedPersonId,
  });

describe('suspects and associates: pick a person already known', () => {
  it('a search offers the people the practitioner may see, with the form’s answers kept', async () => {
    const step = await hub.get(`${draftBase}/suspects`);
    expect(step.body).toContain('Search by name');
    const page = await hub.post(`${draftBase}/suspects/search`, {
      role: 'SUSPECT',
      relationship: 'Older boyfriend',
      linkName: 'Darren Whitfield',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`value="${seenId}"`);
    expect(page.body).not.toContain(unseenId);
    expect(page.body).not.toContain('Whitfeld');
    expect(page.body).toContain('value="Older boyfriend"');
    expect(page.body).toContain('value="Darren Whitfield"');
  });

  it('a pick of someone out of scope is a field error, answers kept, the denial audited', async () => {
    const page = await pickAsSuspect(unseenId);
    expect(page.statusCode).toBe(400);
    expect(page.body).not.toContain('Page not found');
    expect(page.body).toContain('href="#linkedPersonId"');
    expect(page.body).toContain(
      'Choose a person from the search results, or add someone not yet known below',
    );
    expect(page.body).toContain('value="Older boyfriend"');
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
        [unseenId],
      ),
    ).toBe(1);
  });

  it('a picked person is added as already known and the referral links them, with no new record', async () => {
    const added = await pickAsSuspect(seenId);
    expect(added.statusCode, added.body).toBe(303);
    const step = await hub.get(`${draftBase}/suspects`);
    expect(step.body).toContain('Darren Whitfield, born 2 March 1999 (already known)');
    const again = await hub.post(`${draftBase}/suspects/existing`, {
      role: 'ASSOCIATE',
      linkName: 'Darren Whitfield',
      linkedPersonId: seenId,
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This person is already added');
    const records = await count('SELECT count(*)::int AS n FROM source_record');
    await finishAfterSuspects(hub, draftBase.split('/').at(-1)!);
    const sent = await hub.post(`${draftBase}/check`);
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    const { rows } = await t.superuserQuery(
      "SELECT person_id, relationship FROM referral_person WHERE role = 'SUSPECT'",
    );
    expect(rows).toEqual([{ person_id: seenId, relationship: 'Older boyfriend' }]);
    // Only the child's record was added: the suspect already known got none.
    expect(await count('SELECT count(*)::int AS n FROM source_record')).toBe(records + 1);
  });

  it('a school referrer is offered no search of people, and is refused one', async () => {
    const id = await startDraft(school);
    const base = `/referrals/drafts/${id}`;
    await school.post(`${base}/child`, CHILD);
    await answerTheRest(school, id, 'Seen getting into cars.');
    const step = await school.get(`${base}/suspects`);
    expect(step.statusCode).toBe(200);
    expect(step.body).not.toContain('Search by name');
    const refused = await school.post(`${base}/suspects/search`, {
      role: 'SUSPECT',
      linkName: 'Darren Whitfield',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(seenId);
  });
});
