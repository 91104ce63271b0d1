/**
 * SQL for who does what in the hub: decision proposals (a practitioner proposes, a manager approves or
 * returns), allocation to a practitioner of the hub, the managers' caseload, the conference's date, and the
 * work each person has waiting. Row-level security keeps every read inside the caller's hubs.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../platform/db/transaction.ts';

export interface ProposalRow {
  id: string;
  episode_id: string;
  input: unknown;
  proposed_by: string | null;
  proposed_by_label: string;
  proposed_at: Date;
  status: 'PROPOSED' | 'APPROVED' | 'RETURNED' | 'SUPERSEDED';
  reviewed_by_label: string | null;
  reviewed_at: Date | null;
  return_reason: string | null;
}

/** People by their display names (the labels keep the sign-in name of the time, for the record). */
const PROPOSAL_COLUMNS = `d.id, d.episode_id, d.input, d.proposed_by,
  coalesce((SELECT u.display_name FROM app_user u WHERE u.id = d.proposed_by), d.proposed_by_label) AS proposed_by_label,
  d.proposed_at, d.status,
  coalesce((SELECT u.display_name FROM app_user u WHERE u.id = d.reviewed_by), d.reviewed_by_label) AS reviewed_by_label,
  d.reviewed_at, d.return_reason`;

export async function insertProposal(
  tx: Tx,
  p: { episodeId: string; area: string; input: unknown; by: string | null; label: string; at: Date },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO decision_proposal (id, episode_id, area, input, proposed_by, proposed_by_label, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, p.episodeId, p.area, JSON.stringify(p.input), p.by, p.label, p.at],
  );
  return id;
}

/** The episode's proposals, newest first. */
export function proposals(tx: Tx, episodeId: string): Promise<ProposalRow[]> {
  return tx.query<ProposalRow>(
    `SELECT ${PROPOSAL_COLUMNS} FROM decision_proposal d WHERE d.episode_id = $1 ORDER BY d.proposed_at DESC`,
    [episodeId],
  );
}

export function findProposal(tx: Tx, id: string): Promise<ProposalRow | null> {
  return tx.maybeOne<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} FROM decision_proposal d WHERE d.id = $1`, [
    id,
  ]);
}

/** Approves or returns a proposal still awaiting review; false when someone reviewed it first. */
export async function reviewProposal(
  tx: Tx,
  r: {
    id: string;
    status: 'APPROVED' | 'RETURNED';
    by: string | null;
    label: string;
    at: Date;
    reason: string | null;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE decision_proposal SET status = $2, reviewed_by = $3, reviewed_by_label = $4, reviewed_at = $5, return_reason = $6
      WHERE id = $1 AND status = 'PROPOSED' RETURNING 1`,
    [r.id, r.status, r.by, r.label, r.at, r.reason],
  );
  return rows.length === 1;
}

/** A proposal still waiting when a manager records the decision directly no longer awaits anyone. */
export async function supersedePendingProposal(
  tx: Tx,
  episodeId: string,
  by: { userId: string | null; label: string; at: Date },
): Promise<void> {
  await tx.query(
    `UPDATE decision_proposal SET status = 'SUPERSEDED', reviewed_by = $2, reviewed_by_label = $3, reviewed_at = $4
      WHERE episode_id = $1 AND status = 'PROPOSED'`,
    [episodeId, by.userId, by.label, by.at],
  );
}

export interface HubMemberRow {
  id: string;
  display_name: string;
}

/** The active people of the area's hub who hold one of `roles` (those that triage), by display name. */
export function hubMembers(tx: Tx, area: string, roles: readonly string[]): Promise<HubMemberRow[]> {
  return tx.query<HubMemberRow>(
    `SELECT DISTINCT u.id, u.display_name FROM app_user u JOIN user_team ut ON ut.user_id = u.id
       JOIN team t ON t.id = ut.team_id
      WHERE t.area = $1 AND u.disabled_at IS NULL AND u.roles && $2::text[] ORDER BY u.display_name, u.id`,
    [area, roles],
  );
}

