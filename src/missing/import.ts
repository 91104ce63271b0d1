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
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { type DbContext, systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { type CsvRecord, CsvRecordReader } from '../platform/text/csv.ts';
import { EPISODE_TYPE_ALIASES } from './codes.ts';
import { blank, type EpisodeInput, toDate, validateEpisodeInput } from './input.ts';
import { DEFAULT_REPEAT_MISSING_RULE, type RepeatMissingRule } from './repeat-missing.ts';
import { childFactsOf, createRepeatMissingTask } from './service.ts';
import * as store from './store.ts';

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

const CHILD_COLUMNS = ['child_person_id', 'child_nhs_number', 'child_police_ref'];
const REQUIRED = ['police_ref', 'type', 'reported_at', 'risk_grade'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  row: number;
  line: number;
  get(column: string): string;
}

function context(): DbContext {
  return { ...systemContext(`import-${randomUUID()}`), actorLabel: IMPORT_ACTOR };
}

function yesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'no' || v === 'n' || v === 'false' || v === '0') return false;
  if (v === 'yes' || v === 'y' || v === 'true' || v === '1') return true;
  return null;
}

interface Lookups {
  byId: Map<string, { id: string; areas: string[] }>;
  byNhs: Map<string, Set<string>>;
  byPoliceRef: Map<string, Set<string>>;
  takenRefs: Set<string>;
}

async function lookups(tx: Tx, rows: readonly Row[], agencyId: string): Promise<Lookups> {
  const ids = new Set<string>();
  const nhs = new Set<string>();
  const refs = new Set<string>();
  const policeRefs = new Set<string>();
  for (const r of rows) {
    const id = r.get('child_person_id').trim();
    if (UUID.test(id)) ids.add(id.toLowerCase());
    const n = r.get('child_nhs_number').replace(/\s/g, '');
    if (n) nhs.add(n);
    const p = r.get('child_police_ref').trim();
    if (p) refs.add(p);
    const ref = r.get('police_ref').trim();
    if (ref) policeRefs.add(ref);
  }
  const byNhs = new Map<string, Set<string>>();
  const byPoliceRef = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(id);
  };
  if (nhs.size) {
    for (const s of await tx.query<{ person_id: string; key: string }>(
      'SELECT DISTINCT person_id, nhs_number AS key FROM source_record WHERE nhs_number = ANY($1::text[])',
      [[...nhs]],
    ))
      add(byNhs, s.key, s.person_id);
  }
  if (refs.size) {
    for (const s of await tx.query<{ person_id: string; key: string }>(
      'SELECT DISTINCT person_id, police_ref AS key FROM source_record WHERE police_ref = ANY($1::text[])',
      [[...refs]],
    ))
      add(byPoliceRef, s.key, s.person_id);
  }
  for (const set of [...byNhs.values(), ...byPoliceRef.values()]) for (const id of set) ids.add(id);
  // A merged person stands for the one they were merged into.
  const people = ids.size
    ? await tx.query<{
        id: string;
        merged_into: string | null;
        areas: string[];
        target_areas: string[] | null;
      }>(
        `SELECT p.id, p.merged_into, p.areas, t.areas AS target_areas FROM person p
           LEFT JOIN person t ON t.id = p.merged_into WHERE p.id = ANY($1::uuid[])`,
        [[...ids]],
      )
    : [];
  const byId = new Map<string, { id: string; areas: string[] }>();
  for (const p of people) {
    byId.set(
      p.id,
      p.merged_into ? { id: p.merged_into, areas: p.target_areas ?? [] } : { id: p.id, areas: p.areas },
    );
  }
  const takenRefs = new Set((await store.externalRefsTaken(tx, agencyId, [...policeRefs])).map((r) => r.ref));
  return { byId, byNhs, byPoliceRef, takenRefs };
}

function findChild(row: Row, l: Lookups): { id: string; areas: string[] } | string {
  const id = row.get('child_person_id').trim();
  if (id) {
    if (!UUID.test(id)) return 'child_person_id is not a Lantern person id';
    return l.byId.get(id.toLowerCase()) ?? 'no person has this child_person_id';
  }
  for (const [column, map, what] of [
    ['child_nhs_number', l.byNhs, 'NHS number'],
    ['child_police_ref', l.byPoliceRef, 'police reference'],
  ] as const) {
    const key = column === 'child_nhs_number' ? row.get(column).replace(/\s/g, '') : row.get(column).trim();
    if (!key) continue;
    const matches = [...new Set([...(map.get(key) ?? [])].map((p) => l.byId.get(p)?.id ?? p))];
    if (matches.length === 0) return `no child has this ${what}`;
    if (matches.length > 1) return `${matches.length} people have this ${what}: give child_person_id`;
    return l.byId.get(matches[0]!) ?? { id: matches[0]!, areas: [] };
  }
  return 'give child_person_id, child_nhs_number or child_police_ref';
}

