/**
 * Bulk writers for the missing module's tables (placement, missing_episode, missing_episode_person,
 * return_home_interview, mash_task), for loads of many rows at once (the synthetic population). Each call
 * is one statement over unnest'ed column arrays; the caller chooses the batch size.
 */
import { columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';

export interface PlacementBulkRow {
  code: string;
  name: string;
  kind: string;
  area: string;
  postcode: string;
  /** The council that runs the home; null for a private provider. */
  agencyId: string | null;
}

export interface MissingEpisodeBulkRow {
  id: string;
  personId: string;
  type: string;
  fromKind: 'HOME' | 'PLACEMENT' | 'OTHER';
  placementCode: string | null;
  fromPostcode: string | null;
  reportedAt: string;
  reportedByAgencyId: string;
  reportedByLabel: string;
  recordedByLabel: string;
  lastSeenAt: string;
  /** Null while the child is still missing. */
  returnedAt: string | null;
  foundWhere: string | null;
  foundPostcode: string | null;
  circumstances: string;
  exploitationSuspected: boolean;
  riskGrade: string;
  area: string;
  externalRef: string;
}

export interface FoundWithBulkRow {
  episodeId: string;
  personId: string;
  relation: string;
}

export interface ReturnInterviewBulkRow {
  episodeId: string;
  offered: boolean;
  offeredAt: string | null;
  notOfferedReason: string | null;
  notOfferedByLabel: string | null;
  notOfferedAt: string | null;
  response: string | null;
  respondedAt: string | null;
  completedAt: string | null;
  byAgencyId: string | null;
  byName: string | null;
  disclosures: string | null;
  recordedByLabel: string;
}

export interface MashTaskBulkRow {
  id: string;
  personId: string;
  area: string;
  description: string;
  sourceEpisodeId: string;
  createdAt: string;
  doneAt: string | null;
  doneByLabel: string | null;
}

export async function insertMissingEpisodesBulk(
  tx: Tx,
  rows: readonly MissingEpisodeBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO missing_episode (id, person_id, type, from_kind, placement_id, from_postcode, reported_at,
       reported_by_agency_id, reported_by_label, recorded_by_label, last_seen_at, returned_at, found_where,
       found_postcode, circumstances, exploitation_suspected, initial_risk_grade, risk_grade, area, external_ref,
       created_at)
     SELECT x.id, x.person_id, x.type, x.from_kind, pl.id, x.from_postcode, x.reported_at, x.agency_id,
            x.reported_by_label, x.recorded_by_label, x.last_seen_at, x.returned_at, x.found_where, x.found_postcode,
            x.circumstances, x.exploitation_suspected, x.risk_grade, x.risk_grade, x.area, x.external_ref, x.reported_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                   $8::uuid[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[],
                   $14::text[], $15::text[], $16::boolean[], $17::text[], $18::text[], $19::text[])
         AS x(id, person_id, type, from_kind, placement_code, from_postcode, reported_at, agency_id,
              reported_by_label, recorded_by_label, last_seen_at, returned_at, found_where, found_postcode,
              circumstances, exploitation_suspected, risk_grade, area, external_ref)
       LEFT JOIN placement pl ON pl.code = x.placement_code`,
    columnsOf(rows, (e) => [
      e.id,
      e.personId,
      e.type,
      e.fromKind,
      e.placementCode,
      e.fromPostcode,
      e.reportedAt,
      e.reportedByAgencyId,
      e.reportedByLabel,
      e.recordedByLabel,
      e.lastSeenAt,
      e.returnedAt,
      e.foundWhere,
      e.foundPostcode,
      e.circumstances,
      e.exploitationSuspected,
      e.riskGrade,
      e.area,
      e.externalRef,
    ]),
  );
}

export async function insertFoundWithBulk(tx: Tx, rows: readonly FoundWithBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO missing_episode_person (episode_id, person_id, relation)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`,
    columnsOf(rows, (f) => [f.episodeId, f.personId, f.relation]),
  );
}

export async function insertReturnInterviewsBulk(
  tx: Tx,
  rows: readonly ReturnInterviewBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO return_home_interview (episode_id, offered, offered_at, not_offered_reason, not_offered_by_label,
         not_offered_at, response, responded_at, completed_at, by_agency_id, by_name, disclosures, recorded_by_label,
         created_at, updated_at)
       SELECT x.*, coalesce(x.completed_at, x.responded_at, x.offered_at, x.not_offered_at),
              coalesce(x.completed_at, x.responded_at, x.offered_at, x.not_offered_at)
         FROM unnest($1::uuid[], $2::boolean[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[],
                     $7::text[], $8::timestamptz[], $9::timestamptz[], $10::uuid[], $11::text[], $12::text[],
                     $13::text[])
           AS x(episode_id, offered, offered_at, not_offered_reason, not_offered_by_label, not_offered_at, response,
                responded_at, completed_at, by_agency_id, by_name, disclosures, recorded_by_label)`,
    columnsOf(rows, (i) => [
      i.episodeId,
      i.offered,
      i.offeredAt,
      i.notOfferedReason,
      i.notOfferedByLabel,
      i.notOfferedAt,
      i.response,
      i.respondedAt,
      i.completedAt,
      i.byAgencyId,
      i.byName,
      i.disclosures,
      i.recordedByLabel,
    ]),
  );
}

export async function insertRepeatMissingTasksBulk(tx: Tx, rows: readonly MashTaskBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO mash_task (id, person_id, area, kind, description, source_episode_id, created_at, done_at, done_by_label)
       SELECT id, person_id, area, 'REPEAT_MISSING_STRATEGY_DISCUSSION', description, source_episode_id, created_at,
              done_at, done_by_label
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[],
                     $7::timestamptz[], $8::text[])
           AS x(id, person_id, area, description, source_episode_id, created_at, done_at, done_by_label)`,
    columnsOf(rows, (t) => [
      t.id,
      t.personId,
      t.area,
      t.description,
      t.sourceEpisodeId,
      t.createdAt,
      t.doneAt,
      t.doneByLabel,
    ]),
  );
}

/** Children's homes and other placements (reference data): a code already there is left as it is. */
export async function upsertPlacementsBulk(tx: Tx, rows: readonly PlacementBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO placement (code, name, kind, area, postcode, agency_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
     ON CONFLICT (code) DO NOTHING`,
    columnsOf(rows, (p) => [p.code, p.name, p.kind, p.area, p.postcode, p.agencyId]),
  );
}
