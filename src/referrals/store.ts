/** SQL for victim and suspect referrals. Row-level security limits every read to the caller's scope. */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { FIELDS, selectedColumns } from './field-kinds.ts';
import type { FieldRow } from './fields.ts';

// The partnership's areas are read in the kernel; the suspect referral form offers them from here.
export { partnershipAreas as knownAreas } from '../platform/codes/area-store.ts';

export async function nextReference(tx: Tx, prefix: 'VR' | 'SR', at: Date): Promise<string> {
  const row = await tx.one<{ reference: string }>('SELECT lantern_next_reference($1, $2) AS reference', [
    prefix,
    at.getUTCFullYear(),
  ]);
  return row.reference;
}

export async function priorReferrals(
  tx: Tx,
  personId: string,
  before: Date,
): Promise<{ within12Months: number; ever: number }> {
  const row = await tx.one<{ within_12_months: number; ever: number }>(
    'SELECT within_12_months, ever FROM lantern_prior_referrals($1, $2)',
    [personId, before],
  );
  return { within12Months: row.within_12_months, ever: row.ever };
}

export async function agencyArea(
  tx: Tx,
  agencyId: string,
): Promise<{ area: string | null; type: string } | null> {
  return tx.maybeOne('SELECT area, type FROM agency WHERE id = $1', [agencyId]);
}

export interface NewVictimReferral {
  reference: string;
  personId: string;
  childSourceRecordId: string | null;
  referringAgencyId: string;
  referredByUser: string | null;
  referredByLabel: string;
  practitionerName: string;
  practitionerRole: string | null;
  practitionerContact: string | null;
  receivedAt: Date;
  concernNoticedAt: Date;
  originalReceivedAt: Date | null;
  division: string | null;
  indicators: string[];
  places: Array<{ description: string; postcode: string | null }>;
  area: string;
  priorReferrals12m: number;
  priorReferralsEver: number;
  /** The simple fields (fields.ts) by column, as field-kinds.ts storedValues gives them. */
  fields: Readonly<Record<string, unknown>>;
  /** Set when the referral comes from an import of history (decision 0026). */
  imported?: ImportMark | null;
}

/** Where an imported referral came from: the source system, its reference there, and the import. */
export interface ImportMark {
  system: string;
  reference: string;
  fingerprint: string;
  batch: string;
  at: Date;
}

/** The import columns' values (import_system to imported_at), all null for a live referral. */
function importMarkValues(mark: ImportMark | null | undefined): unknown[] {
  return [
    mark?.system ?? null,
    mark?.reference ?? null,
    mark?.fingerprint ?? null,
    mark?.batch ?? null,
    mark?.at ?? null,
  ];
}

export async function insertVictimReferral(tx: Tx, r: NewVictimReferral): Promise<string> {
  const id = randomUUID();
  const values: unknown[] = [
    id,
    r.reference,
    r.personId,
    r.childSourceRecordId,
    r.referringAgencyId,
    r.referredByUser,
    r.referredByLabel,
    r.practitionerName,
    r.practitionerRole,
    r.practitionerContact,
    r.receivedAt,
    r.indicators,
    JSON.stringify(r.places),
    r.area,
    r.priorReferrals12m,
    r.priorReferralsEver,
    r.concernNoticedAt,
    r.originalReceivedAt,
    r.division,
    ...importMarkValues(r.imported),
    ...FIELDS.map((f) => r.fields[f.column] ?? null),
  ];
  await tx.query(
    `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_user,
       referred_by_label, practitioner_name, practitioner_role, practitioner_contact, received_at, indicators, places,
       area, prior_referrals_12m, prior_referrals_ever, concern_noticed_at, original_received_at, division,
       import_system, import_reference, import_fingerprint, import_batch, imported_at, ${FIELDS.map((f) => f.column).join(', ')})
     VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
  return id;
}

export async function insertReferralPerson(
  tx: Tx,
  link: {
    referralId: string;
    personId: string;
    sourceRecordId: string | null;
    role: 'SUSPECT' | 'ASSOCIATE';
    relationship: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO referral_person (referral_id, person_id, source_record_id, role, relationship) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [link.referralId, link.personId, link.sourceRecordId, link.role, link.relationship],
  );
}

export interface NewSuspectReferral {
  reference: string;
  personId: string;
  sourceRecordId: string;
  referringAgencyId: string;
  referredByUser: string | null;
  referredByLabel: string;
  practitionerName: string;
  receivedAt: Date;
  status: string;
  role: string;
  source: string;
  division: string | null;
  area: string;
  notes: string | null;
  /** Set when the referral comes from an import of history (decision 0026). */
  imported?: ImportMark | null;
}

export async function insertSuspectReferral(tx: Tx, r: NewSuspectReferral): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO suspect_referral (id, reference, person_id, source_record_id, referring_agency_id, referred_by_user,
       referred_by_label, practitioner_name, received_at, status, role, source, division, area, notes,
       import_system, import_reference, import_fingerprint, import_batch, imported_at)
     VALUES ($15, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16, $17, $18, $19, $20)`,
    [
      r.reference,
      r.personId,
      r.sourceRecordId,
      r.referringAgencyId,
      r.referredByUser,
      r.referredByLabel,
      r.practitionerName,
      r.receivedAt,
      r.status,
      r.role,
      r.source,
      r.division,
      r.area,
      r.notes,
      id,
      ...importMarkValues(r.imported),
    ],
  );
  return id;
}

