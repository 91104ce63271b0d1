/** SQL for the MASH: episodes and their queue, RAG history, research, sharing, strategy, decisions. */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { RationaleChange } from '../platform/forms/rationale.ts';

export interface EpisodeRow {
  id: string;
  referral_id: string;
  reference: string;
  person_id: string;
  area: string;
  received_at: Date;
  stage: string;
  rag: string | null;
  rag_deadline: Date | null;
  decision_deadline: Date;
  breached_at: Date | null;
  allocated_to: string | null;
  allocated_label: string | null;
  icpc_held_on: string | null;
  decided_at: Date | null;
  closed_at: Date | null;
  urgency: string;
  category: string;
  referring_agency_name: string;
  child_forename: string | null;
  child_surname: string | null;
  child_dob: string | null;
  cse_risk_level: string | null;
  hub_to_confirm: boolean;
}

export const EPISODE_COLUMNS = `e.id, e.referral_id, r.reference, e.person_id, e.area, e.received_at, e.stage, e.rag, e.rag_deadline,
  e.decision_deadline, e.breached_at, e.allocated_to, e.allocated_label, to_char(e.icpc_held_on, 'YYYY-MM-DD') AS icpc_held_on, e.decided_at, e.closed_at, r.urgency, r.category,
  a.name AS referring_agency_name, p.forename AS child_forename, p.surname AS child_surname,
  to_char(p.dob, 'YYYY-MM-DD') AS child_dob, p.cse_risk_level, e.hub_to_confirm`;

/** What an episode row joins: its referral, the referring agency and the child (each under its own scope). */
export const EPISODE_JOINS = `JOIN victim_referral r ON r.id = e.referral_id
  JOIN agency a ON a.id = r.referring_agency_id JOIN person p ON p.id = e.person_id`;

export const EPISODE_FROM = `mash_episode e ${EPISODE_JOINS}`;

/** No RETURNING: the referrer who opens the episode may not read it. */
export async function insertEpisode(
  tx: Tx,
  e: { referralId: string; personId: string; area: string; receivedAt: Date; decisionDeadline: Date },
  hubToConfirm = false,
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO mash_episode (id, referral_id, person_id, area, received_at, stage, decision_deadline, hub_to_confirm)
     VALUES ($1, $2, $3, $4, $5, 'TRIAGE', $6, $7)`,
    [id, e.referralId, e.personId, e.area, e.receivedAt, e.decisionDeadline, hubToConfirm],
  );
  return id;
}

/** Whether an episode exists at all, whoever may read it (to tell a denial from a missing record). */
export async function episodeExists(tx: Tx, id: string): Promise<boolean> {
  const row = await tx.one<{ e: boolean }>('SELECT lantern_episode_exists($1) AS e', [id]);
  return row.e;
}

export function findEpisode(tx: Tx, id: string): Promise<EpisodeRow | null> {
  return tx.maybeOne<EpisodeRow>(`SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM} WHERE e.id = $1`, [id]);
}

/** Open episodes of the caller's hubs (row-level security), soonest deadline first; untriaged by receipt. */
export function queue(tx: Tx, limit: number, offset = 0): Promise<EpisodeRow[]> {
  // e.id breaks ties so that pages neither repeat nor skip an episode. The page is chosen before the
  // referral and child are joined (their scope is a look-up a row: see queue-store.ts).
  return tx.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS}
       FROM (SELECT e.* FROM mash_episode e WHERE e.closed_at IS NULL
              ORDER BY coalesce(e.rag_deadline, e.decision_deadline), e.received_at, e.id LIMIT $1 OFFSET $2) e
       ${EPISODE_JOINS}
      ORDER BY coalesce(e.rag_deadline, e.decision_deadline), e.received_at, e.id`,
    [limit, offset],
  );
}

export async function setRag(tx: Tx, id: string, rag: string, deadline: Date | null): Promise<void> {
  await tx.query(
    `UPDATE mash_episode SET rag = $2, rag_deadline = $3, stage = CASE WHEN stage = 'TRIAGE' THEN 'RESEARCH' ELSE stage END,
       breached_at = NULL WHERE id = $1`,
    [id, rag, deadline],
  );
}

