/**
 * Everything the load writes for one chunk, planned from the generator alone: its people, records and
 * referrals, and each part asked for (the MASH's work, missing episodes, the children's missing facts,
 * disposals, the referrals' divisions). Pure and deterministic, so that it can run in a worker thread while
 * the previous chunk is being written (`load-planner.ts`), and give the same rows wherever it runs.
 */

import type { DisposalBulkRow } from '../pursue/bulk-store.ts';
import { type MashRows, type MashWindow, planMash } from './load-mash.ts';
import {
  type MissingFlagRow,
  type MissingRows,
  planDisposals,
  planMissing,
  planMissingFlags,
  repeatMissingChildren,
} from './load-missing.ts';
import { type ChunkIdentity, planChunk } from './load-plan.ts';
import type { ChunkRows } from './load-plan-rows.ts';
import type { Part } from './load-schema.ts';
import { generatePopulationChunk } from './population.ts';
import type { GenerateOptions, PopulationChunk } from './types.ts';

/** What every chunk of one load is planned from (copied once to a worker). */
export interface ChunkPlanSetup {
  generate: GenerateOptions;
  identities: readonly ChunkIdentity[];
  agencyIds: ReadonlyMap<string, string>;
  window: MashWindow;
}

export interface ChunkPlanRequest {
  chunkIndex: number;
  /** The parts still to load for this chunk (a part another load claims first is planned for nothing). */
  parts: readonly Part[];
}

export interface PlannedChunk {
  chunkIndex: number;
  rows: ChunkRows;
  mash: MashRows | null;
  missing: MissingRows | null;
  missingFlags: MissingFlagRow[] | null;
  disposals: DisposalBulkRow[] | null;
  /** The police division of each victim referral (by id), as the generator placed it. */
  divisions: Map<string, string>;
}

export function planLoadChunk(setup: ChunkPlanSetup, request: ChunkPlanRequest): PlannedChunk {
  const { chunkIndex, parts } = request;
  const identity = setup.identities[chunkIndex];
  if (!identity) throw new Error(`no chunk ${chunkIndex} in this load`);
  const chunk = generatePopulationChunk(setup.generate, chunkIndex);
  const rows = planChunk(chunk, identity, setup.agencyIds);
  const wants = (part: Part) => parts.includes(part);
  return {
    chunkIndex,
    rows,
    mash: wants('mash')
      ? planMash(chunk, identity, rows, setup.agencyIds, {
          window: setup.window,
          repeatMissingTrueIds: repeatMissingChildren(chunk),
        })
      : null,
    missing: wants('missing')
      ? planMissing(chunk, identity, rows, setup.agencyIds, setup.window.asOfMs)
      : null,
    missingFlags: wants('missing-flags') ? planMissingFlags(chunk, rows) : null,
    disposals: wants('disposals') ? planDisposals(chunk, rows) : null,
    divisions: divisionsOf(chunk, rows),
  };
}

function divisionsOf(chunk: PopulationChunk, rows: ChunkRows): Map<string, string> {
  const division = new Map(chunk.victimReferrals.map((v) => [v.reference, v.division] as const));
  return new Map(rows.victimReferrals.map((v) => [v.id, division.get(v.reference)!] as const));
}
