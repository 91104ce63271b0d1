/**
 * Batch deduplication of the whole registry, as a background job with progress: read every source record,
 * score candidate pairs with the active model (training one if there is none), then merge people linked
 * above the auto-link threshold and queue the review band for practitioners.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import type { JobContext } from '../platform/jobs/runner.ts';
import { activeModel } from './candidates-service.ts';
import {
  dedupeRecords,
  explain,
  MATCH_THRESHOLDS,
  type MatchModel,
  type MatchThresholds,
  prepareRecord,
  trainOnRecords,
  weightToProbability,
} from './identity/index.ts';
import { identityRecordOf, queueForReview } from './matching.ts';
import { refreshMatchStatistics, registryRecords } from './matching-store.ts';
import { performMerge } from './merge.ts';
import { findPerson } from './store.ts';

export const BATCH_DEDUPE_JOB = 'identity.batch-dedupe';

interface PersonPair {
  a: string;
  b: string;
  probability: number;
  left: number;
  right: number;
}

export interface BatchResult {
  [key: string]: unknown;
  records: number;
  comparisons: number;
  merged: number;
  queued: number;
  modelVersion: number | null;
  seconds: number;
}

/** Pure: the strongest link between each pair of different people, from record-pair scores. */
export function strongestPersonPairs(
  personOf: readonly string[],
  pairs: Iterable<{ left: number; right: number; probability: number }>,
  floor: number,
): PersonPair[] {
  const best = new Map<string, PersonPair>();
  for (const { left, right, probability } of pairs) {
    if (probability < floor) continue;
    const [a, b] = [personOf[left]!, personOf[right]!].sort() as [string, string];
    if (a === b) continue;
    const key = `${a}|${b}`;
    const current = best.get(key);
    if (!current || probability > current.probability) best.set(key, { a, b, probability, left, right });
  }
  return [...best.values()].sort((x, y) => y.probability - x.probability);
}

export async function runBatchDedupe(
  db: Database,
  progress: JobContext['progress'],
  thresholds: MatchThresholds = MATCH_THRESHOLDS,
  /** Called at each step (scoring is synchronous work: a progress line's only chance to be written). */
  onStep: () => void = () => {},
): Promise<BatchResult> {
  const started = Date.now();
  const { rows, stored } = await withTransaction(db, systemContext('batch-dedupe'), async (tx) => ({
    rows: await registryRecords(tx),
    stored: await activeModel(tx),
  }));
  await progress(0, rows.length, 'preparing');
  const prepared = rows.map((row) => prepareRecord(identityRecordOf(row)));
  const model: MatchModel = stored?.model ?? trainOnRecords(prepared, { onProgress: onStep });
  const scored: Array<{ left: number; right: number; probability: number }> = [];
  const result = await dedupeRecords(prepared, {
    model,
    threshold: thresholds.autoLink,
    onProgress: onStep,
    onPair: (left, right, weight) => {
      const probability = weightToProbability(weight);
      if (probability >= thresholds.review) scored.push({ left, right, probability });
    },
  });
  await progress(rows.length, rows.length, 'scored');
  const personOf = rows.map((r) => r.person_id);
  const pairs = strongestPersonPairs(personOf, scored, thresholds.review);
  let merged = 0;
  let queued = 0;
  for (const [index, pair] of pairs.entries()) {
    onStep();
    // The embedded engine's statements resolve without I/O: a turn of the event loop lets requests and timers in.
    await nextTurn();
    await withTransaction(db, systemContext('batch-dedupe'), async (tx) => {
      // Earlier merges may have moved either person: follow them to whoever holds the records now.
      const a = await followMerges(tx, pair.a);
      const b = await followMerges(tx, pair.b);
      if (!a || !b || a.id === b.id) return;
      if (pair.probability >= thresholds.autoLink) {
        const [survivor, other] = a.created_at <= b.created_at ? [a, b] : [b, a];
        await performMerge(
          tx,
          survivor,
          other,
          { userId: null, label: 'identity batch job' },
          `Automatic: match probability ${pair.probability.toFixed(4)}`,
        );
        merged += 1;
      } else {
        const explanation = explain(model, prepared[pair.left]!, prepared[pair.right]!);
        await queueForReview(tx, a.id, [{ personId: b.id, probability: pair.probability, explanation }], {
          source: 'BATCH',
          area: a.areas[0] ?? b.areas[0] ?? null,
          modelVersion: stored?.version ?? null,
        });
        queued += 1;
      }
    });
    if (index % 50 === 0) await progress(index + 1, pairs.length, 'applying');
  }
  await progress(pairs.length, pairs.length, 'applying');
  // A batch writes hundreds of pending matches and merges at once; the embedded engine has no autovacuum
  // to notice, and with the planner's old guess of a few matches the queue page sorted them all instead of
  // reading them best first through their index (issue 22). Refresh the statistics of what changed.
  if (merged + queued > 0) await refreshMatchStatistics(db);
  return {
    records: rows.length,
    comparisons: result.comparisons,
    merged,
    queued,
    modelVersion: stored?.version ?? null,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

async function followMerges(tx: Parameters<typeof findPerson>[0], id: string) {
  let person = await findPerson(tx, id);
  for (let hops = 0; person?.merged_into && hops < 20; hops++)
    person = await findPerson(tx, person.merged_into);
  return person;
}

export function batchDedupeHandler(context: JobContext): Promise<BatchResult> {
  return runBatchDedupe(context.db, context.progress);
}
