/**
 * The Fellegi–Sunter model: for every field and level an m-probability (P(level | same person)) and
 * a u-probability (P(level | different people)); the level's match weight is log2(m/u). A pair's
 * total weight is the prior weight log2(λ/(1-λ)) plus the weights of its levels, with exact name
 * matches adjusted for how common the name is (term frequency).
 */
import {
  compareRecords,
  FIELD_COUNT,
  FIELDS,
  type FieldName,
  FORENAME,
  LEVEL_LABELS,
  NULL_LEVEL,
  SURNAME,
} from './comparisons.ts';
import { upgradeVersion1 } from './model-upgrade.ts';
import { prepareRecord } from './prepare.ts';
import type { IdentityRecord, PreparedRecord } from './record.ts';

export const MODEL_FORMAT = 'lantern-identity-model';
/** 2: graded identifier, e-mail, town and date levels (decision 0028); version 1 models are upgraded on reading. */
export const MODEL_VERSION = 2;

/** Probabilities are kept away from 0 and 1 so that no single level gives an infinite weight. */
export const MIN_PROBABILITY = 1e-7;

/**
 * The least m-probability a level may have. Training data can lack any true pair that differs on,
 * say, NHS number, which would make "different" almost infinitely damning; real records do carry
 * wrong identifiers now and then, so the evidence against is capped near log2(1e-4) ≈ -13 bits.
 */
export const MIN_M_PROBABILITY = 1e-4;

export interface LevelParameters {
  label: string;
  m: number;
  u: number;
}

export interface FieldParameters {
  field: FieldName;
  levels: LevelParameters[];
}

/**
 * How often each value occurs among `total` non-missing values. Values seen once are left out to
 * keep stored models small; a value not in the table counts as seen once.
 */
export interface TermFrequencyTable {
  total: number;
  counts: Record<string, number>;
}

/** One EM run over the pairs of one training blocking rule. */
export interface TrainingSession {
  rule: string;
  /** Fields the rule forces to agree; they are left out of this session's estimates. */
  excludedFields: FieldName[];
  pairs: number;
  iterations: number;
  converged: boolean;
  /** Share of matches among this rule's pairs. */
  lambdaWithinBlocks: number;
  /** Log-likelihood before each M-step (non-decreasing). */
  logLikelihoods: number[];
}

export interface TrainingSummary {
  records: number;
  randomPairs: number;
  sessions: TrainingSession[];
}

export interface ModelParameters {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  trainedAt: string;
  /** Prior probability that two records drawn at random are the same person. */
  lambda: number;
  fields: FieldParameters[];
  termFrequencies: { forename: TermFrequencyTable; surname: TermFrequencyTable };
  training: TrainingSummary;
}

interface CompiledTermFrequencies {
  total: number;
  counts: ReadonlyMap<string, number>;
  /** log2(u of the exact level); the adjustment replaces it by log2 of the value's frequency. */
  log2ExactU: number;
}

/** A model ready for scoring: parameters plus precomputed weights. */
export interface MatchModel {
  readonly parameters: ModelParameters;
  /** Whether the registry's hard rules apply (see CompileOptions). */
  readonly hardRules: boolean;
  readonly priorWeight: number;
  /** weights[field][level] = log2(m/u). */
  readonly weights: readonly Float64Array[];
  readonly termFrequencies: readonly [CompiledTermFrequencies, CompiledTermFrequencies];
}

export function clampProbability(p: number): number {
  if (!Number.isFinite(p)) return MIN_PROBABILITY;
  return Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, p));
}

function compileTermFrequencies(table: TermFrequencyTable, exactU: number): CompiledTermFrequencies {
  return {
    total: table.total,
    counts: new Map(Object.entries(table.counts)),
    log2ExactU: Math.log2(clampProbability(exactU)),
  };
}

export interface CompileOptions {
  /**
   * The registry's hard rules (default on): two different valid NHS numbers are as different as numbers
   * can be, however few digits they differ by. A valid NHS number's check digit catches any single slip,
   * so two valid ones that differ belong to two people, and a registry must never auto-link them. Off
   * for generic linkage (the CSV tool), where a near-miss identifier is evidence EM has weighed.
   */
  hardRules?: boolean;
}

const NHS_NUMBER = FIELDS.indexOf('nhsNumber');

