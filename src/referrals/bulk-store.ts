/**
 * Bulk writers for the referrals' tables (victim_referral, referral_person, suspect_referral,
 * suspect_child_link, reference_counter), for loads of many rows at once (the synthetic
 * population). Each call is one statement over unnest'ed column arrays, so a batch costs one round trip and
 * one run of the statement-level statistics triggers; the caller chooses the batch size.
 */
import { columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';

/**
 * A text[] value as PostgreSQL's array input reads it, every element quoted: a batch of text[] values is
 * ragged, which an array parameter cannot hold, so each row's array travels as one text and is cast.
 */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

export interface VictimReferralBulkRow {
  id: string;
  reference: string;
  personId: string;
  childSourceRecordId: string;
  referringAgencyId: string;
  referredByLabel: string;
  practitionerName: string;
  practitionerRole: string | null;
  cinReferralSource: string;
  receivedAt: string;
  exploitationType: string;
  category: string;
  concerns: string;
  indicators: string[];
  exploitationModel: string;
  contactMethod: string;
  places: Array<{ description: string; postcode: string | null }>;
  consent: string;
  urgency: string;
  area: string;
  priorReferrals12m: number;
  priorReferralsEver: number;
}

/**
 * What became of a referral, when it is known as the referral is written: the MASH decision's outcome as
 * recorded for the referrer, and the police division. Writing a referral in its final state costs one
 * run of the statistics triggers instead of one for the insert and one for each later update.
 */
export interface ReferralFinalState {
  outcome: { outcome: string; feedback: string; decidedAt: string } | null;
  division: string | null;
}

/**
 * Inserts victim referrals: RECEIVED, or DECIDED with their outcome when `final` gives one. `withDivision`:
 * also write victim_referral.division (a later migration adds the column).
 */
export async function insertVictimReferralsBulk(
  tx: Tx,
  rows: readonly VictimReferralBulkRow[],
  final: (row: VictimReferralBulkRow) => ReferralFinalState,
  options: { withDivision: boolean },
): Promise<void> {
  if (rows.length === 0) return;
  const division = options.withDivision;
  await tx.query(
    `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
       referred_by_label, practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type,
       category, concerns, indicators, exploitation_model, contact_method, places, consent, urgency, area, status,
       prior_referrals_12m, prior_referrals_ever, created_at, outcome, outcome_feedback, outcome_at,
       concern_noticed_at ${division ? ', division' : ''})
     SELECT id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_label,
            practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type, category,
            concerns, indicators::text[], exploitation_model, contact_method,
            places, consent, urgency, area, CASE WHEN outcome IS NULL THEN 'RECEIVED' ELSE 'DECIDED' END,
            prior_12m, prior_ever, received_at, outcome, outcome_feedback, outcome_at,
            -- The referrer noticed the concern shortly before Lantern received the referral (20 minutes to
            -- a day), fixed by the reference so that a load is the same every time (decision 0014).
            received_at - make_interval(mins => 20 + abs(hashtext(reference)) % 1420)
            ${division ? ', division' : ''}
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                   $16::text[], $17::jsonb[], $18::text[], $19::text[], $20::text[], $21::int[], $22::int[],
                   $23::text[], $24::text[], $25::timestamptz[], $26::text[])
         AS x(id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_label,
              practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type, category,
              concerns, indicators, exploitation_model, contact_method, places, consent, urgency, area, prior_12m,
              prior_ever, outcome, outcome_feedback, outcome_at, division)`,
    columnsOf(rows, (v) => {
      const f = final(v);
      return [
        v.id,
        v.reference,
        v.personId,
        v.childSourceRecordId,
        v.referringAgencyId,
        v.referredByLabel,
        v.practitionerName,
        v.practitionerRole,
        v.cinReferralSource,
        v.receivedAt,
        v.exploitationType,
        v.category,
        v.concerns,
        arrayLiteral(v.indicators),
        v.exploitationModel,
        v.contactMethod,
        JSON.stringify(v.places),
        v.consent,
        v.urgency,
        v.area,
        v.priorReferrals12m,
        v.priorReferralsEver,
        f.outcome?.outcome ?? null,
        f.outcome?.feedback ?? null,
        f.outcome?.decidedAt ?? null,
        f.division,
      ];
    }),
  );
}

/** The outcome on referrals written before their decision, as the decision records it for the referrer. */
export async function setReferralOutcomesBulk(
  tx: Tx,
  rows: readonly { referralId: string; outcome: string; feedback: string; decidedAt: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE victim_referral v SET status = 'DECIDED', outcome = x.outcome, outcome_feedback = x.feedback,
            outcome_at = x.decided_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS x(id, outcome, feedback, decided_at)
      WHERE v.id = x.id`,
    columnsOf(rows, (d) => [d.referralId, d.outcome, d.feedback, d.decidedAt]),
  );
}

/** The police division of referrals written before the column existed. */
export async function setReferralDivisionsBulk(
  tx: Tx,
  rows: readonly { id: string; division: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE victim_referral v SET division = x.division
       FROM unnest($1::uuid[], $2::text[]) AS x(id, division) WHERE v.id = x.id`,
    columnsOf(rows, (r) => [r.id, r.division]),
  );
}

export interface ReferralPersonBulkRow {
  referralId: string;
  personId: string;
  sourceRecordId: string;
  role: string;
}

export async function insertReferralPeopleBulk(
  tx: Tx,
  rows: readonly ReferralPersonBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO referral_person (referral_id, person_id, source_record_id, role)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`,
    columnsOf(rows, (r) => [r.referralId, r.personId, r.sourceRecordId, r.role]),
  );
}

export interface SuspectReferralBulkRow {
  id: string;
  reference: string;
  personId: string;
  sourceRecordId: string;
  referringAgencyId: string;
  referredByLabel: string;
  practitionerName: string;
  receivedAt: string;
  status: string;
  role: string;
  source: string;
  division: string | null;
  area: string;
}

export async function insertSuspectReferralsBulk(
  tx: Tx,
  rows: readonly SuspectReferralBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO suspect_referral (id, reference, person_id, source_record_id, referring_agency_id, referred_by_label,
       practitioner_name, received_at, status, role, source, division, area, created_at)
     SELECT id, reference, person_id, source_record_id, referring_agency_id, referred_by_label, practitioner_name,
            received_at, status, role, source, division, area, received_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS x(id, reference, person_id, source_record_id, referring_agency_id, referred_by_label, practitioner_name,
              received_at, status, role, source, division, area)`,
    columnsOf(rows, (s) => [
      s.id,
      s.reference,
      s.personId,
      s.sourceRecordId,
      s.referringAgencyId,
      s.referredByLabel,
      s.practitionerName,
      s.receivedAt,
      s.status,
      s.role,
      s.source,
      s.division,
      s.area,
    ]),
  );
}

export interface SuspectChildLinkBulkRow {
  suspectReferralId: string;
  childPersonId: string;
  linkType: string;
}

export async function insertSuspectChildLinksBulk(
  tx: Tx,
  rows: readonly SuspectChildLinkBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO suspect_child_link (suspect_referral_id, child_person_id, link_type)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
    columnsOf(rows, (l) => [l.suspectReferralId, l.childPersonId, l.linkType]),
  );
}

/** Moves reference counters on past loaded references, so that the service never issues one twice. */
export async function raiseReferenceCountersBulk(
  tx: Tx,
  rows: readonly { prefix: string; year: number; last: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO reference_counter (prefix, year, last)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
     ON CONFLICT (prefix, year) DO UPDATE SET last = greatest(reference_counter.last, excluded.last)`,
    columnsOf(rows, (c) => [c.prefix, c.year, c.last]),
  );
}

/** What happened to a suspect (charges, convictions, orders), beside their suspect referral. */
