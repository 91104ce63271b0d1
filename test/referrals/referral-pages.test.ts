/**
 * Referral pages driven like a browser, with every control on: a school refers a new child with a suspect
 * through the multi-page form; the hub finds them, sees the referral on the person's timeline and a repeat
 * referral; the referrer sees status and feedback and nothing of other agencies'.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { peoplePageRoutes } from '../../src/people/routes.ts';
import { wallClockOf } from '../../src/platform/forms/date-parts.ts';
import { referralPageRoutes } from '../../src/referrals/routes.ts';
import {
  createAgencyWithTeam,
  createTestApp,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';

/** The app with the page routes, whether or not app.ts registers them yet. */
async function createPagesApp(): Promise<TestApp> {
  const t = await createTestApp();
  if (t.app.declaredRoutes.some((r) => r.url === '/referrals/new')) return t;
  await t.app.close();
  const app = await buildApp({
    config: t.config,
    db: t.db,
    logger: false,
    plugins: [referralPageRoutes, peoplePageRoutes],
  });
  return {
    ...t,
    app,
    async close() {
      await app.close();
      await t.dispose();
    },
  };
}

let t: TestApp;
let referrer: TestUser;
let mash: TestUser;
let lancashire: TestUser;
let school: PageClient;
let hub: PageClient;
let otherHub: PageClient;

beforeAll(async () => {
  t = await createPagesApp();
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' });
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const lancs = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  referrer = await createTestUser(t, ['REFERRER'], {
    agencyId: schoolAgency.agencyId,
    teamIds: [schoolAgency.teamId],
  });
  mash = await createTestUser(t, ['MASH_PRACTITIONER'], {
    agencyId: council.agencyId,
    teamIds: [council.teamId],
  });
  lancashire = await createTestUser(t, ['MASH_PRACTITIONER'], {
    agencyId: lancs.agencyId,
    teamIds: [lancs.teamId],
  });
  school = await signIn(t, referrer);
  hub = await signIn(t, mash);
  otherHub = await signIn(t, lancashire);
});
afterAll(async () => {
  await t?.close();
});

async function count(table: string): Promise<number> {
  const { rows } = await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n as number;
}

async function lastAuditSeq(): Promise<number> {
  const { rows } = await t.superuserQuery('SELECT coalesce(max(seq), 0)::int AS n FROM audit_event');
  return rows[0].n as number;
}

/** The audit events a request wrote. */
async function auditedBy<T>(
  work: () => Promise<T>,
): Promise<{ result: T; events: Array<Record<string, unknown>> }> {
  const before = await lastAuditSeq();
  const result = await work();
  const { rows } = await t.superuserQuery(
    `SELECT action, subject_type, subject_id, outcome, justification, details FROM audit_event WHERE seq > $1 ORDER BY seq`,
    [before],
  );
  return { result, events: rows };
}

function draftIdFrom(location: unknown): string {
  const m = /^\/referrals\/drafts\/([0-9a-f-]{36})\/child$/.exec(String(location));
  if (!m) throw new Error(`unexpected redirect ${String(location)}`);
  return m[1]!;
}

async function startDraft(client: PageClient): Promise<string> {
  const start = await client.get('/referrals/new');
  expect(start.statusCode).toBe(200);
  const created = await client.post('/referrals/new');
  expect(created.statusCode).toBe(303);
  return draftIdFrom(created.headers.location);
}

function receivedFields(hoursAgo = 2): Record<string, string> {
  const at = wallClockOf(new Date(Date.now() - hoursAgo * 3600_000));
  return {
    'received-day': at.date.day,
    'received-month': at.date.month,
    'received-year': at.date.year,
    receivedTime: at.time,
  };
}

const CHILD = {
  forename: 'Jessica',
  surname: 'Smith',
  aliases: 'Jess',
  'dob-day': '14',
  'dob-month': '5',
  'dob-year': String(new Date().getUTCFullYear() - 14),
  estimatedAge: '',
  ageExplanation: '',
  gender: 'FEMALE',
  ethnicity: 'WHITE_BRITISH',
  nhsNumber: '943 476 5919',
  schoolUpn: '',
  policeRef: '',
  line1: '12 Promenade',
  town: 'Blackpool',
  postcode: 'fy1 1aa',
  livingSituation: 'FAMILY_HOME',
  lookedAfter: 'no',
  sen: 'yes',
  camhs: 'no',
};

