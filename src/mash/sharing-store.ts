/** SQL of sharing grants: writing and revoking them, and reading what a recipient was given. */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { ContributionRow } from './store.ts';

export interface NewGrant {
  decisionId: string;
  episodeId: string;
  referralId: string;
  personId: string;
  area: string;
  recipientKind: string;
  recipientId: string;
  recipientLabel: string;
  items: string[];
  contributionIds: string[];
  riskAssessmentId: string | null;
  grantedBy: string | null;
  grantedByLabel: string;
  startsAt: Date;
  expiresAt: Date;
}

export async function insertGrant(tx: Tx, g: NewGrant): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO sharing_grant (id, decision_id, episode_id, referral_id, person_id, area, recipient_kind, recipient_id,
       recipient_label, items, contribution_ids, risk_assessment_id, granted_by, granted_by_label, starts_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12, $13, $14, $15, $16)`,
    [
      id,
      g.decisionId,
      g.episodeId,
      g.referralId,
      g.personId,
      g.area,
      g.recipientKind,
      g.recipientId,
      g.recipientLabel,
      g.items,
      g.contributionIds,
      g.riskAssessmentId,
      g.grantedBy,
      g.grantedByLabel,
      g.startsAt,
      g.expiresAt,
    ],
  );
  return id;
}

/** A recipient as it reads ("South CSE team, Lancashire Police"), or null when there is none such. */
export async function recipientLabel(tx: Tx, kind: string, id: string): Promise<string | null> {
  const row = await tx.one<{ label: string | null }>('SELECT lantern_sharing_recipient($1, $2) AS label', [
    kind,
    id,
  ]);
  return row.label;
}

export interface RecipientChoice {
  id: string;
  name: string;
  agency: string;
}

export function agencyChoices(tx: Tx): Promise<RecipientChoice[]> {
  return tx.query<RecipientChoice>('SELECT id, name, name AS agency FROM agency ORDER BY name');
}

export function teamChoices(tx: Tx): Promise<RecipientChoice[]> {
  return tx.query<RecipientChoice>(
    'SELECT t.id, t.name, a.name AS agency FROM team t JOIN agency a ON a.id = t.agency_id ORDER BY a.name, t.name',
  );
}

/** Active users holding any of the roles (those that read cases), by display name. */
export function userChoices(tx: Tx, roles: readonly string[]): Promise<RecipientChoice[]> {
  return tx.query<RecipientChoice>(
    `SELECT u.id, u.display_name AS name, a.name AS agency FROM app_user u JOIN agency a ON a.id = u.agency_id
      WHERE u.disabled_at IS NULL AND u.roles && $1::text[] ORDER BY u.display_name, a.name`,
    [roles],
  );
}

/** The episode's contributions among the ids, with whether their owners marked them releasable. */
export function contributionsOf(
  tx: Tx,
  episodeId: string,
  ids: readonly string[],
): Promise<Array<{ id: string; releasable: boolean }>> {
  return tx.query('SELECT id, releasable FROM contribution WHERE episode_id = $1 AND id = ANY ($2::uuid[])', [
    episodeId,
    ids,
  ]);
}

export interface GrantRow {
  id: string;
  decision_id: string;
  episode_id: string;
  referral_id: string;
  person_id: string;
  area: string;
  recipient_kind: 'AGENCY' | 'TEAM' | 'USER';
  recipient_id: string;
  recipient_label: string;
  items: string[];
  contribution_ids: string[];
  risk_assessment_id: string | null;
  granted_by_label: string;
  starts_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by_label: string | null;
  revoke_reason: string | null;
}

const GRANT_COLUMNS = `g.id, g.decision_id, g.episode_id, g.referral_id, g.person_id, g.area, g.recipient_kind, g.recipient_id,
  g.recipient_label, g.items, g.contribution_ids::text[] AS contribution_ids, g.risk_assessment_id, ${actorNameSql('g.granted_by_label')} AS granted_by_label,
  g.starts_at, g.expires_at, g.revoked_at, ${actorNameSql('g.revoked_by_label')} AS revoked_by_label, g.revoke_reason`;

export function findGrant(tx: Tx, id: string): Promise<GrantRow | null> {
  return tx.maybeOne<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM sharing_grant g WHERE g.id = $1`, [id]);
}

export async function grantExists(tx: Tx, id: string): Promise<boolean> {
  return (await tx.one<{ e: boolean }>('SELECT lantern_sharing_grant_exists($1) AS e', [id])).e;
}

