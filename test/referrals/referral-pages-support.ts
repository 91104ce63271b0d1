/**
 * Shared setup of the referral page tests: the app with the page routes, a school (referrer), a Blackpool
 * hub and a Lancashire hub signed in, and helpers that drive the multi-page victim referral.
 */
import { expect } from 'vitest';
import { wallClockOf } from '../../src/platform/forms/date-parts.ts';
import { createTestApp, type PageClient, signIn, type TestApp } from '../support/app.ts';
import * as audit from '../support/audit.ts';
import { users } from '../support/factories/index.ts';

/** The app of the current test file (each test file runs in its own module context). */
let current: TestApp;

export interface PagesFixture {
  t: TestApp;
  school: PageClient;
  hub: PageClient;
  otherHub: PageClient;
}

export async function createPagesFixture(): Promise<PagesFixture> {
  const t = await createTestApp();
  current = t;
  const school = await signIn(t, await users.referrer(t));
  const hub = await signIn(t, await users.mashPractitioner(t));
  const otherHub = await signIn(t, await users.mashPractitioner(t, { area: 'LANCASHIRE' }));
  return { t, school, hub, otherHub };
}

export const count = (table: string): Promise<number> => audit.countRows(current, table);

/** The audit events a request wrote. */
export const auditedBy = <T>(work: () => Promise<T>) => audit.auditedBy(current, work);

export function draftIdFrom(location: unknown): string {
  const m = /^\/referrals\/drafts\/([0-9a-f-]{36})\/child$/.exec(String(location));
  if (!m) throw new Error(`unexpected redirect ${String(location)}`);
  return m[1]!;
}

export async function startDraft(client: PageClient): Promise<string> {
  const start = await client.get('/referrals/new');
  expect(start.statusCode).toBe(200);
  const created = await client.post('/referrals/new');
  expect(created.statusCode).toBe(303);
  return draftIdFrom(created.headers.location);
}

export function receivedFields(hoursAgo = 2): Record<string, string> {
  const at = wallClockOf(new Date(Date.now() - hoursAgo * 3600_000));
  return {
    'received-day': at.date.day,
    'received-month': at.date.month,
    'received-year': at.date.year,
    receivedTime: at.time,
  };
}

export const CHILD = {
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

/** The suspects page's answers adding Darren Whitfield, her older boyfriend. */
export const DARREN_AS_SUSPECT = {
  action: 'add',
  role: 'SUSPECT',
  relationship: 'Older boyfriend',
  forename: 'Darren',
  surname: 'Whitfield',
  estimatedAge: '24',
  gender: 'MALE',
};

export const XSS = '<script>alert(1)</script>';

/** Answers every page after the child's, checking each page redirects to the next. */
export async function answerTheRest(
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

export async function finishAfterSuspects(client: PageClient, id: string): Promise<void> {
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

/**
 * The referral the follow-up tests start from, made as the first test of referral-pages.test.ts makes it
 * (which asserts each step): a school refers Jessica Smith with Darren Whitfield as a suspect.
 */
export async function referChildWithSuspect(
  school: PageClient,
): Promise<{ referralId: string; reference: string; childId: string; suspectId: string }> {
  const id = await startDraft(school);
  const base = `/referrals/drafts/${id}`;
  expect((await school.post(`${base}/child`, CHILD)).headers.location).toBe(`${base}/referrer`);
  await answerTheRest(school, id, `She goes missing after school. ${XSS}`);
  const add = await school.post(`${base}/suspects`, DARREN_AS_SUSPECT);
  expect(add.headers.location).toBe(`${base}/suspects`);
  await finishAfterSuspects(school, id);
  const sent = await school.post(`${base}/check`);
  const m = /^\/referrals\/([0-9a-f-]{36})\/confirmation$/.exec(String(sent.headers.location));
  if (!m) throw new Error(`referral not sent: ${sent.statusCode} ${sent.body.slice(0, 300)}`);
  const referralId = m[1]!;
  const confirmation = await school.get(String(sent.headers.location));
  const reference = /id="reference">(VR-\d{4}-\d{6})</.exec(confirmation.body)![1]!;
  const { rows } = await current.superuserQuery('SELECT person_id FROM victim_referral WHERE id = $1', [
    referralId,
  ]);
  const linked = await current.superuserQuery(
    `SELECT person_id FROM referral_person WHERE referral_id = $1 AND role = 'SUSPECT'`,
    [referralId],
  );
  return { referralId, reference, childId: rows[0].person_id, suspectId: linked.rows[0].person_id };
}
