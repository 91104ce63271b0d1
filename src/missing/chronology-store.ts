/**
 * SQL for the missing lines of a child's chronology: each episode reported, changes of its police risk
 * grade, the return and the return home interview. Read under row-level security.
 */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';

/**
 * d1..d3 per kind — MISSING: type, risk grade at report, from kind; MISSING_GRADE: from, to;
 * RETURN: where found; RHI: 'OFFERED' | 'NOT_OFFERED' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED', the
 * interviewer's agency name. Grade changes and interviews are reached by a LATERAL lookup per episode (an
 * index probe each, whatever the size of the tables).
 */
export function missingLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ WITH me AS (SELECT * FROM missing_episode WHERE person_id = $1)
     SELECT * FROM (
       SELECT 'MISSING' AS kind, me.id AS record_id, me.id AS link_id, me.reported_at AS at, false AS date_only,
              u.display_name AS who_name, me.recorded_by_label AS who_label, me.reported_by_agency_id AS agency_id,
              a.name AS agency_name, me.type AS d1, me.initial_risk_grade AS d2, me.from_kind AS d3
         FROM me JOIN agency a ON a.id = me.reported_by_agency_id LEFT JOIN app_user u ON u.id = me.recorded_by_user
       UNION ALL
       SELECT 'MISSING_GRADE', g.id, g.episode_id, g.changed_at, false, u.display_name, g.changed_by_label,
              u.agency_id, ua.name, g.from_grade, g.to_grade, NULL
         FROM me CROSS JOIN LATERAL (SELECT * FROM missing_risk_grade_change x WHERE x.episode_id = me.id LIMIT $2) g
         LEFT JOIN app_user u ON u.id = g.changed_by LEFT JOIN agency ua ON ua.id = u.agency_id
       UNION ALL
       SELECT 'RETURN', me.id, me.id, me.returned_at, false, NULL, NULL, me.reported_by_agency_id, a.name,
              me.found_where, NULL, NULL
         FROM me JOIN agency a ON a.id = me.reported_by_agency_id WHERE me.returned_at IS NOT NULL
       UNION ALL
       SELECT 'RHI', i.id, i.episode_id,
              coalesce(i.completed_at, i.responded_at, i.offered_at, i.not_offered_at, i.created_at), false,
              CASE WHEN i.completed_at IS NOT NULL THEN i.by_name END, i.recorded_by_label,
              i.by_agency_id, ia.name,
              CASE WHEN NOT i.offered THEN 'NOT_OFFERED' WHEN i.completed_at IS NOT NULL THEN 'COMPLETED'
                   WHEN i.response IS NOT NULL THEN i.response ELSE 'OFFERED' END,
              ia.name, NULL
         FROM me CROSS JOIN LATERAL (SELECT * FROM return_home_interview x WHERE x.episode_id = me.id LIMIT $2) i LEFT JOIN agency ia ON ia.id = i.by_agency_id
     ) t ORDER BY at DESC, record_id LIMIT $2`,
    [personId, limit],
  );
}
