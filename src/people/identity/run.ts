/**
 * Thin file runners around the pure pipeline, for the CLI to call: read a CSV line by line, prepare
 * each row once, deduplicate, write `id,cluster_id`, and report malformed rows and values instead of
 * failing on them.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { formatCsvRow } from '../../platform/text/csv.ts';
import type { BlockingOptions, BlockingReport } from './blocking.ts';
import type { LinkList } from './cluster.ts';
import type { ColumnMap } from './column-map.ts';
import { DEFAULT_THRESHOLD, type DedupeProgress, dedupeRecords } from './dedupe.ts';
import { CoverageCounter, type PairwiseMetrics, pairwiseMetrics } from './metrics.ts';
import { compileModel, type MatchModel, parseModel, serialiseModel, weightToProbability } from './model.ts';
import { CsvInputError, type LoadedInput, loadInput, type MalformedEntry } from './run-input.ts';
import { withTermFrequencies } from './term-frequency.ts';
import { CHOOSABLE_THRESHOLDS, type ThresholdChoice } from './threshold-choice.ts';
import { EVALUATION_THRESHOLDS, MATCH_THRESHOLDS, thresholdProblem } from './thresholds.ts';
import { trainModel } from './train.ts';

export { CsvInputError, MAX_MALFORMED_ENTRIES, type MalformedEntry } from './run-input.ts';

export interface RunProgress {
  phase: 'reading' | DedupeProgress['phase'] | 'writing';
  done: number;
  total: number;
}

export interface RunOptions {
  inputPath: string;
  idColumn: string;
  /** A column map, or its text form `first_name=Col,surname=Col`. */
  map: ColumnMap | string;
  /** A model stored by serialiseModel; without it a model is trained on the input. */
  modelPath?: string;
  /** Where to store the model used (trained or loaded), for reuse. */
  modelOutPath?: string;
  /**
   * Match probability at or above which records are linked. By default it is chosen from the data: the
   * threshold of the model's best expected F1 (threshold-choice.ts, decision 0030), not the registry's.
   */
  threshold?: number;
  /** Match probability from which a pair goes for review (default MATCH_THRESHOLDS.review). */
  reviewThreshold?: number;
  /** Training seed (default 1). */
  seed?: number;
  blocking?: BlockingOptions;
  /** Training sample sizes (see trainModel); smaller is faster, larger steadier. */
  maxRandomPairs?: number;
  maxTrainingPairs?: number;
  onProgress?: (progress: RunProgress) => void;
}

export interface DedupeRunOptions extends RunOptions {
  outPath: string;
  /** Where to write the review-band pairs (`id_a,id_b,match_probability`), if wanted. */
  reviewOutPath?: string;
}

export interface EvalRunOptions extends RunOptions {
  /** Column holding the true cluster of each row. */
  truthColumn: string;
}

export interface RunSummary {
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows that became records and were matched. */
  matchedRows: number;
  clusters: number;
  malformed: MalformedEntry[];
  malformedTotal: number;
  /**
   * Real dates of birth outside the registry's range (before 1880 or after 2100): used as dates here,
   * counted so that a user can tell an 18th-century register from a column of typos.
   */
  implausibleDates: number;
  comparisons: number;
  /** Candidate pairs scored per second of scoring. */
  comparisonsPerSecond: number;
  linkedPairs: number;
  /** Pairs in the review band (review threshold ≤ probability < auto-link threshold). */
  reviewPairs: number;
  /**
   * Links refused: they would join different NHS numbers or incompatible dates of birth (the registry's
   * hard rules), or two clusters whose members do not link to each other on average (the CSV tool).
   */
  refusedLinks: number;
  trained: boolean;
  /** The auto-link threshold used: the one given, or the one chosen (see thresholdChoice). */
  threshold: number;
  /** Why the threshold is what it is when none was given: the model's expectations there. */
  thresholdChoice: ThresholdChoice | null;
  reviewThreshold: number;
  blocking: BlockingReport | null;
  seconds: number;
}

/** Pairwise metrics of the clusters at one match probability threshold. */
export interface ThresholdPoint extends PairwiseMetrics {
  threshold: number;
}

/**
 * Pairwise metrics of the auto-linked clusters, of the clusters with review-band pairs linked too, and
 * across thresholds (the curve a user picks a threshold from), with the one of best F1.
 */
export interface EvalSummary extends RunSummary, PairwiseMetrics {
  review: PairwiseMetrics;
  blockingCoverage: number;
  sweep: ThresholdPoint[];
  /** The threshold of the sweep with the highest F1 (the higher threshold on a tie). */
  bestF1: ThresholdPoint;
}

