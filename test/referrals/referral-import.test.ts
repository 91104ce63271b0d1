/**
 * `lantern import referrals` (decision 0026): a hub's past referrals with their MASH outcomes at their real
 * decision times land in the period they happened, so the first briefing's previous period shows them; a
 * re-run changes nothing, a changed row is reported and not applied, bad rows are named by row and column
 * while the good ones load, and a dry run writes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import {
  describeHistoryImport,
  ImportFileError,
  importHistoryFile,
} from '../../src/referrals/import-file.ts';
import { submitVictimReferral } from '../../src/referrals/service.ts';
import { type Briefing, fetchCounts, runBriefing } from '../../src/reports/briefing.ts';
import { countsFrom } from '../../src/reports/figures.ts';
import { countList, REFERENCE_COUNTS_SQL } from '../reports/reference-counts.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';
import { auditedBy, countRows } from '../support/audit.ts';
import { victimReferral } from '../support/factories/index.ts';
import { actAs, testPrincipal } from '../support/principals.ts';

let t: TestApp;
let hubCode: string;
const dir = mkdtempSync(join(tmpdir(), 'lantern-history-'));

const HEADER = [
  'source_reference',
  'received_at',
  'area',
  'referrer_name',
  'cin_referral_source',
  'exploitation_type',
  'category',
  'concerns',
  'exploitation_model',
  'contact_method',
  'consent',
  'urgency',
  'indicators',
  'child_forename',
  'child_surname',
  'child_dob',
  'child_gender',
  'child_looked_after',
  'rag',
  'decided_at',
  'contact_outcome',
  'referral_outcome',
  'statutory_measures',
  'nfa_reason',
];

/** A past referral of May 2026 (London time, as a UK system exports it), with the outcome columns given. */
function past(ref: string, receivedAt: string, outcome: string[], overrides: Record<string, string> = {}) {
  const base: Record<string, string> = {
    source_reference: ref,
    received_at: receivedAt,
    area: 'BLACKPOOL',
    referrer_name: 'Sam Example',
    cin_referral_source: '2A',
    exploitation_type: 'CSE',
    category: 'VICTIM_OF_CRIME',
    concerns: 'Seen with older men near the arcade',
    exploitation_model: 'BOYFRIEND',
    contact_method: 'ONLINE_SOCIAL_MEDIA',
    consent: 'YES',
    urgency: 'URGENT',
    indicators: 'GOING_MISSING;UNEXPLAINED_GIFTS_OR_MONEY',
    child_forename: `Child ${String.fromCharCode(64 + Number(ref.slice(4)))}`,
    child_surname: 'Example',
    child_dob: '2011-03-04',
    child_gender: 'FEMALE',
    child_looked_after: 'no',
  };
  const [rag = '', decidedAt = '', contact = '', referral = '', measures = '', nfa = ''] = outcome;
  const row: Record<string, string> = {
    ...base,
    rag,
    decided_at: decidedAt,
    contact_outcome: contact,
    referral_outcome: referral,
    statutory_measures: measures,
    nfa_reason: nfa,
    ...overrides,
  };
  return HEADER.map((c) => row[c] ?? '');
}

const S47 = ['RED', '2026-05-12 15:00', 'REFERRAL_TO_CSC', 'STRATEGY_S47', 'S47'];
const NFA = ['AMBER', '2026-05-18 09:00', 'NO_FURTHER_ACTION', '', '', 'Known to early help; no new risk'];
const S17 = ['GREEN', '2026-05-21 10:00', 'REFERRAL_TO_CSC', 'ASSESSMENT_S17', 'S17'];

