/**
 * Lantern's identity matching engine: Fellegi–Sunter probabilistic record linkage (in the manner of
 * Splink) over people records from partner agencies. The core is pure; `run.ts` adds file I/O.
 */

export { type CsvRecord, CsvRecordReader, formatCsvRow, parseCsv } from '../../platform/text/csv.ts';
export {
  type BlockingOptions,
  type BlockingPlan,
  type BlockingReport,
  type BlockingRule,
  candidatePairChunks,
  candidatePairs,
  DEFAULT_BLOCKING_RULES,
  DEFAULT_MAX_BLOCK_SIZE,
  type PairChunk,
  planBlocking,
  plannedPairCount,
} from './blocking.ts';
export { CandidateIndex, type SearchOptions, type SearchResult } from './candidate-index.ts';
export {
  cluster,
  conflicting,
  constrainedClusters,
  LinkList,
  type ScoredPair,
  UnionFind,
} from './cluster.ts';
export {
  type ColumnMap,
  ColumnMapError,
  MAPPABLE_FIELDS,
  type MappableField,
  parseMapOption,
  splitFullName,
} from './column-map.ts';
export { compareRecords, FIELDS, type FieldName, LEVEL_LABELS, NULL_LEVEL } from './comparisons.ts';
export { DEFAULT_THRESHOLD, type DedupeRecordsOptions, type DedupeResult, dedupeRecords } from './dedupe.ts';
export { type DoubleMetaphoneCodes, doubleMetaphone } from './double-metaphone.ts';
export { jaro, jaroWinkler } from './jaro-winkler.ts';
export {
  type BlockingCoverage,
  blockingCoverage,
  CoverageCounter,
  type PairwiseMetrics,
  pairwiseMetrics,
} from './metrics.ts';
export {
  type Explanation,
  explain,
  type FieldExplanation,
  type MatchModel,
  ModelFormatError,
  type ModelParameters,
  type PairScore,
  pairMatchWeight,
  parseModel,
  scorePair,
  serialiseModel,
  weightToProbability,
} from './model.ts';
export { nicknameGroups } from './nicknames.ts';
export { prepareRecord } from './prepare.ts';
export type { IdentityRecord, PreparedRecord, ValueIssue } from './record.ts';
export {
  CsvInputError,
  type DedupeRunOptions,
  type EvalRunOptions,
  type EvalSummary,
  type MalformedEntry,
  type RunSummary,
  runDedupe,
  runEval,
} from './run.ts';
export { withTermFrequencies } from './term-frequency.ts';
export { MATCH_THRESHOLDS, type MatchThresholds, thresholdProblem } from './thresholds.ts';
export { type TrainOptions, trainModel, trainOnRecords } from './train.ts';