/** Precomputes weights from parameters. */
export function compileModel(parameters: ModelParameters, options: CompileOptions = {}): MatchModel {
  const hardRules = options.hardRules ?? true;
  const weights = parameters.fields.map(
    (field) =>
      new Float64Array(
        field.levels.map((level) =>
          Math.log2(Math.max(MIN_M_PROBABILITY, clampProbability(level.m)) / clampProbability(level.u)),
        ),
      ),
  );
  if (hardRules) {
    const nhs = weights[NHS_NUMBER]!;
    const different = nhs[nhs.length - 1]!;
    for (let level = 1; level < nhs.length; level++) nhs[level] = different;
  }
  const lambda = clampProbability(parameters.lambda);
  const exactU = (index: number) => parameters.fields[index]!.levels[0]!.u;
  return {
    parameters,
    hardRules,
    priorWeight: Math.log2(lambda / (1 - lambda)),
    weights,
    termFrequencies: [
      compileTermFrequencies(parameters.termFrequencies.forename, exactU(FORENAME)),
      compileTermFrequencies(parameters.termFrequencies.surname, exactU(SURNAME)),
    ],
  };
}

/**
 * Extra weight for an exact match on `value`: log2(u_exact / tf(value)). Rare names get a positive
 * adjustment, common ones a negative one (Splink's term-frequency adjustment).
 */
export function termFrequencyAdjustment(tf: CompiledTermFrequencies, value: string): number {
  if (tf.total <= 0) return 0;
  const count = tf.counts.get(value) ?? 1;
  const frequency = clampProbability(count / tf.total);
  return tf.log2ExactU - Math.log2(frequency);
}

const scratchLevels = new Int8Array(FIELD_COUNT);

/** The total match weight of two prepared records. Allocation-free: use this in loops. */
export function pairMatchWeight(
  model: MatchModel,
  a: PreparedRecord,
  b: PreparedRecord,
  levels: Int8Array = scratchLevels,
): number {
  compareRecords(a, b, levels);
  return weightOfLevels(model, levels, a);
}

/**
 * The total match weight of a pair whose levels are already known. Only one side is needed: the
 * term-frequency adjustment applies to exact matches, where both sides hold the same name.
 */
export function weightOfLevels(model: MatchModel, levels: Int8Array, a: PreparedRecord): number {
  let weight = model.priorWeight;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const level = levels[f]!;
    if (level !== NULL_LEVEL) weight += model.weights[f]![level]!;
  }
  if (levels[FORENAME] === 0) weight += termFrequencyAdjustment(model.termFrequencies[0], a.forename!);
  if (levels[SURNAME] === 0) weight += termFrequencyAdjustment(model.termFrequencies[1], a.surname!);
  return withHardRules(model, levels, weight);
}

/**
 * The registry's hard rule at the level of one pair: two different valid NHS numbers are two people,
 * however much else agrees, so such a pair is never surer than even odds (weight 0, probability 0.5):
 * at most a practitioner reviews it; it is never linked automatically.
 */
export function withHardRules(model: MatchModel, levels: Int8Array, weight: number): number {
  return model.hardRules && levels[NHS_NUMBER]! > 0 ? Math.min(weight, 0) : weight;
}

