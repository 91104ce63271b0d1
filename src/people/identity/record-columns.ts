/**
 * The fields of many prepared records as numbers, for scoring hundreds of millions of pairs. Every
 * string a comparison tests for equality is interned to an integer (equal strings, equal numbers);
 * each date of birth's eight digits are packed four bits each, so that counting the digits two dates
 * differ in is a few integer operations; ten-digit NHS numbers are packed the same way in two halves
 * (not interned: nearly every one is distinct, and a million-entry map costs more than it saves).
 * A record's numbers sit side by side (RECORD_STRIDE of them), so that a pair of records drawn at
 * random from a million costs two cache lines, not a line per field. The comparisons in
 * comparisons.ts stay the definition; pair-scorer.ts answers exactly as they do.
 */
import type { PreparedRecord } from './record.ts';

/** No value (the field is missing). */
export const ABSENT = -1;
/** dobDays of a record without a date of birth. */
export const NO_DATE = -0x80000000;

// Offsets of each field within a record's numbers.
export const FORENAME_ID = 0;
export const SURNAME_ID = 1;
/** Places in the scorer's tables of name levels (written by the scorer), or -1. */
export const FORENAME_SLOT = 2;
export const SURNAME_SLOT = 3;
export const DOB_DIGITS = 4;
export const DOB_DAYS = 5;
export const POSTCODE = 6;
export const POSTCODE_SECTOR = 7;
export const POSTCODE_DISTRICT = 8;
export const POSTCODE_AREA = 9;
/** 0 when the record has an NHS number (compared by its packed digits, or as text), else ABSENT. */
export const NHS_NUMBER_ID = 10;
/** The first five and last five digits of a ten-digit NHS number, four bits a digit. */
export const NHS_HIGH = 11;
export const NHS_LOW = 12;
/** 0 when the record has another identifier (compared as text: most are unique), else ABSENT. */
export const OTHER_ID = 13;
export const OTHER_ID_FORMAT = 14;
export const GENDER = 15;
export const RECORD_STRIDE = 16;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEN_DIGITS = /^\d{10}$/;

/** Gives each distinct string a number from 0, in order of first appearance. */
class Interner {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  id(value: string | null): number {
    if (value === null) return ABSENT;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
}

/** Digits (other characters skipped), four bits each, first digit highest; at most eight digits. */
export function packDigits(text: string, from = 0, to = text.length): number {
  let packed = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) packed = (packed << 4) | (code - 48);
  }
  return packed;
}

/** How many of the eight packed digits differ (the nibbles of the XOR that are not zero). */
export function differingDigits(x: number, y: number): number {
  const v = x ^ y;
  const nonZero = (v | (v >>> 1) | (v >>> 2) | (v >>> 3)) & 0x11111111;
  // Sums the eight one-bit nibbles into the top one (at most 8: no carry between nibbles).
  return Math.imul(nonZero, 0x11111111) >>> 28;
}

/** RecordColumns as plain data, to send to a worker thread (scoring-input.ts). */
export interface ColumnsSnapshot {
  fields: Int32Array;
  datesPacked: boolean;
  nhsPacked: boolean;
  anyEmail: boolean;
  anyAddress: boolean;
  anyCity: boolean;
  nameCount: number;
}

export class RecordColumns {
  /** RECORD_STRIDE numbers per record, at the offsets above. */
  readonly fields: Int32Array;
  /** Whether every date of birth is ISO YYYY-MM-DD, so that packed digits stand for the text. */
  readonly datesPacked: boolean;
  /** Whether every NHS number is ten digits, so that the packed halves stand for the text. */
  readonly nhsPacked: boolean;
  /** Whether any record has an e-mail address, an address or a city (otherwise those levels are all null). */
  readonly anyEmail: boolean;
  readonly anyAddress: boolean;
  readonly anyCity: boolean;
  /** How many distinct forenames and surnames there are (their ids run from 0 below it). */
  readonly nameCount: number;

