/**
 * Training, as Splink does it: u-probabilities from randomly sampled record pairs (almost all of
 * which are different people); m-probabilities and the prior λ by expectation–maximisation over
 * blocked pairs (where matches are common enough to learn from).
 */
import { type BlockingOptions, candidatePairChunks, planBlocking, plannedPairCount } from './blocking.ts';
import {
  compareRecords,
  FIELD_COUNT,
  FIELDS,
  type FieldName,
  LEVEL_LABELS,
  NULL_LEVEL,
} from './comparisons.ts';
import { expectationMaximisation, PatternCounter } from './expectation-maximisation.ts';
import {
  clampProbability,
  compileModel,
  type FieldParameters,
  type MatchModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  type TrainingSession,
} from './model.ts';
import { prepareRecord } from './prepare.ts';
import { randomInt, seededRandom } from './prng.ts';
import type { IdentityRecord, PreparedRecord } from './record.ts';
import { computeTermFrequencies } from './term-frequency.ts';

export const LEVEL_COUNTS: readonly number[] = FIELDS.map((field) => LEVEL_LABELS[field].length);

export interface TrainingProgress {
  phase: 'random pairs' | 'blocked pairs' | 'expectation maximisation';
  done: number;
  total: number;
}

export interface TrainOptions {
  /** The records to learn from (usually the data about to be matched). */
  records: readonly (IdentityRecord | PreparedRecord)[];
  /** Makes the random samples, and so the model, reproducible. */
  seed: number;
  /** Random pairs sampled for u-probabilities (default 500,000). */
  maxRandomPairs?: number;
  /** Blocked pairs sampled per EM session (default 1,000,000). */
  maxTrainingPairs?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Only maxBlockSize is used: training blocks by its own rules. */
  blocking?: BlockingOptions;
  /** The EM sessions to run (default DEFAULT_TRAINING_RULES). */
  trainingRules?: readonly TrainingRule[];
  /** Recorded in the model (default now). */
  trainedAt?: Date;
  onProgress?: (progress: TrainingProgress) => void;
}

export interface UEstimate {
  u: number[][];
  pairs: number;
}

/**
 * u-probabilities from `maxPairs` record pairs drawn at random (with replacement). A level never
 * seen gets half a count, so that its weight is large but finite.
 */
export function estimateUProbabilities(
  records: readonly PreparedRecord[],
  seed: number,
  maxPairs: number,
): UEstimate {
  const counts = LEVEL_COUNTS.map((k) => new Float64Array(k));
  const n = records.length;
  // More draws than there are distinct pairs would only repeat them.
  const pairs = n < 2 ? 0 : Math.min(maxPairs, (n * (n - 1)) / 2);
  const random = seededRandom(seed);
  const levels = new Int8Array(FIELD_COUNT);
  for (let s = 0; s < pairs; s++) {
    const i = randomInt(random, n);
    let j = randomInt(random, n - 1);
    if (j >= i) j++;
    compareRecords(records[i]!, records[j]!, levels);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const level = levels[f]!;
      if (level !== NULL_LEVEL) counts[f]![level]!++;
    }
  }
  const u = counts.map((row) => {
    const smoothed = Array.from(row, (count) => (count > 0 ? count : 0.5));
    const total = smoothed.reduce((sum, value) => sum + value, 0);
    return smoothed.map((value) => value / total);
  });
  return { u, pairs };
}

/** Starting m: most weight on the strongest levels, as for true matches. */
function initialM(): number[][] {
  return LEVEL_COUNTS.map((k) => {
    const raw = Array.from({ length: k }, (_, l) => 4 ** -l);
    const total = raw.reduce((sum, value) => sum + value, 0);
    return raw.map((value) => value / total);
  });
}

/**
 * A blocking rule used for training only. Inside its blocks, non-matches agree on the rule's fields
 * by construction, so those fields are left out of the session: their m comes from other sessions.
 */
export interface TrainingRule {
  name: string;
  key(record: PreparedRecord): string | null;
  excludedFields: readonly FieldName[];
}

/** Two sessions whose excluded fields do not overlap, so every field is estimated at least once. */
export const DEFAULT_TRAINING_RULES: readonly TrainingRule[] = [
  { name: 'date of birth', key: (r) => r.dob, excludedFields: ['dob'] },
  {
    name: 'forename + surname',
    key: (r) => (r.forename === null || r.surname === null ? null : `${r.forename}|${r.surname}`),
    excludedFields: ['forename', 'surname'],
  },
];

interface SessionResult {
  session: TrainingSession;
  m: number[][];
  /** Matches expected among the session's pairs, had none been left out by sampling. */
  expectedMatches: number;
}

