/**
 * Scoring of many candidate pairs within one set of records, for batch runs. A million records hold
 * only thousands of distinct forenames, and most pairs compare two common names: the name levels of
 * the commonest names are computed once per pair of names and kept in a table, and each record's
 * term-frequency adjustments once per record. The other fields are compared as numbers (record-columns.ts:
 * interned strings, packed date digits), and fields no record has are not compared at all. Weights are
 * exactly those of pairMatchWeight (pair-scorer.test.ts holds them to it).
 */
import {
  compareAddress,
  compareCity,
  compareDob,
  compareEmail,
  compareIdentifier,
  differentForenameLevel,
  differentSurnameLevel,
  FIELD_COUNT,
  FORENAME,
  NULL_LEVEL,
  SURNAME,
} from './comparisons.ts';
import { type MatchModel, termFrequencyAdjustment, withHardRules } from './model.ts';
import { NamePairLevels, UNKNOWN_LEVEL } from './name-pair-levels.ts';
import type { PreparedRecord } from './record.ts';
import {
  ABSENT,
  DOB_DAYS,
  DOB_DIGITS,
  differingDigits,
  FORENAME_ID,
  FORENAME_SLOT,
  GENDER,
  NHS_HIGH,
  NHS_LOW,
  NHS_NUMBER_ID,
  NO_DATE,
  OTHER_ID,
  OTHER_ID_FORMAT,
  POSTCODE,
  POSTCODE_AREA,
  POSTCODE_DISTRICT,
  POSTCODE_SECTOR,
  packedIdentifierLevel,
  RECORD_STRIDE,
  RecordColumns,
  SURNAME_ID,
  SURNAME_SLOT,
} from './record-columns.ts';

/**
 * Names given a place in the level tables: a table of n × n one-byte levels (16 MB at 4,096). The
 * 4,096 commonest forenames cover 98% of records at a million; surnames have a longer tail of typos.
 */
export const DEFAULT_TABLE_NAMES = 4096;

/**
 * Levels of pairs of different names not in the table, kept up to this many pairs: a rare surname is
 * mostly compared with the same few names (its block's), and Jaro–Winkler is the dearest comparison.
 */
const MAX_CACHED_RARE_PAIRS = 1 << 22;

/** Levels of pairs of different names, for the commonest names; others are compared each time. */
class NameLevelTable {
  /** Per record: the index of its name in the table, or -1. */
  readonly slot: Int32Array;
  private readonly size: number;
  private readonly levels: Int8Array;
  private readonly rare = new NamePairLevels(MAX_CACHED_RARE_PAIRS);

  constructor(
    records: readonly PreparedRecord[],
    name: (record: PreparedRecord) => string | null,
    private readonly level: (a: PreparedRecord, b: PreparedRecord) => number,
    maxNames: number,
    /**
     * Room for the levels shared with other threads (at least maxNames² bytes, UNKNOWN_LEVEL at first):
     * every thread numbers the same names alike, and a level is a function of its two names, so a
     * level one thread writes is the level any other would have computed.
     */
    shared?: SharedArrayBuffer,
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
    this.levels = shared
      ? new Int8Array(shared, 0, this.size * this.size)
      : new Int8Array(this.size * this.size).fill(UNKNOWN_LEVEL);
  }

