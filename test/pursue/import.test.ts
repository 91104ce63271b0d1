/**
 * Issue 17 item 7: the import of police disposals (both engines). A file with good and bad rows imports the
 * good ones and names each bad one by row, column and reason, saving nothing of it; the same file again
 * imports nothing new; the imported tactics show on the person's register and count in the briefing; the
 * `lantern import disposals` command prints the report, writes nothing in a dry run and refuses an agency
 * that is not the police. The API (the same service) is in import-api.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contextFor } from '../../src/platform/access/principal.ts';
import type { WithDatabase } from '../../src/platform/cli-commands.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { partsFromIso } from '../../src/platform/forms/date-parts.ts';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { recordIdentifier } from '../../src/pursue/identifier-service.ts';
import { registerDisposalImportCommands } from '../../src/pursue/import-cli.ts';
import { describeDisposalImport, IMPORT_ACTOR, importDisposalFile } from '../../src/pursue/import-file.ts';
import { createTestApp, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { principalOf } from '../support/factories/index.ts';
import { pursuePartnership, referChildNamingSuspect } from '../support/pursue-case.ts';

let t: TestApp;
let officer: TestUser;
let policeCode = '';
let schoolCode = '';
let suspectId = '';
let childId = '';
const dir = mkdtempSync(join(tmpdir(), 'lantern-disposals-'));
const NOT_LINKED = '0b7a3f0e-5c4d-4e8a-9a53-1f2e3d4c5b6a';
const DAY = 86_400_000;
const daysAgo = (n: number) => formatLocalDate(toLocalDate(new Date(Date.now() - n * DAY)));
const uk = (iso: string) => iso.split('-').reverse().join('/');

const HEADER = [
  'Police_Reference',
  'pnc_reference',
  'person_id',
  'tactic',
  'started_on',
  'expires_on',
  'court_date',
  'sentence_years',
  'sentence_months',
  'conditions',
  'child_person_id',
  'issuing_officer',
];

function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

/** Three good rows (by PNC, by person id, by a tactic's name) and six bad ones. */
function disposalsFile(): string {
  const week = daysAgo(7);
  return csv('disposals.csv', [
    HEADER,
    ['D-1', '12/345678x', '', 'arrest', uk(week), '', '', '', '', '', '', 'DC 123 Example'],
    ['D-2', '', suspectId, 'CAWN_S2', week, daysAgo(-300), '', '', '', 'No contact.', childId, ''],
    ['D-3', '12345678X', '', 'Conviction', week, '', week, '7', '6', '', '', ''],
    ['D-4', '12345678X', '', 'SRO', week, '', '', '', '', '', '', ''],
    ['D-5', '99/999999Z', '', 'ARREST', week, '', '', '', '', '', '', ''],
    ['D-6', '12345678X', '', 'CAWN_S49', week, '', '', '', '', '', NOT_LINKED, ''],
    ['D-7', '12345678X', '', 'Deportation', week, '', '', '', '', '', '', ''],
    ['D-1', '12345678X', '', 'NFA', week, '', '', '', '', '', '', ''],
    ['D-9', '12345678X', '', 'CHARGE', week, daysAgo(30), '', '3', '', '', '', ''],
  ]);
}

const imported = async () =>
  (
    await t.superuserQuery(
      `SELECT source_reference, type, recorded_by_label, recorded_by_user, agency_id, child_person_id,
              sentence_months::int AS sentence_months
         FROM disposal WHERE source_reference IS NOT NULL ORDER BY source_reference`,
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  const p = await pursuePartnership(t);
  officer = p.officer;
  ({ childId, suspectId } = await referChildNamingSuspect(t, p.police));
  const codes = await t.superuserQuery('SELECT id, code FROM agency WHERE id = ANY ($1::uuid[])', [
    [p.police.agencyId, p.school.agencyId],
  ]);
  const codeOf = (id: string) => codes.rows.find((r) => r.id === id)!.code as string;
  policeCode = codeOf(p.police.agencyId);
  schoolCode = codeOf(p.school.agencyId);
  // The officer records the suspect's PNC reference on the register, as typed.
  const principal = await principalOf(t.db, officer);
  await withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
    recordIdentifier(tx, principal, suspectId, {
      kind: 'PNC_REFERENCE',
      value: '12/345678X',
      checkedOn: partsFromIso(daysAgo(1)),
      note: '',
    }),
  );
});
afterAll(() => t?.close());

