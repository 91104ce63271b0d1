/**
 * SQL of the disruption register (migrations 009, 040 and 046): the only writer of `disposal` and
 * `disruption_breach` apart from the loader's bulk writer (`bulk-store.ts`). Every read runs under
 * row-level security: a tactic is visible to whoever may see its person and reads cases; a child named by a
 * tactic shows by name only to those who may see the child.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { BreachInput, TacticInput } from './rules.ts';

export interface TacticRow {
  id: string;
  person_id: string;
  type: string;
  started_on: string;
  child_person_id: string | null;
  /** The child's name, when the reader may see the child. */
  child_name: string | null;
  court_date: string | null;
  expires_on: string | null;
  review_on: string | null;
  sentence_months: string | null;
  conditions: string | null;
  /** The police system's reference of an imported disposal. */
  source_reference: string | null;
  recorded_by: string;
  agency_name: string | null;
  recorded_at: Date;
}

export interface BreachRow {
  id: string;
  disposal_id: string;
  breached_on: string;
  details: string;
  recorded_by: string;
  agency_id: string;
  recorded_at: Date;
  sro_decision: string | null;
  sro_reason: string | null;
  sro_decided_at: Date | null;
  sro_decided_by: string | null;
}

const NAME = `nullif(concat_ws(' ', c.forename, c.surname), '')`;
const TACTIC_COLUMNS = `d.id, d.person_id, d.type, d.disposed_at::text AS started_on, d.child_person_id,
  ${NAME} AS child_name, d.court_date::text AS court_date, d.expires_on::text AS expires_on,
  d.review_on::text AS review_on, d.sentence_months::text AS sentence_months, d.conditions, d.source_reference,
  ${actorNameSql('d.recorded_by_label')} AS recorded_by, a.name AS agency_name, d.created_at AS recorded_at`;
const TACTIC_FROM = `disposal d LEFT JOIN person c ON c.id = d.child_person_id LEFT JOIN agency a ON a.id = d.agency_id`;

export function tacticsOf(tx: Tx, personId: string): Promise<TacticRow[]> {
  return tx.query<TacticRow>(
    `SELECT ${TACTIC_COLUMNS} FROM ${TACTIC_FROM} WHERE d.person_id = $1
      ORDER BY d.disposed_at DESC, d.created_at DESC LIMIT 500`,
    [personId],
  );
}

export function tacticOf(tx: Tx, tacticId: string): Promise<TacticRow | null> {
  return tx.maybeOne<TacticRow>(`SELECT ${TACTIC_COLUMNS} FROM ${TACTIC_FROM} WHERE d.id = $1`, [tacticId]);
}

const BREACH_COLUMNS = `b.id, b.disposal_id, b.breached_on::text AS breached_on, b.details,
  ${actorNameSql('b.recorded_by_label')} AS recorded_by, b.agency_id, b.recorded_at, b.sro_decision, b.sro_reason,
  b.sro_decided_at, ${actorNameSql('b.sro_decided_by_label')} AS sro_decided_by`;

export function breachesOf(tx: Tx, tacticIds: readonly string[]): Promise<BreachRow[]> {
  if (tacticIds.length === 0) return Promise.resolve([]);
  return tx.query<BreachRow>(
    `SELECT ${BREACH_COLUMNS} FROM disruption_breach b WHERE b.disposal_id = ANY($1::uuid[])
      ORDER BY b.breached_on, b.recorded_at`,
    [tacticIds],
  );
}

export function breachOf(tx: Tx, breachId: string): Promise<BreachRow | null> {
  return tx.maybeOne<BreachRow>(`SELECT ${BREACH_COLUMNS} FROM disruption_breach b WHERE b.id = $1`, [
    breachId,
  ]);
}

/**
 * SQL for the children the person `person` (a parameter such as `$1`, or a column) is linked to: by a suspect
 * referral, or named as a suspect on a child's referral.
 */
