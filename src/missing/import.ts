/**
 * Imports police missing person reports from CSV. The file is streamed; every row is checked with the same
 * rules as the form and the API (`validateEpisodeInput`), and the good rows of each batch (500 by default) are
 * written in one transaction with a single multi-row insert, so a bad row is reported and never half-written.
 * A row whose police reference the agency already has is skipped, so the import can be run again.
 *
 * Columns (header names, any order; unknown columns are ignored):
 *   police_ref        the report number (required; unique per reporting agency)
 *   child_person_id   the child's Lantern person id, or else
 *   child_nhs_number  an NHS number, or
 *   child_police_ref  a police person reference, on the child's source records (exactly one person must match)
 *   type              MISSING, ABSENT, MISSING_FROM_CARE, AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION
 *   from              HOME, PLACEMENT or OTHER (default PLACEMENT when placement_code is given, else HOME)
 *   placement_code    a placement's code, e.g. CH-01
 *   from_postcode, reported_at, reported_by, reporter_name, last_seen_at, risk_grade, circumstances,
 *   exploitation_suspected (yes/no, true/false, 1/0; blank is no), returned_at, found_where, found_postcode, area
 * Times are ISO 8601; without a zone they are London time.
 *
 * Runs as the `system` purpose; the audit log names `lantern import missing` with one MISSING_EPISODE_IMPORT
 * event per batch (listing the episode ids) and a MASH_TASK_CREATE event per task raised.
 */

import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { importContext } from '../platform/access/import-operator.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { partnershipAreas } from '../platform/codes/area-store.ts';
import type { Database } from '../platform/db/database.ts';
import { type Tx, withTransaction } from '../platform/db/transaction.ts';
import type { CsvRecord } from '../platform/text/csv.ts';
import { forEachCsvRecord, headerColumns } from '../platform/text/csv-file.ts';
import { EPISODE_TYPE_ALIASES } from './codes.ts';
import {
  CHILD_COLUMNS,
  columnOf,
  findChild,
  type Lookups,
  lookups,
  REQUIRED,
  type Row,
  yesNo,
} from './import-rows.ts';
import { insertEpisodesOrEachAlone } from './import-store.ts';
import { blank, type EpisodeInput, newEpisodeOf, validateEpisodeInput } from './input.ts';
import { allPlacements } from './placement-store.ts';
import { agencyByCode } from './reference-store.ts';
import { DEFAULT_REPEAT_MISSING_RULE, type RepeatMissingRule } from './repeat-missing.ts';
import { childFactsOf, createRepeatMissingTask } from './repeat-missing-service.ts';
import { episodeStartsOfChildren, setFlagsOfChildren } from './repeat-missing-store.ts';
import type { NewEpisode } from './store.ts';

export const IMPORT_ACTOR = 'lantern import missing';

export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

export interface RowError {
  /** The data row (1 = the first row after the header). */
  row: number;
  /** The file line the row starts on. */
  line: number;
  policeRef: string | null;
  reason: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  /** Rows whose police reference was already imported (a re-run). */
  skipped: number;
  errors: RowError[];
  mashTasks: number;
  ms: number;
}

export interface ImportOptions {
  agencyCode: string;
  rule?: RepeatMissingRule;
  now?: Date;
  batchSize?: number;
  /** Named in the audit events (a file name, never its content). */
  source?: string;
  onProgress?: (report: Omit<ImportReport, 'ms'>) => void;
}

interface Prepared {
  row: Row;
  episode: NewEpisode & { id: string };
}

