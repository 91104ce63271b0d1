/**
 * SQL for the MASH lines of a child's chronology: each episode about the child, its RAG changes, research
 * asked for and given, sharing decisions, strategy discussions and actions, the decision and the
 * conference; and the research the viewer may not read, as agency and time only. Read under row-level
 * security in the viewer's transaction: what the viewer may not see is absent.
 */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** An account by id, or by the username a record kept as its label: the person's name and agency. */
const BY_ID = (column: string, alias: string) =>
  `LEFT JOIN app_user ${alias} ON ${alias}.id = ${column} LEFT JOIN agency ${alias}a ON ${alias}a.id = ${alias}.agency_id`;
const BY_LABEL = (column: string, alias: string) =>
  `LEFT JOIN app_user ${alias} ON ${alias}.username = ${column} LEFT JOIN agency ${alias}a ON ${alias}a.id = ${alias}.agency_id`;

/**
 * Each record table is reached from the child's episodes by a LATERAL lookup on its episode index (its LIMIT keeps the planner from flattening it into a join), so that
 * the plan stays a few index probes per episode whatever the size of the tables (a hash join would scan a
 * whole table and test its row-level security on every row).
 *
 * d1..d3 per kind — RAG: from, to, rationale; RESEARCH_REQUESTED: the agency asked; RESEARCH_GIVEN:
 * 'true' when releasable; SHARING: decision, recipients, legal basis; STRATEGY: section 47 ('true',
 * 'false' or null), number of actions; STRATEGY_ACTION: description, owner, due date; DECISION: social care
 * outcome, contact outcome, referral outcome.
 */
export function mashLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ WITH ep AS (SELECT e.id, e.area, e.received_at, e.referral_id, e.icpc_held_on, e.icpc_recorded_by_label
                   FROM mash_episode e WHERE e.person_id = $1)
     SELECT * FROM (
       SELECT 'EPISODE_OPENED' AS kind, ep.id AS record_id, ep.id AS link_id, ep.received_at AS at,
              false AS date_only, NULL::text AS who_name, NULL::text AS who_label, NULL::uuid AS agency_id,
              NULL::text AS agency_name, r.reference AS d1, NULL::text AS d2, NULL::text AS d3
         FROM ep LEFT JOIN victim_referral r ON r.id = ep.referral_id
       UNION ALL
       SELECT 'RAG', rc.id, rc.episode_id, rc.changed_at, false, u.display_name, rc.changed_by_label, u.agency_id,
              ua.name, rc.from_rag, rc.to_rag, NULL
         FROM ep CROSS JOIN LATERAL (SELECT * FROM rag_change x WHERE x.episode_id = ep.id LIMIT $2) rc ${BY_ID('rc.changed_by', 'u')}
       UNION ALL
       SELECT 'RESEARCH_REQUESTED', rr.id, rr.episode_id, rr.requested_at, false, u.display_name,
              rr.requested_by_label, u.agency_id, ua.name, asked.name, NULL, NULL
         FROM ep CROSS JOIN LATERAL (SELECT * FROM research_request x WHERE x.episode_id = ep.id LIMIT $2) rr JOIN agency asked ON asked.id = rr.agency_id
         ${BY_LABEL('rr.requested_by_label', 'u')}
       UNION ALL
       SELECT 'RESEARCH_GIVEN', c.id, c.episode_id, c.contributed_at, false, u.display_name, c.contributed_by_label,
              c.agency_id, a.name, c.releasable::text, NULL, NULL
         FROM ep CROSS JOIN LATERAL (SELECT * FROM contribution x WHERE x.episode_id = ep.id LIMIT $2) c JOIN agency a ON a.id = c.agency_id
         LEFT JOIN app_user u ON u.id = c.contributed_by
       UNION ALL
       SELECT 'SHARING', s.id, s.episode_id, s.decided_at, false, u.display_name, s.decided_by_label, s.agency_id,
              a.name, s.decision,
              (SELECT string_agg(coalesce(x->>'label', x->>'name', x->>'agency'), ', ')
                 FROM jsonb_array_elements(s.recipients) x), s.legal_basis
         FROM ep CROSS JOIN LATERAL (SELECT * FROM sharing_decision x WHERE x.episode_id = ep.id LIMIT $2) s JOIN agency a ON a.id = s.agency_id
         LEFT JOIN app_user u ON u.id = s.decided_by
       UNION ALL
       SELECT 'STRATEGY', d.id, d.episode_id, d.held_at, false, u.display_name, d.recorded_by_label, u.agency_id,
              ua.name, d.section_47::text,
              (SELECT count(*)::text FROM strategy_action sa WHERE sa.discussion_id = d.id), NULL
         FROM ep CROSS JOIN LATERAL (SELECT * FROM strategy_discussion x WHERE x.episode_id = ep.id LIMIT $2) d ${BY_LABEL('d.recorded_by_label', 'u')}
       UNION ALL
       SELECT 'STRATEGY_ACTION', sa.id, sa.episode_id, sa.completed_at, false, u.display_name, sa.completed_by_label,
              coalesce(sa.owner_agency_id, u.agency_id), coalesce(oa.name, ua.name), sa.description, sa.owner_name,
              sa.due_date::text
         FROM ep CROSS JOIN LATERAL (SELECT * FROM strategy_action x WHERE x.episode_id = ep.id LIMIT $2) sa LEFT JOIN agency oa ON oa.id = sa.owner_agency_id
         ${BY_LABEL('sa.completed_by_label', 'u')}
        WHERE sa.completed_at IS NOT NULL
       UNION ALL
       SELECT 'DECISION', m.id, m.episode_id, m.decided_at, false, u.display_name, m.decided_by_label, u.agency_id,
              ua.name, m.social_care_outcome, m.contact_outcome, m.referral_outcome
         FROM ep CROSS JOIN LATERAL (SELECT * FROM mash_decision x WHERE x.episode_id = ep.id LIMIT $2) m ${BY_ID('m.decided_by', 'u')}
       UNION ALL
       SELECT 'CONFERENCE', ep.id, ep.id, ep.icpc_held_on::timestamp AT TIME ZONE 'Europe/London', true,
              u.display_name, ep.icpc_recorded_by_label, u.agency_id, ua.name, NULL, NULL, NULL
         FROM ep ${BY_LABEL('ep.icpc_recorded_by_label', 'u')}
        WHERE ep.icpc_held_on IS NOT NULL
     ) t ORDER BY at DESC, record_id LIMIT $2`,
    [personId, limit],
  );
}

export interface WithheldResearchRow {
  episode_id: string;
  agency_id: string;
  agency_name: string;
  contributed_at: Date;
}

/** Research on the child's episodes the viewer may not read: agency and time only (migration 024). */
export function withheldResearchOf(tx: Tx, personId: string, limit: number): Promise<WithheldResearchRow[]> {
  return tx.query<WithheldResearchRow>(
    '/* prepared */ SELECT episode_id, agency_id, agency_name, contributed_at FROM lantern_withheld_research($1, $2)',
    [personId, limit],
  );
}
