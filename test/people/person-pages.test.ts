/**
 * Search and person pages with every control on: search by each kind of term (sent by POST, audited with
 * its terms), scope of results, what a referrer sees of a person, and restricted people who open only to
 * their case team with a recorded justification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import type { PageClient, TestApp, TestUser } from '../support/app.ts';
import { createAgencyWithTeam, createTestApp, signIn } from '../support/app.ts';
import { auditedBy } from '../support/audit.ts';
import { referVictim, users, victimReferral } from '../support/factories/index.ts';

let t: TestApp;
let referrer: TestUser;
let mash: TestUser;
let colleague: TestUser;
let school: PageClient;
let hub: PageClient;
let hubColleague: PageClient;
let childId: string;
let referralId: string;

/** Submits a referral through the service, as the user would through the pages. */
async function refer(user: TestUser, input: Partial<VictimReferralInput>) {
  return referVictim(
    t.db,
    user,
    hubReferral.build({ referrer: { name: 'Pat Teacher' }, child: {}, ...input }),
  );
}

const hubReferral = victimReferral.with('riskAssessed', 'modelUnknown', 'routine');

beforeAll(async () => {
  t = await createTestApp();
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  referrer = await users.referrer(t);
  mash = await users.mashPractitioner(t, { agency: council });
  colleague = await users.mashPractitioner(t, { agency: council });
  const created = await refer(referrer, {
    child: {
      details: {
        forename: 'Chloe',
        surname: 'Brennan',
        dob: '2011-02-03',
        gender: 'FEMALE',
        nhsNumber: '9434765919',
        schoolUpn: 'A123456789012',
        address: { line1: '4 Dickson Road', town: 'Blackpool', postcode: 'FY1 2AB' },
      },
    },
  });
  childId = created.personId;
  referralId = created.id;
  // The council records what it knows of the same child: a second agency's record.
  await refer(mash, {
    cinReferralSource: '5A',
    concernNoticedAt: new Date(Date.now() - 1800_000).toISOString(),
    child: {
      personId: childId,
      details: {
        forename: 'Chloe',
        surname: 'Brennan',
        dob: '2011-02-03',
        laId: 'LA55501',
        gender: 'FEMALE',
      },
    },
  });
  school = await signIn(t, referrer);
  hub = await signIn(t, mash);
  hubColleague = await signIn(t, colleague);
  for (const client of [school, hub, hubColleague]) await client.get('/');
});
afterAll(async () => {
  await t?.close();
});

describe('search', () => {
  it('finds a person by date of birth, identifier and postcode, each search audited once with its terms', async () => {
    expect((await hub.get('/search')).statusCode).toBe(200);
    const searches: Array<Record<string, string>> = [
      { dob: '2011-02-03' },
      { identifier: '943 476 5919' },
      { identifier: 'la55501' },
      { postcode: 'FY1 2' },
      { postcode: 'fy12ab', name: 'Chloe Brenan' },
    ];
    for (const terms of searches) {
      const { result, events } = await auditedBy(t, () => hub.post('/search', terms));
      expect(result.statusCode, JSON.stringify(terms)).toBe(200);
      expect(result.body, JSON.stringify(terms)).toContain(`href="/people/${childId}"`);
      expect(result.body).toContain('Chloe Brennan');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'PERSON_SEARCH', details: { terms, shown: 1 } });
    }
  });

  it('shows bad terms as field errors and searches nothing', async () => {
    const { result, events } = await auditedBy(t, () => hub.post('/search', { name: '' }));
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('Enter a name, date of birth, identifier or postcode to search for');
    expect(events).toHaveLength(0);
    const postcode = await hub.post('/search', { postcode: 'NOPE' });
    expect(postcode.statusCode).toBe(400);
    expect(postcode.body).toContain('href="#postcode"');
    const dob = await hub.post('/search', { dob: '2011-13-45' });
    expect(dob.body).toContain('Enter the date of birth as a real date');
    // Terms are never taken from a URL.
    const get = await hub.get('/search?name=Chloe');
    expect(get.body).not.toContain(childId);
  });

  it('is for those who may search: a referrer is refused', async () => {
    expect((await school.get('/search')).statusCode).toBe(403);
    expect((await school.post('/search', { name: 'Chloe' })).statusCode).toBe(403);
  });
});

