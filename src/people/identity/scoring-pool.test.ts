import { describe, expect, it } from 'vitest';
import { parseMapOption, resolveColumns, rowToRecord } from './column-map.ts';
import { type DedupeResult, dedupeRecords } from './dedupe.ts';
import { historicalPeople, ID_COLUMN } from './hard-test-data.ts';
import type { ModelParameters } from './model.ts';
import { prepareRecord } from './prepare.ts';
import { ScoringPool, scoreInPool } from './scoring-pool.ts';
import { makeTestData } from './test-data.ts';
import { trainOnRecords } from './train.ts';

/** Everything a run decides: every kept link (both records and the weight's bits, in order) and every cluster. */
function outcome(result: DedupeResult) {
  const { links } = result;
  return {
    left: [...links.left.subarray(0, links.length)],
    right: [...links.right.subarray(0, links.length)],
    weights: [...new BigUint64Array(links.weight.buffer, 0, links.length)],
    clusterIds: [...result.clusterIds],
    reviewClusterIds: [...result.reviewClusterIds],
    at09: [...result.clustersAt(0.9)],
    threshold: result.threshold,
    thresholdChoice: result.thresholdChoice,
    comparisons: result.comparisons,
  };
}

// Workers start a TypeScript loader each from source: seconds on a loaded machine. The timeout detects a hang.
describe('scoring in worker threads', { timeout: 180_000 }, () => {
  it('gives the same links, weights and clusters with no worker, one and two (registry rules)', async () => {
    const records = makeTestData({ seed: 3, people: 2000 }).records.map((r) => prepareRecord(r));
    const model = trainOnRecords(records, { seed: 1 });
    const runs = [];
    for (const workers of [0, 1, 2]) {
      const result = await dedupeRecords(records, { model, workers, keepLinksFrom: 0.9 });
      runs.push(outcome(result));
    }
    expect(runs[0]!.comparisons).toBeGreaterThan(50_000);
    expect(runs[0]!.left.length).toBeGreaterThan(1000);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('and without hard rules, with the threshold chosen from the scores (the CSV tool)', async () => {
    const set = historicalPeople(13, 1500);
    const columns = resolveColumns(set.header, ID_COLUMN, parseMapOption(set.map));
    const records = set.rows.map((row) =>
      prepareRecord(rowToRecord(row, columns), [], { dateOfBirthRange: null }),
    );
    const options = { hardRules: false, threshold: 'expected-f1' as const, seed: 1 };
    const alone = outcome(await dedupeRecords(records, { ...options, workers: 0 }));
    const pooled = outcome(await dedupeRecords(records, { ...options, workers: 2 }));
    expect(alone.thresholdChoice).not.toBeNull();
    expect(pooled).toEqual(alone);
  });

  it('surfaces a worker error as a rejected run, and stops every worker', async () => {
    const records = makeTestData({ seed: 3, people: 50 }).records.map((r) => prepareRecord(r));
    const model = trainOnRecords(records, { seed: 1 });
    // Parameters without fields: compiling the model throws inside each worker.
    const broken = {
      ...model,
      parameters: { ...model.parameters, fields: null } as unknown as ModelParameters,
    };
    const pool = new ScoringPool(records, 2);
    pool.useModel(broken);
    const chunk = { left: Uint32Array.of(0, 1), right: Uint32Array.of(1, 2), length: 2 };
    await expect(scoreInPool(pool, [chunk], () => {})).rejects.toThrow();
    expect(pool.size).toBe(0);
  });
});