  /** The records' columns; or, given a snapshot, those columns again (a copy of its fields). */
  constructor(records: readonly PreparedRecord[] | ColumnsSnapshot) {
    if (!Array.isArray(records)) {
      const snapshot = records as ColumnsSnapshot;
      this.fields = snapshot.fields.slice();
      this.nameCount = snapshot.nameCount;
      this.datesPacked = snapshot.datesPacked;
      this.nhsPacked = snapshot.nhsPacked;
      this.anyEmail = snapshot.anyEmail;
      this.anyAddress = snapshot.anyAddress;
      this.anyCity = snapshot.anyCity;
      return;
    }
    const names = new Interner();
    const postcodes = new Interner();
    const formats = new Interner();
    const genders = new Interner();
    const fields = new Int32Array(records.length * RECORD_STRIDE);
    let datesPacked = true;
    let nhsPacked = true;
    for (const r of records) if (r.nhsNumber !== null && !TEN_DIGITS.test(r.nhsNumber)) nhsPacked = false;
    let anyEmail = false;
    let anyAddress = false;
    let anyCity = false;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const at = i * RECORD_STRIDE;
      // Forenames and surnames share one numbering, so that swapped names are recognised by number.
      fields[at + FORENAME_ID] = names.id(r.forename);
      fields[at + SURNAME_ID] = names.id(r.surname);
      fields[at + FORENAME_SLOT] = -1;
      fields[at + SURNAME_SLOT] = -1;
      fields[at + DOB_DAYS] = NO_DATE;
      if (r.dob !== null) {
        if (ISO_DATE.test(r.dob) && Number.isInteger(r.dobDays) && Math.abs(r.dobDays) < 0x7fffffff) {
          fields[at + DOB_DIGITS] = packDigits(r.dob);
          fields[at + DOB_DAYS] = r.dobDays;
        } else datesPacked = false;
      }
      // Postcodes and their parts share one numbering; each is only ever compared with its own kind.
      fields[at + POSTCODE] = postcodes.id(r.postcode);
      fields[at + POSTCODE_SECTOR] = postcodes.id(r.postcodeSector);
      fields[at + POSTCODE_DISTRICT] = postcodes.id(r.postcodeDistrict);
      fields[at + POSTCODE_AREA] = postcodes.id(r.postcodeArea);
      fields[at + NHS_NUMBER_ID] = r.nhsNumber === null ? ABSENT : 0;
      if (r.nhsNumber !== null && nhsPacked) {
        fields[at + NHS_HIGH] = packDigits(r.nhsNumber, 0, 5);
        fields[at + NHS_LOW] = packDigits(r.nhsNumber, 5, 10);
      }
      fields[at + OTHER_ID] = r.otherId === null ? ABSENT : 0;
      fields[at + OTHER_ID_FORMAT] = formats.id(r.otherIdFormat);
      fields[at + GENDER] = genders.id(r.gender);
      anyEmail ||= r.email !== null;
      anyAddress ||= r.addressTokens !== null;
      anyCity ||= r.city !== null;
    }
    this.fields = fields;
    this.nameCount = names.size;
    this.datesPacked = datesPacked;
    this.nhsPacked = nhsPacked;
    this.anyEmail = anyEmail;
    this.anyAddress = anyAddress;
    this.anyCity = anyCity;
  }
}

/** Plain data to rebuild these columns from (the fields are shared, not copied). */
export function snapshotOf(columns: RecordColumns): ColumnsSnapshot {
  const { fields, datesPacked, nhsPacked, anyEmail, anyAddress, anyCity, nameCount } = columns;
  return { fields, datesPacked, nhsPacked, anyEmail, anyAddress, anyCity, nameCount };
}

/** The digit at `position` (0–9) of a ten-digit number packed in two halves. */
function digitAt(high: number, low: number, position: number): number {
  return position < 5 ? (high >>> (4 * (4 - position))) & 15 : (low >>> (4 * (9 - position))) & 15;
}

/**
 * compareIdentifier's level for two different ten-digit numbers, packed: digit by digit, a transposition
 * of adjacent digits counting as one edit; 1 for one edit, 2 for two, 3 for more.
 */
export function packedIdentifierLevel(highX: number, lowX: number, highY: number, lowY: number): number {
  let edits = 0;
  for (let i = 0; i < 10 && edits <= 2; i++) {
    const left = digitAt(highX, lowX, i);
    const right = digitAt(highY, lowY, i);
    if (left === right) continue;
    edits++;
    if (i + 1 < 10 && left === digitAt(highY, lowY, i + 1) && right === digitAt(highX, lowX, i + 1)) i++;
  }
  return edits <= 1 ? 1 : edits === 2 ? 2 : 3;
}