describe('importing police disposals from a file', () => {
  it('imports the good rows, names each bad row by row and column, and saves nothing of a bad row', async () => {
    const report = await importDisposalFile(t.db, disposalsFile(), { agencyCode: policeCode.toLowerCase() });
    expect(report).toMatchObject({ rows: 9, imported: 3, alreadyImported: 0, rejected: 6, dryRun: false });
    const rejected = report.results.filter((r) => r.status === 'REJECTED');
    expect(rejected.map((r) => [r.row, r.policeReference, r.errors?.map((e) => e.field)])).toEqual([
      [4, 'D-4', ['court_date']],
      [5, 'D-5', ['pnc_reference']],
      [6, 'D-6', ['child_person_id']],
      [7, 'D-7', ['tactic']],
      [8, 'D-1', ['police_reference']],
      [9, 'D-9', ['expires_on', 'sentence_years']],
    ]);
    const lines = describeDisposalImport(report);
    expect(lines).toContain('row 4 (D-4): court_date: Enter the court date');
    expect(lines).toContain('row 8 (D-1): police_reference: The same police reference as row 1');
    expect(lines.at(-1)).toBe('9 rows: 3 imported, 0 already imported, 6 rejected');

    const police = (await t.superuserQuery('SELECT id FROM agency WHERE code = $1', [policeCode])).rows[0].id;
    expect(await imported()).toEqual([
      {
        source_reference: 'D-1',
        type: 'ARREST',
        recorded_by_label: 'DC 123 Example',
        recorded_by_user: null,
        agency_id: police,
        child_person_id: null,
        sentence_months: null,
      },
      expect.objectContaining({ source_reference: 'D-2', type: 'CAWN_S2', child_person_id: childId }),
      expect.objectContaining({ source_reference: 'D-3', type: 'CONVICTION', sentence_months: 90 }),
    ]);
    expect((await imported())[1].recorded_by_label).toBe(IMPORT_ACTOR);
    // Nothing of a bad row: every tactic of the person is one of the good rows.
    const all = await t.superuserQuery('SELECT count(*)::int AS n FROM disposal WHERE person_id = $1', [
      suspectId,
    ]);
    expect(all.rows[0].n).toBe(3);
    const audit = await t.superuserQuery(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE actor_label = $1 GROUP BY action ORDER BY action`,
      [IMPORT_ACTOR],
    );
    expect(audit.rows).toEqual([
      { action: 'DISRUPTION_IMPORT', n: 1 },
      { action: 'DISRUPTION_RECORD', n: 3 },
    ]);
  });

  it('imports nothing new from the same file run again: its references are already imported', async () => {
    const report = await importDisposalFile(t.db, disposalsFile(), { agencyCode: policeCode });
    expect(report).toMatchObject({ rows: 9, imported: 0, alreadyImported: 3, rejected: 6 });
    expect(report.results.filter((r) => r.status === 'ALREADY_IMPORTED').map((r) => r.row)).toEqual([
      1, 2, 3,
    ]);
    expect((await imported()).map((r) => r.source_reference)).toEqual(['D-1', 'D-2', 'D-3']);
  });

  it('tells a row changed in the force’s system from one sent again, and applies neither', async () => {
    const week = daysAgo(7);
    const file = csv('changed.csv', [
      HEADER,
      // D-1 again as the force might send it another time: the tactic's code, the other date style and
      // the PNC reference in capitals. D-3 with its sentence changed from 7 years 6 months to 8 years.
      ['D-1', '12/345678X', '', 'ARREST', week, '', '', '', '', '', '', 'DC 123 Example'],
      ['D-3', '12345678X', '', 'Conviction', week, '', week, '8', '0', '', '', ''],
    ]);
    const report = await importDisposalFile(t.db, file, { agencyCode: policeCode });
    expect(report).toMatchObject({ rows: 2, imported: 0, alreadyImported: 1, changed: 1, rejected: 0 });
    expect(report.results.map((r) => [r.row, r.policeReference, r.status])).toEqual([
      [1, 'D-1', 'ALREADY_IMPORTED'],
      [2, 'D-3', 'CHANGED'],
    ]);
    expect(report.results[1]!.errors?.[0]?.message).toMatch(/^Imported before with other details/);
    expect(describeDisposalImport(report)).toEqual([
      expect.stringMatching(/^row 2 \(D-3\): police_reference: Imported before with other details/),
      '2 rows: 0 imported, 1 already imported, 1 changed since imported (not applied), 0 rejected',
    ]);
    // The tactic is as first imported.
    const d3 = (await imported()).find((r) => r.source_reference === 'D-3');
    expect(d3?.sentence_months).toBe(90);
  });

  it('shows the imported tactics on the person’s register and counts them in the briefing', async () => {
    const client = await signIn(t, officer);
    const page = await client.get(`/pursue/people/${suspectId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Arrest');
    expect(page.body).toContain('Child Abduction Warning Notice (s2 Child Abduction Act 1984)');
    expect(page.body).toContain('7 years and 6 months');
    expect(page.body).toContain('Police reference');
    expect(page.body).toContain('D-3');
    expect(page.body).toContain('DC 123 Example');
    const facts = await t.superuserQuery(
      `SELECT coalesce(sum(n), 0)::int AS n FROM briefing_count WHERE figure = 'disposal.total'`,
    );
    expect(facts.rows[0].n).toBe(3);
  });
});

describe('the lantern import disposals command', () => {
  /** Runs the command as cli.ts would, on the test's database: its printed lines and exit code. */
  async function lantern(
    ...args: string[]
  ): Promise<{ code: number | undefined; out: string[]; err: string[] }> {
    const program = new Command('lantern').exitOverride();
    let code: number | undefined;
    const withDatabase = (async (work) => {
      code = await work(t.db);
    }) as WithDatabase;
    registerDisposalImportCommands(program, withDatabase);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await program.parseAsync(['import', 'disposals', ...args], { from: 'user' });
      return {
        code,
        out: log.mock.calls.map((c) => String(c[0])),
        err: error.mock.calls.map((c) => String(c[0])),
      };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('checks a new file in a dry run, printing the report and writing nothing', async () => {
    const file = csv('more.csv', [
      HEADER,
      ['D-10', '12345678X', '', 'NFA', daysAgo(1), '', '', '', '', '', '', ''],
    ]);
    const before = await imported();
    const run = await lantern(file, '--agency', policeCode, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      '1 rows: 1 would be imported, 0 already imported, 0 rejected (dry run: nothing written)',
    ]);
    expect(await imported()).toEqual(before);
    const real = await lantern(file, '--agency', policeCode);
    expect(real.out).toEqual(['1 rows: 1 imported, 0 already imported, 0 rejected']);
    expect((await imported()).map((r) => r.source_reference)).toContain('D-10');
  });

  it('refuses an unknown agency, one that is not the police, and a header naming no person', async () => {
    const file = disposalsFile();
    expect(await lantern(file, '--agency', 'NO-SUCH')).toMatchObject({
      code: 2,
      err: ['no agency has the code NO-SUCH'],
    });
    const school = await lantern(file, '--agency', schoolCode);
    expect(school.code).toBe(2);
    expect(school.err[0]).toContain('is not a police agency');
    const headless = csv('no-person.csv', [
      ['police_reference', 'tactic', 'started_on'],
      ['D-11', 'NFA', daysAgo(1)],
    ]);
    expect(await lantern(headless, '--agency', policeCode)).toMatchObject({
      code: 2,
      err: ['the header lacks: pnc_reference or person_id'],
    });
    expect((await imported()).map((r) => r.source_reference)).not.toContain('D-11');
  });
});
