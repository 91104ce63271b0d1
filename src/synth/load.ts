/**
 * Loads the synthetic population into the database, chunk by chunk: each chunk's people, source records,
 * addresses, referrals and links through the owning modules' bulk writers (`load-write.ts`) in one system
 * transaction, with its ground truth in `synth_truth`, and beside them the MASH's work on every referral,
 * missing episodes, the children's missing facts, disposals and the referral's division (`load-schema.ts`;
 * each only when its tables exist). Deterministic for a seed, never applied twice: a chunk (and each part
 * of it) already loaded is skipped, so an interrupted load resumes, a larger scale of the same seed
 * extends a smaller one, and a part whose tables arrived since is filled in. Run after
 * `loadDemoPartnership` (agencies must exist).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { catchUpAllPriorities } from '../pursue/priority-service.ts';
import { type ChunkPlanSetup, type PlannedChunk, planLoadChunk } from './load-chunk-plan.ts';
import { mashWindow } from './load-mash.ts';
import { placementRows } from './load-missing.ts';
import { type ChunkIdentity, chunkKeyOf } from './load-plan.ts';
import type { ChunkRows } from './load-plan-rows.ts';
import { ChunkPlanner } from './load-planner.ts';
import { baseKeyOf, type Part, partKeyOf, partsFor } from './load-schema.ts';
import { analyseLoadedTables, claimChunk, claimParts, detectSchema, readLoadState } from './load-store.ts';
import { emptyCounts, type LoadCounts, type LoadOptions, type LoadResult, rowsOf } from './load-types.ts';
import {
  type Batched,
  batched,
  outcomesOf,
  writeCore,
  writeDisposals,
  writeDivision,
  writeMash,
  writeMissing,
  writeMissingFlags,
  writePlacements,
} from './load-write.ts';
import { chunkFractions, describePopulation } from './population.ts';

export type { LoadCounts, LoadOptions, LoadProgress, LoadResult } from './load-types.ts';

const CONTEXT = 'demo-load';

/**
 * Rows a statement: a scale-1 chunk's largest table (source records, about 1,800) in one, so that each
 * table costs one statement, one round trip and one run of its statistics triggers a chunk.
 */
const DEFAULT_BATCH_SIZE = 5000;

/**
 * Loads of this many chunks or more plan them in a worker thread, one ahead of the writes (`load-planner.ts`).
 * Starting the worker costs about as much CPU as planning a chunk (0.4–0.9 s), so a load of a few chunks
 * would gain nothing: measured, scale 3 was slower with the worker on both engines, scale 10 faster (PGlite
 * 8%, PostgreSQL 25–35%, where the server's work and the planning overlap).
 */
const PLAN_AHEAD_FROM_CHUNKS = 5;

/** Chunks between explicit checkpoints on the embedded engine. */
const CHECKPOINT_EVERY_CHUNKS = 4;

