/**
 * `lantern import missing`: good rows imported, bad ones listed with their reason and nothing of them saved,
 * a re-run imports nothing new, the repeat rule applied to imported episodes, and bad files refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeImport, ImportInputError, importMissingCsv } from '../../src/missing/import.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'lantern-missing-'));
const people: Record<string, string> = {};
let policeCode: string;

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

const HEADER = [
  'police_ref',
  'child_person_id',
  'child_nhs_number',
  'child_police_ref',
  'type',
  'reported_at',
  'reported_by',
  'risk_grade',
  'placement_code',
  'returned_at',
  'found_where',
  'exploitation_suspected',
];

beforeAll(async () => {
  t = await createTestApp();
  policeCode = `POL-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  await createAgencyWithTeam(t, { code: policeCode, type: 'POLICE', area: 'BLACKPOOL' });
  const agency = (await t.superuserQuery('SELECT id FROM agency WHERE code = $1', [policeCode])).rows[0].id;
  for (const [name, nhs, pref] of [
    ['amy', '9434765919', 'PN-1'],
    ['ben', '9434765870', 'PN-2'],
    ['twin1', '4010232137', 'PN-3'],
    ['twin2', '4010232137', 'PN-4'],
  ] as const) {
    const person = await t.superuserQuery(
      `INSERT INTO person (forename, surname, gender, agency_ids, areas) VALUES ($1, 'Example', 'FEMALE', ARRAY[$2::uuid], '{BLACKPOOL}') RETURNING id`,
      [name, agency],
    );
    people[name] = person.rows[0].id;
    await t.superuserQuery(
      `INSERT INTO source_record (person_id, agency_id, submitted_by_label, provenance, subject_role, forename, surname, gender, nhs_number, police_ref)
       VALUES ($1, $2, 'test', 'test', 'CHILD', $3, 'Example', 'FEMALE', $4, $5)`,
      [people[name], agency, name, nhs, pref],
    );
  }
  await t.superuserQuery(
    `INSERT INTO placement (code, name, kind, area, postcode) VALUES ('CH-01', 'Willow House', 'RESIDENTIAL_CHILDRENS_HOME', 'BLACKPOOL', 'FY2 0QR')`,
  );
});
afterAll(async () => {
  await t?.close();
});

describe('importing police missing reports', () => {
  it('imports the good rows, lists each bad row with its reason, and saves nothing of a bad row', async () => {
    const file = csv('reports.csv', [
      HEADER,
      [
        'M-1',
        people['amy']!,
        '',
        '',
        'MISSING_FROM_CARE',
        ago(60),
        'Residential staff',
        'MEDIUM',
        'CH-01',
        ago(59),
        'Town centre',
        'yes',
      ],
      ['M-2', '', '943 476 5919', '', 'MISSING', ago(30), 'Mother', 'LOW', '', '', '', 'no'],
      [
        'M-3',
        '',
        '',
        'PN-1',
        'AWAY_WITHOUT_AUTHORISATION',
        ago(2),
        'Foster carer',
        'HIGH',
        'CH-01',
        '',
        '',
        '',
      ],
      ['M-4', people['ben']!, '', '', 'MISSING', ago(5), 'Mother', 'EXTREME', '', '', '', 'no'],
      ['M-5', people['ben']!, '', '', 'MISSING', ago(5), 'Mother', 'LOW', '', ago(6), 'Home', 'no'],
      [
        'M-6',
        '00000000-0000-4000-8000-000000000000',
        '',
        '',
        'MISSING',
        ago(5),
        'Mother',
        'LOW',
        '',
        '',
        '',
        'no',
      ],
      ['M-7', '', '4010232137', '', 'MISSING', ago(5), 'Mother', 'LOW', '', '', '', 'no'],
      ['M-8', people['ben']!, '', '', 'MISSING', ago(5), 'Mother', 'LOW', 'CH-99', '', '', 'no'],
      ['M-1', people['ben']!, '', '', 'MISSING', ago(5), 'Mother', 'LOW', '', '', '', 'no'],
      ['M-9', people['ben']!, '', '', 'MISSING', 'yesterday', 'Mother', 'LOW', '', '', '', 'no'],
      ['M-10', people['ben']!, '', '', 'MISSING'],
      ['M-11', people['ben']!, '', '', 'ABSENT', ago(1), 'School', 'NO_APPARENT_RISK', '', '', '', 'maybe'],
    ]);
    const report = await importMissingCsv(t.db, file, { agencyCode: policeCode, batchSize: 4 });
    expect(report.rows).toBe(12);
    expect(report.imported).toBe(3);
    const reasons = Object.fromEntries(report.errors.map((e) => [e.policeRef, e.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ['M-1', 'M-10', 'M-11', 'M-4', 'M-5', 'M-6', 'M-7', 'M-8', 'M-9'].sort(),
    );
    expect(reasons['M-4']).toMatch(/risk_grade/);
    expect(reasons['M-5']).toMatch(/returned_at: The return cannot be before/);
    expect(reasons['M-6']).toMatch(/no person/);
    expect(reasons['M-7']).toMatch(/2 people have this NHS number/);
    expect(reasons['M-8']).toMatch(/CH-99/);
    expect(reasons['M-1']).toMatch(/repeats row 1/);
    expect(reasons['M-9']).toMatch(/reported_at/);
    expect(reasons['M-10']).toMatch(/fields/);
    expect(reasons['M-11']).toMatch(/exploitation_suspected/);
    expect(report.errors.find((e) => e.policeRef === 'M-4')!.row).toBe(4);
    const episodes = await t.superuserQuery(
      'SELECT external_ref, person_id, type, placement_id IS NOT NULL AS placed, recorded_by_label FROM missing_episode ORDER BY external_ref',
    );
    expect(episodes.rows.map((r) => r.external_ref)).toEqual(['M-1', 'M-2', 'M-3']);
    expect(new Set(episodes.rows.map((r) => r.person_id))).toEqual(new Set([people['amy']]));
    expect(episodes.rows[2]).toMatchObject({
      type: 'AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION',
      placed: true,
    });
    // Three episodes of Amy within 90 days: repeat missing, and one MASH task.
    const amy = (
      await t.superuserQuery('SELECT repeat_missing, missing_more_than_once FROM person WHERE id = $1', [
        people['amy'],
      ])
    ).rows[0];
    expect(amy).toEqual({ repeat_missing: true, missing_more_than_once: true });
    expect(report.mashTasks).toBe(1);
    const audit = await t.superuserQuery(
      "SELECT actor_label, details FROM audit_event WHERE action = 'MISSING_EPISODE_IMPORT'",
    );
    expect(audit.rows.every((r) => r.actor_label === 'lantern import missing')).toBe(true);
    expect(audit.rows.reduce((n, r) => n + r.details.rows, 0)).toBe(3);
    const lines = describeImport(report);
    expect(lines.at(-1)).toMatch(/12 rows: 3 imported, 0 already imported, 9 with errors/);
    expect(lines[0]).toMatch(/^row \d+ \(line \d+, M-\d+\): /);

    // Run again: nothing new, no second task.
    const again = await importMissingCsv(t.db, file, { agencyCode: policeCode });
    expect(again.imported).toBe(0);
    expect(again.skipped).toBe(3);
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM missing_episode')).rows[0].n).toBe(3);
    expect((await t.superuserQuery('SELECT count(*)::int AS n FROM mash_task')).rows[0].n).toBe(1);
  });

  it('refuses a missing file, an unknown agency and a header without the required columns', async () => {
    await expect(importMissingCsv(t.db, join(dir, 'nope.csv'), { agencyCode: policeCode })).rejects.toThrow(
      ImportInputError,
    );
    const ok = csv('ok.csv', [HEADER]);
    await expect(importMissingCsv(t.db, ok, { agencyCode: 'NO-SUCH' })).rejects.toThrow(/no agency/);
    const bad = csv('bad.csv', [
      ['police_ref', 'type'],
      ['X-1', 'MISSING'],
    ]);
    await expect(importMissingCsv(t.db, bad, { agencyCode: policeCode })).rejects.toThrow(
      /reported_at, risk_grade, child_person_id or child_nhs_number or child_police_ref/,
    );
    const empty = csv('empty.csv', []);
    await expect(importMissingCsv(t.db, empty, { agencyCode: policeCode })).rejects.toThrow(/empty/);
  });
});
