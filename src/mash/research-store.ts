/**
 * SQL of research as it travels: which agencies can be asked, the requests with their due times, an
 * agency's inbox of requests and strategy actions, and the research overdue that a hub manager chases.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

export interface ResearchAgencyRow {
  id: string;
  name: string;
  type: string;
  area: string | null;
  research_contact: string | null;
}

/** The agencies that can research for an area (a definer function: it reads staff accounts). */
export function researchAgencies(
  tx: Tx,
  area: string,
  contributingRoles: readonly string[],
): Promise<ResearchAgencyRow[]> {
  return tx.query<ResearchAgencyRow>(
    `SELECT id, name, type, area, research_contact FROM agency
      WHERE id IN (SELECT lantern_research_agency_ids($1, $2::text[])) ORDER BY type, name`,
    [area, contributingRoles],
  );
}

export async function requestResearch(
  tx: Tx,
  r: { episodeId: string; area: string; agencyIds: readonly string[]; label: string; at: Date; dueAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO research_request (episode_id, area, agency_id, requested_by_label, requested_at, due_at, status)
     SELECT $1, $2, a, $4, $5, $6, 'REQUESTED' FROM unnest($3::uuid[]) AS a
     ON CONFLICT (episode_id, agency_id) DO NOTHING`,
    [r.episodeId, r.area, r.agencyIds, r.label, r.at, r.dueAt],
  );
}

export interface InboxRequestRow {
  id: string;
  episode_id: string;
  requested_at: Date;
  requested_by_label: string;
  due_at: Date | null;
  reference: string | null;
  child_forename: string | null;
  child_surname: string | null;
}

/**
 * Requests to the agency still waiting for its research, from the hubs of these areas: those where the
 * caller may contribute (row-level security admits a contribution only in the caller's areas), so that a
 * police desk of one hub is not shown another hub's requests to the same force. The episode and child are
 * joined where the caller may see them; otherwise the reference stands in for the name.
 */
export function openRequestsTo(
  tx: Tx,
  agencyId: string,
  areas: readonly string[],
): Promise<InboxRequestRow[]> {
  return tx.query<InboxRequestRow>(
    // The requests are chosen before the referral and the child are joined (a scope lookup each: see
    // queue-store.ts); the episode's own scope stays in the choice.
    `SELECT q.id, q.episode_id, q.requested_at, ${actorNameSql('q.requested_by_label')} AS requested_by_label, q.due_at, r.reference,
            p.forename AS child_forename, p.surname AS child_surname
       FROM (SELECT q.*, e.referral_id, e.person_id FROM research_request q
               LEFT JOIN mash_episode e ON e.id = q.episode_id
              WHERE q.agency_id = $1 AND q.area = ANY($2::text[]) AND q.status = 'REQUESTED'
                AND (e.id IS NULL OR e.closed_at IS NULL)
              ORDER BY q.due_at NULLS LAST, q.id LIMIT 500) q
       LEFT JOIN victim_referral r ON r.id = q.referral_id
       LEFT JOIN person p ON p.id = q.person_id
      ORDER BY q.due_at NULLS LAST, q.id`,
    [agencyId, areas],
  );
}

export interface InboxActionRow {
  id: string;
  episode_id: string;
  description: string;
  due_date: string;
  reference: string | null;
  child_forename: string | null;
  child_surname: string | null;
}

/** Strategy actions the agency owns, not yet completed (as far as the caller may see them). */
export function openActionsOf(tx: Tx, agencyId: string): Promise<InboxActionRow[]> {
  return tx.query<InboxActionRow>(
    `SELECT x.id, x.episode_id, x.description, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, r.reference,
            p.forename AS child_forename, p.surname AS child_surname
       FROM (SELECT x.*, e.referral_id, e.person_id FROM strategy_action x
               LEFT JOIN mash_episode e ON e.id = x.episode_id
              WHERE x.owner_agency_id = $1 AND x.completed_at IS NULL
              ORDER BY x.due_date, x.id LIMIT 500) x
       LEFT JOIN victim_referral r ON r.id = x.referral_id
       LEFT JOIN person p ON p.id = x.person_id
      ORDER BY x.due_date, x.id`,
    [agencyId],
  );
}

export interface OverdueResearchRow {
  id: string;
  episode_id: string;
  reference: string;
  agency_name: string;
  due_at: Date;
}

/** Research asked for in the caller's hubs and not given by its due time, on open episodes. */
export function overdueResearch(tx: Tx, now: Date): Promise<OverdueResearchRow[]> {
  return tx.query<OverdueResearchRow>(
    `SELECT q.id, q.episode_id, r.reference, a.name AS agency_name, q.due_at
       FROM (SELECT q.id, q.episode_id, q.agency_id, q.due_at, e.referral_id FROM research_request q
               JOIN mash_episode e ON e.id = q.episode_id
              WHERE q.status = 'REQUESTED' AND q.due_at < $1 AND e.closed_at IS NULL AND lantern_in_mash(q.area)
              ORDER BY q.due_at, q.id LIMIT 200) q
       JOIN agency a ON a.id = q.agency_id JOIN victim_referral r ON r.id = q.referral_id
      ORDER BY q.due_at, q.id`,
    [now],
  );
}
