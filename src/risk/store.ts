/**
 * SQL for CSE risk: the assessments and the child's flag (its current level and review date, kept on the
 * person so that lists and searches show it without a join). The risk module is their only writer. Reads of
 * a child's facts the tools need (SEN or learning disability) are read-only views of the people tables.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

export interface NewAssessment {
  personId: string;
  episodeId: string | null;
  templateId: string;
  templateVersion: number;
  answers: unknown;
  score: number | null;
  computedLevel: string;
  finalLevel: string;
  rationale: string | null;
  overrides: unknown;
  by: string | null;
  label: string;
  at: Date;
  nextReview: string;
}

export async function insertAssessment(tx: Tx, a: NewAssessment): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO risk_assessment (person_id, episode_id, template_id, template_version, answers, score, computed_level,
       final_level, rationale, overrides, assessed_by, assessed_by_label, assessed_at, next_review_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      a.personId,
      a.episodeId,
      a.templateId,
      a.templateVersion,
      JSON.stringify(a.answers),
      a.score,
      a.computedLevel,
      a.finalLevel,
      a.rationale,
      JSON.stringify(a.overrides),
      a.by,
      a.label,
      a.at,
      a.nextReview,
    ],
  );
  return row.id;
}

/** The child's flag follows their latest assessment. */
export async function setCseFlag(tx: Tx, personId: string, level: string, reviewDue: string): Promise<void> {
  await tx.query('UPDATE person SET cse_risk_level = $2, cse_review_due = $3 WHERE id = $1', [
    personId,
    level,
    reviewDue,
  ]);
}

/** Whether any agency's record of the child says SEN or a learning disability (an override of the tools). */
export async function hasLearningDisability(tx: Tx, personId: string): Promise<boolean> {
  const row = await tx.one<{ any: boolean }>(
    'SELECT coalesce(bool_or(learning_disability_or_sen), false) AS any FROM source_record WHERE person_id = $1',
    [personId],
  );
  return row.any;
}

export interface AssessmentRow {
  id: string;
  template_id: string;
  template_version: number;
  score: number | null;
  computed_level: string;
  final_level: string;
  rationale: string | null;
  overrides: Array<{ rule: string; from: string; to: string }> | null;
  assessed_by_label: string;
  assessed_at: Date;
  next_review_date: string;
}

const ASSESSMENT_COLUMNS = `id, template_id, template_version, score, computed_level, final_level, rationale, overrides,
  ${actorNameSql('assessed_by_label')} AS assessed_by_label, assessed_at, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date`;

export function assessmentsOf(tx: Tx, personId: string): Promise<AssessmentRow[]> {
  return tx.query<AssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment WHERE person_id = $1 ORDER BY assessed_at DESC`,
    [personId],
  );
}

export function assessmentOf(tx: Tx, personId: string, assessmentId: string): Promise<AssessmentRow | null> {
  return tx.maybeOne<AssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment WHERE person_id = $1 AND id = $2`,
    [personId, assessmentId],
  );
}

export interface CseFlagRow {
  id: string;
  cse_risk_level: string;
  review_due: string | null;
}

/** The flags of those of the children the caller may see (row-level security follows the child). */
export function cseFlags(tx: Tx, personIds: readonly string[]): Promise<CseFlagRow[]> {
  return tx.query<CseFlagRow>(
    `SELECT id, cse_risk_level, to_char(cse_review_due, 'YYYY-MM-DD') AS review_due
       FROM person WHERE id = ANY($1::uuid[]) AND cse_risk_level IS NOT NULL`,
    [personIds],
  );
}

export interface ReassessmentRow {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  cse_risk_level: string | null;
  review_due: string;
}

/**
 * Children whose reassessment is due by a date ('YYYY-MM-DD'), within scope, soonest first: a page of them
 * (LIMIT/OFFSET in SQL; the id breaks ties so that pages never overlap).
 */
export function reassessmentsDue(
  tx: Tx,
  by: string,
  page: { limit: number; offset: number },
): Promise<ReassessmentRow[]> {
  return tx.query<ReassessmentRow>(
    `SELECT id, forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob, cse_risk_level, to_char(cse_review_due, 'YYYY-MM-DD') AS review_due
       FROM person WHERE cse_review_due IS NOT NULL AND cse_review_due <= $1::date AND merged_into IS NULL
      ORDER BY cse_review_due, id LIMIT $2 OFFSET $3`,
    [by, page.limit, page.offset],
  );
}

/** How many reassessments are due by a date, within scope. */
export async function countReassessmentsDue(tx: Tx, by: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person
      WHERE cse_review_due IS NOT NULL AND cse_review_due <= $1::date AND merged_into IS NULL`,
    [by],
  );
  return rows[0]?.n ?? 0;
}