/** Converts a match weight (log2 odds) to a probability. */
export function weightToProbability(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** Converts a probability threshold to the match weight at which it is reached. */
export function probabilityToWeight(probability: number): number {
  const p = clampProbability(probability);
  return Math.log2(p / (1 - p));
}

export interface PairScore {
  matchWeight: number;
  matchProbability: number;
}

/** Scores two records (raw records are prepared first). */
export function scorePair(
  model: MatchModel,
  a: IdentityRecord | PreparedRecord,
  b: IdentityRecord | PreparedRecord,
): PairScore {
  const weight = pairMatchWeight(model, prepareRecord(a), prepareRecord(b), new Int8Array(FIELD_COUNT));
  return { matchWeight: weight, matchProbability: weightToProbability(weight) };
}

export interface FieldExplanation {
  field: FieldName;
  /** The level's label, or "missing" when either side has no value. */
  level: string;
  /** This field's contribution to the total, in bits (log2 Bayes factor), term frequency included. */
  matchWeight: number;
  m: number | null;
  u: number | null;
  /** For exact name matches: how much the name's rarity moved the weight. */
  termFrequencyAdjustment: number;
}

export interface Explanation {
  priorWeight: number;
  lambda: number;
  fields: FieldExplanation[];
  /** priorWeight plus every field's matchWeight (at most 0 under the registry's hard rule; see withHardRules). */
  totalWeight: number;
  matchProbability: number;
}

/** Explains a score field by field, so that a practitioner can see why two records were linked. */
export function explain(
  model: MatchModel,
  a: IdentityRecord | PreparedRecord,
  b: IdentityRecord | PreparedRecord,
): Explanation {
  const left = prepareRecord(a);
  const right = prepareRecord(b);
  const levels = compareRecords(left, right, new Int8Array(FIELD_COUNT));
  let total = model.priorWeight;
  const fields = FIELDS.map((field, f): FieldExplanation => {
    const level = levels[f]!;
    if (level === NULL_LEVEL) {
      return { field, level: 'missing', matchWeight: 0, m: null, u: null, termFrequencyAdjustment: 0 };
    }
    const parameters = model.parameters.fields[f]!.levels[level]!;
    let adjustment = 0;
    if (level === 0 && f === FORENAME)
      adjustment = termFrequencyAdjustment(model.termFrequencies[0], left.forename!);
    if (level === 0 && f === SURNAME)
      adjustment = termFrequencyAdjustment(model.termFrequencies[1], left.surname!);
    const weight = model.weights[f]![level]! + adjustment;
    total += weight;
    return {
      field,
      level: parameters.label,
      matchWeight: weight,
      m: parameters.m,
      u: parameters.u,
      termFrequencyAdjustment: adjustment,
    };
  });
  return {
    priorWeight: model.priorWeight,
    lambda: model.parameters.lambda,
    fields,
    totalWeight: withHardRules(model, levels, total),
    matchProbability: weightToProbability(withHardRules(model, levels, total)),
  };
}

/** The model as JSON text, for storing. */
export function serialiseModel(model: MatchModel | ModelParameters): string {
  const parameters = 'parameters' in model ? model.parameters : model;
  return JSON.stringify(parameters);
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

function fail(message: string): never {
  throw new ModelFormatError(`Not a usable identity model: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkProbability(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    fail(`${where} must be a probability between 0 and 1`);
  }
  return value;
}

function parseTermFrequencies(value: unknown, where: string): TermFrequencyTable {
  if (!isRecord(value) || typeof value.total !== 'number' || !isRecord(value.counts)) {
    fail(`${where} must have a numeric "total" and a "counts" object`);
  }
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(value.counts)) {
    if (typeof count !== 'number' || count < 0) fail(`${where}.counts["${name}"] must be a count`);
    counts[name] = count;
  }
  return { total: value.total, counts };
}

/**
 * Parses and checks stored model JSON (as written by serialiseModel) and compiles it. The fields and
 * level labels must be those of this version of the engine, so that weights land on the right levels.
 */
export function parseModel(json: string): MatchModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    fail(`invalid JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw)) fail('expected a JSON object');
  const data = upgradeVersion1(raw);
  if (data.format !== MODEL_FORMAT) fail(`"format" must be "${MODEL_FORMAT}"`);
  if (data.version !== MODEL_VERSION) {
    fail(`version ${String(data.version)} is not supported (this engine reads version ${MODEL_VERSION})`);
  }
  if (typeof data.trainedAt !== 'string' || Number.isNaN(Date.parse(data.trainedAt))) {
    fail('"trainedAt" must be an ISO date-time');
  }
  const lambda = checkProbability(data.lambda, '"lambda"');
  if (!Array.isArray(data.fields) || data.fields.length !== FIELD_COUNT) {
    fail(`"fields" must list the ${FIELD_COUNT} fields ${FIELDS.join(', ')}`);
  }
  const fields = data.fields.map((raw: unknown, f: number): FieldParameters => {
    const field = FIELDS[f]!;
    if (!isRecord(raw) || raw.field !== field) fail(`fields[${f}] must be "${field}"`);
    const labels = LEVEL_LABELS[field];
    if (!Array.isArray(raw.levels) || raw.levels.length !== labels.length) {
      fail(`${field} must have the levels ${labels.join(', ')}`);
    }
    const levels = raw.levels.map((level: unknown, l: number): LevelParameters => {
      if (!isRecord(level) || level.label !== labels[l]) fail(`${field} level ${l} must be "${labels[l]}"`);
      return {
        label: labels[l]!,
        m: checkProbability(level.m, `${field} "${labels[l]}" m`),
        u: checkProbability(level.u, `${field} "${labels[l]}" u`),
      };
    });
    return { field, levels };
  });
  const tf = data.termFrequencies;
  if (!isRecord(tf)) fail('"termFrequencies" is missing');
  const training = isRecord(data.training) ? (data.training as unknown as TrainingSummary) : emptyTraining();
  return compileModel({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    trainedAt: data.trainedAt,
    lambda,
    fields,
    termFrequencies: {
      forename: parseTermFrequencies(tf.forename, 'termFrequencies.forename'),
      surname: parseTermFrequencies(tf.surname, 'termFrequencies.surname'),
    },
    training,
  });
}

function emptyTraining(): TrainingSummary {
  return { records: 0, randomPairs: 0, sessions: [] };
}
