/**
 * The referral pages' test bed: an app with the referral and person pages, a school and the Blackpool hub,
 * and a Lancashire hub that must see nothing, each signed in; and the steps of the multi-page form.
 */
import { expect } from 'vitest';
import { peoplePageRoutes } from '../../src/people/routes.ts';
import { wallClockOf } from '../../src/platform/forms/date-parts.ts';
import { referralPageRoutes } from '../../src/referrals/routes.ts';
import { type PageClient, signIn, type TestApp, type TestUser } from './app.ts';
import { createAppWith } from './app-with.ts';
import { users } from './factories/index.ts';

export interface ReferralPagesBed {
  t: TestApp;
  referrer: TestUser;
  mash: TestUser;
  lancashire: TestUser;
  school: PageClient;
  hub: PageClient;
  otherHub: PageClient;
}

export async function setUpReferralPages(): Promise<ReferralPagesBed> {
  const t = await createAppWith('/referrals/new', [referralPageRoutes, peoplePageRoutes]);
  const referrer = await users.referrer(t);
  const mash = await users.mashPractitioner(t);
  const lancashire = await users.mashPractitioner(t, { area: 'LANCASHIRE' });
  const school = await signIn(t, referrer);
  const hub = await signIn(t, mash);
  const otherHub = await signIn(t, lancashire);
  return { t, referrer, mash, lancashire, school, hub, otherHub };
}

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