export async function importMissingCsv(
  db: Database,
  input: string | Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const rule = options.rule ?? DEFAULT_REPEAT_MISSING_RULE;
  const batchSize = options.batchSize ?? 500;
  if (typeof input === 'string' && (!existsSync(input) || !statSync(input).isFile())) {
    throw new ImportInputError(`cannot read ${input}: no such file`);
  }
  const source = options.source ?? (typeof input === 'string' ? basename(input) : 'stdin');
  const setup = await withTransaction(db, importContext(IMPORT_ACTOR), async (tx) => ({
    agency: await agencyByCode(tx, options.agencyCode.toUpperCase()),
    placements: new Map((await allPlacements(tx)).map((p) => [p.code, p])),
    areas: new Set(await partnershipAreas(tx)),
  }));
  if (!setup.agency) throw new ImportInputError(`no agency has the code ${options.agencyCode}`);
  const agency = setup.agency;

  const report: ImportReport = { rows: 0, imported: 0, skipped: 0, errors: [], mashTasks: 0, ms: 0 };
  const seenRefs = new Map<string, number>();
  let header: Map<string, number> | null = null;
  let batch: Row[] = [];

  const fail = (row: Row, reason: string): null => {
    report.errors.push({ row: row.row, line: row.line, policeRef: blank(row.get('police_ref')), reason });
    return null;
  };

  const prepare = (row: Row, l: Lookups): Prepared | null => {
    const ref = row.get('police_ref').trim();
    if (!ref) return fail(row, 'police_ref is required');
    const earlier = seenRefs.get(ref);
    if (earlier !== undefined) return fail(row, `police_ref repeats row ${earlier}`);
    seenRefs.set(ref, row.row);
    if (l.takenRefs.has(ref)) {
      report.skipped++;
      return null;
    }
    const child = findChild(row, l);
    if (typeof child === 'string') return fail(row, child);
    const placementCode = row.get('placement_code').trim().toUpperCase();
    const placement = placementCode ? setup.placements.get(placementCode) : undefined;
    if (placementCode && !placement) return fail(row, `no placement has the code ${placementCode}`);
    const exploitation = yesNo(row.get('exploitation_suspected'));
    if (exploitation === null) return fail(row, 'exploitation_suspected must be yes or no');
    const rawType = row.get('type').trim().toUpperCase();
    const returnedAt = row.get('returned_at').trim();
    const episode: EpisodeInput = {
      personId: child.id,
      type: EPISODE_TYPE_ALIASES[rawType] ?? rawType,
      from: {
        kind: row.get('from').trim().toUpperCase() || (placement ? 'PLACEMENT' : 'HOME'),
        placementCode: placement?.code ?? null,
        postcode: blank(row.get('from_postcode')),
      },
      reportedAt: row.get('reported_at'),
      reportedBy: blank(row.get('reported_by')) ?? 'Not recorded',
      reporterName: blank(row.get('reporter_name')),
      lastSeenAt: blank(row.get('last_seen_at')),
      riskGrade: row.get('risk_grade').trim().toUpperCase(),
      circumstances: blank(row.get('circumstances')),
      exploitationSuspected: exploitation,
      externalRef: ref,
      returned: returnedAt
        ? {
            returnedAt,
            foundWhere: blank(row.get('found_where')),
            foundPostcode: blank(row.get('found_postcode')),
          }
        : null,
    };
    const errors = validateEpisodeInput(episode, now);
    if (errors.length) {
      return fail(row, errors.map((e) => `${columnOf(e.field)}: ${e.message}`).join('; '));
    }
    const area =
      blank(row.get('area'))?.toUpperCase() ??
      placement?.area ??
      [...child.areas].sort()[0] ??
      agency.area ??
      null;
    if (!area || !setup.areas.has(area)) {
      return fail(
        row,
        area ? `area ${area} is not a safeguarding area` : 'the episode has no area: give one',
      );
    }
    return {
      row,
      episode: {
        id: randomUUID(),
        ...newEpisodeOf(episode, {
          personId: child.id,
          placement: placement ?? null,
          area,
          reportedByAgencyId: agency.id,
          recordedByUser: null,
          recordedByLabel: IMPORT_ACTOR,
          externalRef: ref,
        }),
      },
    };
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await withTransaction(db, importContext(IMPORT_ACTOR), async (tx) => {
      const l = await lookups(tx, rows, agency.id);
      const good = rows.map((r) => prepare(r, l)).filter((p): p is Prepared => p !== null);
      const written = await insertEpisodesOrEachAlone(tx, good, (p, error) =>
        fail(
          p.row,
          /unique|duplicate/i.test(error.message)
            ? 'police_ref was imported by another run meanwhile'
            : 'the database refused the row',
        ),
      );
      if (written.length === 0) return;
      await appendAuditEvent(tx, {
        action: 'MISSING_EPISODE_IMPORT',
        details: {
          source,
          agency: agency.id,
          rows: written.length,
          episodeIds: written.map((p) => p.episode.id),
        },
      });
      report.mashTasks += await recomputeChildren(tx, written, rule, now);
      report.imported += written.length;
    });
    options.onProgress?.({ ...report });
  };

  const onRecord = async (record: CsvRecord) => {
    if (!header) {
      header = headerColumns(record.fields);
      const missing = REQUIRED.filter((c) => !header!.has(c));
      if (!CHILD_COLUMNS.some((c) => header!.has(c))) missing.push(CHILD_COLUMNS.join(' or '));
      if (missing.length) throw new ImportInputError(`the header lacks: ${missing.join(', ')}`);
      return;
    }
    report.rows++;
    const h = header;
    const fields = record.fields;
    const row: Row = {
      row: report.rows,
      line: record.line,
      get: (column) => {
        const i = h.get(column);
        return i === undefined ? '' : (fields[i] ?? '');
      },
    };
    if (record.error) return fail(row, `the row is not valid CSV: ${record.error}`);
    if (fields.length !== h.size) {
      return fail(row, `the row has ${fields.length} fields; the header has ${h.size}`);
    }
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  };

  await forEachCsvRecord(input, onRecord);
  if (!header) throw new ImportInputError('the file is empty: it needs a header row');
  await flush();
  report.errors.sort((a, b) => a.row - b.row);
  report.ms = Date.now() - started;
  return report;
}