interface Prepared {
  row: Row;
  episode: store.NewEpisode & { id: string };
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
  const setup = await withTransaction(db, context(), async (tx) => ({
    agency: await store.agencyByCode(tx, options.agencyCode.toUpperCase()),
    placements: new Map((await store.allPlacements(tx)).map((p) => [p.code, p])),
    areas: new Set(await store.knownAreas(tx)),
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
        personId: child.id,
        type: episode.type,
        fromKind: episode.from.kind,
        placementId: placement?.id ?? null,
        fromPostcode: blank(episode.from.postcode)?.toUpperCase() ?? placement?.postcode ?? null,
        reportedAt: toDate(episode.reportedAt)!,
        reportedByAgencyId: agency.id,
        reportedByLabel: episode.reportedBy,
        reporterName: episode.reporterName ?? null,
        recordedByUser: null,
        recordedByLabel: IMPORT_ACTOR,
        lastSeenAt: toDate(episode.lastSeenAt ?? null),
        returnedAt: episode.returned ? toDate(episode.returned.returnedAt) : null,
        foundWhere: blank(episode.returned?.foundWhere),
        foundPostcode: blank(episode.returned?.foundPostcode)?.toUpperCase() ?? null,
        circumstances: episode.circumstances ?? null,
        exploitationSuspected: exploitation,
        riskGrade: episode.riskGrade,
        area,
        externalRef: ref,
      },
    };
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await withTransaction(db, context(), async (tx) => {
      const l = await lookups(tx, rows, agency.id);
      const good = rows.map((r) => prepare(r, l)).filter((p): p is Prepared => p !== null);
      const written = await insertAll(tx, good, (p, reason) => fail(p.row, reason));
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
      header = new Map(
        record.fields.map((f, i) => [
          f
            .trim()
            .toLowerCase()
            .replace(/^\uFEFF/, ''),
          i,
        ]),
      );
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

  const reader = new CsvRecordReader();
  const stream = typeof input === 'string' ? createReadStream(input, { encoding: 'utf8' }) : input;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) for (const record of reader.push(line)) await onRecord(record);
    for (const record of reader.end()) await onRecord(record);
  } finally {
    lines.close();
    if (typeof input === 'string') (stream as ReturnType<typeof createReadStream>).destroy();
  }
  if (!header) throw new ImportInputError('the file is empty: it needs a header row');
  await flush();
  report.errors.sort((a, b) => a.row - b.row);
  report.ms = Date.now() - started;
  return report;
}

/** The CSV column a rule's field came from. */
function columnOf(field: string): string {
  const map: Record<string, string> = {
    type: 'type',
    riskGrade: 'risk_grade',
    reportedAt: 'reported_at',
    lastSeenAt: 'last_seen_at',
    returnedAt: 'returned_at',
    'returned.foundWhere': 'found_where',
    'returned.foundPostcode': 'found_postcode',
    'from.kind': 'from',
    'from.placement': 'placement_code',
    'from.postcode': 'from_postcode',
    reportedBy: 'reported_by',
    reporterName: 'reporter_name',
    circumstances: 'circumstances',
    externalRef: 'police_ref',
  };
  return map[field] ?? field;
}

/** One statement for the batch; if it fails (a concurrent run took a reference), row by row in savepoints. */
async function insertAll(
  tx: Tx,
  good: Prepared[],
  fail: (p: Prepared, reason: string) => void,
): Promise<Prepared[]> {
  if (good.length === 0) return [];
  await tx.query('SAVEPOINT missing_batch');
  try {
    await store.insertEpisodes(
      tx,
      good.map((p) => p.episode),
    );
    await tx.query('RELEASE SAVEPOINT missing_batch');
    return good;
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT missing_batch');
  }
  const written: Prepared[] = [];
  for (const p of good) {
    await tx.query('SAVEPOINT missing_row');
    try {
      await store.insertEpisodes(tx, [p.episode]);
      await tx.query('RELEASE SAVEPOINT missing_row');
      written.push(p);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT missing_row');
      const message = (error as Error).message;
      fail(
        p,
        /unique|duplicate/i.test(message)
          ? 'police_ref was imported by another run meanwhile'
          : 'the database refused the row',
      );
    }
  }
  return written;
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
  const rows = await tx.query<{ person_id: string; id: string; reported_at: Date }>(
    'SELECT person_id, id, reported_at FROM missing_episode WHERE person_id = ANY($1::uuid[])',
    [personIds],
  );
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
  await tx.query(
    `UPDATE person p SET repeat_missing = f.repeat, repeat_missing_since = f.since, missing_more_than_once = f.more
       FROM unnest($1::uuid[], $2::boolean[], $3::timestamptz[], $4::boolean[]) AS f(id, repeat, since, more)
      WHERE p.id = f.id`,
    [flags.map((f) => f.id), flags.map((f) => f.repeat), flags.map((f) => f.since), flags.map((f) => f.more)],
  );
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
