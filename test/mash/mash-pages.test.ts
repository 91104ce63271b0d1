/**
 * The MASH through its pages, with every control on: a referral goes from the queue through triage, research
 * by three agencies (police with a handling code, health releasable, the council not releasable), a sharing
 * decision and a strategy discussion to the decision; someone outside the MASH never sees what was not
 * released; bad forms answer 400 and save nothing; a CSE risk assessment sets the child's flag.
 */
import { describe, expect, it } from 'vitest';
import { decisionWithoutReasons, s47Decision } from '../support/factories/index.ts';
import { expectShownAgain } from '../support/form-pages.ts';
import {
  agencies,
  clients,
  count,
  dateFields,
  episodeId,
  events,
  expectRedirectWithNotice,
  post,
  t,
  useMashPages,
} from './mash-pages-fixture.ts';

useMashPages();

describe('the MASH through its pages', () => {
  it('shows the new referral in the hub’s queue, untriaged, with the time to the decision', async () => {
    const queue = await clients['manager']!.get('/mash');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/mash/episodes/${episodeId}`);
    expect(queue.body).toContain('Ava Example');
    expect(queue.body).toContain('Not triaged');
    expect(queue.body).toContain('Urgent');
    expect(await events('MASH_QUEUE_VIEW')).toHaveLength(1);
    // Navigation: the queue for the hub, not for a referrer.
    expect(queue.body).toContain('href="/mash"');
    const home = await clients['referrer']!.get('/');
    expect(home.body).not.toContain('href="/mash"');
  });

  it('refuses the queue to a referrer (403)', async () => {
    expect((await clients['referrer']!.get('/mash')).statusCode).toBe(403);
    expect((await clients['referrer']!.get(`/mash/episodes/${episodeId}`)).statusCode).toBe(403);
    expect((await clients['police']!.get('/mash/dashboard')).statusCode).toBe(403);
  });

  it('refuses a RAG without a rationale, saving nothing, then sets and changes it with its history', async () => {
    const before = await count('rag_change');
    const bad = await post('manager', `/mash/episodes/${episodeId}/rag`, {
      rag: 'AMBER',
      rationale: '',
      expectedCurrent: '',
    });
    expectShownAgain(bad, 'govuk-error-summary', 'href="#rag-rationale"');
    expect(bad.body).toMatch(/<details class="govuk-details" id="rag-form" open>/);
    expect(await count('rag_change')).toBe(before);
    expect((await events('MASH_RAG_CHANGE')).map((e) => e.outcome)).toEqual(['FAILURE']);

    const ok = await post('manager', `/mash/episodes/${episodeId}/rag`, {
      rag: 'AMBER',
      rationale: 'Older adult, no immediate risk tonight',
      expectedCurrent: '',
    });
    expectRedirectWithNotice(ok);
    const page = await clients['manager']!.get(String(ok.headers['location']));
    expect(page.body).toContain('RAG rating saved');
    expect(page.body).toMatch(/working time left/);
    // The hidden field now carries the rating shown, so a change is from Amber.
    expect(page.body).toContain('name="expectedCurrent" value="AMBER"');
    const stale = await clients['manager']!.post(`/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: '',
    });
    expectShownAgain(stale, 'since you opened the referral');
    const change = await clients['manager']!.post(`/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: 'AMBER',
    });
    expectRedirectWithNotice(change);
    const after = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(after.body).toContain('id="rag-history"');
    expect(after.body).toContain('Not triaged to Amber');
    expect(after.body).toContain('Amber to Red');
    expect(after.body).toContain('New information from police tonight');
    expect(await count('rag_change')).toBe(before + 2);
    // Services write their own events; the pages add no second one.
    expect((await events('MASH_RAG_CHANGE')).map((e) => e.outcome)).toEqual([
      'FAILURE',
      'SUCCESS',
      'FAILURE',
      'SUCCESS',
    ]);
  });

  it('asks three agencies for research; each practitioner contributes, owned and marked', async () => {
    const requested = await post('manager', `/mash/episodes/${episodeId}/research-requests`, {
      agencyIds: [agencies['police']!, agencies['health']!, agencies['council']!],
    });
    expectRedirectWithNotice(requested);
    expect(await count('research_request')).toBe(3);

    // The police form offers a handling code; a police contribution without one is refused.
    const policePage = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(policePage.body).toContain('id="contribution-handlingCode"');
    const healthPage = await clients['health']!.get(`/mash/episodes/${episodeId}`);
    expect(healthPage.body).not.toContain('id="contribution-handlingCode"');
    const noCode = await clients['police']!.post(`/mash/episodes/${episodeId}/contributions`, {
      summary: 'Two missing reports; seen with a known adult.',
      releasable: 'no',
    });
    expectShownAgain(
      noCode,
      'href="#contribution-handlingCode"',
      'Two missing reports; seen with a known adult.',
    );
    expect(await count('contribution')).toBe(0);

    for (const [who, fields] of [
      [
        'police',
        {
          summary: 'POLICE-SECRET intelligence on the adult.',
          relevantHistory: 'Two missing reports',
          releasable: 'no',
          handlingCode: '4',
        },
      ],
      [
        'health',
        {
          summary: 'HEALTH-RELEASABLE: attended sexual health clinic.',
          riskInformation: 'Repeat testing',
          releasable: 'yes',
        },
      ],
      ['manager', { summary: 'COUNCIL-PRIVATE: previous child in need plan.', releasable: 'no' }],
    ] as const) {
      const response = await post(who, `/mash/episodes/${episodeId}/contributions`, fields);
      expectRedirectWithNotice(response);
    }
    const inside = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    for (const text of ['POLICE-SECRET', 'HEALTH-RELEASABLE', 'COUNCIL-PRIVATE', 'Releasable'])
      expect(inside.body).toContain(text);
    expect(inside.body).toContain('MASH only');
    expect(inside.body).toMatch(/4: may be disseminated within the originating agency only/);
    expect(inside.body.match(/>\s*Contributed\s*</g)).toHaveLength(3);
    const { rows } = await t.superuserQuery(
      'SELECT a.type, c.releasable, c.handling_code FROM contribution c JOIN agency a ON a.id = c.agency_id ORDER BY a.type',
    );
    expect(rows).toEqual([
      { type: 'CHILDRENS_SOCIAL_CARE', releasable: false, handling_code: null },
      { type: 'HEALTH', releasable: true, handling_code: null },
      { type: 'POLICE', releasable: false, handling_code: '4' },
    ]);
  });

  it('never shows a non-releasable contribution to someone outside the MASH', async () => {
    const outside = await clients['outside']!.get(`/mash/episodes/${episodeId}`);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('HEALTH-RELEASABLE');
    expect(outside.body).not.toContain('POLICE-SECRET');
    expect(outside.body).not.toContain('COUNCIL-PRIVATE');
    expect(outside.body).toContain('You are not part of this MASH');
    // No forms for them, and no queue.
    expect(outside.body).not.toContain('/rag"');
    expect(outside.body).not.toContain('id="contribution-form"');
    expect((await clients['outside']!.get('/mash')).statusCode).toBe(403);
  });

  // Since decision 0017 recipients are chosen from lists (not typed) and a decision to share names its items.
  it('records a sharing decision with every field, its recipients in the audit; refuses one with gaps', async () => {
    const before = await count('sharing_decision');
    const bad = await post('manager', `/mash/episodes/${episodeId}/sharing-decisions`, {
      decision: 'SHARE',
      ...dateFields('decidedAt'),
      decidedAtTime: '00:01',
      purpose: '',
      information: 'Dates of missing episodes',
      legalBasis: 'OTHER',
      consentSought: 'no',
      necessityProportionality: '',
    });
    expect(bad.statusCode).toBe(400);
    for (const anchor of [
      'sharing-purpose',
      'sharing-recipient-0',
      'sharing-items',
      'sharing-channel',
      'sharing-legalBasisOther',
      'sharing-consentNotSoughtReason',
      'sharing-necessityProportionality',
    ])
      expect(bad.body).toContain(`href="#${anchor}"`);
    expect(bad.body).toContain('Dates of missing episodes');
    expect(await count('sharing_decision')).toBe(before);

    const ok = await post('manager', `/mash/episodes/${episodeId}/sharing-decisions`, {
      decision: 'SHARE',
      ...dateFields('decidedAt'),
      decidedAtTime: '00:01',
      purpose: 'To protect the child from exploitation',
      information: 'Dates of missing episodes',
      'recipient-0': `AGENCY:${agencies['school']}`,
      items: 'DECISION',
      periodDays: '30',
      channel: 'SECURE_EMAIL',
      legalBasis: 'CA2004_S11',
      consentSought: 'no',
      consentNotSoughtReason: 'Would place the child at greater risk',
      necessityProportionality: 'Only the dates, to the one person who needs them.',
    });
    expectRedirectWithNotice(ok);
    const audit = await events('SHARING_DECISION');
    const [school] = (await t.superuserQuery('SELECT name FROM agency WHERE id = $1', [agencies['school']]))
      .rows;
    expect(audit.at(-1)?.recipients).toEqual([
      { kind: 'AGENCY', id: agencies['school'], label: school.name },
    ]);
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain(school.name);
    expect(page.body).toContain('Access granted (1)');
    expect(page.body).toContain('Children Act 2004 section 11');
    expect(page.body).toContain('Not sought: Would place the child at greater risk');
  });

  it('records a strategy discussion with actions, lists the overdue one and completes it', async () => {
    const bad = await post('manager', `/mash/episodes/${episodeId}/strategy-discussions`, {
      ...dateFields('heldAt'),
      heldAtTime: '00:01',
      'attendee-0-name': 'DS Example',
      decisions: 'Section 47 enquiry to start.',
      'action-0-description': 'Visit the child at school',
    });
    expectShownAgain(
      bad,
      'href="#strategy-attendee-0-name"',
      'href="#strategy-action-0-owner-name"',
      'href="#strategy-action-0-due-day"',
    );
    expect(await count('strategy_discussion')).toBe(0);

    const ok = await post('manager', `/mash/episodes/${episodeId}/strategy-discussions`, {
      ...dateFields('heldAt'),
      heldAtTime: '00:01',
      'attendee-0-name': 'DS Example',
      'attendee-0-role': 'Detective sergeant',
      'attendee-0-agency': agencies['police']!,
      'attendee-1-name': 'Sam Example',
      'attendee-1-role': 'Social worker',
      'attendee-1-agency': agencies['council']!,
      decisions: 'Section 47 enquiry to start.',
      'action-1-description': 'Visit the child at school',
      'action-1-owner-name': 'Sam Example',
      'action-1-owner-agency': agencies['council']!,
      'action-1-due-day': '1',
      'action-1-due-month': '1',
      'action-1-due-year': '2020',
    });
    expectRedirectWithNotice(ok);
    const queue = await clients['manager']!.get('/mash');
    expect(queue.body).toContain('id="overdue-actions"');
    expect(queue.body).toContain('Visit the child at school');
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain('Detective sergeant');
    const actionId = /action="\/mash\/actions\/([0-9a-f-]{36})\/complete"/.exec(page.body)?.[1];
    expect(actionId).toBeDefined();
    const done = await clients['manager']!.post(`/mash/actions/${actionId}/complete`, { episodeId });
    expectRedirectWithNotice(done);
    expect((await clients['manager']!.get('/mash')).body).not.toContain('id="overdue-actions"');
  });

  it('refuses a decision without its mandatory fields, then decides and feeds back to the referrer', async () => {
    const before = await count('mash_decision');
    const bad = await post('manager', `/mash/episodes/${episodeId}/decision`, decisionWithoutReasons());
    expect(bad.statusCode).toBe(400);
    for (const anchor of ['decision-referralOutcome', 'decision-rationale', 'decision-feedbackToReferrer'])
      expect(bad.body).toContain(`href="#${anchor}"`);
    // The boxes ticked stay ticked.
    expect(bad.body).toMatch(/value="S47" checked/);
    expect(await count('mash_decision')).toBe(before);

    const ok = await post(
      'manager',
      `/mash/episodes/${episodeId}/decision`,
      s47Decision({ cinFactors: ['11A', '10A'] }),
    );
    expectRedirectWithNotice(ok);
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain('Within 1 working day');
    expect(page.body).toContain('11A Child sexual exploitation');
    expect(page.body).not.toContain('id="decision-form"');
    const { rows } = await t.superuserQuery('SELECT status, outcome, outcome_feedback FROM victim_referral');
    expect(rows[0]).toEqual({
      status: 'DECIDED',
      outcome: 'S47',
      outcome_feedback: 'The MASH has started enquiries. Thank you.',
    });
    // The queue no longer holds it; the dashboard counts it.
    expect((await clients['manager']!.get('/mash')).body).not.toContain(`/mash/episodes/${episodeId}`);
    const dashboard = await clients['manager']!.get('/mash/dashboard');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('1 (100.0%)');
    expect(await events('MASH_DASHBOARD_VIEW')).toHaveLength(1);
  });
});
