/**
 * Referral pages after a school's first referral of Jessica Smith (with a suspect, sent through the
 * referrals service as the form would): a repeat referral by the hub shows she was referred before; the
 * referrer sees status and feedback and nothing of other agencies'; suspect referrals linked to her; and
 * no random form body ever answers 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import { auditedBy, countRows } from '../support/audit.ts';
import { ago, HOUR, personDetails, referVictim, victimReferral } from '../support/factories/index.ts';
import {
  answerTheRest,
  finishAfterSuspects,
  receivedFields,
  setUpReferralPages,
  startDraft,
} from '../support/referral-pages.ts';

let t: TestApp;
let school: PageClient;
let hub: PageClient;
let otherHub: PageClient;
let referralId: string;
let reference: string;
let childId: string;

beforeAll(async () => {
  const bed = await setUpReferralPages();
  ({ t, school, hub, otherHub } = bed);
  // What the school's multi-page form sends for her (referral-form-pages.test.ts drives the form itself).
  const first = await referVictim(
    t.db,
    bed.referrer,
    victimReferral.build({
      referrer: { name: 'Pat Teacher', role: 'Designated safeguarding lead', contact: '01253 000000' },
      receivedAt: ago(2 * HOUR),
      child: {
        details: personDetails.with('withNhsNumber').build({
          forename: 'Jessica',
          surname: 'Smith',
          aliases: ['Jess'],
          dob: `${new Date().getUTCFullYear() - 14}-05-14`,
          ethnicity: 'WHITE_BRITISH',
          address: { line1: '12 Promenade', town: 'Blackpool', postcode: 'FY1 1AA' },
          livingSituation: 'FAMILY_HOME',
          lookedAfter: false,
          learningDisabilityOrSen: true,
          camhsContact: false,
        }),
      },
      concerns: 'She goes missing after school.',
      indicators: ['GOING_MISSING', 'OLDER_BOYFRIEND_OR_GIRLFRIEND'],
      suspects: [
        {
          relationship: 'Older boyfriend',
          details: { forename: 'Darren', surname: 'Whitfield', estimatedAge: 24, gender: 'MALE' },
        },
      ],
      placesOfConcern: [{ description: 'Flat above the takeaway on Central Drive', postcode: 'FY1 5AB' }],
      consent: 'NOT_SOUGHT',
      consentNote: 'Asking would place her at greater risk',
    }),
  );
  referralId = first.id;
  reference = first.reference;
  childId = first.personId;
});
afterAll(async () => {
  await t?.close();
});

const count = (table: string) => countRows(t, table);

describe('repeat referrals and feedback', () => {
  let second: { id: string; reference: string };

  it('a second referral of the same child, by the hub, shows that the child was referred before', async () => {
    const id = await startDraft(hub);
    const base = `/referrals/drafts/${id}`;
    const form = await hub.get(`${base}/child`);
    expect(form.body).toContain('Is the child already known?');
    const { result: found, events } = await auditedBy(t, () =>
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
    const { result: list, events } = await auditedBy(t, () => school.get('/referrals'));
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Decided');
    expect(list.body).toContain('Section 17 (child in need)');
    expect(list.body).toContain('Child and family assessment started');
    expect(list.body).not.toContain(second.reference);
    expect(events).toEqual([expect.objectContaining({ action: 'REFERRAL_LIST' })]);

    const { result: page, events: viewEvents } = await auditedBy(t, () =>
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
