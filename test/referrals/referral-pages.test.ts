/**
 * Referral pages driven like a browser, with every control on: a school refers a new child with a suspect
 * through the multi-page form; the hub finds them and sees the referral on the person's timeline.
 * (Repeat referrals, feedback, suspect referrals and malformed input: referral-pages-followup.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import {
  answerTheRest,
  auditedBy,
  CHILD,
  count,
  createPagesFixture,
  DARREN_AS_SUSPECT,
  finishAfterSuspects,
  receivedFields,
  startDraft,
  XSS,
} from './referral-pages-support.ts';

let t: TestApp;
let school: PageClient;
let hub: PageClient;
let otherHub: PageClient;

beforeAll(async () => {
  ({ t, school, hub, otherHub } = await createPagesFixture());
});
afterAll(async () => {
  await t?.close();
});

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

    const add = await school.post(`${base}/suspects`, DARREN_AS_SUSPECT);
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