export async function allocate(
  tx: Tx,
  a: { episodeId: string; userId: string; label: string; at: Date },
): Promise<void> {
  await tx.query(
    'UPDATE mash_episode SET allocated_to = $2, allocated_label = $3, allocated_at = $4 WHERE id = $1',
    [a.episodeId, a.userId, a.label, a.at],
  );
}

export interface CaseloadRow {
  allocated_to: string;
  allocated_label: string;
  area: string;
  open: number;
  breached: number;
  decision_overdue: number;
}

/** Per allocated person of the caller's hubs: open episodes, how many breached, how many past the decision. */
export function caseload(tx: Tx, now: Date): Promise<CaseloadRow[]> {
  return tx.query<CaseloadRow>(
    `SELECT e.allocated_to, max(e.allocated_label) AS allocated_label, e.area, count(*)::int AS open,
            count(*) FILTER (WHERE e.breached_at IS NOT NULL OR e.rag_deadline < $1)::int AS breached,
            count(*) FILTER (WHERE e.decision_deadline < $1)::int AS decision_overdue
       FROM mash_episode e WHERE e.closed_at IS NULL AND e.allocated_to IS NOT NULL AND lantern_in_mash(e.area)
      GROUP BY e.allocated_to, e.area ORDER BY 2, e.area`,
    [now],
  );
}

export async function recordIcpc(tx: Tx, episodeId: string, heldOn: string, label: string): Promise<void> {
  await tx.query(
    'UPDATE mash_episode SET icpc_held_on = $2::date, icpc_recorded_by_label = $3 WHERE id = $1',
    [episodeId, heldOn, label],
  );
}

export interface WorkEpisodeRow {
  episode_id: string;
  area: string;
  reference: string;
  forename: string | null;
  surname: string | null;
  rag_deadline: Date | null;
  decision_deadline: Date;
  proposed_by_label: string | null;
  return_reason: string | null;
}

const nameOf = (idColumn: string, labelColumn: string) =>
  `coalesce((SELECT u.display_name FROM app_user u WHERE u.id = ${idColumn}), ${labelColumn})`;

const WORK_FROM = `mash_episode e JOIN victim_referral r ON r.id = e.referral_id JOIN person p ON p.id = e.person_id`;
const WORK_COLUMNS = `e.id AS episode_id, e.area, r.reference, p.forename, p.surname, e.rag_deadline, e.decision_deadline`;

/** Open episodes allocated to the user. */
export function allocatedTo(tx: Tx, userId: string): Promise<WorkEpisodeRow[]> {
  return tx.query<WorkEpisodeRow>(
    `SELECT ${WORK_COLUMNS}, NULL AS proposed_by_label, NULL AS return_reason FROM ${WORK_FROM}
      WHERE e.allocated_to = $1 AND e.closed_at IS NULL ORDER BY coalesce(e.rag_deadline, e.decision_deadline)`,
    [userId],
  );
}

/** Proposals awaiting a manager in the caller's hubs. */
export function proposalsAwaiting(tx: Tx): Promise<WorkEpisodeRow[]> {
  return tx.query<WorkEpisodeRow>(
    `SELECT ${WORK_COLUMNS}, ${nameOf('d.proposed_by', 'd.proposed_by_label')} AS proposed_by_label, NULL AS return_reason
       FROM decision_proposal d
       JOIN ${WORK_FROM} ON e.id = d.episode_id
      WHERE d.status = 'PROPOSED' AND e.closed_at IS NULL AND lantern_in_mash(d.area) ORDER BY e.decision_deadline`,
  );
}

/** The user's proposals returned on episodes still open with nothing newer proposed. */
export function proposalsReturnedTo(tx: Tx, userId: string): Promise<WorkEpisodeRow[]> {
  return tx.query<WorkEpisodeRow>(
    `SELECT ${WORK_COLUMNS}, ${nameOf('d.reviewed_by', 'd.reviewed_by_label')} AS proposed_by_label, d.return_reason
       FROM decision_proposal d
       JOIN ${WORK_FROM} ON e.id = d.episode_id
      WHERE d.status = 'RETURNED' AND d.proposed_by = $1 AND e.closed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM decision_proposal n WHERE n.episode_id = d.episode_id AND n.proposed_at > d.proposed_at)
      ORDER BY e.decision_deadline`,
    [userId],
  );
}
