/**
 * The loader's bulk writer for `disposal` (the synthetic population's tactics): one statement over
 * unnest'ed column arrays, so a batch costs one round trip and one run of the statistics triggers. The
 * pages write through `store.ts`.
 */
import { columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';

export interface DisposalBulkRow {
  id: string;
  personId: string;
  suspectReferralId: string | null;
  type: string;
  disposedAt: string;
  sentenceMonths: number | null;
  orderYears: number | null;
  expiresOn: string | null;
  childPersonId: string | null;
  recordedByLabel: string;
}

export async function insertDisposalsBulk(tx: Tx, rows: readonly DisposalBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO disposal (id, person_id, suspect_referral_id, type, disposed_at, sentence_months, order_years,
       expires_on, child_person_id, recorded_by_label)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::numeric[], $7::numeric[],
                          $8::date[], $9::uuid[], $10::text[])`,
    columnsOf(rows, (d) => [
      d.id,
      d.personId,
      d.suspectReferralId,
      d.type,
      d.disposedAt,
      d.sentenceMonths,
      d.orderYears,
      d.expiresOn,
      d.childPersonId,
      d.recordedByLabel,
    ]),
  );
}
