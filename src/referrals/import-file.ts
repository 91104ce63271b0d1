/**
 * An import of history from a file (decision 0026): the file read in batches (import-csv.ts), each batch
 * imported in one transaction as the operator acting for the importing agency (the `system` purpose, as
 * every CLI: the operator at the console imports for the whole partnership), one batch id for the run.
 * Rows the file itself gets wrong (bad CSV, a yes/no that is neither) are reported beside the import's.
 * Victim referrals (import-csv.ts) or suspect and offender referrals (import-suspect-csv.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { importContext, importOperator } from '../platform/access/import-operator.ts';
import { IMPORT_NEEDS } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import { partnershipAreas } from '../platform/codes/area-store.ts';
import type { Database } from '../platform/db/database.ts';
import { type Tx, withTransaction } from '../platform/db/transaction.ts';
import { ImportFileError, type ImportFileRow, readImportFile } from '../platform/text/import-file.ts';
import { type FileFormat, importFormatOf, VICTIM_FILE } from './import-csv.ts';
import type { ImportBatch, ImportReport, RowResult } from './import-run.ts';
import { importReferralHistory } from './import-service.ts';
import { agencyByCode } from './import-store.ts';
import { SUSPECT_FILE } from './import-suspect-csv.ts';
import { importSuspectHistory } from './import-suspect-service.ts';

export const IMPORT_ACTOR = 'lantern import referrals';
export { ImportFileError } from '../platform/text/import-file.ts';

export interface FileImportOptions {
  /** Victim referrals (the default) or suspect and offender referrals. */
  kind?: 'victim' | 'suspect';
  agencyCode: string;
  system: string;
  dryRun?: boolean;
  batchSize?: number;
  now?: Date;
  /** Named in the audit (a file name, never its content). */
  source?: string;
}

/** A file format and the import its rows go to, for one kind of referral. */
interface FileKind<R> {
  format: FileFormat<R>;
  run(tx: Tx, principal: Principal, batch: ImportBatch<R>, now?: Date): Promise<ImportReport>;
}

export function importHistoryFile(
  db: Database,
  input: string | Readable,
  options: FileImportOptions,
): Promise<ImportReport> {
  return options.kind === 'suspect'
    ? importFile(db, input, options, { format: SUSPECT_FILE, run: importSuspectHistory })
    : importFile(db, input, options, { format: VICTIM_FILE, run: importReferralHistory });
}

async function importFile<R>(
  db: Database,
  input: string | Readable,
  options: FileImportOptions,
  kind: FileKind<R>,
): Promise<ImportReport> {
  if (typeof input === 'string' && (!existsSync(input) || !statSync(input).isFile()))
    throw new ImportFileError(`cannot read ${input}: no such file`);
  const source = options.source ?? (typeof input === 'string' ? basename(input) : 'stdin');
  const setup = await withTransaction(db, importContext(IMPORT_ACTOR), async (tx) => ({
    agency: await agencyByCode(tx, options.agencyCode.toUpperCase()),
    areas: await partnershipAreas(tx),
  }));
  if (!setup.agency) throw new ImportFileError(`no agency has the code ${options.agencyCode}`);
  const principal = importOperator(IMPORT_ACTOR, setup.agency.id, setup.areas, [
    'referral:import',
    'referral:read-own-agency',
    ...IMPORT_NEEDS,
  ]);
  const batchId = randomUUID();
  const total: ImportReport = {
    batch: batchId,
    system: options.system.trim(),
    dryRun: options.dryRun === true,
    rows: 0,
    imported: 0,
    alreadyImported: 0,
    changed: 0,
    failed: 0,
    results: [],
  };
  const onBatch = async (rows: ImportFileRow<R>[]) => {
    const good = rows.filter((r) => r.parsed !== null);
    const report = await withTransaction(db, importContext(IMPORT_ACTOR), (tx) =>
      kind.run(
        tx,
        principal,
        {
          system: options.system,
          rows: good.map((r) => r.parsed!),
          rowNumbers: good.map((r) => r.row),
          unreadable: rows
            .filter((r) => r.parsed === null)
            .map((r) => ({
              row: r.row,
              sourceReference: r.reference,
              status: 'ERROR',
              errors: r.errors,
            })),
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
    total.failed += report.failed;
    // The file's columns, not the API's field names, in what a person reads.
    total.results.push(
      ...report.results.map((r) => ({
        ...r,
        ...(r.errors
          ? { errors: r.errors.map((e) => ({ ...e, field: kind.format.columnOf(e.field) })) }
          : {}),
      })),
    );
  };
  await readImportFile(input, importFormatOf(kind.format), options.batchSize ?? 200, onBatch);
  total.results.sort((a, b) => a.row - b.row);
  return total;
}

function describeRow(r: RowResult): string | null {
  const who = `row ${r.row}${r.sourceReference ? ` (${r.sourceReference})` : ''}`;
  if (r.status === 'ERROR')
    return `${who}: ${(r.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ')}`;
  if (r.status === 'CHANGED')
    return `${who}: changed since it was imported${r.reference ? ` as ${r.reference}` : ''}; not applied`;
  return null;
}

/** The lines the CLI prints: each bad or changed row, then the summary. */
export function describeHistoryImport(report: ImportReport): string[] {
  const lines = report.results.map(describeRow).filter((l): l is string => l !== null);
  lines.push(
    `${report.rows} rows from ${report.system}: ${report.imported} ${report.dryRun ? 'would be imported' : 'imported'}, ` +
      `${report.alreadyImported} already imported, ${report.changed} changed (not applied), ${report.failed} with errors` +
      (report.dryRun ? ' (dry run: nothing written)' : ''),
  );
  return lines;
}
