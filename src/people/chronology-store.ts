/**
 * SQL for the people module's part of a child's chronology and person page: merges of the child's records
 * (in either direction), and the people linked to the child. Read under row-level security.
 */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** d1: 'IN' (another record merged into this child) or 'INTO'; d2: 'UNDONE' when undone. */
export function mergeLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ SELECT 'MERGE' AS kind, m.id AS record_id, CASE WHEN m.survivor_id = $1 THEN m.merged_id ELSE m.survivor_id END AS link_id,
            m.merged_at AS at, false AS date_only, u.display_name AS who_name, m.merged_by_label AS who_label,
            u.agency_id, ua.name AS agency_name,
            CASE WHEN m.survivor_id = $1 THEN 'IN' ELSE 'INTO' END AS d1,
            CASE WHEN m.unmerged_at IS NOT NULL THEN 'UNDONE' END AS d2, NULL AS d3
       FROM person_merge m LEFT JOIN app_user u ON u.id = m.merged_by LEFT JOIN agency ua ON ua.id = u.agency_id
      WHERE m.survivor_id = $1 OR m.merged_id = $1
      ORDER BY m.merged_at DESC LIMIT $2`,
    [personId, limit],
  );
}

export interface LinkedPersonRow {
  id: string;
  forename: string | null;
  surname: string | null;
  /** SUSPECT (on a referral about the child, or linked by a suspect referral), ASSOCIATE, CHILD (linked to
   * the same suspect), FOUND_WITH (on a missing episode). */
  relation: 'SUSPECT' | 'ASSOCIATE' | 'CHILD' | 'FOUND_WITH';
}

/**
 * The people linked to a child that the viewer may see: suspects and associates named on referrals about
 * the child, suspects whose suspect referrals link the child, other children linked to the same suspects,
 * and people the child was found with. Row-level security on person drops those the viewer may not see.
 * Each step is a LATERAL index lookup (its LIMIT keeps the planner from flattening it into a join that
 * would scan a whole table and test its row-level security on every row).
 */
export function linkedPeopleOf(tx: Tx, personId: string, limit: number): Promise<LinkedPersonRow[]> {
  return tx.query<LinkedPersonRow>(
    `/* prepared */ WITH suspects AS (
       SELECT rp.person_id, rp.role AS relation FROM victim_referral r
        CROSS JOIN LATERAL (SELECT * FROM referral_person x WHERE x.referral_id = r.id LIMIT $2) rp
        WHERE r.person_id = $1
       UNION
       SELECT s.person_id, 'SUSPECT' FROM suspect_child_link l
        CROSS JOIN LATERAL (SELECT * FROM suspect_referral x WHERE x.id = l.suspect_referral_id LIMIT 1) s
        WHERE l.child_person_id = $1
     ), links AS (
       SELECT person_id, relation FROM suspects
       UNION
       SELECT l.child_person_id, 'CHILD' FROM suspect_referral s
        CROSS JOIN LATERAL (SELECT * FROM suspect_child_link x WHERE x.suspect_referral_id = s.id LIMIT $2) l
        WHERE s.person_id IN (SELECT person_id FROM suspects WHERE relation = 'SUSPECT')
       UNION
       SELECT r.person_id, 'CHILD' FROM referral_person rp
        CROSS JOIN LATERAL (SELECT * FROM victim_referral x WHERE x.id = rp.referral_id LIMIT 1) r
        WHERE rp.role = 'SUSPECT' AND rp.person_id IN (SELECT person_id FROM suspects WHERE relation = 'SUSPECT')
       UNION
       SELECT mp.person_id, 'FOUND_WITH' FROM missing_episode e
        CROSS JOIN LATERAL (SELECT * FROM missing_episode_person x WHERE x.episode_id = e.id LIMIT $2) mp
        WHERE e.person_id = $1
     )
     SELECT DISTINCT ON (p.id) p.id, p.forename, p.surname, l.relation
       FROM links l JOIN person p ON p.id = l.person_id
      WHERE p.id <> $1 AND p.merged_into IS NULL
      ORDER BY p.id, l.relation
      LIMIT $2`,
    [personId, limit],
  );
}
