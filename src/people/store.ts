/** SQL for the person registry: people, their source records and addresses, and the timeline. */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { CleanPersonDetails, SearchKeys, SubjectRole } from './rules.ts';

export interface PersonRow {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimated_age: number | null;
  gender: string | null;
  agency_ids: string[];
  areas: string[];
  restricted: boolean;
  case_team: string[];
  merged_into: string | null;
  created_at: Date;
}

const PERSON_COLUMNS = `id, forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob, estimated_age, gender, agency_ids, areas,
  restricted, case_team, merged_into, created_at`;

export function findPerson(tx: Tx, id: string): Promise<PersonRow | null> {
  return tx.maybeOne<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM person WHERE id = $1`, [id]);
}

export async function recordExists(
  tx: Tx,
  kind: 'person' | 'victim_referral' | 'suspect_referral',
  id: string,
): Promise<boolean> {
  const row = await tx.one<{ exists: boolean }>('SELECT lantern_record_exists($1, $2) AS exists', [kind, id]);
  return row.exists;
}

/** Works a person's scope and summary out again from the records about them. */
export async function recomputePerson(tx: Tx, personId: string): Promise<void> {
  await tx.query('SELECT lantern_recompute_person($1)', [personId]);
}

export async function insertPerson(
  tx: Tx,
  summary: Pick<CleanPersonDetails, 'forename' | 'surname' | 'dob' | 'estimatedAge' | 'gender'>,
  agencyId: string,
  area: string | null,
): Promise<string> {
  // Ids are made here rather than RETURNING'd throughout intake: a submitter who may create but not read
  // (a partner system with referral:create only) must still be able to write.
  const id = randomUUID();
  await tx.query(
    `INSERT INTO person (id, forename, surname, dob, estimated_age, gender, agency_ids, areas)
     VALUES ($8, $1, $2, $3, $4, $5, ARRAY[$6::uuid], $7::text[])`,
    [
      summary.forename,
      summary.surname,
      summary.dob,
      summary.estimatedAge,
      summary.gender,
      agencyId,
      area ? [area] : [],
      id,
    ],
  );
  return id;
}

export interface NewSourceRecord {
  personId: string;
  agencyId: string;
  submittedByUser: string | null;
  submittedByLabel: string;
  provenance: string;
  role: SubjectRole;
  details: CleanPersonDetails;
  keys: SearchKeys;
  submittedAt?: Date;
}

/**
 * The values of a source record's cleaned details and search keys, in the order of the source_record columns
 * forename .. surname_dm_alt; the single insert and the bulk writer both write them. `aliases` is passed as
 * the statement takes it (an array here, an array literal in a batch, where text[] values are ragged).
 */
export function sourceRecordDetailValues(
  d: CleanPersonDetails,
  keys: SearchKeys,
  aliases: unknown,
): unknown[] {
  return [
    d.forename,
    d.surname,
    aliases,
    d.dob,
    d.estimatedAge,
    d.ageExplanation,
    d.gender,
    d.ethnicity,
    d.nhsNumber,
    d.schoolUpn,
    d.policeRef,
    d.laId,
    d.livingSituation,
    d.lookedAfter,
    d.learningDisabilityOrSen,
    d.camhsContact,
    keys.searchName,
    keys.forenameDm,
    keys.surnameDm,
    keys.surnameDmAlt,
  ];
}

export async function insertSourceRecord(tx: Tx, record: NewSourceRecord): Promise<string> {
  const d = record.details;
  // The id is made here, not RETURNING'd: intake may add a record to a person the submitter cannot see yet
  // (an auto-link), and RETURNING would need the new row to be visible already.
  const id = randomUUID();
  await tx.query(
    `INSERT INTO source_record (id, person_id, agency_id, submitted_by_user, submitted_by_label, submitted_at, provenance,
       subject_role, forename, surname, aliases, dob, estimated_age, age_explanation, gender, ethnicity, nhs_number,
       school_upn, police_ref, la_id, living_situation, looked_after, learning_disability_or_sen, camhs_contact,
       search_name, forename_dm, surname_dm, surname_dm_alt)
     VALUES ($28, $1, $2, $3, $4, coalesce($5, now()), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $21, $22, $23, $24, $25, $26, $27)`,
    [
      record.personId,
      record.agencyId,
      record.submittedByUser,
      record.submittedByLabel,
      record.submittedAt ?? null,
      record.provenance,
      record.role,
      ...sourceRecordDetailValues(d, record.keys, d.aliases),
      id,
    ],
  );
  // The submitting agency is now in the person's scope (worked out from the records), so what follows sees it.
  await tx.query('SELECT lantern_recompute_person($1)', [record.personId]);
  if (d.address) {
    await tx.query(
      `INSERT INTO source_address (source_record_id, line1, town, postcode, postcode_key, from_date, to_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        d.address.line1,
        d.address.town,
        d.address.postcode,
        d.address.postcodeKey,
        d.address.from,
        d.address.to,
      ],
    );
  }
  return id;
}

