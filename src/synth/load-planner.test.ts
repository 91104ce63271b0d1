import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChunkPlanSetup, planLoadChunk } from './load-chunk-plan.ts';
import { mashWindow } from './load-mash.ts';
import { chunkKeyOf } from './load-plan.ts';
import { ChunkPlanner } from './load-planner.ts';
import { PARTS } from './load-schema.ts';
import { DEMO_PARTNERSHIP } from './partnership.ts';
import { chunkFractions, describePopulation } from './population.ts';

// Two small chunks: a sixth of a partnership's month, then half that.
const generate = { scale: 1.5, seed: 4, months: 1 };
const meta = describePopulation(generate);
const setup: ChunkPlanSetup = {
  generate,
  identities: chunkFractions(meta.scale).map((fraction, chunkIndex) => ({
    seed: meta.seed,
    periodEnd: meta.periodEnd,
    months: meta.months,
    chunkIndex,
    fraction,
  })),
  agencyIds: new Map(DEMO_PARTNERSHIP.agencies.map((a) => [a.code, randomUUID()] as const)),
  window: mashWindow(meta.periodEnd, meta.months, 2),
};

let planner: ChunkPlanner;
afterEach(async () => planner?.close());

describe('planning chunks in a worker thread', () => {
  it('gives exactly the rows planned in this thread, for every part', async () => {
    planner = new ChunkPlanner(setup);
    const request = { chunkIndex: 1, parts: PARTS };
    const here = planLoadChunk(setup, request);
    expect(here.rows.chunkKey).toBe(chunkKeyOf(setup.identities[1]!));
    expect(here.rows.victimReferrals.length).toBeGreaterThan(0);
    expect(here.mash!.episodes.length).toBeGreaterThan(0);
    expect(await planner.planAhead(request)).toEqual(here);
  });

  it('plans only the parts asked for', async () => {
    planner = new ChunkPlanner(setup);
    const planned = await planner.planAhead({ chunkIndex: 0, parts: ['disposals'] });
    expect(planned.mash).toBeNull();
    expect(planned.missing).toBeNull();
    expect(planned.missingFlags).toBeNull();
    expect(planned.disposals).not.toBeNull();
  });

  it('rejects a chunk it cannot plan, and everything outstanding once closed', async () => {
    planner = new ChunkPlanner(setup);
    await expect(planner.planAhead({ chunkIndex: 9, parts: [] })).rejects.toThrow(/no chunk 9 in this load/);
    // The expectation is attached before closing: close rejects what is outstanding at once.
    const refused = expect(planner.planAhead({ chunkIndex: 0, parts: PARTS })).rejects.toThrow(/closed/);
    await planner.close();
    await refused;
  });
});