describe('the person page', () => {
  it('shows a case reader every agency’s record with provenance, and the timeline newest first', async () => {
    const { result, events } = await auditedBy(t, () => hub.get(`/people/${childId}`));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Chloe Brennan');
    expect(result.body).toContain('9434765919');
    expect(result.body).toContain('LA55501');
    expect(result.body).toContain('4 Dickson Road, Blackpool, FY1 2AB');
    expect(result.body.match(/Victim referral VR-[0-9-]+, recorded/g)?.length).toBe(2);
    expect(result.body).toContain(`href="/referrals/${referralId}"`);
    const timeline = result.body.slice(result.body.indexOf('id="timeline"'));
    const [first, second] = [...timeline.matchAll(/(VR-\d{4}-\d{6})<\/a>/g)].map((m) => m[1]);
    expect(first! > second!).toBe(true);
    expect(events).toEqual([expect.objectContaining({ action: 'PERSON_VIEW', subject_id: childId })]);
  });

  it('shows a referrer only their own agency’s records', async () => {
    const page = await school.get(`/people/${childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('9434765919');
    expect(page.body).not.toContain('LA55501');
    expect(page.body.match(/Victim referral VR-[0-9-]+, recorded/g)?.length).toBe(1);
  });

  it('answers a malformed or unknown id with 404', async () => {
    expect((await hub.get('/people/not-an-id')).statusCode).toBe(404);
    expect((await hub.get('/people/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('restricted people', () => {
  it('open to their case team only with a justification, recorded on the view', async () => {
    await t.superuserQuery(
      'UPDATE person SET restricted = true, case_team = ARRAY[$1]::uuid[] WHERE id = $2',
      [mash.id, childId],
    );
    const { result: ask, events } = await auditedBy(t, () => hub.get(`/people/${childId}`));
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Why are you opening this record?');
    expect(ask.body).not.toContain('Chloe');
    expect(ask.body).not.toContain('9434765919');
    expect(events).toEqual([
      expect.objectContaining({ action: 'PERSON_JUSTIFICATION_ASKED', subject_id: childId }),
    ]);

    const short = await hub.post(`/people/${childId}/open`, { justification: 'because' });
    expect(short.statusCode).toBe(400);
    expect(short.body).not.toContain('Chloe');
    expect(short.body).toContain('href="#justification"');

    const reason = 'Preparing the strategy discussion tomorrow';
    const { result: opened, events: viewEvents } = await auditedBy(t, () =>
      hub.post(`/people/${childId}/open`, { justification: reason }),
    );
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Chloe Brennan');
    expect(opened.body).toContain('Restricted');
    expect(viewEvents).toEqual([
      expect.objectContaining({ action: 'PERSON_VIEW', subject_id: childId, justification: reason }),
    ]);

    // Someone in the same hub but not on the case team: 404, audited, and no search result.
    const { result: denied, events: deniedEvents } = await auditedBy(t, () =>
      hubColleague.get(`/people/${childId}`),
    );
    expect(denied.statusCode).toBe(404);
    expect(deniedEvents).toEqual([
      expect.objectContaining({ action: 'ACCESS_DENIED', subject_id: childId, outcome: 'DENIED' }),
    ]);
    const forced = await hubColleague.post(`/people/${childId}/open`, { justification: reason });
    expect(forced.statusCode).toBe(404);
    expect(forced.body).not.toContain('Chloe');
    await hubColleague.get('/search');
    const search = await hubColleague.post('/search', { name: 'Chloe Brennan' });
    expect(search.body).not.toContain(childId);
  });

  it('open their chronology to the case team with a justification too, and to no one else', async () => {
    const path = `/people/${childId}/chronology?kind=REFERRAL`;
    const { result: ask, events } = await auditedBy(t, () => hub.get(path));
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Why are you opening this chronology?');
    expect(ask.body).not.toContain('Chloe');
    // The reason is posted to the same page with the same filters.
    expect(ask.body).toContain(`action="/people/${childId}/chronology?kind=REFERRAL"`);
    expect(events).toEqual([
      expect.objectContaining({ action: 'PERSON_JUSTIFICATION_ASKED', subject_id: childId }),
    ]);

    const short = await hub.post(path, { justification: 'because' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#justification"');
    expect(short.body).not.toContain('Chloe');

    const reason = 'Reading the history before the meeting';
    const { result: opened, events: viewEvents } = await auditedBy(t, () =>
      hub.post(path, { justification: reason }),
    );
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Chloe Brennan');
    expect(viewEvents).toEqual([
      expect.objectContaining({ action: 'CHRONOLOGY_VIEW', subject_id: childId, justification: reason }),
    ]);

    expect((await hubColleague.get(path)).statusCode).toBe(404);
    const forced = await hubColleague.post(path, { justification: reason });
    expect(forced.statusCode).toBe(404);
    expect(forced.body).not.toContain('Chloe');
  });
});
