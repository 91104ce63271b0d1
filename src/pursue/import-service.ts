/**
 * The import of police disposals (issue 17 item 7): a police force's own record of its tactics against
 * suspects and offenders, from a CSV file (`lantern import disposals`, import-file.ts) or the API
 * (`POST /api/v1/imports/disposals`, import-api.ts), both through `importDisposals` here. Each row is one
 * tactic, checked by the register's own rules (import-rules.ts → `validateTactic`) against the children
 * linked to its person, and written through the register's store in its own savepoint, so that a refused
 * row leaves nothing behind while the good rows are kept. A row whose police reference the agency has
 * already imported is reported and left alone (the reference is unique per agency, migration 046), so a
 * file can be sent again. A dry run reports what it would do and rolls everything back. Every tactic written
 * is audited as one recorded through the pages is, and the batch by one summary event.
 */

import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { decideDisposalImport } from '../platform/access/policy-pursue.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { releaseSavepoint, rollbackToSavepoint, savepoint } from '../platform/db/savepoint.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
} from '../platform/http/errors.ts';
import {
  checkImportRow,
  type DisposalImportRow,
  fingerprintOf,
  type ReadRow,
  readImportRow,
} from './import-rules.ts';
import * as importStore from './import-store.ts';
import { openForRecording, recorderOf } from './service.ts';
import * as store from './store.ts';

export type { DisposalImportRow } from './import-rules.ts';

/**
 * IMPORTED (in a dry run: would be), ALREADY_IMPORTED (the agency holds the reference, from the same row),
 * CHANGED (it holds the reference from a row that said something else: left as it is, and reported), or
 * REJECTED.
 */
export type RowStatus = 'IMPORTED' | 'ALREADY_IMPORTED' | 'CHANGED' | 'REJECTED';

export interface RowResult {
  /** The row's number in the caller's numbering (a file's data rows, or the request's rows from 1). */
  row: number;
  policeReference: string | null;
  status: RowStatus;
  /** The tactic written (absent in a dry run, whose writes are undone) and the person it is against. */
  id?: string;
  personId?: string;
  errors?: FieldError[];
}

export interface DisposalImportReport {
  batch: string;
  dryRun: boolean;
  rows: number;
  imported: number;
  alreadyImported: number;
  /** Rows whose reference was imported before from a row with other details: not applied. */
  changed: number;
  rejected: number;
  results: RowResult[];
}

export interface DisposalImportBatch {
  rows: readonly DisposalImportRow[];
  /** The rows' own numbers (a file's data rows); 1, 2, 3... by default. */
  rowNumbers?: readonly number[];
  dryRun?: boolean;
  /** Named in the audit (a file name or "api"), never the content. */
  source: string;
  /** One run over several batches (a file) keeps one batch id. */
  batchId?: string;
  /** Rows its reader could not make rows of (a file's bad CSV): reported and counted with the batch. */
  unreadable?: readonly RowResult[];
}

/** The unique index a reference imported before (or meanwhile, or out of the caller's sight) runs into. */
const REFERENCE_INDEX = 'disposal_source_reference';

/** The person a row is about and the children it may name, or why the row cannot be about anyone. */
type Resolved =
  | { personId: string; children: string[] }
  | { personId: null; errors: FieldError[]; outOfScope: boolean };

const NO_SUCH_PERSON: Readonly<Record<'pncReference' | 'personId', string>> = {
  pncReference: 'No person you may see has this PNC reference recorded',
  personId: 'No person you may see has this id',
};

async function resolvePerson(
  tx: Tx,
  principal: Principal,
  read: ReadRow,
  byPnc: ReadonlyMap<string, string[]>,
): Promise<Resolved> {
  if (!read.person) return { personId: null, errors: [], outOfScope: false };
  const field = 'pnc' in read.person ? 'pncReference' : 'personId';
  let personId: string;
  if ('pnc' in read.person) {
    const people = byPnc.get(read.person.pnc) ?? [];
    if (people.length > 1)
      return {
        personId: null,
        errors: [{ field, message: 'More than one person has this PNC reference: give the person id' }],
        outOfScope: false,
      };
    if (!people[0])
      return { personId: null, errors: [{ field, message: NO_SUCH_PERSON[field] }], outOfScope: false };
    personId = people[0];
  } else personId = read.person.personId;
  try {
    // As recording through the register: a person the importer may record against, and their children.
    const { person, children } = await openForRecording(tx, principal, personId);
    return { personId: person.id, children: children.map((c) => c.id) };
  } catch (error) {
    // Unknown and out of scope read alike; the denials are listed in the batch's audit event.
    if (error instanceof AccessDeniedError || error instanceof NotFoundError)
      return {
        personId: null,
        errors: [{ field, message: NO_SUCH_PERSON[field] }],
        outOfScope: error instanceof AccessDeniedError,
      };
    throw error;
  }
}

/** Refuses up front an importer that is not a police agency's case work. */
async function importingAgency(tx: Tx, principal: Principal) {
  const agency = principal.agencyId ? await importStore.agencyById(tx, principal.agencyId) : null;
  const decision = decideDisposalImport(principal, agency?.type === 'POLICE');
  if (!decision.allowed || !agency)
    throw new ForbiddenError('Only a police force’s case workers import its disposals');
  return agency;
}

