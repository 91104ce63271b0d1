/**
 * Scoring of many candidate pairs within one set of records, for batch runs. A million records hold
 * only thousands of distinct forenames, and most pairs compare two common names: the name levels of
 * the commonest names are computed once per pair of names and kept in a table, and each record's
 * term-frequency adjustments once per record. Weights are exactly those of pairMatchWeight.
 */
import {
  compareFieldsButNames,
  differentForenameLevel,
  differentSurnameLevel,
  FIELD_COUNT,
  FORENAME,
  NULL_LEVEL,
  namesSwapped,
  SURNAME,
} from './comparisons.ts';
import { type MatchModel, termFrequencyAdjustment, withHardRules } from './model.ts';
import type { PreparedRecord } from './record.ts';

/**
 * Names given a place in the level tables: a table of n × n one-byte levels (16 MB at 4,096). The
 * 4,096 commonest forenames cover 98% of records at a million; surnames have a longer tail of typos.
 */
export const DEFAULT_TABLE_NAMES = 4096;

const UNKNOWN = -2;

/** Levels of pairs of different names, for the commonest names; others are compared each time. */
class NameLevelTable {
  /** Per record: the index of its name in the table, or -1. */
  readonly slot: Int32Array;
  private readonly size: number;
  private readonly levels: Int8Array;

  constructor(
    records: readonly PreparedRecord[],
    name: (record: PreparedRecord) => string | null,
    private readonly level: (a: PreparedRecord, b: PreparedRecord) => number,
    maxNames: number,
  ) {
    const counts = new Map<string, number>();
    for (const record of records) {
      const value = name(record);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const common = [...counts]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, maxNames)
      .map(([value]) => value);
    const slotOf = new Map(common.map((value, index) => [value, index]));
    this.slot = Int32Array.from(records, (record) => {
      const value = name(record);
      return value === null ? -1 : (slotOf.get(value) ?? -1);
    });
    this.size = common.length;
    this.levels = new Int8Array(this.size * this.size).fill(UNKNOWN);
  }

  /** The level of two records whose names differ and are not swapped. */
  of(a: PreparedRecord, b: PreparedRecord, left: number, right: number): number {
    const x = this.slot[left]!;
    const y = this.slot[right]!;
    if (x < 0 || y < 0) return this.level(a, b);
    const cell = x * this.size + y;
    let level = this.levels[cell]!;
    if (level === UNKNOWN) {
      level = this.level(a, b);
      this.levels[cell] = level;
      this.levels[y * this.size + x] = level;
    }
    return level;
  }
}

/** Per record: the term-frequency adjustment an exact match on its name would earn (0 without a name). */
function adjustments(
  records: readonly PreparedRecord[],
  name: (record: PreparedRecord) => string | null,
  table: MatchModel['termFrequencies'][number],
): Float64Array {
  const cache = new Map<string, number>();
  return Float64Array.from(records, (record) => {
    const value = name(record);
    if (value === null) return 0;
    let adjustment = cache.get(value);
    if (adjustment === undefined) {
      adjustment = termFrequencyAdjustment(table, value);
      cache.set(value, adjustment);
    }
    return adjustment;
  });
}

export class PairScorer {
  private readonly forenames: NameLevelTable;
  private readonly surnames: NameLevelTable;
  private readonly forenameAdjustment: Float64Array;
  private readonly surnameAdjustment: Float64Array;
  private readonly levels = new Int8Array(FIELD_COUNT);

  constructor(
    private readonly model: MatchModel,
    private readonly records: readonly PreparedRecord[],
    maxTableNames = DEFAULT_TABLE_NAMES,
  ) {
    const forename = (record: PreparedRecord) => record.forename;
    const surname = (record: PreparedRecord) => record.surname;
    this.forenames = new NameLevelTable(records, forename, differentForenameLevel, maxTableNames);
    this.surnames = new NameLevelTable(records, surname, differentSurnameLevel, maxTableNames);
    this.forenameAdjustment = adjustments(records, forename, model.termFrequencies[0]);
    this.surnameAdjustment = adjustments(records, surname, model.termFrequencies[1]);
  }

  /** The match weight of records[left] and records[right], as pairMatchWeight gives it. */
  weight(left: number, right: number): number {
    const a = this.records[left]!;
    const b = this.records[right]!;
    const levels = this.levels;
    levels[FORENAME] = this.nameLevel(a.forename, b.forename, a, b, left, right, this.forenames);
    levels[SURNAME] = this.nameLevel(a.surname, b.surname, a, b, left, right, this.surnames);
    compareFieldsButNames(a, b, levels);
    // Summed in the order weightOfLevels sums, so that the result is the same to the last bit.
    const weights = this.model.weights;
    let weight = this.model.priorWeight;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const level = levels[f]!;
      if (level !== NULL_LEVEL) weight += weights[f]![level]!;
    }
    if (levels[FORENAME] === 0) weight += this.forenameAdjustment[left]!;
    if (levels[SURNAME] === 0) weight += this.surnameAdjustment[left]!;
    return withHardRules(this.model, levels, weight);
  }

  private nameLevel(
    x: string | null,
    y: string | null,
    a: PreparedRecord,
    b: PreparedRecord,
    left: number,
    right: number,
    table: NameLevelTable,
  ): number {
    if (x === null || y === null) return NULL_LEVEL;
    if (x === y) return 0;
    if (namesSwapped(a, b)) return 1;
    return table.of(a, b, left, right);
  }
}
