/**
 * SQL for the referral lines of a child's chronology: referrals about the child, and suspect referrals
 * linking the child to a suspect. Read under row-level security (a referrer sees its own agency's).
 */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** d1..d3 — REFERRAL: reference, exploitation type, category; SUSPECT_LINK: reference, link type. */
export function referralLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ SELECT * FROM (
       SELECT 'REFERRAL' AS kind, r.id AS record_id, r.id AS link_id, r.received_at AS at, false AS date_only,
              u.display_name AS who_name, r.practitioner_name AS who_label, r.referring_agency_id AS agency_id,
              a.name AS agency_name, r.reference AS d1, r.exploitation_type AS d2, r.category AS d3
         FROM victim_referral r JOIN agency a ON a.id = r.referring_agency_id
         LEFT JOIN app_user u ON u.id = r.referred_by_user
        WHERE r.person_id = $1
       UNION ALL
       SELECT 'SUSPECT_LINK', s.id, s.id, s.received_at, false, u.display_name, s.practitioner_name,
              s.referring_agency_id, a.name, s.reference, l.link_type, NULL
         FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
         JOIN agency a ON a.id = s.referring_agency_id LEFT JOIN app_user u ON u.id = s.referred_by_user
        WHERE l.child_person_id = $1
     ) t ORDER BY at DESC, record_id LIMIT $2`,
    [personId, limit],
  );
}