export function linkedChildrenSql(person: string): string {
  return `SELECT l.child_person_id FROM suspect_referral s
    JOIN suspect_child_link l ON l.suspect_referral_id = s.id WHERE s.person_id = ${person}
  UNION SELECT v.person_id FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
   WHERE rp.person_id = ${person} AND rp.role = 'SUSPECT'`;
}

/** Whether the person has been referred or named as a suspect, or has a tactic recorded, as the reader sees. */
export async function isSuspectOrOffender(tx: Tx, personId: string): Promise<boolean> {
  const row = await tx.maybeOne<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM suspect_referral WHERE person_id = $1)
         OR EXISTS (SELECT 1 FROM referral_person WHERE person_id = $1 AND role = 'SUSPECT')
         OR EXISTS (SELECT 1 FROM disposal WHERE person_id = $1) AS yes`,
    [personId],
  );
  return row?.yes === true;
}

/** The children linked to the person, as far as the reader may see them. */
export function linkedChildrenOf(tx: Tx, personId: string): Promise<{ id: string; name: string }[]> {
  return tx.query<{ id: string; name: string }>(
    `SELECT DISTINCT c.id, coalesce(${NAME}, 'Name not recorded') AS name
       FROM person c WHERE c.merged_into IS NULL AND c.id IN (${linkedChildrenSql('$1')})
      ORDER BY name, c.id`,
    [personId],
  );
}

/** The person's latest suspect referral the reader may see: a tactic counts in its area and division. */
export async function latestSuspectReferral(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx.maybeOne<{ id: string }>(
    `SELECT id FROM suspect_referral WHERE person_id = $1 ORDER BY received_at DESC LIMIT 1`,
    [personId],
  );
  return row?.id ?? null;
}

export interface Recorder {
  userId: string | null;
  label: string;
  agencyId: string;
}

export async function insertTactic(
  tx: Tx,
  t: TacticInput & {
    personId: string;
    suspectReferralId: string | null;
    /** An imported disposal's reference in the police system (unique for the agency; migration 046). */
    sourceReference?: string | null;
    /** And the fingerprint of the row it came from (migration 053). */
    sourceFingerprint?: string | null;
  },
  by: Recorder,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO disposal (person_id, suspect_referral_id, type, disposed_at, sentence_months, expires_on,
       child_person_id, recorded_by_label, agency_id, recorded_by_user, conditions, court_date, review_on,
       source_reference, source_fingerprint)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      t.personId,
      t.suspectReferralId,
      t.tactic,
      t.startedOn,
      t.sentenceMonths,
      t.expiresOn,
      t.childPersonId,
      by.label,
      by.agencyId,
      by.userId,
      t.conditions,
      t.courtDate,
      t.reviewOn,
      t.sourceReference ?? null,
      t.sourceFingerprint ?? null,
    ],
  );
  return row.id;
}

export async function insertBreach(tx: Tx, tacticId: string, b: BreachInput, by: Recorder): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO disruption_breach (disposal_id, breached_on, details, recorded_by_user, recorded_by_label, agency_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tacticId, b.breachedOn, b.details, by.userId, by.label, by.agencyId],
  );
  return row.id;
}

/** Records the decision once: false when it was already decided (or is not the caller's agency's). */
export async function decideSro(
  tx: Tx,
  breachId: string,
  decision: string,
  reason: string | null,
  byLabel: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE disruption_breach SET sro_decision = $2, sro_reason = $3, sro_decided_at = now(), sro_decided_by_label = $4
      WHERE id = $1 AND sro_decision IS NULL RETURNING id`,
    [breachId, decision, reason, byLabel],
  );
  return rows.length === 1;
}

export interface DisruptionWorkRow {
  kind: 'SRO' | 'REVIEW' | 'EXPIRY';
  person_id: string;
  person_name: string | null;
  record_id: string;
  type: string;
  due_on: string;
}

/**
 * The agency's disruption work: breached notices whose Sexual Risk Order is undecided (due the day of the
 * breach), and its tactics' reviews and expiries up to `untilDay` ('YYYY-MM-DD').
 */
