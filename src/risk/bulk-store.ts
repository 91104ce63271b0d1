/**
 * Bulk writer for CSE risk assessments, for loads of many rows at once (the synthetic population): one
 * statement over unnest'ed column arrays a batch; the caller chooses the batch size. Assessments are on the
 * scored template (`lantern-scored`, version 1).
 */
import { columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { RiskLevel } from './levels.ts';

export interface RiskAssessmentBulkRow {
  id: string;
  personId: string;
  episodeId: string;
  answers: Record<string, unknown>;
  score: number | null;
  computedLevel: RiskLevel;
  finalLevel: RiskLevel;
  rationale: string | null;
  overrides: unknown[];
  assessedByLabel: string;
  assessedAt: string;
  nextReviewDate: string;
}

export async function insertRiskAssessmentsBulk(
  tx: Tx,
  rows: readonly RiskAssessmentBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO risk_assessment (id, person_id, episode_id, template_id, template_version, answers, score,
       computed_level, final_level, rationale, overrides, assessed_by_label, assessed_at, next_review_date)
     SELECT id, person_id, episode_id, 'lantern-scored', 1, answers, score, computed_level, final_level, rationale,
            overrides, assessed_by_label, assessed_at, next_review_date
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::jsonb[], $5::int[], $6::text[], $7::text[], $8::text[],
                   $9::jsonb[], $10::text[], $11::timestamptz[], $12::date[])
         AS x(id, person_id, episode_id, answers, score, computed_level, final_level, rationale, overrides,
              assessed_by_label, assessed_at, next_review_date)`,
    columnsOf(rows, (r) => [
      r.id,
      r.personId,
      r.episodeId,
      JSON.stringify(r.answers),
      r.score,
      r.computedLevel,
      r.finalLevel,
      r.rationale,
      JSON.stringify(r.overrides),
      r.assessedByLabel,
      r.assessedAt,
      r.nextReviewDate,
    ]),
  );
}