const XSS = '<script>alert(1)</script>';

/** Answers every page after the child's, checking each page redirects to the next. */
async function answerTheRest(
  client: PageClient,
  id: string,
  concerns: string,
  source = '2A',
  hoursAgo = 2,
): Promise<void> {
  const base = `/referrals/drafts/${id}`;
  const steps: Array<[string, Record<string, string | string[]>, string]> = [
    [
      'referrer',
      {
        name: 'Pat Teacher',
        role: 'Designated safeguarding lead',
        contact: '01253 000000',
        cinReferralSource: source,
        area: '',
        ...receivedFields(hoursAgo),
      },
      'exploitation',
    ],
    ['exploitation', { exploitationType: 'CSE', category: 'VICTIM_OF_CRIME' }, 'concerns'],
    ['concerns', { concerns, indicators: ['GOING_MISSING', 'OLDER_BOYFRIEND_OR_GIRLFRIEND'] }, 'model'],
    ['model', { exploitationModel: 'BOYFRIEND', contactMethod: 'ONLINE_SOCIAL_MEDIA' }, 'suspects'],
  ];
  for (const [page, fields, next] of steps) {
    expect((await client.get(`${base}/${page}`)).statusCode).toBe(200);
    const response = await client.post(`${base}/${page}`, fields);
    expect(response.statusCode, `${page}: ${response.body.slice(0, 300)}`).toBe(303);
    expect(response.headers.location).toBe(`${base}/${next}`);
  }
}

async function finishAfterSuspects(client: PageClient, id: string): Promise<void> {
  const base = `/referrals/drafts/${id}`;
  expect((await client.post(`${base}/suspects`, { action: 'continue' })).headers.location).toBe(
    `${base}/places`,
  );
  const place = await client.post(`${base}/places`, {
    action: 'add',
    description: 'Flat above the takeaway on Central Drive',
    placePostcode: 'FY1 5AB',
  });
  expect(place.headers.location).toBe(`${base}/places`);
  expect((await client.get(`${base}/places`)).body).toContain('Flat above the takeaway on Central Drive');
  expect((await client.post(`${base}/places`, { action: 'continue' })).headers.location).toBe(
    `${base}/consent`,
  );
  const consent = await client.post(`${base}/consent`, {
    consent: 'NOT_SOUGHT',
    consentNote: 'Asking would place her at greater risk',
  });
  expect(consent.headers.location).toBe(`${base}/urgency`);
  expect((await client.post(`${base}/urgency`, { urgency: 'URGENT' })).headers.location).toBe(
    `${base}/check`,
  );
}

let referralId: string;
let reference: string;
let childId: string;
let suspectId: string;