export function grantsOfEpisode(tx: Tx, episodeId: string): Promise<GrantRow[]> {
  return tx.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM sharing_grant g WHERE g.episode_id = $1 ORDER BY g.starts_at, g.recipient_label`,
    [episodeId],
  );
}

export async function revokeGrant(
  tx: Tx,
  id: string,
  by: { userId: string | null; label: string; reason: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE sharing_grant SET revoked_at = $2, revoked_by = $3, revoked_by_label = $4, revoke_reason = $5
      WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [id, by.at, by.userId, by.label, by.reason],
  );
  return rows.length === 1;
}

/** Who the grants name: the user, their teams, their agency. */
export interface RecipientOf {
  userId: string;
  teamIds: readonly string[];
  agencyId: string | null;
}

export interface SharedWithRow extends GrantRow {
  forename: string | null;
  surname: string | null;
}

const MINE = `((g.recipient_kind = 'USER' AND g.recipient_id = $1) OR (g.recipient_kind = 'TEAM' AND g.recipient_id = ANY ($2::uuid[]))
  OR (g.recipient_kind = 'AGENCY' AND g.recipient_id = $3)) AND g.revoked_at IS NULL AND g.starts_at <= $4 AND g.expires_at > $4`;

/** The active grants naming the recipient (a hub member also sees the hub's grants to others: not here). */
export function grantsTo(
  tx: Tx,
  to: RecipientOf,
  now: Date,
  page: { limit: number; offset: number },
): Promise<SharedWithRow[]> {
  return tx.query<SharedWithRow>(
    `SELECT ${GRANT_COLUMNS}, p.forename, p.surname FROM sharing_grant g JOIN person p ON p.id = g.person_id
      WHERE ${MINE} ORDER BY g.expires_at, g.id LIMIT $5 OFFSET $6`,
    [to.userId, to.teamIds, to.agencyId, now, page.limit, page.offset],
  );
}

export async function countGrantsTo(tx: Tx, to: RecipientOf, now: Date): Promise<number> {
  const row = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM sharing_grant g WHERE ${MINE}`, [
    to.userId,
    to.teamIds,
    to.agencyId,
    now,
  ]);
  return row.n;
}

/** The active grants naming the recipient of those of these people it may not see by scope. */
export function grantsOfPeopleTo(
  tx: Tx,
  to: RecipientOf,
  personIds: readonly string[],
  now: Date,
): Promise<Array<{ id: string; person_id: string }>> {
  return tx.query(
    `SELECT g.id, g.person_id FROM sharing_grant g JOIN person p ON p.id = g.person_id
      WHERE ${MINE} AND g.person_id = ANY ($5::uuid[]) AND NOT lantern_may_see_person(p)
      ORDER BY g.expires_at DESC`,
    [to.userId, to.teamIds, to.agencyId, now, personIds],
  );
}

// ---------------------------------------------------------------- the items, as row-level security allows

export interface SharedPersonRow {
  forename: string | null;
  surname: string | null;
  dob: string | null;
}

export function sharedPerson(tx: Tx, personId: string): Promise<SharedPersonRow | null> {
  return tx.maybeOne<SharedPersonRow>(
    `SELECT forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob FROM person WHERE id = $1`,
    [personId],
  );
}

export interface SharedReferralRow {
  reference: string;
  received_at: Date;
  referring_agency_name: string;
  practitioner_name: string;
  practitioner_role: string | null;
  exploitation_type: string;
  category: string;
  concerns: string;
  exploitation_model: string;
  contact_method: string;
  urgency: string;
}

export function sharedReferral(tx: Tx, referralId: string): Promise<SharedReferralRow | null> {
  return tx.maybeOne<SharedReferralRow>(
    `SELECT r.reference, r.received_at, a.name AS referring_agency_name, r.practitioner_name, r.practitioner_role,
            r.exploitation_type, r.category, r.concerns, r.exploitation_model, r.contact_method, r.urgency
       FROM victim_referral r JOIN agency a ON a.id = r.referring_agency_id WHERE r.id = $1`,
    [referralId],
  );
}

/** A contribution as a recipient of shared information reads it: neither the owner's id nor its marking. */
export type SharedContributionRow = Omit<ContributionRow, 'agency_id' | 'releasable'>;

/** Exactly the contributions named (row-level security lets no other through either). */
export function sharedContributions(tx: Tx, ids: readonly string[]): Promise<SharedContributionRow[]> {
  return tx.query<SharedContributionRow>(
    `SELECT c.id, a.name AS agency_name, ${actorNameSql('c.contributed_by_label')} AS contributed_by_label, c.contributed_at, c.summary, c.relevant_history,
            c.risk_information, c.handling_code
       FROM contribution c JOIN agency a ON a.id = c.agency_id WHERE c.id = ANY ($1::uuid[]) ORDER BY c.contributed_at`,
    [ids],
  );
}

export interface SharedDecisionRow {
  decided_at: Date;
  contact_outcome: string;
  social_care_outcome: string;
  statutory_measures: string[];
  rationale: string;
}

export function sharedDecision(tx: Tx, episodeId: string): Promise<SharedDecisionRow | null> {
  return tx.maybeOne<SharedDecisionRow>(
    `SELECT decided_at, contact_outcome, social_care_outcome, statutory_measures, rationale
       FROM mash_decision WHERE episode_id = $1`,
    [episodeId],
  );
}