  /**
   * The level of two records whose names differ and are not swapped, given their places in the table
   * (x, y) and their name ids. The level depends on the two names alone and not on their order.
   */
  of(a: PreparedRecord, b: PreparedRecord, x: number, y: number, idA: number, idB: number): number {
    if (x < 0 || y < 0) {
      let level = this.rare.get(idA, idB);
      if (level === UNKNOWN_LEVEL) {
        level = this.level(a, b);
        this.rare.set(idA, idB, level);
      }
      return level;
    }
    const cell = x * this.size + y;
    let level = this.levels[cell]!;
    if (level === UNKNOWN_LEVEL) {
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

/** Name level tables shared by the threads scoring one run (see NameLevelTable). */
export interface SharedNameLevels {
  forenames: SharedArrayBuffer;
  surnames: SharedArrayBuffer;
}

/** Room for the default tables' levels, none known yet. */
export function sharedNameLevels(): SharedNameLevels {
  const room = () => {
    const buffer = new SharedArrayBuffer(DEFAULT_TABLE_NAMES * DEFAULT_TABLE_NAMES);
    new Int8Array(buffer).fill(UNKNOWN_LEVEL);
    return buffer;
  };
  return { forenames: room(), surnames: room() };
}

/**
 * What a scorer keeps of the records whatever the model: their fields as numbers and the name tables.
 * Built once per thread, before the model is known (a worker builds it while the model is trained).
 */
export class ScoringTables {
  readonly columns: RecordColumns;
  readonly forenames: NameLevelTable;
  readonly surnames: NameLevelTable;

  constructor(
    records: readonly PreparedRecord[],
    maxTableNames = DEFAULT_TABLE_NAMES,
    columns = new RecordColumns(records),
    shared?: SharedNameLevels,
  ) {
    this.columns = columns;
    const { forenames, surnames } = shared ?? {};
    this.forenames = new NameLevelTable(
      records,
      forenameOf,
      differentForenameLevel,
      maxTableNames,
      forenames,
    );
    this.surnames = new NameLevelTable(records, surnameOf, differentSurnameLevel, maxTableNames, surnames);
    const fields = this.columns.fields;
    for (let i = 0; i < records.length; i++) {
      fields[i * RECORD_STRIDE + FORENAME_SLOT] = this.forenames.slot[i]!;
      fields[i * RECORD_STRIDE + SURNAME_SLOT] = this.surnames.slot[i]!;
    }
  }
}

const forenameOf = (record: PreparedRecord) => record.forename;
const surnameOf = (record: PreparedRecord) => record.surname;

export class PairScorer {
  private readonly forenames: NameLevelTable;
  private readonly surnames: NameLevelTable;
  /** Per record, side by side: the adjustment for an exact forename, then for an exact surname. */
  private readonly nameAdjustments: Float64Array;
  private readonly levels = new Int8Array(FIELD_COUNT);
  private readonly columns: RecordColumns;
  private readonly fields: Int32Array;

  constructor(
    private readonly model: MatchModel,
    private readonly records: readonly PreparedRecord[],
    maxTableNames = DEFAULT_TABLE_NAMES,
    tables = new ScoringTables(records, maxTableNames),
  ) {
    this.columns = tables.columns;
    this.fields = tables.columns.fields;
    this.forenames = tables.forenames;
    this.surnames = tables.surnames;
    const forenameAdjustment = adjustments(records, forenameOf, model.termFrequencies[0]);
    const surnameAdjustment = adjustments(records, surnameOf, model.termFrequencies[1]);
    this.nameAdjustments = new Float64Array(records.length * 2);
    for (let i = 0; i < records.length; i++) {
      this.nameAdjustments[2 * i] = forenameAdjustment[i]!;
      this.nameAdjustments[2 * i + 1] = surnameAdjustment[i]!;
    }
  }

  /** The match weight of records[left] and records[right], as pairMatchWeight gives it. */
  weight(left: number, right: number): number {
    const fields = this.fields;
    const c = this.columns;
    const a = left * RECORD_STRIDE;
    const b = right * RECORD_STRIDE;
    const levels = this.levels;
    const forenameA = fields[a + FORENAME_ID]!;
    const forenameB = fields[b + FORENAME_ID]!;
    const surnameA = fields[a + SURNAME_ID]!;
    const surnameB = fields[b + SURNAME_ID]!;
    // namesSwapped(a, b), by number: forenames and surnames share one numbering.
    const swapped =
      forenameA !== ABSENT &&
      surnameA !== ABSENT &&
      forenameA !== surnameA &&
      forenameA === surnameB &&
      surnameA === forenameB;
    levels[FORENAME] = this.nameLevel(
      forenameA,
      forenameB,
      swapped,
      left,
      right,
      FORENAME_SLOT,
      this.forenames,
    );
    levels[SURNAME] = this.nameLevel(surnameA, surnameB, swapped, left, right, SURNAME_SLOT, this.surnames);
    levels[2] = c.datesPacked
      ? dobLevel(fields, a, b)
      : compareDob(this.records[left]!, this.records[right]!);
    levels[3] = postcodeLevel(fields, a, b);
    levels[4] = this.nhsLevel(left, right);
    levels[5] = this.otherIdLevel(left, right);
    levels[6] = c.anyEmail ? compareEmail(this.records[left]!, this.records[right]!) : NULL_LEVEL;
    levels[7] = c.anyAddress ? compareAddress(this.records[left]!, this.records[right]!) : NULL_LEVEL;
    levels[8] = c.anyCity ? compareCity(this.records[left]!, this.records[right]!) : NULL_LEVEL;
    const genderA = fields[a + GENDER]!;
    const genderB = fields[b + GENDER]!;
    levels[9] = genderA === ABSENT || genderB === ABSENT ? NULL_LEVEL : genderA === genderB ? 0 : 1;
    // Summed in the order weightOfLevels sums, so that the result is the same to the last bit.
    const weights = this.model.weights;
    let weight = this.model.priorWeight;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const level = levels[f]!;
      if (level !== NULL_LEVEL) weight += weights[f]![level]!;
    }
    if (levels[FORENAME] === 0) weight += this.nameAdjustments[2 * left]!;
    if (levels[SURNAME] === 0) weight += this.nameAdjustments[2 * left + 1]!;
    return withHardRules(this.model, levels, weight);
  }

  private nameLevel(
    x: number,
    y: number,
    swapped: boolean,
    left: number,
    right: number,
    slot: number,
    table: NameLevelTable,
  ): number {
    if (x === ABSENT || y === ABSENT) return NULL_LEVEL;
    if (x === y) return 0;
    if (swapped) return 1;
    const fields = this.fields;
    return table.of(
      this.records[left]!,
      this.records[right]!,
      fields[left * RECORD_STRIDE + slot]!,
      fields[right * RECORD_STRIDE + slot]!,
      x,
      y,
    );
  }

  /** compareIdentifier on NHS numbers, on their packed digits (or the text, were any not ten digits). */
  private nhsLevel(left: number, right: number): number {
    const fields = this.fields;
    const a = left * RECORD_STRIDE;
    const b = right * RECORD_STRIDE;
    if (fields[a + NHS_NUMBER_ID] === ABSENT || fields[b + NHS_NUMBER_ID] === ABSENT) return NULL_LEVEL;
    if (!this.columns.nhsPacked) {
      return compareIdentifier(this.records[left]!.nhsNumber, this.records[right]!.nhsNumber);
    }
    const highX = fields[a + NHS_HIGH]!;
    const lowX = fields[a + NHS_LOW]!;
    const highY = fields[b + NHS_HIGH]!;
    const lowY = fields[b + NHS_LOW]!;
    // Ten digits packed stand for the text: equal halves, equal numbers.
    if (highX === highY && lowX === lowY) return 0;
    return packedIdentifierLevel(highX, lowX, highY, lowY);
  }

  /** compareOtherId, on the text: different formats are no evidence unless within two edits. */
  private otherIdLevel(left: number, right: number): number {
    const fields = this.fields;
    const a = left * RECORD_STRIDE;
    const b = right * RECORD_STRIDE;
    if (fields[a + OTHER_ID] === ABSENT || fields[b + OTHER_ID] === ABSENT) return NULL_LEVEL;
    const level = compareIdentifier(this.records[left]!.otherId, this.records[right]!.otherId);
    return fields[a + OTHER_ID_FORMAT] !== fields[b + OTHER_ID_FORMAT] && level === 3 ? NULL_LEVEL : level;
  }
}

/** compareDob on packed digits (record-columns.ts); a and b are the records' offsets. */
function dobLevel(fields: Int32Array, a: number, b: number): number {
  const daysA = fields[a + DOB_DAYS]!;
  const daysB = fields[b + DOB_DAYS]!;
  if (daysA === NO_DATE || daysB === NO_DATE) return NULL_LEVEL;
  const x = fields[a + DOB_DIGITS]!;
  const y = fields[b + DOB_DIGITS]!;
  if (x === y) return 0;
  const differing = differingDigits(x, y);
  if (differing === 1) return 1;
  // Same year (the top four digits), and the day of one is the month of the other and the other way round.
  if (x >>> 16 === y >>> 16 && (x & 0xff) === ((y >>> 8) & 0xff) && ((x >>> 8) & 0xff) === (y & 0xff))
    return 2;
  if (Math.abs(daysA - daysB) <= 365) return 3;
  if (differing === 2) return 4;
  return 5;
}

/** comparePostcode, by number; a and b are the records' offsets. */
function postcodeLevel(fields: Int32Array, a: number, b: number): number {
  const x = fields[a + POSTCODE]!;
  const y = fields[b + POSTCODE]!;
  if (x === ABSENT || y === ABSENT) return NULL_LEVEL;
  if (x === y) return 0;
  const sectorX = fields[a + POSTCODE_SECTOR]!;
  const sectorY = fields[b + POSTCODE_SECTOR]!;
  if (sectorX === ABSENT || sectorY === ABSENT) return 4;
  if (sectorX === sectorY) return 1;
  if (fields[a + POSTCODE_DISTRICT] === fields[b + POSTCODE_DISTRICT]) return 2;
  if (fields[a + POSTCODE_AREA] === fields[b + POSTCODE_AREA]) return 3;
  return 4;
}
