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
import { type MashRows, mashWindow, planMash } from './load-mash.ts';
import {
  placementRows,
  planDisposals,
  planMissing,
  planMissingFlags,
  repeatMissingChildren,
} from './load-missing.ts';
import { type ChunkIdentity, chunkKeyOf, planChunk } from './load-plan.ts';
import type { ChunkRows } from './load-plan-rows.ts';
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
import { chunkFractions, describePopulation, generatePopulationChunks } from './population.ts';
import type { PopulationChunk } from './types.ts';

export type { LoadCounts, LoadOptions, LoadProgress, LoadResult } from './load-types.ts';

const CONTEXT = 'demo-load';

/**
 * Rows a statement: a scale-1 chunk's largest table (source records, about 1,800) in one, so that each
 * table costs one statement, one round trip and one run of its statistics triggers a chunk.
 */
const DEFAULT_BATCH_SIZE = 5000;

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
  for (const chunk of generatePopulationChunks(generate)) {
    const identity = identities[chunk.chunkIndex]!;
    const key = keys[chunk.chunkIndex]!;
    const core = !state.loaded.has(key);
    const todo = parts.filter((p) => !state.loaded.has(partKeyOf(key, p)));
    if (core || todo.length > 0) {
      const rows = planChunk(chunk, identity, state.agencyIds);
      const written = await withTransaction(db, systemContext(CONTEXT), async (tx) => {
        // The claim rows are the locks: a chunk or part another load claimed first is left to it.
        if (core && !(await claimChunk(tx, identity, key, sizesOf(rows)))) return null;
        const claimedKeys = await claimParts(
          tx,
          identity,
          todo.map((p) => partKeyOf(key, p)),
        );
        const claimed: Part[] = todo.filter((p) => claimedKeys.has(partKeyOf(key, p)));
        const c = emptyCounts();
        const mash = claimed.includes('mash')
          ? planMash(chunk, identity, rows, state.agencyIds, {
              window,
              repeatMissingTrueIds: repeatMissingChildren(chunk),
            })
          : null;
        if (core) {
          // The referrals in their final state: their outcomes and division are written with them.
          const outcomes = mash ? outcomesOf(mash) : new Map();
          const divisions = claimed.includes('division') ? divisionsOf(chunk, rows) : new Map();
          await writeCore(
            tx,
            rows,
            inBatches,
            (id) => ({ outcome: outcomes.get(id) ?? null, division: divisions.get(id) ?? null }),
            state.schema,
          );
          addCoreCounts(c, rows);
        }
        for (const part of claimed)
          await writePart(tx, part, { chunk, identity, rows, mash, core, counts: c });
        return c;
      });
      if (written) {
        chunksLoaded++;
        for (const k of Object.keys(counts) as (keyof LoadCounts)[]) counts[k] += written[k];
        // The embedded engine keeps write-ahead log until a checkpoint: one every few chunks bounds the disk
        // a long load needs (#22: 3.7 GB of log at scale 100 without). A server manages its own.
        if (db.engine === 'pglite' && chunksLoaded % CHECKPOINT_EVERY_CHUNKS === 0)
          await db.pool.query('CHECKPOINT');
      }
    }
    chunksDone++;
    options.onProgress?.({ chunksDone, chunks: keys.length, rows: rowsOf(counts) });
    // The embedded engine's queries resolve without I/O, so a load of awaits alone never reaches the timers:
    // a turn of the event loop per chunk lets the progress line (every ten seconds, #22) be written.
    await nextTurn();
  }
  const chunksSkipped = keys.length - chunksLoaded;
  if (chunksLoaded > 0) await analyseLoadedTables(db, state.schema);
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

  /** `core`: the chunk's referrals were written in this transaction, with their outcomes and division. */
  async function writePart(
    tx: Tx,
    part: Part,
    c: {
      chunk: PopulationChunk;
      identity: ChunkIdentity;
      rows: ChunkRows;
      mash: MashRows | null;
      core: boolean;
      counts: LoadCounts;
    },
  ): Promise<void> {
    const schema = state.schema;
    switch (part) {
      case 'mash': {
        const mash = c.mash!;
        await writeMash(tx, inBatches, mash, c.core);
        c.counts.mashEpisodes += mash.episodes.length;
        c.counts.mashDecisions += mash.decisions.length;
        c.counts.contributions += mash.contributions.length;
        c.counts.riskAssessments += mash.riskAssessments.length;
        return;
      }
      case 'missing': {
        const missing = planMissing(c.chunk, c.identity, c.rows, state.agencyIds, window.asOfMs);
        await writePlacements(tx, placementRows(), state.agencyIds);
        await writeMissing(tx, inBatches, missing, schema);
        c.counts.missingEpisodes += missing.episodes.length;
        return;
      }
      case 'missing-flags':
        await writeMissingFlags(tx, inBatches, planMissingFlags(c.chunk, c.rows), schema);
        return;
      case 'disposals': {
        const disposals = planDisposals(c.chunk, c.rows);
        await writeDisposals(tx, inBatches, disposals);
        c.counts.disposals += disposals.length;
        return;
      }
      case 'division': {
        if (c.core) return;
        const divisions = divisionsOf(c.chunk, c.rows);
        await writeDivision(
          tx,
          inBatches,
          c.rows.victimReferrals.map((v) => ({ id: v.id, division: divisions.get(v.id)! })),
        );
        return;
      }
    }
  }
}

/** The police division of each victim referral (by id), as the generator placed it. */
function divisionsOf(chunk: PopulationChunk, rows: ChunkRows): Map<string, string> {
  const division = new Map(chunk.victimReferrals.map((v) => [v.reference, v.division] as const));
  return new Map(rows.victimReferrals.map((v) => [v.id, division.get(v.reference)!] as const));
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
