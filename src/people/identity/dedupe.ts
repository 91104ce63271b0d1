/**
 * The whole batch pipeline on records already in memory: block, train (unless given a model),
 * score every candidate pair, keep the pairs at or above the review threshold, and cluster them
 * twice: the auto-linked people (pairs ≥ the auto-link threshold) and the wider clusters a reviewer
 * would see (auto-link plus review band). Pure: no I/O. Scoring, the bulk of the work, runs in worker
 * threads on large runs (scoring-pool.ts, decision 0033), with exactly the result of one thread.
 */
import {
  type BlockingOptions,
  type BlockingReport,
  candidatePairChunks,
  planBlocking,
  plannedPairCount,
} from './blocking.ts';
import { constrainedClusters, LinkList } from './cluster.ts';
import { compileModel, type MatchModel, probabilityToWeight } from './model.ts';
import { PairScorer } from './pair-scorer.ts';
import type { PreparedRecord } from './record.ts';
import { defaultWorkerCount, type ScoredChunk, ScoringPool, scoreInPool } from './scoring-pool.ts';
import { ExpectedF1Threshold, type ThresholdChoice } from './threshold-choice.ts';
import { MATCH_THRESHOLDS } from './thresholds.ts';
import { type TrainingProgress, trainModel } from './train.ts';

/** The default auto-link threshold (MATCH_THRESHOLDS.autoLink). */
export const DEFAULT_THRESHOLD = MATCH_THRESHOLDS.autoLink;

export interface DedupeProgress {
  phase: TrainingProgress['phase'] | 'blocking' | 'scoring' | 'clustering';
  done: number;
  total: number;
}

export interface DedupeRecordsOptions {
  /** A trained model; without one, a model is trained on the records themselves. */
  model?: MatchModel;
  /** Seed for training (default 1). */
  seed?: number;
  /**
   * Match probability at or above which two records are linked (default MATCH_THRESHOLDS.autoLink), or
   * 'expected-f1': the threshold of the model's best expected F1 on these pairs (the CSV tool's default;
   * see threshold-choice.ts).
   */
  threshold?: number | 'expected-f1';
  /** Match probability from which a pair goes for review (default MATCH_THRESHOLDS.review, capped at threshold). */
  reviewThreshold?: number;
  blocking?: BlockingOptions;
  /**
   * The registry's hard rules (default on): different valid NHS numbers or incompatible dates of birth
   * never join one cluster, and near-miss NHS numbers weigh as different ones. Off for generic linkage,
   * where they are strong evidence against, and clusters are joined only when their members link to
   * each other on average (see constrainedClusters).
   */
  hardRules?: boolean;
  /**
   * Keep links down to this match probability (default: the review threshold), so that `clustersAt`
   * can cluster at lower thresholds too (an evaluation's threshold sweep).
   */
  keepLinksFrom?: number;
  /** Training sample sizes, passed on to trainModel. */
  maxRandomPairs?: number;
  maxTrainingPairs?: number;
  /**
   * Worker threads to score candidate pairs in; 0 scores on the calling thread. Default: none below
   * MIN_PAIRS_FOR_WORKERS candidate pairs, else os.availableParallelism(), at most MAX_DEFAULT_WORKERS.
   * The result is the same whatever the number.
   */
  workers?: number;
  /** Called for every candidate pair scored (e.g. to measure blocking coverage). */
  onPair?: (left: number, right: number, matchWeight: number) => void;
  onProgress?: (progress: DedupeProgress) => void;
}

export interface DedupeResult {
  /** The auto-link threshold used: the one given, or the one chosen. */
  threshold: number;
  /** How the threshold was chosen, when it was ('expected-f1' with at least one pair scored). */
  thresholdChoice: ThresholdChoice | null;
  /** Auto-linked people: cluster number per record, numbered in order of first appearance. */
  clusterIds: Int32Array;
  clusters: number;
  /** Clusters when review-band pairs are linked too: what a reviewer would be asked to confirm. */
  reviewClusterIds: Int32Array;
  model: MatchModel;
  trained: boolean;
  comparisons: number;
  /** Pairs at or above the auto-link threshold that were linked (not refused as conflicting). */
  linkedPairs: number;
  /** Pairs in the review band (at or above the review threshold, below auto-link). */
  reviewPairs: number;
  /**
   * Links refused: they would join records with different NHS numbers or far-apart dates of birth (hard
   * rules), or two clusters whose members do not link to each other on average (without them).
   */
  refusedLinks: number;
  /** Every pair at or above the review threshold, with its match weight. */
  links: LinkList;
  thresholdWeight: number;
  reviewThresholdWeight: number;
  blocking: BlockingReport;
  /** Seconds spent scoring candidate pairs (for comparisons per second). */
  scoringSeconds: number;
  /** Clusters at another match probability threshold (no lower than the links kept), from the same links. */
  clustersAt(probability: number): Int32Array;
}

function countClusters(clusterIds: Int32Array): number {
  let clusters = 0;
  for (let i = 0; i < clusterIds.length; i++) clusters = Math.max(clusters, clusterIds[i]! + 1);
  return clusters;
}

