/**
 * An import of police disposals from a file (import-csv.ts): read in batches, each imported by
 * `importDisposals` in one transaction as the operator acting for the importing police agency (the `system`
 * purpose, as every CLI: the operator at the console imports for the force, over the whole partnership, with
 * no user), one batch id for the run. Rows the file itself gets wrong (bad CSV, a reference repeated in the
 * file) are reported beside the import's, and every error names the file's column.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { importContext, importOperator } from '../platform/access/import-operator.ts';
import { decideDisposalImport } from '../platform/access/policy-pursue.ts';
import { partnershipAreas } from '../platform/codes/area-store.ts';
import type { Database } from '../platform/db/database.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ImportFileError, type ImportFileRow, readImportFile } from '../platform/text/import-file.ts';
import { columnOf, DISPOSAL_FILE } from './import-csv.ts';
import type { DisposalImportRow } from './import-rules.ts';
import { type DisposalImportReport, importDisposals, type RowResult } from './import-service.ts';
import * as importStore from './import-store.ts';

export const IMPORT_ACTOR = 'lantern import disposals';
export { ImportFileError } from '../platform/text/import-file.ts';

type FileRow = ImportFileRow<DisposalImportRow>;

export interface FileImportOptions {
  agencyCode: string;
  dryRun?: boolean;
  batchSize?: number;
  now?: Date;
  /** Named in the audit (a file name, never its content). */
  source?: string;
}

export async function importDisposalFile(
  db: Database,
  input: string | Readable,
  options: FileImportOptions,
): Promise<DisposalImportReport> {
  if (typeof input === 'string' && (!existsSync(input) || !statSync(input).isFile()))
    throw new ImportFileError(`cannot read ${input}: no such file`);
  const source = options.source ?? (typeof input === 'string' ? basename(input) : 'stdin');
  const code = options.agencyCode.toUpperCase();
  const setup = await withTransaction(db, importContext(IMPORT_ACTOR), async (tx) => ({
    agency: await importStore.agencyByCode(tx, code),
    areas: await partnershipAreas(tx),
  }));
  if (!setup.agency) throw new ImportFileError(`no agency has the code ${options.agencyCode}`);
  const principal = importOperator(IMPORT_ACTOR, setup.agency.id, setup.areas, ['case:read', 'case:work']);
  // Asked before the file is read, so that a wrong agency is named as what was asked, not as a failure.
  if (!decideDisposalImport(principal, setup.agency.type === 'POLICE').allowed)
    throw new ImportFileError(
      `${setup.agency.name} is not a police agency: only the police import disposals`,
    );
  const batchId = randomUUID();
  const total: DisposalImportReport = {
    batch: batchId,
    dryRun: options.dryRun === true,
    rows: 0,
    imported: 0,
    alreadyImported: 0,
    changed: 0,
    rejected: 0,
    results: [],
  };
  // A reference repeated in a later batch of the file is the file's error, not an "already imported".
  const seen = new Map<string, number>();
  const repeated = (r: FileRow): RowResult | null => {
    if (!r.parsed || !r.reference) return null;
    const earlier = seen.get(r.reference);
    if (earlier === undefined) {
      seen.set(r.reference, r.row);
      return null;
    }
    const message = `The same police reference as row ${earlier}`;
    return {
      row: r.row,
      policeReference: r.reference,
      status: 'REJECTED',
      errors: [{ field: 'policeReference', message }],
    };
  };
  const onBatch = async (rows: FileRow[]) => {
    const unreadable: RowResult[] = [];
    const good: FileRow[] = [];
    for (const r of rows) {
      const again = repeated(r);
      if (again) unreadable.push(again);
      else if (r.parsed) good.push(r);
      else
        unreadable.push({
          row: r.row,
          policeReference: r.reference,
          status: 'REJECTED',
          errors: r.errors,
        });
    }
    const report = await withTransaction(db, importContext(IMPORT_ACTOR), (tx) =>
      importDisposals(
        tx,
        principal,
        {
          rows: good.map((r) => r.parsed!),
          rowNumbers: good.map((r) => r.row),
          unreadable,
          dryRun: options.dryRun,
          source,
          batchId,
        },
        options.now,
      ),
    );
    total.rows += report.rows;
    total.imported += report.imported;
    total.alreadyImported += report.alreadyImported;
    total.changed += report.changed;
    total.rejected += report.rejected;
    // The file's columns, not the API's field names, in what a person reads.
    total.results.push(
      ...report.results.map((r) => ({
        ...r,
        ...(r.errors ? { errors: r.errors.map((e) => ({ ...e, field: columnOf(e.field) })) } : {}),
      })),
    );
  };
  await readImportFile(input, DISPOSAL_FILE, options.batchSize ?? 200, onBatch);
  total.results.sort((a, b) => a.row - b.row);
  return total;
}

/**
 * The lines the CLI prints: each rejected or changed row (its number, reference, columns and reasons), then
 * the summary.
 */
export function describeDisposalImport(report: DisposalImportReport): string[] {
  const lines = report.results
    .filter((r) => r.status === 'REJECTED' || r.status === 'CHANGED')
    .map(
      (r) =>
        `row ${r.row}${r.policeReference ? ` (${r.policeReference})` : ''}: ` +
        (r.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; '),
    );
  lines.push(
    `${report.rows} rows: ${report.imported} ${report.dryRun ? 'would be imported' : 'imported'}, ` +
      `${report.alreadyImported} already imported, ` +
      (report.changed ? `${report.changed} changed since imported (not applied), ` : '') +
      `${report.rejected} rejected` +
      (report.dryRun ? ' (dry run: nothing written)' : ''),
  );
  return lines;
}