export async function insertRagChange(
  tx: Tx,
  c: RationaleChange<string | null> & { episodeId: string; area: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO rag_change (episode_id, area, from_rag, to_rag, rationale, changed_by, changed_by_label, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [c.episodeId, c.area, c.from, c.to, c.rationale, c.by, c.label, c.at],
  );
}

export interface RagChangeRow {
  from_rag: string | null;
  to_rag: string;
  rationale: string;
  changed_by_label: string;
  changed_at: Date;
}

export function ragHistory(tx: Tx, episodeId: string): Promise<RagChangeRow[]> {
  return tx.query<RagChangeRow>(
    `SELECT from_rag, to_rag, rationale, ${actorNameSql('changed_by_label')} AS changed_by_label, changed_at FROM rag_change WHERE episode_id = $1 ORDER BY changed_at`,
    [episodeId],
  );
}

export interface ResearchRequestRow {
  id: string;
  agency_id: string;
  agency_name: string;
  requested_at: Date;
  due_at: Date | null;
  status: string;
}

export function researchRequests(tx: Tx, episodeId: string): Promise<ResearchRequestRow[]> {
  return tx.query<ResearchRequestRow>(
    `SELECT q.id, q.agency_id, a.name AS agency_name, q.requested_at, q.due_at, q.status FROM research_request q
       JOIN agency a ON a.id = q.agency_id WHERE q.episode_id = $1 ORDER BY a.name`,
    [episodeId],
  );
}

export async function insertContribution(
  tx: Tx,
  c: {
    episodeId: string;
    area: string;
    agencyId: string;
    by: string | null;
    label: string;
    summary: string;
    relevantHistory: string | null;
    riskInformation: string | null;
    releasable: boolean;
    handlingCode: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO contribution (id, episode_id, area, agency_id, contributed_by, contributed_by_label, summary, relevant_history,
       risk_information, releasable, handling_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      c.episodeId,
      c.area,
      c.agencyId,
      c.by,
      c.label,
      c.summary,
      c.relevantHistory,
      c.riskInformation,
      c.releasable,
      c.handlingCode,
    ],
  );
  await tx.query(
    "UPDATE research_request SET status = 'CONTRIBUTED' WHERE episode_id = $1 AND agency_id = $2",
    [c.episodeId, c.agencyId],
  );
  return id;
}

export interface ContributionRow {
  id: string;
  agency_id: string;
  agency_name: string;
  contributed_by_label: string;
  contributed_at: Date;
  summary: string;
  relevant_history: string | null;
  risk_information: string | null;
  releasable: boolean;
  handling_code: string | null;
}

/** The contributions the caller may see: row-level security applies the owners' markings. */
export function contributions(tx: Tx, episodeId: string): Promise<ContributionRow[]> {
  return tx.query<ContributionRow>(
    `SELECT c.id, c.agency_id, a.name AS agency_name, ${actorNameSql('c.contributed_by_label')} AS contributed_by_label, c.contributed_at, c.summary, c.relevant_history,
            c.risk_information, c.releasable, c.handling_code
       FROM contribution c JOIN agency a ON a.id = c.agency_id WHERE c.episode_id = $1 ORDER BY c.contributed_at`,
    [episodeId],
  );
}

export async function insertSharingDecision(tx: Tx, values: unknown[]): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO sharing_decision (id, episode_id, area, decision, decided_by, decided_by_label, agency_id, decided_at, purpose,
       information, recipients, channel, legal_basis, legal_basis_other, consent_sought, consent_not_sought_reason,
       necessity_proportionality) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [id, ...values],
  );
  return id;
}

export interface SharingDecisionRow {
  id: string;
  decision: string;
  decided_by_label: string;
  agency_name: string;
  decided_at: Date;
  purpose: string;
  information: string;
  recipients: Array<{ label?: string; agency?: string | null; name?: string | null }> | null;
  channel: string | null;
  legal_basis: string;
  legal_basis_other: string | null;
  consent_sought: boolean;
  consent_not_sought_reason: string | null;
  necessity_proportionality: string;
}

export function sharingDecisions(tx: Tx, episodeId: string): Promise<SharingDecisionRow[]> {
  return tx.query<SharingDecisionRow>(
    `SELECT s.id, s.decision, ${actorNameSql('s.decided_by_label')} AS decided_by_label, a.name AS agency_name, s.decided_at, s.purpose, s.information, s.recipients,
            s.channel, s.legal_basis, s.legal_basis_other, s.consent_sought, s.consent_not_sought_reason,
            s.necessity_proportionality
       FROM sharing_decision s JOIN agency a ON a.id = s.agency_id WHERE s.episode_id = $1 ORDER BY s.decided_at`,
    [episodeId],
  );
}

export async function insertStrategyDiscussion(
  tx: Tx,
  d: {
    episodeId: string;
    area: string;
    heldAt: Date;
    attendees: unknown;
    decisions: string;
    label: string;
    section47: boolean | null;
  },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO strategy_discussion (id, episode_id, area, held_at, attendees, decisions, recorded_by_label, section_47)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, d.episodeId, d.area, d.heldAt, JSON.stringify(d.attendees), d.decisions, d.label, d.section47],
  );
  return id;
}

/** A strategy discussion's action as the discussion records it (the bulk writer adds its outcome). */
export interface NewStrategyAction {
  discussionId: string;
  episodeId: string;
  area: string;
  description: string;
  ownerAgencyId: string | null;
  ownerName: string;
  dueDate: string;
}