/** The children's facts after the batch, in one read and one update; a task per run that started. */
async function recomputeChildren(
  tx: Tx,
  written: readonly Prepared[],
  rule: RepeatMissingRule,
  now: Date,
): Promise<number> {
  const added = new Set(written.map((p) => p.episode.id));
  const areaOf = new Map(written.map((p) => [p.episode.id, p.episode.area]));
  const personIds = [...new Set(written.map((p) => p.episode.personId))];
  const rows = await episodeStartsOfChildren(tx, personIds);
  const byPerson = new Map<string, { id: string; startedAt: Date }[]>();
  for (const r of rows) {
    if (!byPerson.has(r.person_id)) byPerson.set(r.person_id, []);
    byPerson.get(r.person_id)!.push({ id: r.id, startedAt: r.reported_at });
  }
  const flags: { id: string; repeat: boolean; since: Date | null; more: boolean }[] = [];
  let tasks = 0;
  for (const personId of personIds) {
    const facts = childFactsOf(byPerson.get(personId) ?? [], added, rule, now);
    flags.push({
      id: personId,
      repeat: facts.repeatMissing,
      since: facts.repeatMissingSince,
      more: facts.missingMoreThanOnce,
    });
    if (facts.triggeredBy) {
      await createRepeatMissingTask(tx, personId, areaOf.get(facts.triggeredBy)!, facts.triggeredBy, rule);
      tasks++;
    }
  }
  await setFlagsOfChildren(tx, flags);
  return tasks;
}

/** The per-row error report and summary, as printed by the CLI. */
export function describeImport(report: ImportReport): string[] {
  const lines = report.errors.map(
    (e) => `row ${e.row} (line ${e.line}${e.policeRef ? `, ${e.policeRef}` : ''}): ${e.reason}`,
  );
  lines.push(
    `${report.rows} rows: ${report.imported} imported, ${report.skipped} already imported, ` +
      `${report.errors.length} with errors; ${report.mashTasks} MASH tasks raised; ${(report.ms / 1000).toFixed(1)} s`,
  );
  return lines;
}
