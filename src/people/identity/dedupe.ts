/**
 * The whole batch pipeline on records already in memory: block, train (unless given a model),
 * score every candidate pair, link pairs above the threshold and cluster. Pure: no I/O.
 */
import {
  type BlockingOptions,
  type BlockingReport,
  candidatePairChunks,
  planBlocking,
  plannedPairCount,
} from './blocking.ts';
import { UnionFind } from './cluster.ts';
import { FIELD_COUNT } from './comparisons.ts';
import { type MatchModel, pairMatchWeight, probabilityToWeight } from './model.ts';
import type { PreparedRecord } from './record.ts';
import { type TrainingProgress, trainModel } from './train.ts';

export const DEFAULT_THRESHOLD = 0.9;

export interface DedupeProgress {
  phase: TrainingProgress['phase'] | 'blocking' | 'scoring';
  done: number;
  total: number;
}

export interface DedupeRecordsOptions {
  /** A trained model; without one, a model is trained on the records themselves. */
  model?: MatchModel;
  /** Seed for training (default 1). */
  seed?: number;
  /** Match probability at or above which two records are linked (default 0.9). */
  threshold?: number;
  blocking?: BlockingOptions;
  /** Training sample sizes, passed on to trainModel. */
  maxRandomPairs?: number;
  maxTrainingPairs?: number;
  /** Called for every candidate pair scored (e.g. to measure blocking coverage). */
  onPair?: (left: number, right: number, matchWeight: number) => void;
  onProgress?: (progress: DedupeProgress) => void;
}

export interface DedupeResult {
  /** Cluster number per record, numbered in order of first appearance. */
  clusterIds: Int32Array;
  clusters: number;
  model: MatchModel;
  trained: boolean;
  comparisons: number;
  linkedPairs: number;
  blocking: BlockingReport;
}

export function dedupeRecords(
  records: readonly PreparedRecord[],
  options: DedupeRecordsOptions = {},
): DedupeResult {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: 'blocking', done: 0, total: records.length });
  const plan = planBlocking(records, options.blocking);
  const model =
    options.model ??
    trainModel({
      records,
      seed: options.seed ?? 1,
      blocking: options.blocking,
      maxRandomPairs: options.maxRandomPairs,
      maxTrainingPairs: options.maxTrainingPairs,
      onProgress: progress,
    });
  const thresholdWeight = probabilityToWeight(options.threshold ?? DEFAULT_THRESHOLD);
  const sets = new UnionFind(records.length);
  const levels = new Int8Array(FIELD_COUNT);
  const planned = plannedPairCount(plan);
  const onPair = options.onPair;
  let comparisons = 0;
  let linkedPairs = 0;
  for (const chunk of candidatePairChunks(plan)) {
    for (let k = 0; k < chunk.length; k++) {
      const left = chunk.left[k]!;
      const right = chunk.right[k]!;
      const weight = pairMatchWeight(model, records[left]!, records[right]!, levels);
      if (onPair) onPair(left, right, weight);
      if (weight >= thresholdWeight) {
        sets.union(left, right);
        linkedPairs++;
      }
    }
    comparisons += chunk.length;
    progress({ phase: 'scoring', done: comparisons, total: planned });
  }
  const clusterIds = sets.clusterIds();
  let clusters = 0;
  for (let i = 0; i < clusterIds.length; i++) clusters = Math.max(clusters, clusterIds[i]! + 1);
  return {
    clusterIds,
    clusters,
    model,
    trained: options.model === undefined,
    comparisons,
    linkedPairs,
    blocking: plan.report,
  };
}
