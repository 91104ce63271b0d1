/** SQL for the risk lines of a child's chronology: each CSE risk assessment, read under row-level security. */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** d1: final level; d2: computed level; d3: next review date. */
export function riskLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ SELECT 'RISK_ASSESSMENT' AS kind, ra.id AS record_id, ra.id AS link_id, ra.assessed_at AS at, false AS date_only,
            u.display_name AS who_name, ra.assessed_by_label AS who_label, u.agency_id, ua.name AS agency_name,
            ra.final_level AS d1, ra.computed_level AS d2, ra.next_review_date::text AS d3
       FROM risk_assessment ra
       LEFT JOIN app_user u ON u.id = ra.assessed_by LEFT JOIN agency ua ON ua.id = u.agency_id
      WHERE ra.person_id = $1
      ORDER BY ra.assessed_at DESC LIMIT $2`,
    [personId, limit],
  );
}
