/**
 * Identity resolution in the product: the stored model, candidates for a new record at intake, and the
 * practitioner's review of possible matches. Scoring is the pure engine in ./identity; this module only
 * loads records and stores decisions.
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import {
  type Explanation,
  explain,
  type IdentityRecord,
  MATCH_THRESHOLDS,
  type MatchModel,
  type MatchThresholds,
  parseModel,
  prepareRecord,
  serialiseModel,
  trainOnRecords,
} from './identity/index.ts';
import type { CleanPersonDetails } from './rules.ts';
import { searchKeys } from './rules.ts';

export { MATCH_THRESHOLDS };

export interface RegistryRow {
  source_record_id: string;
  person_id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  gender: string | null;
  postcode: string | null;
  nhs_number: string | null;
  other_id: string | null;
}

export function identityRecordOf(row: RegistryRow): IdentityRecord {
  return {
    id: row.source_record_id,
    firstName: row.forename,
    surname: row.surname,
    dob: row.dob,
    gender: row.gender,
    postcode: row.postcode,
    nhsNumber: row.nhs_number,
    otherId: row.other_id,
  };
}

export function identityRecordOfDetails(details: CleanPersonDetails): IdentityRecord {
  return {
    id: 'new',
    firstName: details.forename,
    surname: details.surname,
    dob: details.dob,
    gender: details.gender,
    postcode: details.address?.postcode ?? null,
    nhsNumber: details.nhsNumber,
    otherId: details.policeRef ?? details.schoolUpn ?? details.laId,
  };
}

/** Every source record in the registry, as the engine's records (system context: for training and batch). */
export async function registryRecords(tx: Tx): Promise<RegistryRow[]> {
  return tx.query<RegistryRow>(
    `SELECT s.id AS source_record_id, coalesce(p.merged_into, s.person_id) AS person_id, s.forename, s.surname,
            to_char(s.dob, 'YYYY-MM-DD') AS dob, s.gender,
            (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id ORDER BY a.from_date DESC NULLS LAST LIMIT 1) AS postcode,
            s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id) AS other_id
       FROM source_record s JOIN person p ON p.id = s.person_id ORDER BY s.submitted_at, s.id`,
  );
}

export async function activeModel(tx: Tx): Promise<{ version: number; model: MatchModel } | null> {
  const row = await tx.maybeOne<{ version: number; parameters: unknown }>(
    'SELECT version, parameters FROM identity_model WHERE active',
  );
  return row ? { version: row.version, model: parseModel(JSON.stringify(row.parameters)) } : null;
}

/** `lantern match train`: fits the model on the whole registry and makes it the active version. */
export async function trainRegistryModel(
  db: Database,
  trainedBy: string,
  seed = 1,
): Promise<{ version: number; records: number }> {
  return withTransaction(db, systemContext('match-train'), async (tx) => {
    const rows = await registryRecords(tx);
    if (rows.length < 50) {
      throw new ValidationError([
        {
          field: 'registry',
          message: `The registry has ${rows.length} records; at least 50 are needed to train`,
        },
      ]);
    }
    const model = trainOnRecords(rows.map(identityRecordOf), { seed });
    await tx.query('UPDATE identity_model SET active = false WHERE active');
    const row = await tx.one<{ version: number }>(
      'INSERT INTO identity_model (parameters, trained_on, trained_by, active) VALUES ($1, $2, $3, true) RETURNING version',
      [serialiseModel(model), rows.length, trainedBy],
    );
    await appendAuditEvent(tx, {
      action: 'MATCH_MODEL_TRAINED',
      details: { version: row.version, records: rows.length },
    });
    return { version: row.version, records: rows.length };
  });
}

export interface Candidate {
  personId: string;
  probability: number;
  explanation: Explanation;
}

/**
 * People who may be the one in `details`, best first: blocked in SQL over the whole registry, scored by
 * the model, best record per person.
 */
