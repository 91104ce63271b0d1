/**
 * After the synthetic population is loaded: the demo's placements (children's homes) and a matching
 * model trained on the registry, so that intake matching and the missing pages work from the first start.
 */

import { loadPlacements } from '../missing/service.ts';
import { runBatchDedupe } from '../people/batch-dedupe.ts';
import { activeModel } from '../people/candidates-service.ts';
import { trainRegistryModel } from '../people/matching.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { catchUpAllPriorities } from '../pursue/priority-service.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import { withHeartbeat } from './heartbeat.ts';

export async function completeDemoSetup(db: Database): Promise<string[]> {
  const lines: string[] = [];
  const placements = await withTransaction(db, systemContext('demo-setup'), (tx) =>
    loadPlacements(
      tx,
      CHILDRENS_HOMES.map((home) => ({
        code: home.code,
        name: home.name,
        postcode: home.postcode,
        area: home.area,
      })),
    ),
  );
  lines.push(`${placements} children's homes loaded as placements`);
  const model = await withTransaction(db, systemContext('demo-setup'), (tx) => activeModel(tx));
  if (!model) {
    const trained = await withHeartbeat('training the matching model', (tick) =>
      trainRegistryModel(db, 'demo setup', 1, tick),
    );
    lines.push(`matching model version ${trained.version} trained on ${trained.records} records`);
    // As a partnership would: resolve the duplicate records agencies sent of one child, once.
    const dedupe = await withHeartbeat('deduplicating the registry', (tick) =>
      runBatchDedupe(db, async () => {}, undefined, tick),
    );
    lines.push(
      `registry deduplicated: ${dedupe.merged} people merged, ${dedupe.queued} likely matches for review`,
    );
    // The merges moved records between people: the Pursue priorities read them again now, not at first use.
    const started = performance.now();
    await catchUpAllPriorities(db);
    lines.push(`Pursue priorities brought up to date (${Math.round(performance.now() - started)} ms)`);
  }
  return lines;
}