async function matchLoaded(
  loaded: LoadedInput,
  options: RunOptions,
  onPair?: (left: number, right: number, weight: number) => void,
  keepLinksFrom?: number,
) {
  const progress = options.onProgress ?? (() => {});
  const model = options.modelPath
    ? withTermFrequencies(parseModel(await readFile(options.modelPath, 'utf8')), loaded.records)
    : undefined;
  if (loaded.records.length < 2 && model === undefined) {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const reviewThreshold = Math.min(options.reviewThreshold ?? MATCH_THRESHOLDS.review, threshold);
    // Nothing to compare and too little to train on.
    const singletons = Int32Array.from(loaded.records.keys());
    return {
      clusterIds: singletons,
      reviewClusterIds: singletons,
      comparisons: 0,
      comparisonsPerSecond: 0,
      linkedPairs: 0,
      reviewPairs: 0,
      refusedLinks: 0,
      links: null,
      clustersAt: (_: number) => singletons,
      thresholdWeight: Number.POSITIVE_INFINITY,
      trained: false,
      threshold,
      thresholdChoice: null as ThresholdChoice | null,
      reviewThreshold,
      blocking: null,
    };
  }
  const result = await dedupeRecords(loaded.records, {
    model,
    seed: options.seed ?? 1,
    threshold: options.threshold ?? 'expected-f1',
    reviewThreshold: options.reviewThreshold,
    blocking: options.blocking,
    // Generic linkage: a conflicting identifier or date is strong evidence against, not a veto.
    hardRules: false,
    keepLinksFrom,
    maxRandomPairs: options.maxRandomPairs,
    maxTrainingPairs: options.maxTrainingPairs,
    onPair,
    onProgress: progress,
  });
  if (options.modelOutPath) await writeFile(options.modelOutPath, serialiseModel(result.model));
  return {
    clusterIds: result.clusterIds,
    reviewClusterIds: result.reviewClusterIds,
    comparisons: result.comparisons,
    comparisonsPerSecond: result.scoringSeconds > 0 ? result.comparisons / result.scoringSeconds : 0,
    linkedPairs: result.linkedPairs,
    reviewPairs: result.reviewPairs,
    refusedLinks: result.refusedLinks,
    links: result.links as LinkList | null,
    clustersAt: result.clustersAt,
    thresholdWeight: result.thresholdWeight,
    trained: result.trained,
    threshold: result.threshold,
    thresholdChoice: result.thresholdChoice,
    reviewThreshold: Math.min(options.reviewThreshold ?? MATCH_THRESHOLDS.review, result.threshold),
    blocking: result.blocking,
  };
}

function checkThresholds(options: RunOptions): void {
  // Without a threshold one is chosen later; a review threshold above it is then capped at it.
  const highestChoosable = CHOOSABLE_THRESHOLDS[CHOOSABLE_THRESHOLDS.length - 1]!;
  const problem = thresholdProblem({
    autoLink: options.threshold ?? Math.max(highestChoosable, options.reviewThreshold ?? 0),
    review: options.reviewThreshold ?? Math.min(MATCH_THRESHOLDS.review, options.threshold ?? 1),
  });
  if (problem !== null) throw new RangeError(`Bad threshold: ${problem}`);
}

