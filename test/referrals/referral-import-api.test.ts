/**
 * `POST /api/v1/imports/referrals` (decision 0026): refused, and the refusal audited, without
 * `referral:import` or without the hub permissions the import writes with; with them, under the caller's
 * row-level security, good rows load with their outcomes at their real times, bad and out-of-scope rows are
 * named by row and field, a re-sent request changes nothing, and the referral reads as imported (API, page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { ukDate } from '../../src/platform/time/display.ts';
import type { ImportRow } from '../../src/referrals/import-rules.ts';
import type { SuspectImportRow } from '../../src/referrals/import-suspect-rules.ts';
import { runBriefing } from '../../src/reports/briefing.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { auditedBy, countRows } from '../support/audit.ts';

let t: TestApp;
let hub: { agencyId: string; teamId: string };
let manager: TestUser;
const URL = '/api/v1/imports/referrals';

const HUB_NEEDS: Permission[] = [
  'referral:create',
  'referral:read-own-agency',
  'case:read',
  'mash:triage',
  'mash:decide',
];

const row = (overrides: Partial<ImportRow> = {}): ImportRow => ({
  sourceReference: 'LCS-1',
  receivedAt: '2026-05-12T09:00:00Z',
  area: 'BLACKPOOL',
  referrer: { name: 'Sam Example', role: 'Teacher' },
  cinReferralSource: '2A',
  exploitationType: 'CSE',
  category: 'VICTIM_OF_CRIME',
  concerns: 'Seen with older men near the arcade',
  exploitationModel: 'BOYFRIEND',
  contactMethod: 'ONLINE_SOCIAL_MEDIA',
  consent: 'YES',
  urgency: 'URGENT',
  indicators: ['GOING_MISSING'],
  child: { details: { forename: 'Bea', surname: 'Example', dob: '2011-03-04', gender: 'FEMALE' } },
  outcome: {
    decidedAt: '2026-05-12T13:30:00Z',
    rag: 'AMBER',
    contactOutcome: 'REFERRAL_TO_CSC',
    referralOutcome: 'ASSESSMENT_S17',
    statutoryMeasures: ['S17'],
    cinFactors: [],
    rationale: 'Known sibling; assessment needed',
    feedbackToReferrer: 'Accepted for a child in need assessment',
  },
  ...overrides,
});

const body = {
  system: 'LCS',
  referrals: [
    row(),
    row({ sourceReference: 'LCS-2', category: 'NOPE' }),
    row({ sourceReference: 'LCS-3', area: 'LANCASHIRE', outcome: null }),
    row({
      sourceReference: 'LCS-4',
      child: { details: { forename: 'Cat', surname: 'Example', dob: '2011-03-04', gender: 'NOPE' } },
    }),
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  hub = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  // A token sees what its agency's staff holding its permissions see (SECURITY 25).
  manager = await createTeamUser(t, ['MASH_MANAGER'], hub);
});
afterAll(async () => {
  await t?.close();
});

describe('the import API', () => {
  it('refuses a token without referral:import, and audits the denial', async () => {
    const secret = await issueTestToken(t, hub.agencyId, HUB_NEEDS);
    const { result, events } = await auditedBy(t, () => callApi(t, secret, 'POST', URL, body));
    expect(result.statusCode).toBe(403);
    expect(events.map((e) => e.action)).toEqual(['ACCESS_DENIED']);
    expect(await countRows(t, 'victim_referral')).toBe(0);
  });

  it('refuses a token given the import alone, which could not write what a hub writes, and audits it', async () => {
    const secret = await issueTestToken(t, hub.agencyId, ['referral:import']);
    const { result, events } = await auditedBy(t, () => callApi(t, secret, 'POST', URL, body));
    expect(result.statusCode, result.body).toBe(403);
    expect(result.json().message).toContain('mash:decide');
    expect(events.map((e) => e.action)).toEqual(['ACCESS_DENIED']);
    expect(await countRows(t, 'victim_referral')).toBe(0);
  });

  it('imports with a token granted the permission: good rows load, bad and out-of-scope rows are named', async () => {
    const secret = await issueTestToken(t, hub.agencyId, ['referral:import', ...HUB_NEEDS]);
    const { result, events } = await auditedBy(t, () => callApi(t, secret, 'POST', URL, body));
    expect(result.statusCode, result.body).toBe(200);
    const report = result.json();
    expect(report).toMatchObject({ system: 'LCS', rows: 4, imported: 1, alreadyImported: 0, failed: 3 });
    expect(report.results).toEqual([
      { row: 1, sourceReference: 'LCS-1', status: 'IMPORTED', reference: expect.stringMatching(/^VR-2026-/) },
      {
        row: 2,
        sourceReference: 'LCS-2',
        status: 'ERROR',
        errors: [{ field: 'category', message: expect.any(String) }],
      },
      {
        row: 3,
        sourceReference: 'LCS-3',
        status: 'ERROR',
        errors: [{ field: 'area', message: 'The area is not one your hub imports for' }],
      },
      // A bad code in the child's details is the row's error too, not the request's.
      {
        row: 4,
        sourceReference: 'LCS-4',
        status: 'ERROR',
        errors: [{ field: 'child.gender', message: expect.any(String) }],
      },
    ]);
    const summary = events.find((e) => e.action === 'REFERRAL_IMPORT' && e.subject_type === null)!;
    expect(summary.details).toMatchObject({ source: 'api', imported: 1, failed: 3, outOfScopeRows: [3] });
    const { rows } = await t.superuserQuery(
      `SELECT r.id, d.decided_at, d.within_standard, e.rag FROM victim_referral r
         JOIN mash_episode e ON e.referral_id = r.id JOIN mash_decision d ON d.episode_id = e.id
        WHERE r.import_system = 'LCS' AND r.import_reference = 'LCS-1'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].decided_at.toISOString()).toBe('2026-05-12T13:30:00.000Z');
    expect(rows[0]).toMatchObject({ within_standard: true, rag: 'AMBER' });

    const again = await callApi(t, secret, 'POST', URL, body);
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 1, failed: 3 });
    expect(await countRows(t, 'victim_referral')).toBe(1);

    // The referral reads as imported: in the API and on its page.
    const read = await callApi(t, secret, 'GET', `/api/v1/referrals/${rows[0].id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().imported).toEqual({ system: 'LCS', importedAt: expect.any(String) });
    expect(read.json().receivedAt).toBe('2026-05-12T09:00:00.000Z');
    const pages = await signIn(t, manager);
    const page = await pages.get(`/referrals/${rows[0].id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Imported from LCS on ${ukDate(new Date())}`);
  });

  it('writes nothing in a dry run', async () => {
    const secret = await issueTestToken(t, hub.agencyId, ['referral:import', ...HUB_NEEDS]);
    const before = await countRows(t, 'victim_referral');
    const dry = await callApi(t, secret, 'POST', URL, {
      system: 'LCS',
      dryRun: true,
      referrals: [row({ sourceReference: 'LCS-9' })],
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, imported: 1 });
    expect(await countRows(t, 'victim_referral')).toBe(before);
  });
});

const suspect = (overrides: Partial<SuspectImportRow> = {}): SuspectImportRow => ({
  sourceReference: 'NCH-1',
  receivedAt: '2026-05-14 10:00',
  area: 'BLACKPOOL',
  referrer: { name: 'DC Example' },
  status: 'SUSPECT',
  role: 'PRIMARY_OFFENDER',
  source: 'VICTIM_REFERRAL',
  suspect: { details: { forename: 'Dan', surname: 'Example', estimatedAge: 30, gender: 'MALE' } },
  // The child of the victim referral imported above as LCS-1.
  linkedChildren: [{ victimReference: 'LCS-1', linkType: 'GROOMER' }],
  ...overrides,
});

describe('the suspect referrals import API (after the victim referrals above)', () => {
  const SUSPECTS = '/api/v1/imports/suspect-referrals';
  const suspects = {
    system: 'LCS',
    referrals: [
      suspect(),
      suspect({ sourceReference: 'NCH-2', status: 'NOPE' }),
      suspect({
        sourceReference: 'NCH-3',
        linkedChildren: [{ victimReference: 'LCS-404', linkType: 'GROOMER' }],
      }),
    ],
  };

  it('is refused without referral:import, and the denial audited', async () => {
    const secret = await issueTestToken(t, hub.agencyId, HUB_NEEDS);
    const { result, events } = await auditedBy(t, () => callApi(t, secret, 'POST', SUSPECTS, suspects));
    expect(result.statusCode).toBe(403);
    expect(events.map((e) => e.action)).toEqual(['ACCESS_DENIED']);
  });

  it('imports past suspect referrals linked to imported children, counted in the previous period', async () => {
    const secret = await issueTestToken(t, hub.agencyId, ['referral:import', ...HUB_NEEDS]);
    const response = await callApi(t, secret, 'POST', SUSPECTS, suspects);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ rows: 3, imported: 1, failed: 2 });
    expect(
      report.results.map((r: { status: string; errors?: { field: string }[] }) => [
        r.status,
        r.errors?.map((e) => e.field),
      ]),
    ).toEqual([
      ['IMPORTED', undefined],
      ['ERROR', ['status']],
      ['ERROR', ['linkedChildren[0].victimReference']],
    ]);
    const { rows } = await t.superuserQuery(
      `SELECT s.received_at, s.import_system, l.child_person_id, v.person_id AS victim_child
         FROM suspect_referral s JOIN suspect_child_link l ON l.suspect_referral_id = s.id
         JOIN victim_referral v ON v.import_system = 'LCS' AND v.import_reference = 'LCS-1'
        WHERE s.import_reference = 'NCH-1'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].received_at.toISOString()).toBe('2026-05-14T09:00:00.000Z');
    expect(rows[0].child_person_id).toBe(rows[0].victim_child);
    const b = await withTransaction(t.db, systemContext('test'), (tx) =>
      runBriefing(tx, {
        period: { from: '2026-06-01', to: '2026-06-30' },
        scope: { area: null, division: null },
        mode: 'operational',
      }),
    );
    expect(b.figures['suspects.total']!.previous.total).toBe(1);
    expect(b.figures['victim_referrals.total']!.previous.total).toBe(1);

    const again = await callApi(t, secret, 'POST', SUSPECTS, suspects);
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 1, failed: 2 });
    expect(await countRows(t, 'suspect_referral')).toBe(1);
    const id = (await t.superuserQuery("SELECT id FROM suspect_referral WHERE import_reference = 'NCH-1'"))
      .rows[0].id;
    const page = await (await signIn(t, manager)).get(`/suspect-referrals/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Imported from LCS on ${ukDate(new Date())}`);
  });
});
