/**
 * The facts the priority score reads, per person, in one statement under row-level security (only people
 * the reader may see; intelligence only for the police). It selects no ethnicity, religion or nationality:
 * the score cannot use what it is never given.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { GravityKind } from './priority-rules.ts';

export interface PriorityFactsRow {
  person_id: string;
  name: string | null;
  last_event_on: string;
  events_in_year: number;
  linked_children: number;
  kinds: GravityKind[];
  active_tactic: boolean;
}

export function priorityFacts(tx: Tx, today: string): Promise<PriorityFactsRow[]> {
  return tx.query<PriorityFactsRow>(
    `WITH events AS (
       SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date AS day, 'SUSPECT_REFERRAL' AS kind,
              NULL::uuid AS child, true AS counts, false AS active
         FROM suspect_referral s
       UNION ALL
       SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date, 'SUSPECT_REFERRAL', l.child_person_id, false, false
         FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
       UNION ALL
       SELECT rp.person_id, (v.received_at AT TIME ZONE 'Europe/London')::date, 'NAMED', v.person_id, true, false
         FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT'
       UNION ALL
       SELECT i.person_id, (i.evaluated_at AT TIME ZONE 'Europe/London')::date, 'INTELLIGENCE', NULL, true, false
         FROM intelligence i WHERE i.person_id IS NOT NULL
       UNION ALL
       SELECT d.person_id, d.disposed_at,
              CASE WHEN d.type IN ('CONVICTION', 'CHARGE') THEN d.type
                   WHEN d.type IN ('CAWN_S2', 'CAWN_S49', 'SHPO', 'SRO') THEN 'NOTICE_OR_ORDER' ELSE 'OTHER_TACTIC' END,
              d.child_person_id, false,
              (d.type IN ('CAWN_S2', 'CAWN_S49', 'SHPO', 'SRO') AND (d.expires_on IS NULL OR d.expires_on >= $1::date))
              OR (d.type = 'CHARGE' AND d.disposed_at > $1::date - 365)
              OR (d.type = 'CONVICTION' AND d.disposed_at + make_interval(months => coalesce(d.sentence_months, 0)::int) > $1::date)
         FROM disposal d
       UNION ALL
       SELECT d.person_id, b.breached_on, 'BREACH', NULL, true, false
         FROM disruption_breach b JOIN disposal d ON d.id = b.disposal_id
     )
     SELECT e.person_id, nullif(concat_ws(' ', p.forename, p.surname), '') AS name,
            max(e.day)::text AS last_event_on,
            (count(*) FILTER (WHERE e.counts AND e.day > $1::date - 365))::int AS events_in_year,
            (count(DISTINCT e.child))::int AS linked_children,
            array_agg(DISTINCT e.kind) AS kinds, bool_or(e.active) AS active_tactic
       FROM events e JOIN person p ON p.id = e.person_id AND p.merged_into IS NULL
      -- Someone eliminated from enquiries leaves the priorities (their latest status, migration 043).
      WHERE coalesce((SELECT ps.status FROM pursue_status ps WHERE ps.person_id = p.id
                       ORDER BY ps.recorded_at DESC LIMIT 1), 'SUSPECT') <> 'ELIMINATED'
      GROUP BY e.person_id, p.forename, p.surname`,
    [today],
  );
}

export interface FunnelRow {
  charged: number;
  convicted: number;
  sentence_months: number;
}

/** People charged, those of them convicted, and their custodial sentences in months (as the reader may see). */
export async function funnel(tx: Tx): Promise<FunnelRow> {
  return tx.one<FunnelRow>(
    `WITH charged AS (SELECT DISTINCT person_id FROM disposal WHERE type = 'CHARGE')
     SELECT (SELECT count(*) FROM charged)::int AS charged,
            (SELECT count(DISTINCT d.person_id) FROM disposal d JOIN charged c ON c.person_id = d.person_id
              WHERE d.type = 'CONVICTION')::int AS convicted,
            (SELECT coalesce(sum(d.sentence_months), 0) FROM disposal d JOIN charged c ON c.person_id = d.person_id
              WHERE d.type = 'CONVICTION')::int AS sentence_months`,
  );
}