export async function importDisposals(
  tx: Tx,
  principal: Principal,
  batch: DisposalImportBatch,
  now: Date = new Date(),
): Promise<DisposalImportReport> {
  const agency = await importingAgency(tx, principal);
  const batchId = batch.batchId ?? randomUUID();
  const dryRun = batch.dryRun === true;
  const reads = batch.rows.map(readImportRow);
  const known = await importStore.importedReferences(
    tx,
    agency.id,
    reads.map((r) => r.policeReference).filter(Boolean),
  );
  const byPnc = await importStore.peopleByPnc(tx, [
    ...new Set(reads.flatMap((r) => (r.person && 'pnc' in r.person ? [r.person.pnc] : []))),
  ]);
  const report: DisposalImportReport = {
    batch: batchId,
    dryRun,
    rows: batch.rows.length + (batch.unreadable?.length ?? 0),
    imported: 0,
    alreadyImported: 0,
    changed: 0,
    rejected: batch.unreadable?.length ?? 0,
    results: [...(batch.unreadable ?? [])],
  };
  const seen = new Map<string, number>();
  const outOfScope: number[] = [];
  const recorder = recorderOf(principal);
  if (dryRun) await savepoint(tx, 'disposal_import_dry_run');
  for (const [i, read] of reads.entries()) {
    // The embedded engine answers without I/O: let a timer or another request in now and then.
    if (i > 0 && i % 20 === 0) await yieldToEventLoop();
    const number = batch.rowNumbers?.[i] ?? i + 1;
    const ref = read.policeReference || null;
    const result = (status: RowStatus, extra: Partial<RowResult> = {}) => {
      report.results.push({ row: number, policeReference: ref, status, ...extra });
      if (status === 'IMPORTED') report.imported++;
      else if (status === 'ALREADY_IMPORTED') report.alreadyImported++;
      else if (status === 'CHANGED') report.changed++;
      else report.rejected++;
    };
    const earlier = ref ? seen.get(ref) : undefined;
    if (ref && earlier !== undefined) {
      result('REJECTED', {
        errors: [{ field: 'policeReference', message: `The same police reference as row ${earlier}` }],
      });
      continue;
    }
    if (ref) seen.set(ref, number);
    const fingerprint = fingerprintOf(read);
    if (ref && known.has(ref)) {
      const before = known.get(ref);
      if (before && before !== fingerprint)
        result('CHANGED', {
          errors: [
            {
              field: 'policeReference',
              message:
                'Imported before with other details: not changed by an import; record the change on the tactic’s page',
            },
          ],
        });
      else result('ALREADY_IMPORTED');
      continue;
    }
    const resolved = await resolvePerson(tx, principal, read, byPnc);
    if (resolved.personId === null) {
      // The other fields are still checked, so that one report names everything wrong with the row.
      const { errors } = checkImportRow({ ...read, errors: [...read.errors, ...resolved.errors] }, null, now);
      if (resolved.outOfScope) outOfScope.push(number);
      result('REJECTED', { errors });
      continue;
    }
    const { personId } = resolved;
    const checked = checkImportRow(read, resolved.children, now);
    if (!checked.input) {
      result('REJECTED', { errors: checked.errors });
      continue;
    }
    await savepoint(tx, 'disposal_import_row');
    try {
      const suspectReferralId = await store.latestSuspectReferral(tx, personId);
      const id = await store.insertTactic(
        tx,
        {
          ...checked.input,
          personId,
          suspectReferralId,
          sourceReference: read.policeReference,
          sourceFingerprint: fingerprint,
        },
        // The officer who issued it, when the force's system names them; else whoever imports.
        { ...recorder, label: read.issuingOfficer ?? recorder.label },
      );
      await appendAuditEvent(tx, {
        action: 'DISRUPTION_RECORD',
        subjectType: 'disposal',
        subjectId: id,
        details: {
          personId,
          tactic: checked.input.tactic,
          childPersonId: checked.input.childPersonId,
          imported: { policeReference: read.policeReference, batch: batchId },
        },
      });
      await releaseSavepoint(tx, 'disposal_import_row');
      result('IMPORTED', dryRun ? { personId } : { id, personId });
    } catch (error) {
      await rollbackToSavepoint(tx, 'disposal_import_row');
      const e = error as { code?: string; constraint?: string };
      // Imported meanwhile, or before as a tactic the caller may not see: never twice.
      if (e?.code === '23505' && e.constraint === REFERENCE_INDEX) result('ALREADY_IMPORTED');
      else throw error;
    }
  }
  if (dryRun) await rollbackToSavepoint(tx, 'disposal_import_dry_run');
  report.results.sort((a, b) => a.row - b.row);
  await appendAuditEvent(tx, {
    action: 'DISRUPTION_IMPORT',
    details: {
      agency: agency.id,
      batch: batchId,
      source: batch.source,
      dryRun,
      rows: report.rows,
      imported: report.imported,
      alreadyImported: report.alreadyImported,
      changed: report.changed,
      rejected: report.rejected,
      // Rows refused because their person is one the importer may not see: the denials.
      outOfScopeRows: outOfScope,
    },
  });
  return report;
}