export async function findCandidates(
  tx: Tx,
  model: MatchModel,
  details: CleanPersonDetails,
  limit = 10,
): Promise<Candidate[]> {
  const keys = searchKeys(details);
  const birthYear = details.dob ? Number(details.dob.slice(0, 4)) : null;
  const postcodeKey = details.address?.postcodeKey ?? null;
  const rows = await tx.query<RegistryRow>(
    `SELECT source_record_id, person_id, forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob, gender, postcode, nhs_number, other_id
       FROM lantern_match_candidates($1, $2, $3, $4, $5, $6, 500)`,
    [
      details.dob,
      birthYear,
      [keys.surnameDm, keys.surnameDmAlt].filter((c): c is string => !!c),
      details.nhsNumber,
      postcodeKey ? postcodeKey.slice(0, -2) : null,
      keys.searchName ? keys.searchName[0] : null,
    ],
  );
  const query = prepareRecord(identityRecordOfDetails(details));
  const best = new Map<string, Candidate>();
  for (const row of rows) {
    const explanation = explain(model, query, prepareRecord(identityRecordOf(row)));
    const current = best.get(row.person_id);
    if (!current || explanation.matchProbability > current.probability) {
      best.set(row.person_id, {
        personId: row.person_id,
        probability: explanation.matchProbability,
        explanation,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.probability - a.probability).slice(0, limit);
}

export type IntakeMatch =
  | { kind: 'AUTO_LINK'; candidate: Candidate }
  | { kind: 'REVIEW'; candidates: Candidate[] }
  | { kind: 'NONE' };

/** What intake does with the candidates: join above the auto-link threshold, queue the review band. */
export function intakeDecision(
  candidates: Candidate[],
  thresholds: MatchThresholds = MATCH_THRESHOLDS,
  options: { autoLink: boolean } = { autoLink: true },
): IntakeMatch {
  const top = candidates[0];
  if (options.autoLink && top && top.probability >= thresholds.autoLink)
    return { kind: 'AUTO_LINK', candidate: top };
  const review = candidates.filter((c) => c.probability >= thresholds.review);
  return review.length ? { kind: 'REVIEW', candidates: review } : { kind: 'NONE' };
}

export async function queueForReview(
  tx: Tx,
  personId: string,
  candidates: Candidate[],
  meta: { source: 'INTAKE' | 'BATCH'; area: string | null; modelVersion: number | null },
): Promise<void> {
  for (const c of candidates) {
    await tx.query('SELECT lantern_queue_match($1, $2, $3, $4, $5, $6, $7, $8)', [
      personId,
      c.personId,
      c.probability,
      c.explanation.totalWeight,
      JSON.stringify(c.explanation),
      meta.source,
      meta.area,
      meta.modelVersion,
    ]);
  }
}

export interface PendingMatchRow {
  id: string;
  person_id: string;
  candidate_person_id: string;
  probability: number;
  explanation: Explanation;
  source: string;
  created_at: Date;
  person_name: string;
  person_dob: string | null;
  candidate_name: string;
  candidate_dob: string | null;
}

/** Possible matches awaiting a decision, among people the caller may see (row-level security). */
export async function pendingMatches(tx: Tx, limit = 100): Promise<PendingMatchRow[]> {
  return tx.query<PendingMatchRow>(
    `SELECT m.id, m.person_id, m.candidate_person_id, m.probability, m.explanation, m.source, m.created_at,
            concat_ws(' ', a.forename, a.surname) AS person_name, to_char(a.dob, 'YYYY-MM-DD') AS person_dob,
            concat_ws(' ', b.forename, b.surname) AS candidate_name, to_char(b.dob, 'YYYY-MM-DD') AS candidate_dob
       FROM match_candidate m JOIN person a ON a.id = m.person_id JOIN person b ON b.id = m.candidate_person_id
      WHERE m.status = 'PENDING' AND a.merged_into IS NULL AND b.merged_into IS NULL
      ORDER BY m.probability DESC, m.created_at LIMIT $1`,
    [limit],
  );
}