export async function dedupeRecords(
  records: readonly PreparedRecord[],
  options: DedupeRecordsOptions = {},
): Promise<DedupeResult> {
  const workers = options.workers ?? defaultWorkerCount(records.length);
  // Started first, so that the workers prepare the records while this thread blocks and trains.
  const pool = workers > 0 ? new ScoringPool(records, workers) : null;
  try {
    return await dedupeWith(records, options, pool);
  } finally {
    await pool?.close();
  }
}

async function dedupeWith(
  records: readonly PreparedRecord[],
  options: DedupeRecordsOptions,
  pool: ScoringPool | null,
): Promise<DedupeResult> {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: 'blocking', done: 0, total: records.length });
  const plan = planBlocking(records, options.blocking);
  const hardRules = options.hardRules ?? true;
  const given =
    options.model ??
    trainModel({
      records,
      seed: options.seed ?? 1,
      blocking: options.blocking,
      maxRandomPairs: options.maxRandomPairs,
      maxTrainingPairs: options.maxTrainingPairs,
      onProgress: progress,
    });
  const model = given.hardRules === hardRules ? given : compileModel(given.parameters, { hardRules });
  const chooser = options.threshold === 'expected-f1' ? new ExpectedF1Threshold() : null;
  const givenThreshold = typeof options.threshold === 'number' ? options.threshold : DEFAULT_THRESHOLD;
  // Links are kept down to the lowest threshold that could be chosen, and the review threshold.
  const lowestThreshold = chooser ? Math.min(givenThreshold, chooser.lowest) : givenThreshold;
  const keptWeight = Math.min(
    probabilityToWeight(Math.min(options.reviewThreshold ?? MATCH_THRESHOLDS.review, lowestThreshold)),
    probabilityToWeight(options.keepLinksFrom ?? 1),
  );
  const links = new LinkList();
  const planned = plannedPairCount(plan);
  const onPair = options.onPair;
  let comparisons = 0;
  const take = ({ left, right, length, weights }: ScoredChunk) => {
    for (let k = 0; k < length; k++) {
      const weight = weights[k]!;
      if (onPair) onPair(left[k]!, right[k]!, weight);
      if (chooser) chooser.add(weight);
      if (weight >= keptWeight) links.add(left[k]!, right[k]!, weight);
    }
    comparisons += length;
    progress({ phase: 'scoring', done: comparisons, total: planned });
  };
  // The calling thread's scorer: for scoring without workers, and for clustering without hard rules.
  let ownScorer: PairScorer | null = null;
  const scorer = () => {
    ownScorer ??= new PairScorer(model, records);
    return ownScorer;
  };
  const scoringStarted = performance.now();
  if (pool) {
    pool.useModel(model);
    await scoreInPool(pool, candidatePairChunks(plan), take);
  } else {
    const own = scorer();
    for (const chunk of candidatePairChunks(plan)) {
      const weights = new Float64Array(chunk.length);
      for (let k = 0; k < chunk.length; k++) weights[k] = own.weight(chunk.left[k]!, chunk.right[k]!);
      take({ ...chunk, weights });
    }
  }
  const scoringSeconds = (performance.now() - scoringStarted) / 1000;
  const thresholdChoice = chooser?.choose() ?? null;
  const threshold = thresholdChoice?.threshold ?? givenThreshold;
  const reviewThreshold = Math.min(options.reviewThreshold ?? MATCH_THRESHOLDS.review, threshold);
  const thresholdWeight = probabilityToWeight(threshold);
  const reviewThresholdWeight = probabilityToWeight(reviewThreshold);
  progress({ phase: 'clustering', done: 0, total: 2 });
  const clusterOptions = {
    hardRules,
    weightOf: hardRules ? undefined : (left: number, right: number) => scorer().weight(left, right),
  };
  const auto = constrainedClusters(records, links, thresholdWeight, clusterOptions);
  progress({ phase: 'clustering', done: 1, total: 2 });
  const review = constrainedClusters(records, links, reviewThresholdWeight, clusterOptions);
  progress({ phase: 'clustering', done: 2, total: 2 });
  let reviewPairs = 0;
  for (let k = 0; k < links.length; k++) {
    const weight = links.weight[k]!;
    if (weight < thresholdWeight && weight >= reviewThresholdWeight) reviewPairs++;
  }
  return {
    threshold,
    thresholdChoice,
    clusterIds: auto.clusterIds,
    clusters: countClusters(auto.clusterIds),
    reviewClusterIds: review.clusterIds,
    model,
    trained: options.model === undefined,
    comparisons,
    linkedPairs: auto.linked,
    reviewPairs,
    refusedLinks: auto.refused,
    links,
    thresholdWeight,
    reviewThresholdWeight,
    blocking: plan.report,
    scoringSeconds,
    clustersAt: (probability) =>
      constrainedClusters(records, links, probabilityToWeight(probability), clusterOptions).clusterIds,
  };
}