export async function insertAction(tx: Tx, a: NewStrategyAction): Promise<void> {
  await tx.query(
    `INSERT INTO strategy_action (discussion_id, episode_id, area, description, owner_agency_id, owner_name, due_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [a.discussionId, a.episodeId, a.area, a.description, a.ownerAgencyId, a.ownerName, a.dueDate],
  );
}

export interface StrategyDiscussionRow {
  id: string;
  held_at: Date;
  attendees: Array<{ agencyId?: string | null; name?: string; role?: string | null }> | null;
  decisions: string;
  recorded_by_label: string;
  section_47: boolean | null;
  actions: Array<{
    id: string;
    description: string;
    ownerName: string;
    dueDate: string;
    completedAt: string | null;
  }> | null;
}

export function strategyDiscussions(tx: Tx, episodeId: string): Promise<StrategyDiscussionRow[]> {
  return tx.query<StrategyDiscussionRow>(
    `SELECT d.id, d.held_at, d.attendees, d.decisions, ${actorNameSql('d.recorded_by_label')} AS recorded_by_label, d.section_47,
            coalesce((SELECT json_agg(json_build_object('id', x.id, 'description', x.description, 'ownerName', x.owner_name,
                        'dueDate', x.due_date, 'completedAt', x.completed_at) ORDER BY x.due_date)
                      FROM strategy_action x WHERE x.discussion_id = d.id), '[]') AS actions
       FROM strategy_discussion d WHERE d.episode_id = $1 ORDER BY d.held_at`,
    [episodeId],
  );
}

export interface OverdueActionRow {
  id: string;
  description: string;
  owner_name: string;
  due_date: string;
  episode_id: string;
  reference: string;
}

/** The most overdue first, at most `limit` (a page lists the worst; each owner sees theirs in My work). */
export function overdueActions(tx: Tx, today: string, limit: number): Promise<OverdueActionRow[]> {
  return tx.query<OverdueActionRow>(
    // Chosen before the referral is joined (a scope lookup a row: see queue-store.ts).
    `SELECT x.id, x.description, x.owner_name, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, x.episode_id, r.reference
       FROM (SELECT x.*, e.referral_id FROM strategy_action x JOIN mash_episode e ON e.id = x.episode_id
              WHERE x.completed_at IS NULL AND x.due_date < $1::date ORDER BY x.due_date, x.id LIMIT $2) x
       JOIN victim_referral r ON r.id = x.referral_id
      ORDER BY x.due_date, x.id`,
    [today, limit],
  );
}

export async function completeAction(tx: Tx, id: string, label: string): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE strategy_action SET completed_at = now(), completed_by_label = $2 WHERE id = $1 AND completed_at IS NULL RETURNING 1',
    [id, label],
  );
  return rows.length === 1;
}

export async function insertDecision(tx: Tx, values: unknown[]): Promise<void> {
  await tx.query(
    `INSERT INTO mash_decision (episode_id, area, decided_by, decided_by_label, decided_at, contact_outcome, referral_outcome,
       social_care_outcome, statutory_measures, cin_factors, nfa_reason, rationale, feedback_to_referrer, within_standard,
       proposed_by, proposed_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    values,
  );
}

export interface DecisionRow {
  /** "Name, Agency" of who decided. */
  decided_by_name?: string;
  decided_by_label: string;
  decided_at: Date;
  contact_outcome: string;
  referral_outcome: string | null;
  social_care_outcome: string;
  statutory_measures: string[] | null;
  cin_factors: string[] | null;
  nfa_reason: string | null;
  rationale: string;
  feedback_to_referrer: string;
  within_standard: boolean;
  proposed_by_label: string | null;
}

export function findDecision(tx: Tx, episodeId: string): Promise<DecisionRow | null> {
  return tx.maybeOne<DecisionRow>(
    `SELECT *, ${actorNameSql('decided_by_label')} AS decided_by_name FROM mash_decision WHERE episode_id = $1`,
    [episodeId],
  );
}

export async function closeEpisode(tx: Tx, id: string, decidedAt: Date): Promise<void> {
  await tx.query("UPDATE mash_episode SET stage = 'CLOSED', decided_at = $2, closed_at = $2 WHERE id = $1", [
    id,
    decidedAt,
  ]);
}

export async function setStage(tx: Tx, id: string, stage: string): Promise<void> {
  await tx.query("UPDATE mash_episode SET stage = $2 WHERE id = $1 AND stage <> 'CLOSED'", [id, stage]);
}

/**
 * The decision feeds back to the referrer on the referral itself. The referrals module owns the table but
 * sits above the MASH (it opens the episode), so the MASH cannot call it: this one update is the MASH's.
 */
export async function recordOutcomeOnReferral(
  tx: Tx,
  referralId: string,
  outcome: string,
  feedback: string,
  at: Date,
): Promise<void> {
  await tx.query(
    "UPDATE victim_referral SET status = 'DECIDED', outcome = $2, outcome_feedback = $3, outcome_at = $4 WHERE id = $1",
    [referralId, outcome, feedback, at],
  );
}