export async function loadPopulation(db: Database, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const generate = {
    scale: options.scale,
    seed: options.seed,
    months: options.months,
    periodEnd: options.periodEnd,
  };
  const meta = describePopulation(generate);
  const fractions = chunkFractions(meta.scale);
  const identities: ChunkIdentity[] = fractions.map((fraction, chunkIndex) => ({
    seed: meta.seed,
    periodEnd: meta.periodEnd,
    months: meta.months,
    chunkIndex,
    fraction,
  }));
  const keys = identities.map(chunkKeyOf);
  const window = mashWindow(meta.periodEnd, meta.months, options.openWorkingDays ?? 0);
  const what = `seed ${meta.seed}, scale ${meta.scale}, ${meta.months} months to ${meta.periodEnd}`;

  const state = await withTransaction(db, systemContext(CONTEXT), async (tx) => ({
    ...(await readLoadState(tx)),
    schema: await detectSchema(tx),
  }));
  const inBatches: Batched = batched(options.batchSize ?? DEFAULT_BATCH_SIZE);
  const { parts, notices } = partsFor(state.schema);
  for (const notice of notices) options.onNotice?.(notice);
  const partKeys = keys.flatMap((k) => parts.map((p) => partKeyOf(k, p)));
  const result = (status: LoadResult['status'], message: string, extra: Partial<LoadResult> = {}) => ({
    status,
    message,
    chunks: keys.length,
    chunksLoaded: 0,
    chunksSkipped: 0,
    counts: emptyCounts(),
    rows: 0,
    ms: Date.now() - started,
    notices,
    ...extra,
  });

  if ([...keys, ...partKeys].every((k) => state.loaded.has(k)))
    return result('already-loaded', `The synthetic population (${what}) is already loaded.`);
  const planned = new Set(keys);
  const foreign = [...state.loaded].filter((k) => !planned.has(baseKeyOf(k)));
  if (foreign.length > 0) {
    const loadedSeeds = [...new Set(foreign.map((k) => /\|seed=(-?\d+)\|/.exec(k)?.[1] ?? '?'))];
    return result(
      'refused',
      `Another synthetic population is already loaded (seed ${loadedSeeds.join(', ')}, ${state.loaded.size} chunks) ` +
        `and ${what} would not extend it: load into an empty database, or repeat the seed, scale and months ` +
        'it was loaded with.',
    );
  }
  if (state.loaded.size === 0 && state.referrals > 0) {
    return result(
      'refused',
      `The database already holds ${state.referrals} referrals not made by the synthetic loader: ` +
        'load the synthetic population into a database without referrals.',
    );
  }

  const counts = emptyCounts();
  let chunksDone = 0;
  let chunksLoaded = 0;
  // The chunks (and parts) still to load; each is planned once, in this order.
  const jobs = keys
    .map((key, chunkIndex) => ({
      chunkIndex,
      core: !state.loaded.has(key),
      parts: parts.filter((p) => !state.loaded.has(partKeyOf(key, p))),
    }))
    .filter((job) => job.core || job.parts.length > 0);
  const setup: ChunkPlanSetup = { generate, identities, agencyIds: state.agencyIds, window };
  const planner = new ChunkPlanner(setup);
  const planAhead = options.planAhead ?? jobs.length >= PLAN_AHEAD_FROM_CHUNKS;
  let planning: Promise<PlannedChunk> | null = null;
  let jobIndex = 0;
  try {
    for (let chunkIndex = 0; chunkIndex < keys.length; chunkIndex++) {
      const job = jobs[jobIndex];
      if (job?.chunkIndex === chunkIndex) {
        // Ask for the next chunk first: the worker plans it while this thread plans the first chunk (as the
        // worker starts) or writes this one.
        const next = jobs[jobIndex + 1];
        const ahead = next && planAhead ? planner.planAhead(next) : null;
        // Awaited only on the next turn round: a failure meanwhile must not count as unhandled.
        ahead?.catch(() => undefined);
        const planned = planning ? await planning : planLoadChunk(setup, job);
        planning = ahead;
        jobIndex++;
        const written = await writeChunk(job, planned);
        if (written) {
          chunksLoaded++;
          for (const k of Object.keys(counts) as (keyof LoadCounts)[]) counts[k] += written[k];
          // The embedded engine keeps write-ahead log until a checkpoint: one every few chunks bounds the
          // disk a long load needs (#22: 3.7 GB of log at scale 100 without). A server manages its own.
          if (db.engine === 'pglite' && chunksLoaded % CHECKPOINT_EVERY_CHUNKS === 0)
            await db.pool.query('CHECKPOINT');
        }
      }
      chunksDone++;
      options.onProgress?.({ chunksDone, chunks: keys.length, rows: rowsOf(counts) });
      // The embedded engine's queries resolve without I/O, so a load of awaits alone never reaches the
      // timers: a turn of the event loop per chunk lets the progress line (every ten seconds, #22) be written.
      await nextTurn();
    }
  } finally {
    await planner.close();
  }
  const chunksSkipped = keys.length - chunksLoaded;
  if (chunksLoaded > 0) await analyseLoadedTables(db, state.schema);
  // The Pursue priorities' facts of everyone loaded, read once now rather than by the first reader.
  if (chunksLoaded > 0) await catchUpAllPriorities(db);
  await withTransaction(db, systemContext(CONTEXT), (tx) =>
    appendAuditEvent(tx, {
      action: 'SYNTHETIC_POPULATION_LOADED',
      details: {
        seed: meta.seed,
        scale: meta.scale,
        months: meta.months,
        chunksLoaded,
        chunksSkipped,
        counts,
      },
    }),
  );
  return result(
    'loaded',
    `Synthetic population loaded (${what}): ${counts.persons} people, ${counts.sourceRecords} source records, ` +
      `${counts.victimReferrals} victim referrals, ${counts.suspectReferrals} suspect referrals` +
      (chunksSkipped > 0 ? ` (${chunksSkipped} of ${keys.length} chunks were already loaded)` : '') +
      '.',
    { chunksLoaded, chunksSkipped, counts, rows: rowsOf(counts) },
  );

  /** Writes a planned chunk in one transaction: null when another load claimed the whole chunk first. */
  function writeChunk(
    job: { chunkIndex: number; core: boolean; parts: readonly Part[] },
    planned: PlannedChunk,
  ): Promise<LoadCounts | null> {
    const { rows } = planned;
    const identity = identities[job.chunkIndex]!;
    const key = keys[job.chunkIndex]!;
    return withTransaction(db, systemContext(CONTEXT), async (tx) => {
      // The claim rows are the locks: a chunk or part another load claimed first is left to it.
      if (job.core && !(await claimChunk(tx, identity, key, sizesOf(rows)))) return null;
      const claimedKeys = await claimParts(
        tx,
        identity,
        job.parts.map((p) => partKeyOf(key, p)),
      );
      const claimed: Part[] = job.parts.filter((p) => claimedKeys.has(partKeyOf(key, p)));
      const c = emptyCounts();
      const mash = claimed.includes('mash') ? planned.mash : null;
      if (job.core) {
        // The referrals in their final state: their outcomes and division are written with them.
        const outcomes = mash ? outcomesOf(mash) : new Map();
        const divisions = claimed.includes('division') ? planned.divisions : new Map();
        await writeCore(
          tx,
          rows,
          inBatches,
          (id) => ({ outcome: outcomes.get(id) ?? null, division: divisions.get(id) ?? null }),
          state.schema,
        );
        addCoreCounts(c, rows);
      }
      for (const part of claimed) await writePart(tx, part, planned, job.core, c);
      return c;
    });
  }

  /** `core`: the chunk's referrals were written in this transaction, with their outcomes and division. */
  async function writePart(
    tx: Tx,
    part: Part,
    planned: PlannedChunk,
    core: boolean,
    counts: LoadCounts,
  ): Promise<void> {
    const schema = state.schema;
    switch (part) {
      case 'mash': {
        const mash = planned.mash!;
        await writeMash(tx, inBatches, mash, core);
        counts.mashEpisodes += mash.episodes.length;
        counts.mashDecisions += mash.decisions.length;
        counts.contributions += mash.contributions.length;
        counts.riskAssessments += mash.riskAssessments.length;
        return;
      }
      case 'missing': {
        const missing = planned.missing!;
        await writePlacements(tx, placementRows(), state.agencyIds);
        await writeMissing(tx, inBatches, missing, schema);
        counts.missingEpisodes += missing.episodes.length;
        return;
      }
      case 'missing-flags':
        await writeMissingFlags(tx, inBatches, planned.missingFlags!, schema);
        return;
      case 'disposals': {
        const disposals = planned.disposals!;
        await writeDisposals(tx, inBatches, disposals);
        counts.disposals += disposals.length;
        return;
      }
      case 'division': {
        if (core) return;
        await writeDivision(
          tx,
          inBatches,
          planned.rows.victimReferrals.map((v) => ({ id: v.id, division: planned.divisions.get(v.id)! })),
        );
        return;
      }
    }
  }
}

function sizesOf(rows: ChunkRows) {
  return {
    sourceRecords: rows.sourceRecords.length,
    victimReferrals: rows.victimReferrals.length,
    suspectReferrals: rows.suspectReferrals.length,
  };
}

function addCoreCounts(c: LoadCounts, rows: ChunkRows): void {
  c.persons += rows.persons.length;
  c.sourceRecords += rows.sourceRecords.length;
  c.addresses += rows.addresses.length;
  c.victimReferrals += rows.victimReferrals.length;
  c.referralPeople += rows.referralPeople.length;
  c.suspectReferrals += rows.suspectReferrals.length;
  c.suspectChildLinks += rows.suspectChildLinks.length;
}