// Four good rows: decided within one working day (MOS-1, MOS-4), after it (MOS-2), not decided (MOS-3).
const GOOD = [
  past('MOS-1', '2026-05-12 10:00', S47),
  past('MOS-2', '2026-05-13 11:00', NFA),
  past('MOS-3', '2026-05-19 09:30', []),
  past('MOS-4', '2026-05-20 14:00', S17),
];
const BAD = [
  past('MOS-5', '2026-05-21 10:00', ['', '2026-05-20 09:00', 'REFERRAL_TO_CSC', 'ASSESSMENT_S17', 'S17'], {
    category: 'NOPE',
  }),
  past('MOS-6', '2026-05-21 11:00', [], { referrer_name: '', child_dob: '2011-02-30' }),
  past('MOS-7', '2026-05-21 12:00', [], { child_looked_after: 'maybe' }),
];

function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

const importFile = (path: string, dryRun = false) =>
  importHistoryFile(t.db, path, { agencyCode: hubCode, system: 'Mosaic', dryRun });

async function briefing(): Promise<Briefing> {
  return withTransaction(t.db, systemContext('test'), (tx) =>
    runBriefing(tx, {
      period: { from: '2026-06-01', to: '2026-06-30' },
      scope: { area: null, division: null },
      mode: 'operational',
    }),
  );
}

const previousValue = (b: Briefing, figure: string, category: string) =>
  b.figures[figure]!.previous.rows.find((r) => r.category === category)?.value;

const tables = ['victim_referral', 'mash_episode', 'mash_decision', 'rag_change', 'person', 'source_record'];
const counts = async () => Promise.all(tables.map((table) => countRows(t, table)));

