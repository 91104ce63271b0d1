/**
 * The entry points: a whole population as one plain object, or chunk by chunk for large scales.
 * Scale 1 is the briefing's partnership over six months; scale 100 is a hundred such partnerships' worth
 * of cases in the same partnership structure, generated as a hundred independent chunks.
 */

import { periodEnding } from './calendar.ts';
import { generateChunk } from './chunk.ts';
import { CHUNK_LIMIT } from './identifiers.ts';
import { DEMO_PARTNERSHIP } from './partnership.ts';
import type { GenerateOptions, Population, PopulationChunk, PopulationMeta } from './types.ts';

export const GENERATOR_VERSION = 'lantern-synth/1';

const DEFAULTS = { scale: 1, seed: 1, periodEnd: '2026-09-30', months: 6 } as const;

interface ResolvedOptions {
  readonly scale: number;
  readonly seed: number;
  readonly periodEnd: string;
  readonly months: number;
}

function resolve(options: GenerateOptions): ResolvedOptions {
  const resolved = { ...DEFAULTS, ...stripUndefined(options) };
  if (!(resolved.scale > 0) || !Number.isFinite(resolved.scale))
    throw new Error('scale must be a positive number');
  if (!Number.isInteger(resolved.seed)) throw new Error('seed must be an integer');
  if (!Number.isInteger(resolved.months) || resolved.months < 1 || resolved.months > 24) {
    throw new Error('months must be a whole number from 1 to 24');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(resolved.periodEnd))
    throw new Error('periodEnd must be an ISO date (YYYY-MM-DD)');
  return resolved;
}

function stripUndefined(options: GenerateOptions): Partial<ResolvedOptions> {
  const out: { -readonly [K in keyof ResolvedOptions]?: ResolvedOptions[K] } = {};
  if (options.scale !== undefined) out.scale = options.scale;
  if (options.seed !== undefined) out.seed = options.seed;
  if (options.periodEnd !== undefined) out.periodEnd = options.periodEnd;
  if (options.months !== undefined) out.months = options.months;
  return out;
}

/** Whole partnerships first, then the fractional remainder: scale 2.5 → [1, 1, 0.5]. */
export function chunkFractions(scale: number): number[] {
  const whole = Math.floor(scale);
  const rest = Math.round((scale - whole) * 1e6) / 1e6;
  const fractions = new Array<number>(whole).fill(1);
  if (rest > 0) fractions.push(rest);
  if (fractions.length > CHUNK_LIMIT) throw new Error(`scale above ${CHUNK_LIMIT} is not supported`);
  return fractions;
}

export function describePopulation(options: GenerateOptions = {}): PopulationMeta {
  const o = resolve(options);
  const period = periodEnding(o.periodEnd, o.months);
  return {
    generator: GENERATOR_VERSION,
    seed: o.seed,
    scale: o.scale,
    months: o.months,
    periodStart: period.start,
    periodEnd: period.end,
    chunks: chunkFractions(o.scale).length,
  };
}

/** Chunks one at a time, for loaders that write as they go; onProgress(done, total) after each. */
export function* generatePopulationChunks(
  options: GenerateOptions = {},
): Generator<PopulationChunk, void, undefined> {
  const chunks = chunkFractions(resolve(options).scale).length;
  for (let i = 0; i < chunks; i++) {
    yield generatePopulationChunk(options, i);
    options.onProgress?.(i + 1, chunks);
  }
}

/**
 * One chunk of the population, the same whichever chunks were made before it in this process (each has a
 * random stream of its own), so that chunks can be made out of order or in another thread.
 */
export function generatePopulationChunk(options: GenerateOptions, chunkIndex: number): PopulationChunk {
  const o = resolve(options);
  const fraction = chunkFractions(o.scale)[chunkIndex];
  if (fraction === undefined) throw new Error(`scale ${o.scale} has no chunk ${chunkIndex}`);
  const period = periodEnding(o.periodEnd, o.months);
  return generateChunk({ seed: o.seed, chunkIndex, period, factor: (fraction * o.months) / 6 });
}

export function generatePopulation(options: GenerateOptions = {}): Population {
  const meta = describePopulation(options);
  const population = {
    meta,
    partnership: DEMO_PARTNERSHIP,
    people: [] as PopulationChunk['people'][number][],
    sourceRecords: [] as PopulationChunk['sourceRecords'][number][],
    places: [] as PopulationChunk['places'][number][],
    victimReferrals: [] as PopulationChunk['victimReferrals'][number][],
    suspectReferrals: [] as PopulationChunk['suspectReferrals'][number][],
    disposals: [] as PopulationChunk['disposals'][number][],
    missingEpisodes: [] as PopulationChunk['missingEpisodes'][number][],
    relationships: [] as PopulationChunk['relationships'][number][],
  };
  for (const chunk of generatePopulationChunks(options)) {
    // push(...) on arrays of tens of thousands risks the argument limit; loop instead.
    for (const x of chunk.people) population.people.push(x);
    for (const x of chunk.sourceRecords) population.sourceRecords.push(x);
    for (const x of chunk.places) population.places.push(x);
    for (const x of chunk.victimReferrals) population.victimReferrals.push(x);
    for (const x of chunk.suspectReferrals) population.suspectReferrals.push(x);
    for (const x of chunk.disposals) population.disposals.push(x);
    for (const x of chunk.missingEpisodes) population.missingEpisodes.push(x);
    for (const x of chunk.relationships) population.relationships.push(x);
  }
  return population;
}
