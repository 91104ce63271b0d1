/**
 * The import of history (issue 15 item 5, decision 0026): a partnership starting on Lantern loads its past
 * victim referrals, each with the MASH outcome at its real decision time if it has one, through the same
 * tables, people registry and episode as a live referral, so the briefing counts them in the period they
 * happened. One call imports a batch in the caller's transaction: each row in its own savepoint (a refused
 * row leaves nothing behind), a row already imported is reported and left alone, a dry run rolls back all
 * it tried and reports what would happen. The CLI (import-cli.ts) and the API (import-api.ts) both call it.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { recordPastOutcome } from '../mash/history-service.ts';
import { openEpisodeForReferral } from '../mash/service.ts';
import { recordPerson, refreshPeople } from '../people/service.ts';
import { importRefusal, mayImportIntoArea } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  type FieldError,
  ForbiddenError,
  HttpError,
  ValidationError,
} from '../platform/http/errors.ts';
import { storedValues } from './field-kinds.ts';
import {
  fingerprintOf,
  type ImportRow,
  MAX_SYSTEM_NAME,
  validateImportRow,
  victimInputOf,
  withInstants,
} from './import-rules.ts';
import * as importStore from './import-store.ts';
import { knownDivisions, routeReferral } from './routing-service.ts';
import * as store from './store.ts';

export type { ImportRow } from './import-rules.ts';

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

export interface ImportBatch {
  /** The source system's name, shown as "Imported from <system>" and half of each row's key. */
  system: string;
  rows: readonly ImportRow[];
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
function checkBatch(principal: Principal, batch: ImportBatch): string {
  const refusal = importRefusal(principal);
  if (refusal) throw new ForbiddenError(refusal);
  const system = (batch.system ?? '').trim();
  if (!system || system.length > MAX_SYSTEM_NAME)
    throw new ValidationError([
      { field: 'system', message: `Name the source system in up to ${MAX_SYSTEM_NAME} characters` },
    ]);
  return system;
}