describe('a school refers a new child with a suspect', () => {
  it('completes the multi-page form, checks the answers and gets a VR- reference', async () => {
    const before = await count('victim_referral');
    const id = await startDraft(school);
    const base = `/referrals/drafts/${id}`;
    const childPage = await school.get(`${base}/child`);
    expect(childPage.statusCode).toBe(200);
    expect(childPage.body).toContain('About the child');
    // A referrer cannot search the registry.
    expect(childPage.body).not.toContain('Is the child already known?');
    const child = await school.post(`${base}/child`, CHILD);
    expect(child.statusCode).toBe(303);
    expect(child.headers.location).toBe(`${base}/referrer`);
    await answerTheRest(school, id, `She goes missing after school. ${XSS}`);

    const add = await school.post(`${base}/suspects`, {
      action: 'add',
      role: 'SUSPECT',
      relationship: 'Older boyfriend',
      forename: 'Darren',
      surname: 'Whitfield',
      estimatedAge: '24',
      gender: 'MALE',
    });
    expect(add.statusCode).toBe(303);
    expect(add.headers.location).toBe(`${base}/suspects`);
    const suspects = await school.get(`${base}/suspects`);
    expect(suspects.body).toContain('Darren Whitfield');
    expect(suspects.body).toContain('Add another person');
    await finishAfterSuspects(school, id);

    const check = await school.get(`${base}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check your answers');
    expect(check.body).toContain('Jessica Smith');
    expect(check.body).toContain('Darren Whitfield');
    expect(check.body).toContain(`href="${base}/suspects?from=check"`);
    expect(check.body).not.toContain(XSS);
    // No personal data in any URL of the flow: the draft id is the only thing in the path.
    expect(check.body).not.toMatch(/href="[^"]*Jessica/);

    const sent = await school.post(`${base}/check`);
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    const m = /^\/referrals\/([0-9a-f-]{36})\/confirmation$/.exec(String(sent.headers.location));
    expect(m).not.toBeNull();
    referralId = m![1]!;
    const confirmation = await school.get(String(sent.headers.location));
    expect(confirmation.statusCode).toBe(200);
    const ref = /id="reference">(VR-\d{4}-\d{6})</.exec(confirmation.body);
    expect(ref).not.toBeNull();
    reference = ref![1]!;

    expect(await count('victim_referral')).toBe(before + 1);
    const { rows } = await t.superuserQuery(
      `SELECT r.reference, r.person_id, r.area, r.cin_referral_source, r.urgency, r.places, r.consent_note,
              r.prior_referrals_ever, s.nhs_number, s.forename, s.surname, s.looked_after, s.learning_disability_or_sen,
              (SELECT postcode FROM source_address a WHERE a.source_record_id = s.id) AS postcode
         FROM victim_referral r JOIN source_record s ON s.id = r.child_source_record_id WHERE r.id = $1`,
      [referralId],
    );
    expect(rows[0]).toMatchObject({
      reference,
      area: 'BLACKPOOL',
      cin_referral_source: '2A',
      urgency: 'URGENT',
      prior_referrals_ever: 0,
      nhs_number: '9434765919',
      forename: 'Jessica',
      surname: 'Smith',
      looked_after: false,
      learning_disability_or_sen: true,
      postcode: 'FY1 1AA',
      places: [{ description: 'Flat above the takeaway on Central Drive', postcode: 'FY1 5AB' }],
    });
    childId = rows[0].person_id;
    const linked = await t.superuserQuery(
      `SELECT rp.person_id, rp.role, rp.relationship, s.forename FROM referral_person rp
         JOIN source_record s ON s.id = rp.source_record_id WHERE rp.referral_id = $1`,
      [referralId],
    );
    expect(linked.rows).toEqual([
      { person_id: expect.any(String), role: 'SUSPECT', relationship: 'Older boyfriend', forename: 'Darren' },
    ]);
    suspectId = linked.rows[0].person_id;
    // The draft is gone once the referral is sent.
    const drafts = await t.superuserQuery('SELECT count(*)::int AS n FROM referral_draft WHERE id = $1', [
      id,
    ]);
    expect(drafts.rows[0].n).toBe(0);
    expect((await school.get(`${base}/check`)).statusCode).toBe(404);
  });

  it('shows each page’s field errors, keeps the values and saves nothing', async () => {
    const before = await count('victim_referral');
    const id = await startDraft(school);
    const base = `/referrals/drafts/${id}`;
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...CHILD, nhsNumber: '1234567890' }, 'Enter a valid 10-digit NHS number', '#nhsNumber'],
      [
        { ...CHILD, 'dob-year': String(new Date().getUTCFullYear() + 1) },
        'Date of birth must be in the past',
        '#dob-day',
      ],
      [
        { ...CHILD, 'dob-day': '', 'dob-month': '', 'dob-year': '', estimatedAge: '19' },
        'This person is 18 or over',
        '#ageExplanation',
      ],
      [{ ...CHILD, ethnicity: 'MARTIAN' }, 'Select an ethnicity from the list', '#ethnicity'],
      [{ ...CHILD, postcode: 'NOT A POSTCODE' }, 'Enter a full UK postcode', '#postcode'],
    ];
    for (const [fields, message, anchor] of cases) {
      const response = await school.post(`${base}/child`, fields);
      expect(response.statusCode, message).toBe(400);
      expect(response.body).toContain('There is a problem');
      expect(response.body).toContain(message);
      expect(response.body).toContain(`href="${anchor}"`);
      expect(response.body).toContain('value="Jessica"');
    }
    // A child 18 or over is accepted with an explanation.
    const explained = await school.post(`${base}/child`, {
      ...CHILD,
      'dob-day': '',
      'dob-month': '',
      'dob-year': '',
      estimatedAge: '19',
      ageExplanation: 'Care leaver still being exploited',
    });
    expect(explained.statusCode).toBe(303);

    // Unknown codes posted by hand are field errors too.
    const source = await school.post(`${base}/referrer`, {
      name: 'Pat Teacher',
      cinReferralSource: 'ZZ',
      ...receivedFields(),
    });
    expect(source.statusCode).toBe(400);
    expect(source.body).toContain('Select the Children in Need referral source');
    expect(source.body).toContain('value="Pat Teacher"');
    const future = await school.post(`${base}/referrer`, {
      name: 'Pat Teacher',
      cinReferralSource: '2A',
      ...receivedFields(),
      'received-year': String(new Date().getUTCFullYear() + 1),
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('must not be in the future');
    const type = await school.post(`${base}/exploitation`, {
      exploitationType: 'NOT_A_CODE',
      category: 'VICTIM_OF_CRIME',
    });
    expect(type.statusCode).toBe(400);
    expect(type.body).toContain('Select the type of exploitation');
    const indicator = await school.post(`${base}/concerns`, {
      concerns: 'Concerns',
      indicators: ['MADE_UP'],
    });
    expect(indicator.statusCode).toBe(400);
    expect(indicator.body).toContain('is not an indicator on the list');
    const consent = await school.post(`${base}/consent`, { consent: 'NOT_SOUGHT', consentNote: '' });
    expect(consent.statusCode).toBe(400);
    expect(consent.body).toContain('Explain why consent was not sought');
    const suspect = await school.post(`${base}/suspects`, {
      action: 'add',
      role: 'SUSPECT',
      forename: '',
      surname: '',
      'dob-year': String(new Date().getUTCFullYear() + 2),
      'dob-month': '1',
      'dob-day': '1',
    });
    expect(suspect.statusCode).toBe(400);
    expect(suspect.body).toContain('Enter a first name, a last name or a name the person is known by');

    // Sending an unfinished draft shows the check page with errors linking to the pages to change.
    const sent = await school.post(`${base}/check`);
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('There is a problem');
    expect(sent.body).toContain(`href="${base}/referrer?from=check"`);
    expect(sent.body).toContain('Select the type of exploitation');
    expect(await count('victim_referral')).toBe(before);
    const { rows } = await t.superuserQuery('SELECT data FROM referral_draft WHERE id = $1', [id]);
    expect(rows[0].data.exploitation).toBeUndefined();
    expect(rows[0].data.child.details.ageExplanation).toBe('Care leaver still being exploited');
  });

  it('keeps one user’s draft from every other user (404, audited)', async () => {
    const id = await startDraft(school);
    const { result, events } = await auditedBy(() => hub.get(`/referrals/drafts/${id}/child`));
    expect(result.statusCode).toBe(404);
    expect(result.body).not.toContain('About the child');
    expect(events).toEqual([
      expect.objectContaining({ action: 'ACCESS_DENIED', subject_type: 'referral_draft', subject_id: id }),
    ]);
    const post = await hub.post(`/referrals/drafts/${id}/child`, CHILD);
    expect(post.statusCode).toBe(404);
    expect((await hub.post(`/referrals/drafts/${id}/check`)).statusCode).toBe(404);
    const { rows } = await t.superuserQuery('SELECT data FROM referral_draft WHERE id = $1', [id]);
    expect(rows[0].data).toEqual({});
    expect((await school.get('/referrals/drafts/not-a-uuid/child')).statusCode).toBe(404);
    expect((await school.get(`/referrals/drafts/${id}/no-such-page`)).statusCode).toBe(404);
  });

  it('audits draft pages and removes drafts untouched for 7 days when a new one starts', async () => {
    const id = await startDraft(school);
    const { events } = await auditedBy(() => school.get(`/referrals/drafts/${id}/concerns`));
    expect(events).toEqual([
      expect.objectContaining({
        action: 'REFERRAL_DRAFT_VIEW',
        subject_type: 'referral_draft',
        subject_id: id,
      }),
    ]);
    await t.superuserQuery(`UPDATE referral_draft SET updated_at = now() - interval '8 days' WHERE id = $1`, [
      id,
    ]);
    expect((await school.get(`/referrals/drafts/${id}/concerns`)).statusCode).toBe(404);
    await startDraft(hub);
    const { rows } = await t.superuserQuery('SELECT count(*)::int AS n FROM referral_draft WHERE id = $1', [
      id,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('the hub finds the child and the suspect', () => {
  it('a Blackpool MASH user finds both by misspelt names, and each search is audited once with its terms', async () => {
    const { result, events } = await auditedBy(() => hub.post('/search', { name: 'Jesica Smyth' }));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`href="/people/${childId}"`);
    expect(result.body).toContain('Jessica Smith');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'PERSON_SEARCH',
      details: { terms: { name: 'Jesica Smyth' } },
    });
    const suspect = await hub.post('/search', { name: 'Daren Whitfeld' });
    expect(suspect.body).toContain(`href="/people/${suspectId}"`);
    expect(suspect.body).toContain('Darren Whitfield');
  });

  it('the person page’s timeline shows the referral, and the view is audited once', async () => {
    const { result, events } = await auditedBy(() => hub.get(`/people/${childId}`));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Timeline');
    expect(result.body).toContain(`href="/referrals/${referralId}">${reference}</a>`);
    expect(result.body).toContain(`Victim referral ${reference}`);
    expect(events).toEqual([expect.objectContaining({ action: 'PERSON_VIEW', subject_id: childId })]);
    const suspectPage = await hub.get(`/people/${suspectId}`);
    expect(suspectPage.body).toContain('Named as suspect on a referral');
  });

  it('a Lancashire MASH user can neither find nor open them', async () => {
    expect((await otherHub.get('/search')).statusCode).toBe(200);
    const search = await otherHub.post('/search', { name: 'Jessica Smith' });
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain(childId);
    expect(search.body).toContain('No one matches');
    const { result, events } = await auditedBy(() => otherHub.get(`/people/${childId}`));
    expect(result.statusCode).toBe(404);
    expect(result.body).not.toContain('Jessica');
    expect(events).toEqual([
      expect.objectContaining({
        action: 'ACCESS_DENIED',
        subject_type: 'person',
        subject_id: childId,
        outcome: 'DENIED',
      }),
    ]);
    expect((await otherHub.get(`/referrals/${referralId}`)).statusCode).toBe(404);
  });

  it('the referral page escapes what was typed', async () => {
    const page = await hub.get(`/referrals/${referralId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(XSS);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('repeat referrals and feedback', () => {
  let second: { id: string; reference: string };

  it('a second referral of the same child, by the hub, shows that the child was referred before', async () => {
    const id = await startDraft(hub);
    const base = `/referrals/drafts/${id}`;
    const form = await hub.get(`${base}/child`);
    expect(form.body).toContain('Is the child already known?');
    const { result: found, events } = await auditedBy(() =>
      hub.post(`${base}/child/search`, { searchName: 'Jessika Smith' }),
    );
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`value="${childId}"`);
    expect(events).toEqual([expect.objectContaining({ action: 'PERSON_SEARCH' })]);
    const chosen = await hub.post(`${base}/child/existing`, { personId: childId });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe(`${base}/referrer`);
    await answerTheRest(hub, id, 'Seen getting into a car with older men', '5A', 1);
    await finishAfterSuspects(hub, id);
    const check = await hub.get(`${base}/check`);
    expect(check.body).toContain('Referred before');
    expect(check.body).toContain('1 time(s) in the last 12 months and 1 time(s) in all');
    expect(check.body).toContain(reference);
    const sent = await hub.post(`${base}/check`);
    expect(sent.statusCode, sent.body.slice(0, 400)).toBe(303);
    const newId = /^\/referrals\/([0-9a-f-]{36})\/confirmation$/.exec(String(sent.headers.location))![1]!;
    const confirmation = await hub.get(String(sent.headers.location));
    expect(confirmation.body).toContain('Referred before');
    const { rows } = await t.superuserQuery(
      'SELECT reference, person_id, prior_referrals_12m, prior_referrals_ever FROM victim_referral WHERE id = $1',
      [newId],
    );
    expect(rows[0]).toMatchObject({ person_id: childId, prior_referrals_12m: 1, prior_referrals_ever: 1 });
    second = { id: newId, reference: rows[0].reference };
    const page = await hub.get(`/referrals/${newId}`);
    expect(page.body).toContain('Earlier referrals of this child');
    expect(page.body).toContain(`href="/referrals/${referralId}"`);
    expect(page.body).toContain(`href="/people/${childId}"`);
  });

  it('a hand-posted person outside the caller’s scope is 404 and changes nothing', async () => {
    const id = await startDraft(otherHub);
    const response = await otherHub.post(`/referrals/drafts/${id}/child/existing`, { personId: childId });
    expect(response.statusCode).toBe(404);
    const { rows } = await t.superuserQuery('SELECT data FROM referral_draft WHERE id = $1', [id]);
    expect(rows[0].data).toEqual({});
  });

  it('the referrer sees their referral’s status and feedback, and nothing of other agencies’', async () => {
    await t.superuserQuery(
      `UPDATE victim_referral SET status = 'DECIDED', outcome = 'S17', outcome_feedback = 'Child and family assessment started',
         outcome_at = now() WHERE id = $1`,
      [referralId],
    );
    const { result: list, events } = await auditedBy(() => school.get('/referrals'));
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Decided');
    expect(list.body).toContain('Section 17 (child in need)');
    expect(list.body).toContain('Child and family assessment started');
    expect(list.body).not.toContain(second.reference);
    expect(events).toEqual([expect.objectContaining({ action: 'REFERRAL_LIST' })]);

    const { result: page, events: viewEvents } = await auditedBy(() =>
      school.get(`/referrals/${referralId}`),
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Child and family assessment started');
    expect(page.body).toContain('Darren Whitfield');
    expect(page.body).not.toContain('Earlier referrals');
    expect(page.body).not.toContain('Referred before');
    expect(page.body).not.toContain(`/people/${childId}`);
    expect(viewEvents).toEqual([
      expect.objectContaining({
        action: 'REFERRAL_VIEW',
        subject_type: 'victim_referral',
        subject_id: referralId,
      }),
    ]);
    // The hub's referral of the same child is not the school's to see.
    expect((await school.get(`/referrals/${second.id}`)).statusCode).toBe(404);
    const hubList = await hub.get('/referrals');
    expect(hubList.body).toContain(reference);
    expect(hubList.body).toContain(second.reference);
  });
});

describe('suspect referrals', () => {
  it('the school refers a female suspect linked to the child, and the hub sees the link on the timeline', async () => {
    const form = await school.get('/suspect-referrals/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Jessica Smith');
    expect(form.body).toContain(`value="${childId}"`);
    const fields = {
      forename: 'Kelly',
      surname: 'Marsden',
      estimatedAge: '30',
      gender: 'FEMALE',
      ethnicity: 'WHITE_BRITISH',
      status: 'SUSPECT',
      suspectRole: 'ENCOURAGED_VICTIMS',
      source: 'PARTNER_AGENCY',
      division: 'WEST',
      name: 'Pat Teacher',
      ...receivedFields(),
      linkedChildren: [childId],
      [`linkType-${childId}`]: 'GROOMER',
      notes: 'Seen with the child at the takeaway',
    };
    const bad = await school.post('/suspect-referrals', {
      ...fields,
      status: '',
      [`linkType-${childId}`]: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select suspect or offender');
    expect(bad.body).toContain('Select how the suspect is linked to the child');
    expect(bad.body).toContain('value="Kelly"');
    expect(await count('suspect_referral')).toBe(0);

    const sent = await school.post('/suspect-referrals', fields);
    expect(sent.statusCode, sent.body.slice(0, 400)).toBe(303);
    const confirmation = await school.get(String(sent.headers.location));
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toMatch(/id="reference">SR-\d{4}-\d{6}</);
    const { rows } = await t.superuserQuery(
      `SELECT r.id, r.status, r.role, r.division, s.gender, l.child_person_id, l.link_type
         FROM suspect_referral r JOIN source_record s ON s.id = r.source_record_id
         JOIN suspect_child_link l ON l.suspect_referral_id = r.id`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        status: 'SUSPECT',
        role: 'ENCOURAGED_VICTIMS',
        division: 'WEST',
        gender: 'FEMALE',
        child_person_id: childId,
        link_type: 'GROOMER',
      }),
    ]);
    const page = await hub.get(`/suspect-referrals/${rows[0].id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kelly Marsden');
    expect(page.body).toContain('Encouraged victims to become involved');
    const timeline = await hub.get(`/people/${childId}`);
    expect(timeline.body).toContain('Linked to a suspect (groomer)');
  });
});

describe('malformed input', () => {
  it('never answers 5xx to random form bodies on any page of a draft, the suspect form or search', async () => {
    const id = await startDraft(hub);
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constant('x'.repeat(20_000)),
      fc.constant('<script>alert(1)</script>'),
      fc.constant('\u0000'),
      fc.constant('99999999999999999999'),
      fc.constant('remove-99'),
      fc.constant('add'),
      fc.constant(childId),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
    );
    const names = fc.constantFrom(
      'action',
      'forename',
      'surname',
      'aliases',
      'dob-day',
      'dob-month',
      'dob-year',
      'estimatedAge',
      'ageExplanation',
      'gender',
      'ethnicity',
      'nhsNumber',
      'postcode',
      'lookedAfter',
      'role',
      'name',
      'cinReferralSource',
      'received-day',
      'received-month',
      'received-year',
      'receivedTime',
      'area',
      'exploitationType',
      'category',
      'concerns',
      'indicators',
      'exploitationModel',
      'contactMethod',
      'description',
      'placePostcode',
      'consent',
      'consentNote',
      'urgency',
      'personId',
      'searchName',
      'searchDob',
      'from',
      'linkedChildren',
      'status',
      'suspectRole',
      'source',
      'division',
      'notes',
      'identifier',
      'justification',
    );
    const body = fc.dictionary(names, junk, { maxKeys: 10 });
    const urls = [
      ...[
        'child',
        'referrer',
        'exploitation',
        'concerns',
        'model',
        'suspects',
        'places',
        'consent',
        'urgency',
      ].map((p) => `/referrals/drafts/${id}/${p}`),
      `/referrals/drafts/${id}/child/search`,
      `/referrals/drafts/${id}/child/existing`,
      `/referrals/drafts/${id}/check`,
      '/suspect-referrals',
      '/search',
      `/people/${childId}/open`,
    ];
    const failures: string[] = [];
    for (const url of urls) {
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const fields: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(payload)) fields[k] = v as string | string[];
          const response = await hub.post(url, fields);
          if (response.statusCode >= 500) failures.push(`${url}: ${JSON.stringify(payload).slice(0, 200)}`);
          if (response.statusCode < 400) expect(response.body).not.toContain('<script>alert(1)</script>');
        }),
        { numRuns: 15, seed: 7 },
      );
      const view = url.replace(/\/child\/(search|existing)$/, '/child').replace(/\/open$/, '');
      expect(
        (await hub.get(url === '/suspect-referrals' ? '/suspect-referrals/new' : view)).statusCode,
      ).toBeLessThan(500);
    }
    expect(failures).toEqual([]);
  });
});
