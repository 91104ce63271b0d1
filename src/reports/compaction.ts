/**
 * The briefing's day counts are appended as deltas by the database's triggers (so that concurrent intakes
 * never wait on a shared counter); this folds each key's deltas into one row, on a schedule.
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { compactBriefingDeltas } from './briefing-store.ts';

/** Folds the appended deltas; returns how many rows went. */
export async function compactBriefingCounts(db: Database): Promise<number> {
  return withTransaction(db, systemContext('briefing-compaction'), compactBriefingDeltas);
}