function runSession(
  records: readonly PreparedRecord[],
  rule: TrainingRule,
  u: number[][],
  options: TrainOptions,
  sessionIndex: number,
): SessionResult {
  const plan = planBlocking(records, {
    rules: [{ name: rule.name, key: rule.key }],
    maxBlockSize: options.blocking?.maxBlockSize,
    // Training samples its pairs anyway; a pair budget would only leave out the biggest blocks.
    pairBudget: null,
  });
  const planned = plannedPairCount(plan);
  const maxTrainingPairs = options.maxTrainingPairs ?? 1_000_000;
  const samplingRate = planned > maxTrainingPairs ? maxTrainingPairs / planned : 1;
  const random = seededRandom((options.seed ^ 0x5bd1e995) + sessionIndex);
  const excluded = rule.excludedFields.map((field) => FIELDS.indexOf(field));
  const counter = new PatternCounter(LEVEL_COUNTS);
  const levels = new Int8Array(FIELD_COUNT);
  let seen = 0;
  for (const chunk of candidatePairChunks(plan)) {
    for (let k = 0; k < chunk.length; k++) {
      if (samplingRate < 1 && random() >= samplingRate) continue;
      compareRecords(records[chunk.left[k]!]!, records[chunk.right[k]!]!, levels);
      for (const f of excluded) levels[f] = NULL_LEVEL;
      counter.add(levels);
    }
    seen += chunk.length;
    options.onProgress?.({ phase: 'blocked pairs', done: seen, total: planned });
  }
  const em = expectationMaximisation(
    counter.patterns(),
    { lambda: 0.1, m: initialM(), u },
    { maxIterations: options.maxIterations ?? 100, tolerance: options.tolerance ?? 1e-6, fixedU: true },
  );
  options.onProgress?.({ phase: 'expectation maximisation', done: em.iterations, total: em.iterations });
  return {
    session: {
      rule: rule.name,
      excludedFields: [...rule.excludedFields],
      pairs: counter.pairs,
      iterations: em.iterations,
      converged: em.converged,
      lambdaWithinBlocks: em.parameters.lambda,
      logLikelihoods: em.logLikelihoods,
    },
    m: em.parameters.m,
    expectedMatches: em.parameters.lambda * planned,
  };
}

/**
 * Learns a model from the records themselves (no labelled pairs needed), in Splink's manner:
 * u from random pairs; then one EM session per training rule, u held fixed, estimating m for the
 * fields the rule leaves free and λ among its pairs. Each field's m is the mean over the sessions
 * that estimated it. The prior λ over all pairs follows from each session's expected matches
 * divided by the share of all matches its rule can catch (the m of its fields' exact levels).
 */
export function trainModel(options: TrainOptions): MatchModel {
  const records = options.records.map((record) => prepareRecord(record));
  const n = records.length;
  const progress = options.onProgress ?? (() => {});
  const maxRandomPairs = options.maxRandomPairs ?? 500_000;
  progress({ phase: 'random pairs', done: 0, total: maxRandomPairs });
  const { u, pairs: randomPairs } = estimateUProbabilities(records, options.seed, maxRandomPairs);
  progress({ phase: 'random pairs', done: randomPairs, total: maxRandomPairs });

  const rules = options.trainingRules ?? DEFAULT_TRAINING_RULES;
  const results = rules.map((rule, index) => runSession(records, rule, u, options, index));

  const m = LEVEL_COUNTS.map((k, f) => {
    const estimates = results.filter((result) => !result.session.excludedFields.includes(FIELDS[f]!));
    if (estimates.length === 0) return initialM()[f]!;
    return Array.from({ length: k }, (_, l) => {
      let sum = 0;
      for (const estimate of estimates) sum += estimate.m[f]![l]!;
      return sum / estimates.length;
    });
  });

  const allPairs = (n * (n - 1)) / 2;
  const lambdaEstimates = results
    .map((result) => {
      let recall = 1;
      for (const field of result.session.excludedFields) recall *= m[FIELDS.indexOf(field)]![0]!;
      return recall > 0 ? result.expectedMatches / recall / allPairs : Number.NaN;
    })
    .filter((estimate) => Number.isFinite(estimate) && estimate > 0);
  const lambda =
    lambdaEstimates.length > 0 && allPairs > 0
      ? clampProbability(lambdaEstimates.reduce((sum, value) => sum + value, 0) / lambdaEstimates.length)
      : clampProbability(1 / Math.max(2, n));

  const fields: FieldParameters[] = FIELDS.map((field, f) => ({
    field,
    levels: LEVEL_LABELS[field].map((label, l) => ({
      label,
      m: clampProbability(m[f]![l]!),
      u: clampProbability(u[f]![l]!),
    })),
  }));

  return compileModel({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    trainedAt: (options.trainedAt ?? new Date()).toISOString(),
    lambda,
    fields,
    termFrequencies: computeTermFrequencies(records),
    training: { records: n, randomPairs, sessions: results.map((result) => result.session) },
  });
}

/**
 * The extension point for training on a person registry (e.g. `lantern match train` reading the
 * database): any records in, a model out, to be stored with `serialiseModel` and loaded with
 * `parseModel`. Sensible defaults for everything but the records.
 */
export function trainOnRecords(
  records: readonly (IdentityRecord | PreparedRecord)[],
  options: Partial<Omit<TrainOptions, 'records'>> = {},
): MatchModel {
  return trainModel({ ...options, records, seed: options.seed ?? 1 });
}
