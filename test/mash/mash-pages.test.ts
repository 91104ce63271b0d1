/**
 * The MASH through its pages, with every control on: a referral goes from the queue through triage, research
 * by three agencies (police with a handling code, health releasable, the council not releasable), a sharing
 * decision and a strategy discussion to the decision; someone outside the MASH never sees what was not
 * released; bad forms answer 400 and save nothing; a CSE risk assessment sets the child's flag.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mashPageRoutes } from '../../src/mash/routes.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { submitVictimReferral } from '../../src/referrals/service.ts';
import { SCORED_TEMPLATE_V1 } from '../../src/risk/templates/scored-v1.ts';
import {
  createAgencyWithTeam,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { createTestDatabase } from '../support/engines.ts';

/** The app with the MASH pages, registered here while app.ts does not register them. */
async function createMashApp(): Promise<TestApp> {
  const registered = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'app.ts'), 'utf8').includes(
    'mashPageRoutes',
  );
  const database = await createTestDatabase();
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent' });
  const app = await buildApp({
    config,
    db: database.db,
    logger: false,
    plugins: registered ? [] : [mashPageRoutes],
  });
  return {
    ...database,
    app,
    config,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

let t: TestApp;
const users: Record<string, TestUser> = {};
const clients: Record<string, PageClient> = {};
const agencies: Record<string, string> = {};
let episodeId: string;
let personId: string;

const count = async (table: string) =>
  (await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

async function events(action: string) {
  const { rows } = await t.superuserQuery(
    'SELECT outcome, details, recipients FROM audit_event WHERE action = $1 ORDER BY seq',
    [action],
  );
  return rows as Array<{ outcome: string; details: Record<string, unknown>; recipients: unknown }>;
}

/** Posts a form of the episode page after loading it (for its CSRF token); answers the response. */
async function post(who: string, path: string, fields: Record<string, string | string[]>) {
  const client = clients[who]!;
  await client.get(`/mash/episodes/${episodeId}`);
  return client.post(path, fields);
}

function expectRedirectWithNotice(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(303);
  expect(String(response.headers['location'])).toMatch(
    new RegExp(`^/mash/episodes/${episodeId}\\?notice=[a-z-]+$`),
  );
}

const today = new Date();
const dateFields = (prefix: string, d = today) => ({
  [`${prefix}-day`]: String(d.getUTCDate()),
  [`${prefix}-month`]: String(d.getUTCMonth() + 1),
  [`${prefix}-year`]: String(d.getUTCFullYear()),
});

/** A referral from the school, through the service as the school's form would send it. */
async function refer(): Promise<void> {
  const p = (await principalForUser(t.db, users['referrer']!.id, 'test'))!;
  await withTransaction(t.db, contextFor(p, 'test'), (tx) =>
    submitVictimReferral(tx, p, {
      referrer: { name: 'Morgan Example' },
      cinReferralSource: '2A',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      child: { details: { forename: 'Ava', surname: 'Example', dob: '2012-02-02', gender: 'FEMALE' } },
      exploitationType: 'CSE',
      category: 'VICTIM_OF_CRIME',
      concerns: 'Seen with an older man; new phone and clothes.',
      indicators: [],
      exploitationModel: 'BOYFRIEND',
      contactMethod: 'ONLINE_SOCIAL_MEDIA',
      suspects: [],
      associates: [],
      placesOfConcern: [],
      consent: 'YES',
      urgency: 'URGENT',
    }),
  );
}

beforeAll(async () => {
  t = await createMashApp();
  const teams: Record<string, string> = {};
  for (const [name, type] of [
    ['school', 'EDUCATION'],
    ['council', 'CHILDRENS_SOCIAL_CARE'],
    ['police', 'POLICE'],
    ['health', 'HEALTH'],
    ['charity', 'VOLUNTARY'],
  ] as const) {
    const created = await createAgencyWithTeam(t, { type, area: 'BLACKPOOL' });
    agencies[name] = created.agencyId;
    teams[name] = created.teamId;
  }
  const make = async (name: string, role: Parameters<typeof createTestUser>[1][number], agency: string) => {
    users[name] = await createTestUser(t, [role], { agencyId: agencies[agency]!, teamIds: [teams[agency]!] });
  };
  await make('referrer', 'REFERRER', 'school');
  await make('manager', 'MASH_MANAGER', 'council');
  await make('police', 'MASH_PRACTITIONER', 'police');
  await make('health', 'MASH_PRACTITIONER', 'health');
  // Outside the MASH: a CSE team officer reads cases in the area but is no part of the hub.
  await make('outside', 'CSE_OFFICER', 'charity');
  for (const name of Object.keys(users)) clients[name] = await signIn(t, users[name]!);

  await refer();
  const { rows } = await t.superuserQuery('SELECT id, person_id FROM mash_episode');
  episodeId = rows[0].id;
  personId = rows[0].person_id;
});

afterAll(async () => {
  await t?.close();
});

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
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#rag-rationale"');
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
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('since you opened the referral');
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
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain('href="#contribution-handlingCode"');
    expect(noCode.body).toContain('Two missing reports; seen with a known adult.');
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
      'sharing-recipient-0-agency',
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
      'recipient-0-agency': 'Example School',
      'recipient-0-name': 'Designated safeguarding lead',
      channel: 'SECURE_EMAIL',
      legalBasis: 'CA2004_S11',
      consentSought: 'no',
      consentNotSoughtReason: 'Would place the child at greater risk',
      necessityProportionality: 'Only the dates, to the one person who needs them.',
    });
    expectRedirectWithNotice(ok);
    const audit = await events('SHARING_DECISION');
    expect(audit.at(-1)?.recipients).toEqual([
      { agency: 'Example School', name: 'Designated safeguarding lead' },
    ]);
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain('Designated safeguarding lead, Example School');
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
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#strategy-attendee-0-name"');
    expect(bad.body).toContain('href="#strategy-action-0-owner-name"');
    expect(bad.body).toContain('href="#strategy-action-0-due-day"');
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
    const bad = await post('manager', `/mash/episodes/${episodeId}/decision`, {
      contactOutcome: 'REFERRAL_TO_CSC',
      statutoryMeasures: ['S47'],
      cinFactors: ['11A'],
      rationale: '',
      feedbackToReferrer: '',
    });
    expect(bad.statusCode).toBe(400);
    for (const anchor of ['decision-referralOutcome', 'decision-rationale', 'decision-feedbackToReferrer'])
      expect(bad.body).toContain(`href="#${anchor}"`);
    // The boxes ticked stay ticked.
    expect(bad.body).toMatch(/value="S47" checked/);
    expect(await count('mash_decision')).toBe(before);

    const ok = await post('manager', `/mash/episodes/${episodeId}/decision`, {
      contactOutcome: 'REFERRAL_TO_CSC',
      referralOutcome: 'STRATEGY_S47',
      statutoryMeasures: ['S47'],
      cinFactors: ['11A', '10A'],
      rationale: 'Risk of significant harm from an older adult.',
      feedbackToReferrer: 'The MASH has started enquiries. Thank you.',
    });
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

  it('refuses an assessment with unanswered items, saving nothing, then records one and sets the flag', async () => {
    const form = await clients['manager']!.get(
      `/people/${personId}/risk-assessments/new?template=lantern-scored`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(SCORED_TEMPLATE_V1.sections[0]!.indicators[0]!.text);
    const before = await count('risk_assessment');
    const partial = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      'ind-v-care': 'PRESENT',
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('href="#ind-v-unstable-home"');
    expect(partial.body).toContain('href="#disclosure"');
    expect(partial.body).toMatch(/value="PRESENT" checked/);
    expect(await count('risk_assessment')).toBe(before);

    const answers = Object.fromEntries(
      SCORED_TEMPLATE_V1.sections.flatMap((s) => s.indicators.map((i) => [`ind-${i.id}`, 'NOT_PRESENT'])),
    );
    const lowered = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      ...answers,
      disclosure: 'yes',
      assessorLevel: 'MEDIUM',
      rationale: '',
    });
    expect(lowered.statusCode).toBe(400);
    expect(await count('risk_assessment')).toBe(before);

    const saved = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      ...answers,
      disclosure: 'yes',
    });
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers['location']);
    expect(location).toMatch(new RegExp(`^/people/${personId}/risk-assessments/[0-9a-f-]{36}$`));
    const result = await clients['manager']!.get(location);
    expect(result.body).toContain('CSE risk: High');
    expect(result.body).toContain('A disclosure of exploitation is high risk');
    const history = await clients['outside']!.get(`/people/${personId}/risk-assessments`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('id="cse-flag"');
    expect(history.body).toMatch(/govuk-tag--red">\s*High/);
    // The flag shows on the episode too, and the child is due for review in 3 months, not yet.
    expect((await clients['manager']!.get(`/mash/episodes/${episodeId}`)).body).toMatch(
      /govuk-tag--red">\s*High/,
    );
    const due = await clients['outside']!.get('/mash/reassessments');
    expect(due.statusCode).toBe(200);
    expect(due.body).not.toContain('Ava Example');
    await t.superuserQuery('UPDATE person SET cse_review_due = current_date - 1 WHERE id = $1', [personId]);
    const overdue = await clients['outside']!.get('/mash/reassessments');
    expect(overdue.body).toContain('Ava Example');
    expect(overdue.body).toContain('Overdue');
    // The referrer may not assess.
    expect(
      (await clients['referrer']!.get(`/people/${personId}/risk-assessments/new?template=lantern-scored`))
        .statusCode,
    ).toBe(403);
  });

  it('answers 404 for malformed and unknown ids, never 500', async () => {
    expect((await clients['manager']!.get('/mash/episodes/not-a-uuid')).statusCode).toBe(404);
    expect((await clients['manager']!.get(`/mash/episodes/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect(
      (await clients['manager']!.get(`/people/${crypto.randomUUID()}/risk-assessments`)).statusCode,
    ).toBe(404);
  });
  it('never answers 5xx to random forms on any MASH page', async () => {
    await refer();
    const { rows } = await t.superuserQuery(
      'SELECT id, person_id FROM mash_episode WHERE closed_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    const open = rows[0].id as string;
    const routes = t.app.declaredRoutes.filter(
      (r) => r.url.startsWith('/mash') || r.url.startsWith('/people/:id/risk-assessments'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const field = fc.constantFrom(
      'rag',
      'rationale',
      'expectedCurrent',
      'agencyIds',
      'summary',
      'releasable',
      'handlingCode',
      'decision',
      'decidedAt-day',
      'decidedAt-month',
      'decidedAt-year',
      'decidedAtTime',
      'legalBasis',
      'consentSought',
      'heldAt-day',
      'heldAtTime',
      'attendee-0-name',
      'action-0-description',
      'action-0-due-day',
      'action-0-due-month',
      'action-0-due-year',
      'contactOutcome',
      'statutoryMeasures',
      'cinFactors',
      'templateId',
      'ind-v-care',
      'dom-missing',
      'disclosure',
      'assessorLevel',
      'episodeId',
      'template',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'RED',
        'yes',
        'no',
        '31',
        '2',
        '2025',
        '25:99',
        'lantern-scored',
        'lantern-banded',
        'x'.repeat(12_000),
      ),
      fc.uuid(),
    );
    const failures: string[] = [];
    const client = clients['manager']!;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(field, fc.array(value, { minLength: 1, maxLength: 2 }), { maxKeys: 10 }),
          async (fields) => {
            const url = route.url
              .replace(':assessmentId', crypto.randomUUID())
              .replace(':id', route.url.startsWith('/people') ? personId : open);
            await client.get(`/mash/episodes/${open}`);
            const response =
              route.method === 'GET'
                ? await client.get(
                    `${url}?${new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, v[0]!] as [string, string]))}`,
                  )
                : await client.post(url, fields);
            if (response.statusCode >= 500)
              failures.push(
                `${route.method} ${url} ${JSON.stringify(fields).slice(0, 300)} → ${response.statusCode}`,
              );
          },
        ),
        { numRuns: 15, seed: 7 },
      );
    }
    expect(failures).toEqual([]);
  });
});