beforeAll(async () => {
  t = await createTestApp();
  hubCode = `CSC-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const hub = await createAgencyWithTeam(t, {
    code: hubCode,
    type: 'CHILDRENS_SOCIAL_CARE',
    area: 'BLACKPOOL',
  });
  // The live period: one referral received in June through the ordinary service.
  const live = testPrincipal(hub.agencyId, ['MASH_MANAGER'], ['BLACKPOOL'], 1);
  await actAs(t.db, live, (tx) =>
    submitVictimReferral(
      tx,
      live,
      victimReferral.build({ concernNoticedAt: '2026-06-10T08:00:00Z' }),
      new Date('2026-06-10T09:00:00Z'),
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('importing a hub’s history from a file', () => {
  it('loads the good rows, names each bad row and column, and saves nothing of a bad row', async () => {
    const before = await countRows(t, 'victim_referral');
    const { result: report, events } = await auditedBy(t, () =>
      importFile(csv('history.csv', [...GOOD, ...BAD])),
    );
    expect(report.rows).toBe(7);
    expect(report.imported).toBe(4);
    expect(report.failed).toBe(3);
    expect(await countRows(t, 'victim_referral')).toBe(before + 4);
    const errors = Object.fromEntries(
      report.results.filter((r) => r.status === 'ERROR').map((r) => [r.row, r.errors!.map((e) => e.field)]),
    );
    expect(errors).toEqual({
      5: expect.arrayContaining(['category', 'decided_at']),
      6: expect.arrayContaining(['referrer_name', 'child_dob']),
      7: ['child_looked_after'],
    });
    expect(report.results.find((r) => r.row === 5)!.sourceReference).toBe('MOS-5');
    const lines = describeHistoryImport(report);
    expect(lines.some((l) => l.startsWith('row 6 (MOS-6): ') && l.includes('child_dob'))).toBe(true);
    expect(lines.at(-1)).toContain('7 rows from Mosaic: 4 imported, 0 already imported, 0 changed');
    const { rows: bad } = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM victim_referral WHERE import_reference IN ('MOS-5', 'MOS-6', 'MOS-7')",
    );
    expect(bad[0].n).toBe(0);
    // The audit records the import: one event per referral, and the run's summary.
    const imports = events.filter((e) => e.action === 'REFERRAL_IMPORT');
    expect(imports.filter((e) => e.subject_type === 'victim_referral')).toHaveLength(4);
    expect(imports.find((e) => e.subject_type === null)!.details).toMatchObject({
      system: 'Mosaic',
      rows: 7,
      imported: 4,
      failed: 3,
      dryRun: false,
    });
  });

  it('keeps each outcome’s real decision time and the receipt as the MASH clock, marked as imported', async () => {
    const { rows } = await t.superuserQuery(
      `SELECT r.import_reference, r.import_system, r.imported_at, r.received_at, r.outcome, r.outcome_at, r.status,
              e.decided_at, e.closed_at, e.rag, e.decision_deadline, d.within_standard, d.decided_by_label
         FROM victim_referral r JOIN mash_episode e ON e.referral_id = r.id
         LEFT JOIN mash_decision d ON d.episode_id = e.id
        WHERE r.import_system = 'Mosaic' ORDER BY r.import_reference`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.import_reference, r]));
    expect(by['MOS-1'].received_at.toISOString()).toBe('2026-05-12T09:00:00.000Z');
    expect(by['MOS-1'].decided_at.toISOString()).toBe('2026-05-12T14:00:00.000Z');
    expect(by['MOS-1'].closed_at.toISOString()).toBe('2026-05-12T14:00:00.000Z');
    expect(by['MOS-1'].outcome_at.toISOString()).toBe('2026-05-12T14:00:00.000Z');
    expect(by['MOS-1']).toMatchObject({
      outcome: 'S47',
      status: 'DECIDED',
      rag: 'RED',
      within_standard: true,
    });
    expect(by['MOS-1'].decided_by_label).toContain('Imported from Mosaic');
    expect(by['MOS-2']).toMatchObject({ outcome: 'NO_OUTCOME_REQUIRED', within_standard: false });
    expect(by['MOS-3']).toMatchObject({ outcome: null, decided_at: null, within_standard: null });
    expect(Date.now() - by['MOS-1'].imported_at.getTime()).toBeLessThan(10 * 60_000);
  });

  it('shows the imported referrals in the briefing’s previous period, as counted by hand', async () => {
    const b = await briefing();
    expect(b.previousPeriod).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(b.figures['victim_referrals.total']!.total).toBe(1);
    expect(b.figures['victim_referrals.total']!.previous.total).toBe(4);
    // Decided: MOS-1, MOS-2, MOS-4; within one working day of receipt: MOS-1 (same day), MOS-4 (next morning).
    expect(b.figures['mash.decided_within_one_working_day_share']!.previous.total).toBe(3);
    expect(previousValue(b, 'mash.decided_within_one_working_day_share', 'WITHIN_ONE_WORKING_DAY')).toBe(2);
    expect(previousValue(b, 'outcomes.social_care', 'S47')).toBe(1);
    expect(previousValue(b, 'outcomes.social_care', 'S17')).toBe(1);
    expect(previousValue(b, 'outcomes.social_care', 'NO_OUTCOME_REQUIRED')).toBe(1);
    expect(previousValue(b, 'outcomes.social_care', 'NOT_DECIDED')).toBe(1);
  });

  it('keeps the same counts of the imported period as the registry read directly', async () => {
    const may = { from: '2026-05-01', to: '2026-05-31' };
    for (const scope of [
      { area: null, division: null },
      { area: 'BLACKPOOL', division: null },
    ]) {
      const kept = await withTransaction(t.db, systemContext('test'), (tx) => fetchCounts(tx, may, scope));
      const direct = await t.superuserQuery(REFERENCE_COUNTS_SQL, [
        may.from,
        may.to,
        scope.area,
        scope.division,
      ]);
      expect(countList(kept)).toEqual(countList(countsFrom(direct.rows)));
      expect(countList(kept)).toContain('referral.total:ALL=4');
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await counts();
    const report = await importFile(csv('again.csv', [...GOOD, ...BAD]));
    expect(report).toMatchObject({ imported: 0, alreadyImported: 4, changed: 0, failed: 3 });
    expect(report.results.find((r) => r.sourceReference === 'MOS-1')!.reference).toMatch(/^VR-2026-/);
    expect(await counts()).toEqual(before);
    expect((await briefing()).figures['victim_referrals.total']!.previous.total).toBe(4);
  });

  it('reports a changed row for a known reference and does not apply it', async () => {
    const before = await counts();
    const changed = [GOOD[0]!, past('MOS-3', '2026-05-19 09:30', S17.with(1, '2026-05-20 09:00'))];
    const report = await importFile(csv('changed.csv', changed));
    expect(report).toMatchObject({ imported: 0, alreadyImported: 1, changed: 1 });
    const row = report.results.find((r) => r.sourceReference === 'MOS-3')!;
    expect(row.status).toBe('CHANGED');
    expect(describeHistoryImport(report)[0]).toMatch(
      /^row 2 \(MOS-3\): changed since it was imported as VR-/,
    );
    expect(await counts()).toEqual(before);
  });

  it('writes nothing in a dry run, but reports what it would do', async () => {
    const before = await counts();
    const { result: report, events } = await auditedBy(t, () =>
      importFile(
        csv('dry.csv', [past('MOS-8', '2026-05-22 10:00', S47.with(1, '2026-05-22 12:00')), BAD[0]!]),
        true,
      ),
    );
    expect(report).toMatchObject({ dryRun: true, imported: 1, failed: 1 });
    expect(describeHistoryImport(report).at(-1)).toContain('1 would be imported');
    expect(await counts()).toEqual(before);
    expect(events.map((e) => e.action)).toEqual(['REFERRAL_IMPORT']);
    expect(events[0]!.details).toMatchObject({ dryRun: true, imported: 1 });
  });

  it('imports past suspect referrals from a file, linked to the children of imported referrals', async () => {
    const path = join(dir, 'suspects.csv');
    writeFileSync(
      path,
      [
        'source_reference,received_at,area,referrer_name,status,role,source,suspect_forename,suspect_surname,suspect_estimated_age,suspect_gender,linked_victim_references,link_type',
        'NCH-1,2026-05-14 10:00,BLACKPOOL,DC Example,SUSPECT,PRIMARY_OFFENDER,VICTIM_REFERRAL,Dan,Example,30,MALE,MOS-1;MOS-4,GROOMER',
        'NCH-2,2026-05-15 10:00,BLACKPOOL,DC Example,NOPE,PRIMARY_OFFENDER,VICTIM_REFERRAL,Eli,Example,thirty,MALE,,',
        'NCH-3,2026-05-16 10:00,BLACKPOOL,DC Example,OFFENDER,CO_OFFENDER,POLICE_INTELLIGENCE,Fay,Example,40,FEMALE,MOS-404,ABUSER',
      ].join('\n'),
    );
    const run = () =>
      importHistoryFile(t.db, path, { kind: 'suspect', agencyCode: hubCode, system: 'Mosaic' });
    const report = await run();
    expect(report).toMatchObject({ rows: 3, imported: 1, failed: 2 });
    expect(report.results.map((r) => [r.sourceReference, r.status, r.errors?.map((e) => e.field)])).toEqual([
      ['NCH-1', 'IMPORTED', undefined],
      ['NCH-2', 'ERROR', ['suspect_estimated_age']],
      ['NCH-3', 'ERROR', ['linked_victim_references']],
    ]);
    const { rows } = await t.superuserQuery(
      `SELECT count(*)::int AS n FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
        WHERE s.import_reference = 'NCH-1'`,
    );
    expect(rows[0].n).toBe(2);
    expect((await briefing()).figures['suspects.total']!.previous.total).toBe(1);
    expect(await run()).toMatchObject({ imported: 0, alreadyImported: 1, failed: 2 });
  });

  it('refuses a file without the required columns, or for an unknown agency', async () => {
    const path = join(dir, 'headless.csv');
    writeFileSync(path, 'source_reference,area\nMOS-9,BLACKPOOL\n');
    await expect(importFile(path)).rejects.toThrow(/received_at, referrer_name/);
    await expect(importFile(join(dir, 'none.csv'))).rejects.toBeInstanceOf(ImportFileError);
    await expect(
      importHistoryFile(t.db, csv('x.csv', GOOD), { agencyCode: 'NO-SUCH', system: 'Mosaic' }),
    ).rejects.toThrow(/no agency has the code/);
  });
});
