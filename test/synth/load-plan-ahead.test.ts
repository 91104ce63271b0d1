/**
 * A load that plans its chunks in a worker thread, one ahead of the writes, writes exactly the rows of one
 * that plans each chunk in turn (two small chunks: the first planned here, the second by the worker).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { type LoadResult, loadPopulation } from '../../src/synth/load.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';
import { POPULATION_FINGERPRINT } from '../support/population-fingerprint.ts';

const OPTIONS = { scale: 1.5, seed: 5, months: 1, openWorkingDays: 2 } as const;
const SECRET = 'synthetic-plan-ahead-test-session-secret-0123456789';

let ahead: TestDatabase;
let inTurn: TestDatabase;
const results: LoadResult[] = [];

beforeAll(async () => {
  [ahead, inTurn] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  for (const [target, planAhead] of [
    [ahead, true],
    [inTurn, false],
  ] as const) {
    await loadDemoPartnership(target.db, SECRET);
    results.push(await loadPopulation(target.db, { ...OPTIONS, planAhead }));
  }
});
afterAll(async () => {
  await Promise.all([ahead?.dispose(), inTurn?.dispose()]);
});

describe('planning the next chunk in a worker while this one is written', () => {
  it('loads both chunks with the same counts and the same rows as planning each in turn', async () => {
    const [withWorker, withoutWorker] = results;
    expect(withWorker!.status).toBe('loaded');
    expect(withWorker!.chunksLoaded).toBe(2);
    expect(withWorker!.counts.missingEpisodes).toBeGreaterThan(0);
    expect(withWorker!.counts).toEqual(withoutWorker!.counts);
    const hash = async (t: TestDatabase) => (await t.superuserQuery(POPULATION_FINGERPRINT)).rows[0].h;
    expect(await hash(ahead)).toBe(await hash(inTurn));
  });
});