export function disruptionWorkOf(tx: Tx, agencyId: string, untilDay: string): Promise<DisruptionWorkRow[]> {
  return tx.query<DisruptionWorkRow>(
    `WITH due AS (
       SELECT 'SRO' AS kind, d.person_id, b.id AS record_id, d.type, b.breached_on AS due_on
         FROM disruption_breach b JOIN disposal d ON d.id = b.disposal_id
        WHERE b.agency_id = $1 AND b.sro_decision IS NULL AND d.type IN ('CAWN_S2', 'CAWN_S49')
       UNION ALL
       SELECT 'REVIEW', d.person_id, d.id, d.type, d.review_on FROM disposal d
        WHERE d.agency_id = $1 AND d.review_on <= $2::date AND d.review_on >= current_date - 90
       UNION ALL
       SELECT 'EXPIRY', d.person_id, d.id, d.type, d.expires_on FROM disposal d
        WHERE d.agency_id = $1 AND d.expires_on <= $2::date AND d.expires_on >= current_date
     )
     SELECT due.kind, due.person_id, nullif(concat_ws(' ', p.forename, p.surname), '') AS person_name,
            due.record_id, due.type, due.due_on::text AS due_on
       FROM due LEFT JOIN person p ON p.id = due.person_id
      ORDER BY due.due_on, due.record_id LIMIT 200`,
    [agencyId, untilDay],
  );
}

/**
 * Tactics about a person as chronology rows: those against them, those naming them as the child protected,
 * and those against people linked to the child by a referral, as far as the viewer may see them. d1: the tactic; d2: the person's
 * name (null when not visible); d3: 'NAMED' when the tactic names this child. Breaches follow their tactic.
 */
export function disruptionLinesOf(tx: Tx, childId: string, limit: number): Promise<ChronologyRow[]> {
  return tx.query<ChronologyRow>(
    `/* prepared */ WITH t AS (
       SELECT d.* FROM disposal d WHERE d.child_person_id = $1 OR d.person_id = $1
       UNION
       SELECT d.* FROM disposal d WHERE d.person_id IN (
         SELECT s.person_id FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
          WHERE l.child_person_id = $1
         UNION SELECT rp.person_id FROM victim_referral v JOIN referral_person rp ON rp.referral_id = v.id
          WHERE v.person_id = $1 AND rp.role = 'SUSPECT')
     )
     SELECT * FROM (
       SELECT 'DISRUPTION' AS kind, t.id AS record_id, t.person_id AS link_id,
              (t.disposed_at + time '12:00') AT TIME ZONE 'Europe/London' AS at, true AS date_only,
              u.display_name AS who_name, t.recorded_by_label AS who_label, t.agency_id, a.name AS agency_name,
              t.type AS d1, nullif(concat_ws(' ', p.forename, p.surname), '') AS d2,
              CASE WHEN t.child_person_id = $1 THEN 'NAMED' END AS d3
         FROM t LEFT JOIN agency a ON a.id = t.agency_id LEFT JOIN person p ON p.id = t.person_id
         LEFT JOIN app_user u ON u.id = t.recorded_by_user
       UNION ALL
       SELECT 'DISRUPTION_BREACH', b.id, t.person_id,
              (b.breached_on + time '12:00') AT TIME ZONE 'Europe/London', true,
              u.display_name, b.recorded_by_label, b.agency_id, a.name,
              t.type, nullif(concat_ws(' ', p.forename, p.surname), ''), NULL
         FROM t JOIN disruption_breach b ON b.disposal_id = t.id
         LEFT JOIN agency a ON a.id = b.agency_id LEFT JOIN person p ON p.id = t.person_id
         LEFT JOIN app_user u ON u.id = b.recorded_by_user
     ) lines ORDER BY at DESC, record_id LIMIT $2`,
    [childId, limit],
  );
}

export interface TacticEffectRow {
  tactic_id: string;
  missing_before: number;
  missing_after: number;
  referrals_before: number;
  referrals_after: number;
}

