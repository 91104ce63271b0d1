/**
 * SQL of intelligence from partners (migration 041): the only writer of `intelligence`. Reads run under
 * row-level security (the submitting agency, and police case workers); what others may see of a person's
 * intelligence comes through `lantern_person_intelligence` (sanitised only).
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { EvaluationInput, IntelligenceInput } from './intelligence-rules.ts';
import type { Recorder } from './store.ts';

export interface IntelligenceRow {
  id: string;
  reference: string;
  agency_id: string;
  agency_name: string;
  submitted_by: string;
  submitted_at: Date;
  about: string;
  what: string;
  where_seen: string | null;
  seen_on: string | null;
  vehicles: string | null;
  phones: string | null;
  handles: string | null;
  source_grade: string | null;
  intelligence_grade: string | null;
  handling_code: string | null;
  handling_conditions: string | null;
  sanitised: string | null;
  feedback: string | null;
  evaluated_by: string | null;
  evaluated_at: Date | null;
  person_id: string | null;
  person_name: string | null;
  linked_by: string | null;
  linked_at: Date | null;
}

const COLUMNS = `i.id, i.reference, i.agency_id, a.name AS agency_name,
  ${actorNameSql('i.submitted_by_label')} AS submitted_by, i.submitted_at, i.about, i.what, i.where_seen,
  i.seen_on::text AS seen_on, i.vehicles, i.phones, i.handles, i.source_grade, i.intelligence_grade,
  i.handling_code, i.handling_conditions, i.sanitised, i.feedback,
  ${actorNameSql('i.evaluated_by_label')} AS evaluated_by, i.evaluated_at, i.person_id,
  nullif(concat_ws(' ', p.forename, p.surname), '') AS person_name,
  ${actorNameSql('i.linked_by_label')} AS linked_by, i.linked_at`;
const FROM = `intelligence i JOIN agency a ON a.id = i.agency_id LEFT JOIN person p ON p.id = i.person_id`;

export async function insertIntelligence(
  tx: Tx,
  input: IntelligenceInput,
  by: Recorder,
): Promise<{ id: string; reference: string }> {
  return tx.one<{ id: string; reference: string }>(
    `INSERT INTO intelligence (reference, agency_id, submitted_by_user, submitted_by_label, about, what, where_seen,
                               seen_on, vehicles, phones, handles)
     VALUES ('INT-' || to_char(now() AT TIME ZONE 'Europe/London', 'YYYY') || '-'
               || lpad(nextval('intelligence_number')::text, 5, '0'),
             $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id, reference`,
    [
      by.agencyId,
      by.userId,
      by.label,
      input.about,
      input.what,
      input.whereSeen,
      input.seenOn,
      input.vehicles,
      input.phones,
      input.handles,
    ],
  );
}

export function intelligenceOf(tx: Tx, id: string): Promise<IntelligenceRow | null> {
  return tx.maybeOne<IntelligenceRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE i.id = $1`, [id]);
}

/** The agency's own submissions, newest first. */
export function submissionsOf(tx: Tx, agencyId: string): Promise<IntelligenceRow[]> {
  return tx.query<IntelligenceRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.agency_id = $1 ORDER BY i.submitted_at DESC LIMIT 200`,
    [agencyId],
  );
}

/** Intelligence still to be graded, oldest first (the police's queue). */
export function ungraded(tx: Tx): Promise<IntelligenceRow[]> {
  return tx.query<IntelligenceRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.evaluated_at IS NULL ORDER BY i.submitted_at LIMIT 200`,
  );
}

/** Graded intelligence not yet linked to anyone, newest first: what a person's register may link. */
export function gradedUnlinked(tx: Tx): Promise<IntelligenceRow[]> {
  return tx.query<IntelligenceRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.evaluated_at IS NOT NULL AND i.person_id IS NULL
      ORDER BY i.evaluated_at DESC LIMIT 50`,
  );
}

/** Records the evaluation once: false when it was already evaluated (or not visible to the caller). */
export async function evaluate(tx: Tx, id: string, e: EvaluationInput, by: Recorder): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE intelligence SET source_grade = $2, intelligence_grade = $3, handling_code = $4, handling_conditions = $5,
            sanitised = $6, feedback = $7, evaluated_by_user = $8, evaluated_by_label = $9, evaluated_at = now()
      WHERE id = $1 AND evaluated_at IS NULL RETURNING id`,
    [
      id,
      e.sourceGrade,
      e.intelligenceGrade,
      e.handlingCode,
      e.handlingConditions,
      e.sanitised,
      e.feedback,
      by.userId,
      by.label,
    ],
  );
  return rows.length === 1;
}

export async function linkToPerson(tx: Tx, id: string, personId: string, byLabel: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE intelligence SET person_id = $2, linked_by_label = $3, linked_at = now()
      WHERE id = $1 AND person_id IS NULL AND evaluated_at IS NOT NULL RETURNING id`,
    [id, personId, byLabel],
  );
  return rows.length === 1;
}

export interface SanitisedRow {
  id: string;
  reference: string;
  evaluated_at: Date;
  source_grade: string;
  intelligence_grade: string;
  handling_code: string;
  handling_conditions: string | null;
  sanitised: string;
}

/** What the reader may see of a person's intelligence: the sanitised version and its grading. */
export function sanitisedAbout(tx: Tx, personId: string): Promise<SanitisedRow[]> {
  return tx.query<SanitisedRow>('SELECT * FROM lantern_person_intelligence($1)', [personId]);
}
