/**
 * Identity resolution in the product: the stored model, candidates for a new record at intake, and the
 * practitioner's review of possible matches. Scoring is the pure engine in ./identity; SQL is in
 * ./matching-store.ts; finding and showing candidates is ./candidates-service.ts.
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import {
  type Explanation,
  type IdentityRecord,
  MATCH_THRESHOLDS,
  type MatchThresholds,
  serialiseModel,
  trainOnRecords,
} from './identity/index.ts';
import type { RegistryRow } from './matching-store.ts';
import * as store from './matching-store.ts';
import type { CleanPersonDetails } from './rules.ts';

export { MATCH_THRESHOLDS };

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

/** `lantern match train`: fits the model on the whole registry and makes it the active version. */
export async function trainRegistryModel(
  db: Database,
  trainedBy: string,
  seed = 1,
  /** Called at each step of the fit (synchronous work: a progress line's only chance to be written). */
  onStep?: () => void,
): Promise<{ version: number; records: number }> {
  return withTransaction(db, systemContext('match-train'), async (tx) => {
    const rows = await store.registryRecords(tx);
    if (rows.length < 50) {
      throw new ValidationError([
        {
          field: 'registry',
          message: `The registry has ${rows.length} records; at least 50 are needed to train`,
        },
      ]);
    }
    const model = trainOnRecords(rows.map(identityRecordOf), {
      seed,
      ...(onStep ? { onProgress: onStep } : {}),
    });
    const version = await store.insertActiveModel(tx, {
      parameters: serialiseModel(model),
      trainedOn: rows.length,
      trainedBy,
    });
    await appendAuditEvent(tx, { action: 'MATCH_MODEL_TRAINED', details: { version, records: rows.length } });
    return { version, records: rows.length };
  });
}

export interface Candidate {
  personId: string;
  probability: number;
  explanation: Explanation;
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
    await store.queueMatch(tx, {
      personId,
      candidatePersonId: c.personId,
      probability: c.probability,
      explanation: c.explanation,
      ...meta,
    });
  }
}
