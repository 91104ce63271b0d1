/**
 * The import of history's run over a batch of rows (decision 0026), whatever the rows are (victim or suspect
 * referrals): each row in its own savepoint so a refused row leaves nothing behind, a row already imported
 * reported and left alone (or reported as changed), a dry run rolled back whole after reporting what it would
 * do, and one audit event summarising the batch. What a row is, how it is checked and written, is its kind's.
 */

import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { importRefusal, mayImportIntoArea } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { releaseSavepoint, rollbackToSavepoint, savepoint } from '../platform/db/savepoint.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  type FieldError,
  ForbiddenError,
  HttpError,
  ValidationError,
} from '../platform/http/errors.ts';
import { fingerprintOf, MAX_SYSTEM_NAME } from './import-rules.ts';
import type * as importStore from './import-store.ts';
import { knownDivisions } from './routing-service.ts';
import type { ImportMark } from './store.ts';
import * as store from './store.ts';

/** IMPORTED (or, in a dry run, would be), ALREADY_IMPORTED (same row again), CHANGED (known reference, other content), ERROR. */
export type RowStatus = 'IMPORTED' | 'ALREADY_IMPORTED' | 'CHANGED' | 'ERROR';

export interface RowResult {
  /** The row's number in the caller's numbering (a file's data rows, or the request's rows from 1). */
  row: number;
  sourceReference: string | null;
  status: RowStatus;
  /** Lantern's reference of the referral imported, or imported before under this source reference. */
  reference?: string;
  errors?: FieldError[];
}

export interface ImportReport {
  batch: string;
  system: string;
  dryRun: boolean;
  rows: number;
  imported: number;
  alreadyImported: number;
  changed: number;
  failed: number;
  results: RowResult[];
}

export interface ImportBatch<R> {
  /** The source system's name, shown as "Imported from <system>" and half of each row's key. */
  system: string;
  rows: readonly R[];
  /** The rows' own numbers (a file's data rows); 1, 2, 3... by default. */
  rowNumbers?: readonly number[];
  dryRun?: boolean;
  /** Named in the audit (a file name or "api"), never the content. */
  source: string;
  /** One import run spread over several batches keeps one batch id. */
  batchId?: string;
  /** Rows of the batch its reader could not make rows of (a file's bad CSV): reported and audited with it. */
  unreadable?: readonly RowResult[];
}

/** Refuses up front what no row could do: an importer without the permissions, or no system named. */
function checkBatch<R>(principal: Principal, batch: ImportBatch<R>): string {
  const refusal = importRefusal(principal);
  if (refusal) throw new ForbiddenError(refusal);
  const system = (batch.system ?? '').trim();
  if (!system || system.length > MAX_SYSTEM_NAME)
    throw new ValidationError([
      { field: 'system', message: `Name the source system in up to ${MAX_SYSTEM_NAME} characters` },
    ]);
  return system;
}

/** The checks and marks every kind's row is written with. */
interface RowHelpers {
  /** The area, refused when it is missing or not on the partnership's list. */
  knownArea(area: string | null): string;
  /** Refuses an area the importer's hub does not import for (the batch's audit event lists the denial). */
  refuseAreaOutOfScope(area: string): void;
  /** Refuses a police division not on the partnership's list; none is allowed. */
  refuseUnknownDivision(division: string | null): void;
  /** What a written row records of where it came from: the source system, its reference there, this run. */
  markOf(row: { sourceReference: string }): ImportMark;
  /** The details every imported row's audit event starts with: where it came from and in which batch. */
  auditDetailsOf(row: { sourceReference: string }): {
    system: string;
    sourceReference: string;
    batch: string;
  };
}

/** What the run needs to know of the batch's rows, for every row, and the checks it makes of each. */
export interface RunContext extends RowHelpers {
  system: string;
  batchId: string;
  now: Date;
  areas: ReadonlySet<string>;
  divisions: ReadonlySet<string>;
}

/** A kind of row: how it is read, checked, found already imported, and written (returning its reference). */
export interface ImportKind<R extends { sourceReference: string }> {
  /** Named in the summary's audit event. */
  name: 'VICTIM_REFERRAL' | 'SUSPECT_REFERRAL';
  /** The unique index a row imported meanwhile (or by a hub the caller cannot see) runs into. */
  referenceIndex: string;
  normalise(row: R): R;
  validate(row: R, now: Date): FieldError[];
  imported(tx: Tx, system: string, references: readonly string[]): Promise<importStore.ImportedReference[]>;
  write(tx: Tx, principal: Principal, row: R, context: RunContext): Promise<string>;
}

/** A row's area outside the importer's hub: the row's error, and a denial the batch's audit event lists. */
export class OutOfScopeAreaError extends ValidationError {}

/** The checks and marks every kind's row is written with, bound to the run's lists, importer and batch. */
function rowHelpers(principal: Principal, run: Omit<RunContext, keyof RowHelpers>): RowHelpers {
  return {
    knownArea(area) {
      if (!area || !run.areas.has(area))
        throw new ValidationError([{ field: 'area', message: 'Select a safeguarding area from the list' }]);
      return area;
    },
    refuseAreaOutOfScope(area) {
      if (!mayImportIntoArea(principal, area))
        throw new OutOfScopeAreaError([
          { field: 'area', message: 'The area is not one your hub imports for' },
        ]);
    },
    refuseUnknownDivision(division) {
      if (division && !run.divisions.has(division))
        throw new ValidationError([{ field: 'division', message: 'Select a police division from the list' }]);
    },
    markOf(row) {
      return {
        system: run.system,
        reference: row.sourceReference.trim(),
        fingerprint: fingerprintOf(row),
        batch: run.batchId,
        at: run.now,
      };
    },
    auditDetailsOf(row) {
      return { system: run.system, sourceReference: row.sourceReference.trim(), batch: run.batchId };
    },
  };
}