export async function importReferralHistory(
  tx: Tx,
  principal: Principal,
  batch: ImportBatch,
  now: Date = new Date(),
): Promise<ImportReport> {
  const system = checkBatch(principal, batch);
  const batchId = batch.batchId ?? randomUUID();
  const dryRun = batch.dryRun === true;
  const rows = batch.rows.map(withInstants);
  const refs = rows.map((r) => (typeof r.sourceReference === 'string' ? r.sourceReference.trim() : ''));
  const known = new Map(
    (await importStore.importedReferences(tx, system, refs.filter(Boolean))).map((k) => [
      k.import_reference,
      k,
    ]),
  );
  const context = {
    system,
    batchId,
    now,
    areas: new Set(await store.knownAreas(tx)),
    divisions: new Set(await knownDivisions(tx)),
  };
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
  if (dryRun) await importStore.savepoint(tx, 'import_dry_run');
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
    const errors = validateImportRow(row, now);
    if (errors.length) {
      result('ERROR', { errors });
      continue;
    }
    await importStore.savepoint(tx, 'import_row');
    try {
      const reference = await importOne(tx, principal, row, context);
      await importStore.releaseSavepoint(tx, 'import_row');
      result('IMPORTED', { reference });
    } catch (error) {
      await importStore.rollbackToSavepoint(tx, 'import_row');
      const refused = refusalOf(error);
      if (refused.outOfScope) outOfScope.push(number);
      if (refused.alreadyImported) result('ALREADY_IMPORTED');
      else result('ERROR', { errors: refused.errors });
    }
  }
  if (dryRun) await importStore.rollbackToSavepoint(tx, 'import_dry_run');
  report.results.sort((a, b) => a.row - b.row);
  await appendAuditEvent(tx, {
    action: 'REFERRAL_IMPORT',
    details: {
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
function refusalOf(error: unknown): {
  errors: FieldError[];
  alreadyImported?: boolean;
  outOfScope?: boolean;
} {
  if (error instanceof AccessDeniedError)
    return {
      errors: [{ field: 'child.personId', message: 'No person you may see has this id' }],
      outOfScope: true,
    };
  if (error instanceof OutOfScopeAreaError) return { errors: error.details, outOfScope: true };
  if (error instanceof HttpError && error.details.length) return { errors: error.details };
  if (error instanceof HttpError) return { errors: [{ field: 'row', message: error.message }] };
  const e = error as { code?: string; constraint?: string };
  // Imported meanwhile, or before by a hub whose referrals the caller may not see.
  if (e?.code === '23505' && e.constraint === 'victim_referral_import_reference')
    return { errors: [], alreadyImported: true };
  throw error;
}

class OutOfScopeAreaError extends ValidationError {}

interface RowContext {
  system: string;
  batchId: string;
  now: Date;
  areas: ReadonlySet<string>;
  divisions: ReadonlySet<string>;
}

/** One past referral, as submitVictimReferral records a live one but on its own clock; returns its reference. */
async function importOne(tx: Tx, principal: Principal, row: ImportRow, c: RowContext): Promise<string> {
  const given = (row.area ?? '').trim();
  if (given && !c.areas.has(given))
    throw new ValidationError([{ field: 'area', message: 'Select a safeguarding area from the list' }]);
  // Routed as a live referral when the file gives no area; a postcode still gives the division.
  const postcode = row.child.details?.address?.postcode?.trim() || null;
  const route = given && !postcode ? null : await routeReferral(tx, principal, postcode);
  const area = given || route!.area;
  if (!mayImportIntoArea(principal, area))
    throw new OutOfScopeAreaError([{ field: 'area', message: 'The area is not one your hub imports for' }]);
  const division = (row.division ?? '').trim() || (route?.area === area ? route.division : null);
  if (division && !c.divisions.has(division))
    throw new ValidationError([{ field: 'division', message: 'Select a police division from the list' }]);
  const receivedAt = new Date(row.receivedAt);
  const reference = await store.nextReference(tx, 'VR', receivedAt);
  const input = victimInputOf(row);
  const child = await recordPerson(tx, principal, {
    existingPersonId: input.child.personId ?? null,
    details: input.child.details ?? null,
    confirmedNew: input.child.newPerson === true,
    role: 'CHILD',
    provenance: `Victim referral ${reference}, imported from ${c.system}`,
    area,
    now: c.now,
    field: 'child',
  });
  const prior = await store.priorReferrals(tx, child.personId, receivedAt);
  const id = await store.insertVictimReferral(tx, {
    reference,
    personId: child.personId,
    childSourceRecordId: child.sourceRecordId,
    referringAgencyId: principal.agencyId!,
    referredByUser: principal.userId,
    referredByLabel: principal.label,
    practitionerName: input.referrer.name.trim(),
    practitionerRole: input.referrer.role?.trim() || null,
    practitionerContact: input.referrer.contact?.trim() || null,
    receivedAt,
    concernNoticedAt: new Date(input.concernNoticedAt),
    originalReceivedAt: null,
    division,
    indicators: [...new Set(input.indicators)],
    places: [],
    area,
    priorReferrals12m: prior.within12Months,
    priorReferralsEver: prior.ever,
    fields: storedValues(input),
    imported: {
      system: c.system,
      reference: row.sourceReference.trim(),
      fingerprint: fingerprintOf(row),
      batch: c.batchId,
      at: c.now,
    },
  });
  await refreshPeople(tx, [child.personId]);
  const hubToConfirm = !given && route!.hubToConfirm;
  const episodeId = await openEpisodeForReferral(tx, {
    id,
    personId: child.personId,
    area,
    receivedAt,
    hubToConfirm,
  });
  const outcome = row.outcome
    ? await recordPastOutcome(
        tx,
        principal,
        { id: episodeId, referralId: id, area, receivedAt },
        row.outcome,
        c.system,
        c.now,
      )
    : null;
  await appendAuditEvent(tx, {
    action: 'REFERRAL_IMPORT',
    subjectType: 'victim_referral',
    subjectId: id,
    details: {
      system: c.system,
      sourceReference: row.sourceReference.trim(),
      batch: c.batchId,
      reference,
      area,
      division,
      identity: child.match,
      outcome: outcome?.socialCareOutcome ?? null,
    },
  });
  return reference;
}
