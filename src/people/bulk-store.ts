/**
 * Bulk writers for the registry's tables (person, source_record, source_address), for loads of many rows
 * at once (the synthetic population). Each call is one statement: `INSERT ... SELECT FROM unnest(...)` with
 * one array parameter a column, so a batch costs one round trip and one run of the statement-level
 * statistics triggers. The caller chooses the batch size.
 */
import { arrayLiteral, columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { CleanPersonDetails, SearchKeys } from './rules.ts';
import { sourceRecordDetailValues } from './store.ts';

export interface PersonBulkRow {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimatedAge: number | null;
  gender: string;
  agencyIds: string[];
  areas: string[];
  createdAt: string;
  updatedAt: string;
}

export async function insertPeopleBulk(tx: Tx, rows: readonly PersonBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO person (id, forename, surname, dob, estimated_age, gender, agency_ids, areas, created_at, updated_at)
     SELECT id, forename, surname, dob, estimated_age, gender,
            agency_ids::uuid[], areas::text[], created_at, updated_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::int[], $6::text[], $7::text[], $8::text[],
                   $9::timestamptz[], $10::timestamptz[])
         AS x(id, forename, surname, dob, estimated_age, gender, agency_ids, areas, created_at, updated_at)`,
    columnsOf(rows, (p) => [
      p.id,
      p.forename,
      p.surname,
      p.dob,
      p.estimatedAge,
      p.gender,
      arrayLiteral(p.agencyIds),
      arrayLiteral(p.areas),
      p.createdAt,
      p.updatedAt,
    ]),
  );
}

/** A source record as intake cleans it, with its search keys. */
export interface SourceRecordBulkRow {
  id: string;
  personId: string;
  agencyId: string;
  submittedByLabel: string;
  submittedAt: string;
  provenance: string;
  subjectRole: string;
  details: CleanPersonDetails;
  keys: SearchKeys;
}

export async function insertSourceRecordsBulk(tx: Tx, rows: readonly SourceRecordBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO source_record (id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role,
       forename, surname, aliases, dob, estimated_age, age_explanation, gender, ethnicity, nhs_number, school_upn,
       police_ref, la_id, living_situation, looked_after, learning_disability_or_sen, camhs_contact,
       search_name, forename_dm, surname_dm, surname_dm_alt)
     SELECT id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role,
            forename, surname, aliases::text[], dob, estimated_age, age_explanation,
            gender, ethnicity, nhs_number, school_upn, police_ref, la_id, living_situation, looked_after,
            learning_disability_or_sen, camhs_contact, search_name, forename_dm, surname_dm, surname_dm_alt
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::date[], $12::int[], $13::text[], $14::text[], $15::text[],
                   $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::boolean[], $22::boolean[],
                   $23::boolean[], $24::text[], $25::text[], $26::text[], $27::text[])
         AS x(id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role, forename, surname,
              aliases, dob, estimated_age, age_explanation, gender, ethnicity, nhs_number, school_upn, police_ref,
              la_id, living_situation, looked_after, learning_disability_or_sen, camhs_contact, search_name,
              forename_dm, surname_dm, surname_dm_alt)`,
    columnsOf(rows, (s) => {
      const d = s.details;
      return [
        s.id,
        s.personId,
        s.agencyId,
        s.submittedByLabel,
        s.submittedAt,
        s.provenance,
        s.subjectRole,
        ...sourceRecordDetailValues(d, s.keys, arrayLiteral(d.aliases)),
      ];
    }),
  );
}

export interface SourceAddressBulkRow {
  id: string;
  sourceRecordId: string;
  line1: string | null;
  town: string | null;
  postcode: string | null;
  postcodeKey: string | null;
}

export async function insertSourceAddressesBulk(
  tx: Tx,
  rows: readonly SourceAddressBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO source_address (id, source_record_id, line1, town, postcode, postcode_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    columnsOf(rows, (a) => [a.id, a.sourceRecordId, a.line1, a.town, a.postcode, a.postcodeKey]),
  );
}

/** The child's CSE flag, from their latest risk assessment. */
export interface CseRiskBulkRow {
  personId: string;
  level: string;
  reviewDue: string;
}

export async function setCseRiskBulk(tx: Tx, rows: readonly CseRiskBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE person p SET cse_risk_level = x.level, cse_review_due = x.due
       FROM unnest($1::uuid[], $2::text[], $3::date[]) AS x(id, level, due) WHERE p.id = x.id`,
    columnsOf(rows, (r) => [r.personId, r.level, r.reviewDue]),
  );
}

/** A child's missing facts (see the missing module's repeat-missing rule). */
export interface MissingFlagsBulkRow {
  personId: string;
  repeatMissing: boolean;
  repeatMissingSince: string | null;
  missingMoreThanOnce: boolean;
}

/** `withSince`: the database has person.repeat_missing_since (a later migration adds it). */
export async function setMissingFlagsBulk(
  tx: Tx,
  rows: readonly MissingFlagsBulkRow[],
  options: { withSince: boolean },
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    options.withSince
      ? `UPDATE person p SET repeat_missing = x.repeat, missing_more_than_once = x.more, repeat_missing_since = x.since
           FROM unnest($1::uuid[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS x(id, repeat, more, since)
          WHERE p.id = x.id`
      : `UPDATE person p SET repeat_missing = x.repeat, missing_more_than_once = x.more
           FROM unnest($1::uuid[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS x(id, repeat, more, since)
          WHERE p.id = x.id`,
    columnsOf(rows, (f) => [f.personId, f.repeatMissing, f.missingMoreThanOnce, f.repeatMissingSince]),
  );
}