/**
 * For each of the person's tactics, the missing episodes and victim referrals of the children linked to the
 * person in the 90 days before and the 90 days after it (as far as the reader may see them): what a
 * tactic changed for the children it was meant to protect. A tactic has a date, not a time: what happened on
 * its day counts as before it (it is usually what led to it).
 */
export function tacticEffectsOf(tx: Tx, personId: string): Promise<TacticEffectRow[]> {
  return tx.query<TacticEffectRow>(
    `WITH children AS (${linkedChildrenSql('$1')}),
     t AS (SELECT d.id, ((d.disposed_at + 1) AT TIME ZONE 'Europe/London') AS at FROM disposal d WHERE d.person_id = $1)
     SELECT t.id AS tactic_id,
       (SELECT count(*) FROM missing_episode m WHERE m.person_id IN (SELECT * FROM children)
          AND m.reported_at >= t.at - interval '90 days' AND m.reported_at < t.at)::int AS missing_before,
       (SELECT count(*) FROM missing_episode m WHERE m.person_id IN (SELECT * FROM children)
          AND m.reported_at >= t.at AND m.reported_at < t.at + interval '90 days')::int AS missing_after,
       (SELECT count(*) FROM victim_referral v WHERE v.person_id IN (SELECT * FROM children)
          AND v.received_at >= t.at - interval '90 days' AND v.received_at < t.at)::int AS referrals_before,
       (SELECT count(*) FROM victim_referral v WHERE v.person_id IN (SELECT * FROM children)
          AND v.received_at >= t.at AND v.received_at < t.at + interval '90 days')::int AS referrals_after
       FROM t`,
    [personId],
  );
}

export interface ChildLinkRow {
  child_id: string;
  child_name: string | null;
  received_at: Date;
  reference: string;
  /** 'SUSPECT_REFERRAL' with the link type, or 'NAMED' with the relationship the referrer gave. */
  basis: 'SUSPECT_REFERRAL' | 'NAMED';
  detail: string | null;
}

/** Each link between the person and a child, with its date and basis, as far as the reader may see both. */
export function childLinksOf(tx: Tx, personId: string): Promise<ChildLinkRow[]> {
  return tx.query<ChildLinkRow>(
    `SELECT * FROM (
       SELECT c.id AS child_id, nullif(concat_ws(' ', c.forename, c.surname), '') AS child_name, s.received_at,
              s.reference, 'SUSPECT_REFERRAL' AS basis, l.link_type AS detail
         FROM suspect_referral s JOIN suspect_child_link l ON l.suspect_referral_id = s.id
         JOIN person c ON c.id = l.child_person_id WHERE s.person_id = $1
       UNION ALL
       SELECT c.id, nullif(concat_ws(' ', c.forename, c.surname), ''), v.received_at, v.reference, 'NAMED',
              rp.relationship
         FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
         JOIN person c ON c.id = v.person_id WHERE rp.person_id = $1 AND rp.role = 'SUSPECT'
     ) links ORDER BY received_at DESC LIMIT 200`,
    [personId],
  );
}

export interface ProfileCountRow {
  what: 'ROLE' | 'CONTACT';
  code: string;
  n: number;
}

/**
 * The roles the person's suspect referrals give them, and how the children whose referrals name them were
 * first contacted, counted (as far as the reader may see the referrals).
 */
export function profileCountsOf(tx: Tx, personId: string): Promise<ProfileCountRow[]> {
  return tx.query<ProfileCountRow>(
    `SELECT 'ROLE' AS what, s.role AS code, count(*)::int AS n FROM suspect_referral s WHERE s.person_id = $1 GROUP BY s.role
     UNION ALL
     SELECT 'CONTACT', v.contact_method, count(*)::int FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
      WHERE rp.person_id = $1 AND rp.role = 'SUSPECT' GROUP BY v.contact_method
     ORDER BY 1, 3 DESC, 2`,
    [personId],
  );
}