export interface SourceRecordRow {
  id: string;
  agency_id: string;
  agency_name: string;
  submitted_at: Date;
  submitted_by_label: string;
  provenance: string;
  subject_role: string;
  forename: string | null;
  surname: string | null;
  aliases: string[];
  dob: string | null;
  estimated_age: number | null;
  gender: string;
  ethnicity: string | null;
  nhs_number: string | null;
  school_upn: string | null;
  police_ref: string | null;
  la_id: string | null;
  living_situation: string | null;
  looked_after: boolean | null;
  learning_disability_or_sen: boolean | null;
  camhs_contact: boolean | null;
  addresses: Array<{
    line1: string | null;
    town: string | null;
    postcode: string | null;
    from: string | null;
    to: string | null;
  }>;
}

export function sourceRecordsOf(tx: Tx, personId: string): Promise<SourceRecordRow[]> {
  return tx.query<SourceRecordRow>(
    `SELECT s.id, s.agency_id, a.name AS agency_name, s.submitted_at, ${actorNameSql('s.submitted_by_label')} AS submitted_by_label, s.provenance, s.subject_role,
            s.forename, s.surname, s.aliases, to_char(s.dob, 'YYYY-MM-DD') AS dob, s.estimated_age, s.gender, s.ethnicity,
            s.nhs_number, s.school_upn, s.police_ref, s.la_id, s.living_situation, s.looked_after,
            s.learning_disability_or_sen, s.camhs_contact,
            coalesce((SELECT json_agg(json_build_object('line1', ad.line1, 'town', ad.town, 'postcode', ad.postcode,
                        'from', ad.from_date, 'to', ad.to_date) ORDER BY ad.from_date NULLS FIRST)
                      FROM source_address ad WHERE ad.source_record_id = s.id), '[]') AS addresses
       FROM source_record s JOIN agency a ON a.id = s.agency_id
      WHERE s.person_id = $1 ORDER BY s.submitted_at`,
    [personId],
  );
}

export interface TimelineRow {
  at: Date;
  kind:
    | 'SOURCE_RECORD'
    | 'VICTIM_REFERRAL'
    | 'NAMED_ON_REFERRAL'
    | 'SUSPECT_REFERRAL'
    | 'LINKED_BY_SUSPECT_REFERRAL';
  agency_name: string;
  reference: string | null;
  record_id: string;
  summary: string;
}

/** Everything about the person the caller may see, across agencies; row-level security does the filtering. */
export function timelineOf(tx: Tx, personId: string): Promise<TimelineRow[]> {
  return tx.query<TimelineRow>(
    `SELECT * FROM (
       SELECT s.submitted_at AS at, 'SOURCE_RECORD' AS kind, a.name AS agency_name, NULL AS reference, s.id AS record_id,
              'Details recorded (' || s.provenance || ')' AS summary
         FROM source_record s JOIN agency a ON a.id = s.agency_id WHERE s.person_id = $1
       UNION ALL
       SELECT r.received_at, 'VICTIM_REFERRAL', a.name, r.reference, r.id,
              'Referred as a child at risk: ' || r.exploitation_type || ', ' || lower(replace(r.category, '_', ' '))
         FROM victim_referral r JOIN agency a ON a.id = r.referring_agency_id WHERE r.person_id = $1
       UNION ALL
       SELECT r.received_at, 'NAMED_ON_REFERRAL', a.name, r.reference, r.id,
              'Named as ' || lower(rp.role) || ' on a referral'
         FROM referral_person rp JOIN victim_referral r ON r.id = rp.referral_id JOIN agency a ON a.id = r.referring_agency_id
        WHERE rp.person_id = $1
       UNION ALL
       SELECT r.received_at, 'SUSPECT_REFERRAL', a.name, r.reference, r.id,
              'Referred as a ' || lower(r.status) || ' (' || lower(replace(r.role, '_', ' ')) || ')'
         FROM suspect_referral r JOIN agency a ON a.id = r.referring_agency_id WHERE r.person_id = $1
       UNION ALL
       SELECT r.received_at, 'LINKED_BY_SUSPECT_REFERRAL', a.name, r.reference, r.id,
              'Linked to a suspect (' || lower(replace(l.link_type, '_', ' ')) || ')'
         FROM suspect_child_link l JOIN suspect_referral r ON r.id = l.suspect_referral_id
         JOIN agency a ON a.id = r.referring_agency_id WHERE l.child_person_id = $1
     ) t ORDER BY at DESC`,
    [personId],
  );
}