export async function insertSuspectChildLink(
  tx: Tx,
  link: { suspectReferralId: string; childPersonId: string; linkType: string; note: string | null },
): Promise<void> {
  await tx.query(
    'INSERT INTO suspect_child_link (suspect_referral_id, child_person_id, link_type, note) VALUES ($1, $2, $3, $4)',
    [link.suspectReferralId, link.childPersonId, link.linkType, link.note],
  );
}

/** A referral as read: the simple fields' columns (fields.ts) and the rest. */
export interface VictimReferralRow extends FieldRow {
  id: string;
  reference: string;
  person_id: string;
  referring_agency_id: string;
  referring_agency_name: string;
  referred_by_label: string;
  practitioner_name: string;
  practitioner_role: string | null;
  practitioner_contact: string | null;
  received_at: Date;
  concern_noticed_at: Date | null;
  original_received_at: Date | null;
  division: string | null;
  division_override_reason: string | null;
  division_overridden_by_label: string | null;
  division_overridden_at: Date | null;
  indicators: string[];
  places: Array<{ description: string; postcode: string | null }>;
  area: string;
  status: string;
  outcome: string | null;
  outcome_feedback: string | null;
  outcome_at: Date | null;
  prior_referrals_12m: number;
  prior_referrals_ever: number;
  child_forename: string | null;
  child_surname: string | null;
  child_dob: string | null;
  /** An imported referral's source system and when it was imported (decision 0026); null for live ones. */
  import_system?: string | null;
  imported_at?: Date | null;
}

const REFERRAL_COLUMNS = `r.id, r.reference, r.person_id, r.referring_agency_id, a.name AS referring_agency_name,
  ${actorNameSql('r.referred_by_label')} AS referred_by_label, r.practitioner_name, r.practitioner_role, r.practitioner_contact, r.received_at, r.indicators,
  r.concern_noticed_at, r.original_received_at, r.division, r.division_override_reason,
  ${actorNameSql('r.division_overridden_by_label')} AS division_overridden_by_label, r.division_overridden_at, r.places, r.area, r.status, r.outcome, r.outcome_feedback, r.outcome_at, r.prior_referrals_12m,
  r.prior_referrals_ever, r.import_system, r.imported_at, ${selectedColumns('r')},
  coalesce(s.forename, p.forename) AS child_forename, coalesce(s.surname, p.surname) AS child_surname,
  to_char(coalesce(s.dob, p.dob), 'YYYY-MM-DD') AS child_dob`;

const REFERRAL_FROM = `victim_referral r JOIN agency a ON a.id = r.referring_agency_id
  JOIN person p ON p.id = r.person_id LEFT JOIN source_record s ON s.id = r.child_source_record_id`;