/** A kind's import of history: the run over a batch of its rows. */
export function historyImporter<R extends { sourceReference: string }>(kind: ImportKind<R>) {
  return (
    tx: Tx,
    principal: Principal,
    batch: ImportBatch<R>,
    now: Date = new Date(),
  ): Promise<ImportReport> => runImport(tx, principal, batch, kind, now);
}

export async function runImport<R extends { sourceReference: string }>(
  tx: Tx,
  principal: Principal,
  batch: ImportBatch<R>,
  kind: ImportKind<R>,
  now: Date = new Date(),
): Promise<ImportReport> {
  const system = checkBatch(principal, batch);
  const batchId = batch.batchId ?? randomUUID();
  const dryRun = batch.dryRun === true;
  const rows = batch.rows.map((r) => kind.normalise(r));
  const refs = rows.map((r) => (typeof r.sourceReference === 'string' ? r.sourceReference.trim() : ''));
  const known = new Map(
    (await kind.imported(tx, system, refs.filter(Boolean))).map((k) => [k.import_reference, k]),
  );
  const lists = {
    system,
    batchId,
    now,
    areas: new Set(await store.knownAreas(tx)),
    divisions: new Set(await knownDivisions(tx)),
  };
  const context: RunContext = { ...lists, ...rowHelpers(principal, lists) };
  const report: ImportReport = {
    batch: batchId,
    system,
    dryRun,
    rows: batch.rows.length + (batch.unreadable?.length ?? 0),
    imported: 0,
    alreadyImported: 0,
    changed: 0,
    failed: batch.unreadable?.length ?? 0,
    results: [...(batch.unreadable ?? [])],
  };
  const seen = new Map<string, number>();
  const outOfScope: number[] = [];
  if (dryRun) await savepoint(tx, 'import_dry_run');
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % 20 === 0) await yieldToEventLoop();
    const number = batch.rowNumbers?.[i] ?? i + 1;
    const ref = refs[i] || null;
    const result = (status: RowStatus, extra: Partial<RowResult> = {}) => {
      report.results.push({ row: number, sourceReference: ref, status, ...extra });
      if (status === 'IMPORTED') report.imported++;
      else if (status === 'ALREADY_IMPORTED') report.alreadyImported++;
      else if (status === 'CHANGED') report.changed++;
      else report.failed++;
    };
    const earlier = ref ? seen.get(ref) : undefined;
    if (ref && earlier !== undefined) {
      result('ERROR', {
        errors: [{ field: 'sourceReference', message: `The same source reference as row ${earlier}` }],
      });
      continue;
    }
    if (ref) seen.set(ref, number);
    const before = ref ? known.get(ref) : undefined;
    if (before) {
      result(before.import_fingerprint === fingerprintOf(row) ? 'ALREADY_IMPORTED' : 'CHANGED', {
        reference: before.reference,
      });
      continue;
    }
    const errors = kind.validate(row, now);
    if (errors.length) {
      result('ERROR', { errors });
      continue;
    }
    await savepoint(tx, 'import_row');
    try {
      const reference = await kind.write(tx, principal, row, context);
      await releaseSavepoint(tx, 'import_row');
      result('IMPORTED', { reference });
    } catch (error) {
      await rollbackToSavepoint(tx, 'import_row');
      const refused = refusalOf(error, kind.referenceIndex);
      if (refused.outOfScope) outOfScope.push(number);
      if (refused.alreadyImported) result('ALREADY_IMPORTED');
      else result('ERROR', { errors: refused.errors });
    }
  }
  if (dryRun) await rollbackToSavepoint(tx, 'import_dry_run');
  report.results.sort((a, b) => a.row - b.row);
  await appendAuditEvent(tx, {
    action: 'REFERRAL_IMPORT',
    details: {
      kind: kind.name,
      system,
      batch: batchId,
      source: batch.source,
      dryRun,
      rows: report.rows,
      imported: report.imported,
      alreadyImported: report.alreadyImported,
      changed: report.changed,
      failed: report.failed,
      // Rows refused because their area or child lies outside the importer's scope: the denials.
      outOfScopeRows: outOfScope,
    },
  });
  return report;
}

/** What a refused row is reported as; anything unexpected is rethrown (the whole batch fails, nothing kept). */
function refusalOf(
  error: unknown,
  referenceIndex: string,
): {
  errors: FieldError[];
  alreadyImported?: boolean;
  outOfScope?: boolean;
} {
  if (error instanceof AccessDeniedError)
    return {
      errors: [{ field: 'row', message: 'A person named on the row is not one you may see' }],
      outOfScope: true,
    };
  if (error instanceof OutOfScopeAreaError) return { errors: error.details, outOfScope: true };
  if (error instanceof HttpError && error.details.length) return { errors: error.details };
  if (error instanceof HttpError) return { errors: [{ field: 'row', message: error.message }] };
  const e = error as { code?: string; constraint?: string };
  // Imported meanwhile, or before by a hub whose referrals the caller may not see.
  if (e?.code === '23505' && e.constraint === referenceIndex) return { errors: [], alreadyImported: true };
  throw error;
}