/** What a run (dedupe or evaluation) read and matched, and how long it took since `started`. */
function summaryOf(
  loaded: LoadedInput,
  matched: Awaited<ReturnType<typeof matchLoaded>>,
  clusters: number,
  started: number,
): RunSummary {
  return {
    rows: loaded.rows,
    matchedRows: loaded.records.length,
    clusters,
    malformed: loaded.malformed,
    malformedTotal: loaded.malformedTotal,
    implausibleDates: loaded.implausibleDates,
    comparisons: matched.comparisons,
    comparisonsPerSecond: matched.comparisonsPerSecond,
    linkedPairs: matched.linkedPairs,
    reviewPairs: matched.reviewPairs,
    refusedLinks: matched.refusedLinks,
    trained: matched.trained,
    threshold: matched.threshold,
    thresholdChoice: matched.thresholdChoice,
    reviewThreshold: matched.reviewThreshold,
    blocking: matched.blocking,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Writes the review-band pairs that the auto-link clusters do not already join, strongest first. */
async function writeReviewPairs(
  path: string,
  loaded: LoadedInput,
  matched: Awaited<ReturnType<typeof matchLoaded>>,
): Promise<void> {
  const idOfRecord: string[] = new Array(loaded.records.length);
  for (let row = 0; row < loaded.rows; row++) {
    const index = loaded.rowRecord[row]!;
    if (index >= 0) idOfRecord[index] = loaded.rowIds[row]!;
  }
  const out = createWriteStream(path, { encoding: 'utf8' });
  let buffer = `${formatCsvRow(['id_a', 'id_b', 'match_probability'])}\n`;
  const links = matched.links;
  if (links !== null) {
    for (const k of links.orderFrom(Number.NEGATIVE_INFINITY)) {
      if (links.weight[k]! >= matched.thresholdWeight) continue;
      const left = links.left[k]!;
      const right = links.right[k]!;
      if (matched.clusterIds[left] === matched.clusterIds[right]) continue;
      const probability = weightToProbability(links.weight[k]!).toFixed(4);
      buffer += `${formatCsvRow([idOfRecord[left]!, idOfRecord[right]!, probability])}\n`;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/**
 * Deduplicates a CSV file and writes `id,cluster_id` for every input row that has an id, in input
 * order. A cluster is named after the id of its first row; rows that could not be read are their
 * own clusters. Throws only for problems with the file as a whole (missing, empty, unknown columns).
 */
export async function runDedupe(options: DedupeRunOptions): Promise<RunSummary> {
  const started = performance.now();
  checkThresholds(options);
  const loaded = await loadInput(options, []);
  const matched = await matchLoaded(loaded, options);
  const progress = options.onProgress ?? (() => {});

  const firstIdOfCluster: (string | undefined)[] = [];
  const out = createWriteStream(options.outPath, { encoding: 'utf8' });
  const clusterNames = new Set<string>();
  let buffer = `${formatCsvRow(['id', 'cluster_id'])}\n`;
  const flush = async (): Promise<void> => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for (let row = 0; row < loaded.rows; row++) {
    const id = loaded.rowIds[row]!;
    if (id.length === 0) continue;
    const recordIndex = loaded.rowRecord[row]!;
    let clusterName = id;
    if (recordIndex >= 0) {
      const cluster = matched.clusterIds[recordIndex]!;
      firstIdOfCluster[cluster] ??= id;
      clusterName = firstIdOfCluster[cluster]!;
    }
    clusterNames.add(clusterName);
    buffer += `${formatCsvRow([id, clusterName])}\n`;
    if (buffer.length > 1 << 16) {
      await flush();
      progress({ phase: 'writing', done: row + 1, total: loaded.rows });
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
  if (options.reviewOutPath) await writeReviewPairs(options.reviewOutPath, loaded, matched);

  return summaryOf(loaded, matched, clusterNames.size, started);
}

/**
 * Deduplicates a CSV file that carries the true cluster of each row and measures the result:
 * pairwise precision, recall and F1, and blocking coverage. Rows that could not be read are left
 * out; a row with a blank truth is taken to be nobody else's duplicate.
 */
export async function runEval(options: EvalRunOptions): Promise<EvalSummary> {
  const started = performance.now();
  checkThresholds(options);
  const loaded = await loadInput(options, [options.truthColumn]);
  const truth = loaded.extras.map((values, i) => {
    const label = values[0]!.trim();
    return label.length > 0 ? label : `\u0000unlabelled ${i}`;
  });
  const coverage = new CoverageCounter(truth);
  const matched = await matchLoaded(
    loaded,
    options,
    (left, right) => coverage.add(left, right),
    EVALUATION_THRESHOLDS[0],
  );
  const metrics = pairwiseMetrics(matched.clusterIds, truth);
  const sweep = EVALUATION_THRESHOLDS.map((threshold) => ({
    threshold,
    ...pairwiseMetrics(matched.clustersAt(threshold), truth),
  }));
  const bestF1 = sweep.reduce((best, point) => (point.f1 >= best.f1 ? point : best));
  const clusters = new Set(matched.clusterIds).size;
  const review = pairwiseMetrics(matched.reviewClusterIds, truth);
  const blockingCoverage = coverage.result().coverage;
  // Timed last, and `seconds` kept last, as the summary has always been written.
  const { seconds, ...summary } = summaryOf(loaded, matched, clusters, started);
  return { ...summary, ...metrics, review, blockingCoverage, sweep, bestF1, seconds };
}

/**
 * The model a dedupe of this file would use (trained on it, or the stored one given), as the CSV tool
 * weighs it (hard rules off), for `lantern match explain`.
 */
export async function runExplain(options: RunOptions): Promise<{ model: MatchModel; trained: boolean }> {
  const loaded = await loadInput(options, []);
  if (options.modelPath) {
    const stored = withTermFrequencies(parseModel(await readFile(options.modelPath, 'utf8')), loaded.records);
    return { model: compileModel(stored.parameters, { hardRules: false }), trained: false };
  }
  if (loaded.records.length < 2)
    throw new CsvInputError('Too few records to train a model on: at least 2 are needed');
  const trained = trainModel({
    records: loaded.records,
    seed: options.seed ?? 1,
    blocking: options.blocking,
    maxRandomPairs: options.maxRandomPairs,
    maxTrainingPairs: options.maxTrainingPairs,
    onProgress: options.onProgress,
  });
  return { model: compileModel(trained.parameters, { hardRules: false }), trained: true };
}