export function findVictimReferral(tx: Tx, id: string): Promise<VictimReferralRow | null> {
  return tx.maybeOne<VictimReferralRow>(`SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM} WHERE r.id = $1`, [
    id,
  ]);
}

export function findVictimReferralByReference(tx: Tx, reference: string): Promise<VictimReferralRow | null> {
  return tx.maybeOne<VictimReferralRow>(
    `SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM} WHERE r.reference = $1`,
    [reference],
  );
}

/** Referrals the caller may see, newest first; `agencyId` narrows to one referring agency. */
export function listVictimReferrals(
  tx: Tx,
  options: { agencyId?: string | null; limit: number; offset?: number },
): Promise<VictimReferralRow[]> {
  // r.id breaks ties so that pages neither repeat nor skip a referral received at the same instant.
  return tx.query<VictimReferralRow>(
    `SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM}
      WHERE $1::uuid IS NULL OR r.referring_agency_id = $1 ORDER BY r.received_at DESC, r.id LIMIT $2 OFFSET $3`,
    [options.agencyId ?? null, options.limit, options.offset ?? 0],
  );
}

export interface LinkedPersonRow {
  person_id: string;
  role: string;
  relationship: string | null;
  forename: string | null;
  surname: string | null;
}

export function peopleOnReferral(tx: Tx, referralId: string): Promise<LinkedPersonRow[]> {
  return tx.query<LinkedPersonRow>(
    `SELECT rp.person_id, rp.role, rp.relationship, coalesce(s.forename, p.forename) AS forename,
            coalesce(s.surname, p.surname) AS surname
       FROM referral_person rp JOIN person p ON p.id = rp.person_id
       LEFT JOIN source_record s ON s.id = rp.source_record_id
      WHERE rp.referral_id = $1 ORDER BY rp.role, surname`,
    [referralId],
  );
}

export interface EarlierReferralRow {
  id: string;
  reference: string;
  received_at: Date;
  referring_agency_name: string;
  category: string;
  status: string;
  outcome: string | null;
}

/** The person's referrals the caller may see (row-level security), newest first. */
export function referralsOfPerson(tx: Tx, personId: string): Promise<EarlierReferralRow[]> {
  return tx.query<EarlierReferralRow>(
    `SELECT r.id, r.reference, r.received_at, a.name AS referring_agency_name, r.category, r.status, r.outcome
       FROM victim_referral r JOIN agency a ON a.id = r.referring_agency_id
      WHERE r.person_id = $1 ORDER BY r.received_at DESC`,
    [personId],
  );
}

export interface SuspectReferralRow {
  id: string;
  reference: string;
  person_id: string;
  referring_agency_id: string;
  referring_agency_name: string;
  practitioner_name: string;
  received_at: Date;
  status: string;
  role: string;
  source: string;
  division: string | null;
  area: string;
  notes: string | null;
  forename: string | null;
  surname: string | null;
  gender: string;
  ethnicity: string | null;
  linked_children: Array<{ personId: string; linkType: string; note: string | null }>;
  /** An imported referral's source system and when it was imported (decision 0026); null for live ones. */
  import_system?: string | null;
  imported_at?: Date | null;
}

export function findSuspectReferral(tx: Tx, id: string): Promise<SuspectReferralRow | null> {
  return tx.maybeOne<SuspectReferralRow>(
    `SELECT r.id, r.reference, r.person_id, r.referring_agency_id, a.name AS referring_agency_name, r.practitioner_name,
            r.received_at, r.status, r.role, r.source, r.division, r.area, r.notes, s.forename, s.surname, s.gender,
            s.ethnicity, r.import_system, r.imported_at,
            coalesce((SELECT json_agg(json_build_object('personId', l.child_person_id, 'linkType', l.link_type, 'note', l.note))
                      FROM suspect_child_link l WHERE l.suspect_referral_id = r.id), '[]') AS linked_children
       FROM suspect_referral r JOIN agency a ON a.id = r.referring_agency_id JOIN source_record s ON s.id = r.source_record_id
      WHERE r.id = $1`,
    [id],
  );
}
