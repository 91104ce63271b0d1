/** SQL of identity matching: registry records for the engine, the stored model and the match queue. */
import type { Database } from '../platform/db/database.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { Explanation } from './identity/index.ts';

export interface RegistryRow {
  source_record_id: string;
  person_id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  gender: string | null;
  postcode: string | null;
  nhs_number: string | null;
  other_id: string | null;
}

/** Every source record in the registry, as the engine's records (system context: for training and batch). */
export async function registryRecords(tx: Tx): Promise<RegistryRow[]> {
  return tx.query<RegistryRow>(
    `SELECT s.id AS source_record_id, coalesce(p.merged_into, s.person_id) AS person_id, s.forename, s.surname,
            to_char(s.dob, 'YYYY-MM-DD') AS dob, s.gender,
            (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id ORDER BY a.from_date DESC NULLS LAST LIMIT 1) AS postcode,
            s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id) AS other_id
       FROM source_record s JOIN person p ON p.id = s.person_id ORDER BY s.submitted_at, s.id`,
  );
}

/** Each person's most recent source record the caller may see (row-level security). */
export async function latestRegistryRows(tx: Tx, personIds: readonly string[]): Promise<RegistryRow[]> {
  return tx.query<RegistryRow>(
    `SELECT DISTINCT ON (s.person_id) s.id AS source_record_id, s.person_id, s.forename, s.surname,
            to_char(s.dob, 'YYYY-MM-DD') AS dob, s.gender,
            (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id ORDER BY a.from_date DESC NULLS LAST LIMIT 1) AS postcode,
            s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id) AS other_id
       FROM source_record s WHERE s.person_id = ANY($1::uuid[])
      ORDER BY s.person_id, s.submitted_at DESC, s.id`,
    [personIds],
  );
}

/** The blocking keys of a new record, for `lantern_match_candidates`. */
export interface CandidateKeys {
  dob: string | null;
  birthYear: number | null;
  surnameCodes: string[];
  nhsNumber: string | null;
  postcodeSector: string | null;
  initial: string | null;
}

/** Records that share a blocking key with the new one, over the whole registry. */
export async function candidateRows(tx: Tx, keys: CandidateKeys, limit = 500): Promise<RegistryRow[]> {
  return tx.query<RegistryRow>(
    `SELECT source_record_id, person_id, forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob, gender, postcode, nhs_number, other_id
       FROM lantern_match_candidates($1, $2, $3, $4, $5, $6, $7)`,
    [keys.dob, keys.birthYear, keys.surnameCodes, keys.nhsNumber, keys.postcodeSector, keys.initial, limit],
  );
}

/** The active model's stored parameters, if one has been trained. */
export async function activeModelRow(tx: Tx): Promise<{ version: number; parameters: unknown } | null> {
  return tx.maybeOne<{ version: number; parameters: unknown }>(
    'SELECT version, parameters FROM identity_model WHERE active',
  );
}

/** Stores a newly trained model as the only active one; returns its version. */
export async function insertActiveModel(
  tx: Tx,
  model: { parameters: string; trainedOn: number; trainedBy: string },
): Promise<number> {
  await tx.query('UPDATE identity_model SET active = false WHERE active');
  const row = await tx.one<{ version: number }>(
    'INSERT INTO identity_model (parameters, trained_on, trained_by, active) VALUES ($1, $2, $3, true) RETURNING version',
    [model.parameters, model.trainedOn, model.trainedBy],
  );
  return row.version;
}

export interface QueuedMatch {
  personId: string;
  candidatePersonId: string;
  probability: number;
  explanation: Explanation;
  source: 'INTAKE' | 'BATCH';
  area: string | null;
  modelVersion: number | null;
}

export async function queueMatch(tx: Tx, m: QueuedMatch): Promise<void> {
  await tx.query('SELECT lantern_queue_match($1, $2, $3, $4, $5, $6, $7, $8)', [
    m.personId,
    m.candidatePersonId,
    m.probability,
    m.explanation.totalWeight,
    JSON.stringify(m.explanation),
    m.source,
    m.area,
    m.modelVersion,
  ]);
}

export interface PendingMatchRow {
  id: string;
  person_id: string;
  candidate_person_id: string;
  probability: number;
  explanation: Explanation;
  source: string;
  created_at: Date;
  person_name: string;
  person_dob: string | null;
  candidate_name: string;
  candidate_dob: string | null;
}

/** Possible matches awaiting a decision, among people the caller may see (row-level security). */
export async function pendingMatches(tx: Tx, limit = 100, offset = 0): Promise<PendingMatchRow[]> {
  return tx.query<PendingMatchRow>(
    `SELECT m.id, m.person_id, m.candidate_person_id, m.probability, m.explanation, m.source, m.created_at,
            concat_ws(' ', a.forename, a.surname) AS person_name, to_char(a.dob, 'YYYY-MM-DD') AS person_dob,
            concat_ws(' ', b.forename, b.surname) AS candidate_name, to_char(b.dob, 'YYYY-MM-DD') AS candidate_dob
       FROM match_candidate m JOIN person a ON a.id = m.person_id JOIN person b ON b.id = m.candidate_person_id
      WHERE m.status = 'PENDING' AND a.merged_into IS NULL AND b.merged_into IS NULL
      ORDER BY m.probability DESC, m.created_at, m.id LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
}

/** Which of these people are restricted. */
export async function restrictedAmong(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM person WHERE id = ANY($1::uuid[]) AND restricted',
    [personIds],
  );
  return new Set(rows.map((r) => r.id));
}

export interface MatchCandidateRow {
  id: string;
  person_id: string;
  candidate_person_id: string;
  status: string;
  probability: number;
}

export async function findMatchCandidate(tx: Tx, id: string): Promise<MatchCandidateRow | null> {
  return tx.maybeOne<MatchCandidateRow>(
    'SELECT id, person_id, candidate_person_id, status, probability FROM match_candidate WHERE id = $1',
    [id],
  );
}

export async function recordMatchDecision(
  tx: Tx,
  id: string,
  status: 'CONFIRMED' | 'REJECTED',
  by: { userId: string | null; label: string },
): Promise<void> {
  await tx.query(
    `UPDATE match_candidate SET status = $2, decided_by = $3, decided_by_label = $4, decided_at = now() WHERE id = $1`,
    [id, status, by.userId, by.label],
  );
}

/** Refreshes the planner's statistics of the matching tables after a batch (run as the schema's owner). */
export async function refreshMatchStatistics(db: Database): Promise<void> {
  await db.pool.query('ANALYZE match_candidate, person_merge, person');
}
