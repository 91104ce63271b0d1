/**
 * A referral through the MASH by API: queue, triage, research from three agencies, a sharing decision, a
 * strategy discussion and the decision, with feedback to the referrer. Contributions marked not
 * releasable never reach anyone outside the MASH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { countRows } from '../support/audit.ts';
import {
  createAgencies,
  decisionWithoutReasons,
  HUB_PARTNERS,
  s47Decision,
  staffAgencies,
  victimReferral,
} from '../support/factories/index.ts';

let t: TestApp;
const agencies: Record<string, string> = {};
const teams: Record<string, string> = {};
const tokens: Record<string, string> = {};

const token = (agencyId: string, permissions: Permission[]) => issueTestToken(t, agencyId, permissions);

function call(who: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  return callApi(t, tokens[who]!, method, url, body);
}

const count = (table: string) => countRows(t, table);

let referralId: string;
let episodeId: string;

beforeAll(async () => {
  t = await createTestApp();
  await createAgencies(t, HUB_PARTNERS, agencies, teams);
  // A token sees what its agency's staff holding its permissions see (SECURITY 25): each agency has them.
  await staffAgencies(
    t,
    [
      ['school', 'REFERRER'],
      ['council', 'MASH_MANAGER'],
      ['police', 'MASH_PRACTITIONER'],
      ['health', 'MASH_PRACTITIONER'],
      ['charity', 'CSE_OFFICER'],
    ],
    agencies,
    teams,
  );
  tokens['school'] = await token(agencies['school']!, ['referral:create', 'referral:read-own-agency']);
  tokens['manager'] = await token(agencies['council']!, [
    'case:read',
    'mash:triage',
    'mash:contribute',
    'mash:share',
    'mash:decide',
  ]);
  tokens['police'] = await token(agencies['police']!, ['case:read', 'mash:triage', 'mash:contribute']);
  tokens['health'] = await token(agencies['health']!, ['case:read', 'mash:triage', 'mash:contribute']);
  // Outside the MASH: reads cases in the area, but is no part of the hub.
  tokens['outside'] = await token(agencies['charity']!, ['case:read', 'referral:read-own-agency']);
  const referral = await call('school', 'POST', '/api/v1/referrals', victimReferral.build());
  expect(referral.statusCode, referral.body).toBe(201);
  referralId = referral.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe('the MASH by API', () => {
  it('opens an episode in the hub’s queue for every new referral', async () => {
    const queue = await call('manager', 'GET', '/api/v1/mash/queue');
    expect(queue.statusCode).toBe(200);
    const entry = queue
      .json()
      .episodes.find((e: { episode: { referral_id: string } }) => e.episode.referral_id === referralId);
    expect(entry).toBeDefined();
    expect(entry.episode.stage).toBe('TRIAGE');
    episodeId = entry.episode.id;
    // The referrer sees no queue.
    expect((await call('school', 'GET', '/api/v1/mash/queue')).statusCode).toBe(403);
  });

  it('refuses a RAG without a rationale, saving nothing, then sets it with its deadline and history', async () => {
    const before = await count('rag_change');
    const bad = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'short',
      expectedCurrent: null,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('rationale');
    expect(await count('rag_change')).toBe(before);
    const ok = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/rag`, {
      rag: 'AMBER',
      rationale: 'Older adult, no immediate risk tonight',
      expectedCurrent: null,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().rag).toBe('AMBER');
    expect(new Date(ok.json().deadline).getTime()).toBeGreaterThan(Date.now());
    const stale = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: null,
    });
    expect(stale.statusCode).toBe(400);
    // A practitioner's system may triage, but changing a RAG once set is a manager's (decision 0015).
    const practitioner = await call('police', 'POST', `/api/v1/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: 'AMBER',
    });
    expect(practitioner.statusCode).toBe(403);
    const change = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: 'AMBER',
    });
    expect(change.statusCode).toBe(201);
  });

  it('takes research from three agencies, each owned and marked', async () => {
    const request = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/research-requests`, {
      agencyIds: [agencies['police'], agencies['health'], agencies['council']],
    });
    expect(request.statusCode).toBe(201);
    const noCode = await call('police', 'POST', `/api/v1/mash/episodes/${episodeId}/contributions`, {
      summary: 'Two missing reports; seen with a known adult.',
      releasable: false,
    });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().details[0].field).toBe('handlingCode');
    for (const [who, body] of [
      [
        'police',
        { summary: 'POLICE-SECRET intelligence on the adult.', releasable: false, handlingCode: '4' },
      ],
      ['health', { summary: 'HEALTH-RELEASABLE: attended sexual health clinic.', releasable: true }],
      ['manager', { summary: 'COUNCIL-PRIVATE: previous child in need plan.', releasable: false }],
    ] as const) {
      const response = await call(who, 'POST', `/api/v1/mash/episodes/${episodeId}/contributions`, body);
      expect(response.statusCode, response.body).toBe(201);
    }
    const inside = (await call('manager', 'GET', `/api/v1/mash/episodes/${episodeId}`)).json();
    expect(inside.contributions).toHaveLength(3);
    expect(inside.research.every((r: { status: string }) => r.status === 'CONTRIBUTED')).toBe(true);
  });

  it('never shows a non-releasable contribution to anyone outside the MASH', async () => {
    const outside = await call('outside', 'GET', `/api/v1/mash/episodes/${episodeId}`);
    expect(outside.statusCode).toBe(200);
    const text = outside.body;
    expect(text).toContain('HEALTH-RELEASABLE');
    expect(text).not.toContain('POLICE-SECRET');
    expect(text).not.toContain('COUNCIL-PRIVATE');
    // Nor to the referrer, who is not in the MASH either.
    const referrer = await call('school', 'GET', `/api/v1/mash/episodes/${episodeId}`);
    expect(referrer.body).not.toContain('POLICE-SECRET');
    expect(referrer.body).not.toContain('COUNCIL-PRIVATE');
  });

  // Since decision 0017 recipients are chosen by kind and id (free text is refused) and a share names items.
  it('records sharing decisions with their recipients in the audit, a strategy discussion and actions', async () => {
    const typed = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/sharing-decisions`, {
      decision: 'SHARE',
      decidedAt: new Date().toISOString(),
      purpose: 'To protect the child from exploitation',
      information: 'Dates of missing episodes',
      recipients: [{ agency: 'Example School', name: 'Designated safeguarding lead' }],
      items: ['DECISION'],
      channel: 'SECURE_EMAIL',
      legalBasis: 'CA2004_S11',
      consentSought: true,
      necessityProportionality: 'Only the dates, to the one person who needs them.',
    });
    expect(typed.statusCode).toBe(400);
    const share = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/sharing-decisions`, {
      decision: 'SHARE',
      decidedAt: new Date().toISOString(),
      purpose: 'To protect the child from exploitation',
      information: 'Dates of missing episodes',
      recipients: [{ kind: 'TEAM', id: teams['school'] }],
      items: ['DECISION'],
      periodDays: 30,
      channel: 'SECURE_EMAIL',
      legalBasis: 'CA2004_S11',
      consentSought: false,
      consentNotSoughtReason: 'Would place the child at greater risk',
      necessityProportionality: 'Only the dates, to the one person who needs them.',
    });
    expect(share.statusCode, share.body).toBe(201);
    const audit = await t.superuserQuery(
      "SELECT recipients FROM audit_event WHERE action = 'SHARING_DECISION' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit.rows[0].recipients).toEqual([
      { kind: 'TEAM', id: teams['school'], label: expect.stringContaining('Team ') },
    ]);
    const notShared = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/sharing-decisions`, {
      decision: 'NOT_SHARE',
      decidedAt: new Date().toISOString(),
      purpose: 'Request from a youth club',
      information: 'Whether the child is known',
      recipients: [],
      legalBasis: 'CA2004_S11',
      consentSought: true,
      necessityProportionality: 'Not necessary for the club to know.',
    });
    expect(notShared.statusCode).toBe(201);
    const strategy = await call(
      'manager',
      'POST',
      `/api/v1/mash/episodes/${episodeId}/strategy-discussions`,
      {
        heldAt: new Date().toISOString(),
        attendees: [
          { name: 'DS Example', role: 'Police' },
          { name: 'Sam Example', role: 'Social worker' },
        ],
        decisions: 'Section 47 enquiry to start.',
        actions: [
          { description: 'Visit the child at school', ownerName: 'Sam Example', dueDate: '2020-01-01' },
        ],
      },
    );
    expect(strategy.statusCode, strategy.body).toBe(201);
    const episode = (await call('manager', 'GET', `/api/v1/mash/episodes/${episodeId}`)).json();
    expect(episode.sharing).toHaveLength(2);
    expect(episode.discussions[0].actions).toHaveLength(1);
  });

  it('refuses a decision without its mandatory fields, then decides and feeds back to the referrer', async () => {
    const before = await count('mash_decision');
    const bad = await call(
      'manager',
      'POST',
      `/api/v1/mash/episodes/${episodeId}/decision`,
      decisionWithoutReasons(),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['feedbackToReferrer', 'rationale', 'referralOutcome']);
    expect(await count('mash_decision')).toBe(before);
    const ok = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/decision`, s47Decision());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ socialCareOutcome: 'S47', withinStandard: true });
    const feedback = (await call('school', 'GET', `/api/v1/referrals/${referralId}`)).json();
    expect(feedback).toMatchObject({
      status: 'DECIDED',
      outcome: 'S47',
      feedback: 'The MASH has started enquiries. Thank you.',
    });
    const again = await call('manager', 'POST', `/api/v1/mash/episodes/${episodeId}/decision`, {
      contactOutcome: 'NO_FURTHER_ACTION',
      statutoryMeasures: [],
      cinFactors: [],
      nfaReason: 'x',
      rationale: 'x',
      feedbackToReferrer: 'x',
    });
    expect(again.statusCode).toBe(409);
    const dashboard = (await call('manager', 'GET', '/api/v1/mash/dashboard')).json();
    expect(dashboard.decided).toBeGreaterThanOrEqual(1);
    expect(dashboard.outcomes.S47).toBeGreaterThanOrEqual(1);
  });

  it('records a CSE risk assessment, applies override rules and sets the child’s flag', async () => {
    const episode = (await call('manager', 'GET', `/api/v1/mash/episodes/${episodeId}`)).json();
    const personId = episode.episode.person_id;
    const missing = await call('manager', 'POST', `/api/v1/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      answers: { indicators: {} },
      disclosure: false,
    });
    expect(missing.statusCode).toBe(400);
    const { SCORED_TEMPLATE_V1 } = await import('../../src/risk/templates/scored-v1.ts');
    const indicators = Object.fromEntries(
      SCORED_TEMPLATE_V1.sections.flatMap((s) =>
        s.indicators.map((i) => [i.id, i.kind === 'VULNERABILITY' ? 'NOT_PRESENT' : 'NOT_PRESENT']),
      ),
    );
    const disclosed = await call('manager', 'POST', `/api/v1/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      answers: { indicators },
      disclosure: true,
    });
    expect(disclosed.statusCode, disclosed.body).toBe(201);
    expect(disclosed.json()).toMatchObject({ computedLevel: 'HIGH', finalLevel: 'HIGH' });
    const flag = await t.superuserQuery('SELECT cse_risk_level, cse_review_due FROM person WHERE id = $1', [
      personId,
    ]);
    expect(flag.rows[0].cse_risk_level).toBe('HIGH');
    expect(flag.rows[0].cse_review_due).not.toBeNull();
    const lowered = await call('manager', 'POST', `/api/v1/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      answers: { indicators },
      disclosure: false,
      assessorLevel: 'MEDIUM',
    });
    expect(lowered.statusCode).toBe(400);
    expect(lowered.json().details[0].field).toBe('rationale');
  });
});
