/**
 * Comparison levels per field. Each comparison returns the index of the first level the pair meets
 * (strongest first), or NULL_LEVEL when either side is missing: a missing value is no evidence
 * either way. These run once per candidate pair, so they allocate nothing.
 */
import { boundedEditDistance } from './edit-distance.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { shareNicknameGroup } from './nicknames.ts';
import type { PhoneticCodes, PreparedRecord } from './record.ts';

export const NULL_LEVEL = -1;

export const FIELDS = [
  'forename',
  'surname',
  'dob',
  'postcode',
  'nhsNumber',
  'otherId',
  'email',
  'address',
  'city',
  'gender',
] as const;
export type FieldName = (typeof FIELDS)[number];
export const FIELD_COUNT = FIELDS.length;

export const FORENAME = 0;
export const SURNAME = 1;

export const JARO_WINKLER_HIGH = 0.95;
export const JARO_WINKLER_LOW = 0.88;

/**
 * Identifiers are typed by people: a mistyped or transposed digit is far likelier in the same person's
 * records than between two people's, so near misses are levels of their own, weighed by EM.
 */
const IDENTIFIER_LEVELS = ['exact', 'one digit different or transposed', 'two edits', 'different'] as const;

/** Level labels per field, in the order the comparison tests them. The last is always "else". */
export const LEVEL_LABELS: Readonly<Record<FieldName, readonly string[]>> = {
  forename: [
    'exact',
    'swapped with surname',
    'jaro-winkler >= 0.95',
    'nickname or variant',
    'double metaphone',
    'jaro-winkler >= 0.88',
    'else',
  ],
  surname: [
    'exact',
    'swapped with forename',
    'jaro-winkler >= 0.95',
    'double metaphone',
    'jaro-winkler >= 0.88',
    'else',
  ],
  dob: [
    'exact',
    'one digit different',
    'day and month swapped',
    'within a year',
    'two digits different or transposed',
    'else',
  ],
  postcode: ['full', 'sector', 'district', 'area', 'else'],
  nhsNumber: IDENTIFIER_LEVELS,
  otherId: IDENTIFIER_LEVELS,
  email: [
    'exact',
    'same user, different domain',
    'user within one edit',
    'user within two edits',
    'different',
  ],
  address: ['jaccard >= 0.9', 'jaccard >= 0.6', 'jaccard >= 0.3', 'else'],
  city: ['exact', 'jaro-winkler >= 0.88', 'different'],
  gender: ['equal', 'different'],
};

/** Jaro–Winkler computed in a fixed argument order, so the result cannot depend on which side is which. */
function symmetricJaroWinkler(a: string, b: string): number {
  return a < b ? jaroWinkler(a, b) : jaroWinkler(b, a);
}

export function phoneticMatch(a: PhoneticCodes | null, b: PhoneticCodes | null): boolean {
  if (a === null || b === null) return false;
  return (
    (a.primary !== '' && (a.primary === b.primary || a.primary === b.alternate)) ||
    (a.alternate !== '' && (a.alternate === b.primary || a.alternate === b.alternate))
  );
}

export function namesSwapped(a: PreparedRecord, b: PreparedRecord): boolean {
  return (
    a.forename !== null &&
    a.surname !== null &&
    a.forename !== a.surname &&
    a.forename === b.surname &&
    a.surname === b.forename
  );
}

export function compareForename(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.forename;
  const y = b.forename;
  if (x === null || y === null) return NULL_LEVEL;
  if (x === y) return 0;
  if (namesSwapped(a, b)) return 1;
  return differentForenameLevel(a, b);
}

/**
 * The forename level of two different forenames not swapped with the surnames. It depends on the two
 * names alone (nickname groups and phonetic codes come from the name), so it can be kept per pair of names.
 */
export function differentForenameLevel(a: PreparedRecord, b: PreparedRecord): number {
  const similarity = symmetricJaroWinkler(a.forename!, b.forename!);
  if (similarity >= JARO_WINKLER_HIGH) return 2;
  if (shareNicknameGroup(a.forenameGroups, b.forenameGroups)) return 3;
  if (phoneticMatch(a.forenameCodes, b.forenameCodes)) return 4;
  if (similarity >= JARO_WINKLER_LOW) return 5;
  return 6;
}

export function compareSurname(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.surname;
  const y = b.surname;
  if (x === null || y === null) return NULL_LEVEL;
  if (x === y) return 0;
  if (namesSwapped(a, b)) return 1;
  return differentSurnameLevel(a, b);
}

/** The surname level of two different surnames not swapped with the forenames (see differentForenameLevel). */
export function differentSurnameLevel(a: PreparedRecord, b: PreparedRecord): number {
  const similarity = symmetricJaroWinkler(a.surname!, b.surname!);
  if (similarity >= JARO_WINKLER_HIGH) return 2;
  if (phoneticMatch(a.surnameCodes, b.surnameCodes)) return 3;
  if (similarity >= JARO_WINKLER_LOW) return 4;
  return 5;
}

// Positions of the eight digits of YYYY-MM-DD.
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

export function compareDob(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.dob;
  const y = b.dob;
  if (x === null || y === null) return NULL_LEVEL;
  if (x === y) return 0;
  let differing = 0;
  for (const position of DATE_DIGITS) if (x.charCodeAt(position) !== y.charCodeAt(position)) differing++;
  if (differing === 1) return 1;
  if (a.dobYear === b.dobYear && a.dobDay === b.dobMonth && a.dobMonth === b.dobDay) return 2;
  if (Math.abs(a.dobDays - b.dobDays) <= 365) return 3;
  // 1985 against 1958, or two slips: decades apart, but a hand's error rather than another person.
  if (differing === 2) return 4;
  return 5;
}

export function comparePostcode(a: PreparedRecord, b: PreparedRecord): number {
  if (a.postcode === null || b.postcode === null) return NULL_LEVEL;
  if (a.postcode === b.postcode) return 0;
  // Non-UK postcodes have no levels: they are equal or not.
  if (a.postcodeSector === null || b.postcodeSector === null) return 4;
  if (a.postcodeSector === b.postcodeSector) return 1;
  if (a.postcodeDistrict === b.postcodeDistrict) return 2;
  if (a.postcodeArea === b.postcodeArea) return 3;
  return 4;
}

function compareExact(x: string | null, y: string | null): number {
  if (x === null || y === null) return NULL_LEVEL;
  return x === y ? 0 : 1;
}

/**
 * Identifier levels (IDENTIFIER_LEVELS): exact, one edit (a digit or a transposition), two edits,
 * different. Identifiers of one length are compared position by position, a transposition of adjacent
 * characters counting as one edit: a slip in a fixed-length number does not shift the rest, and this runs
 * on most candidate pairs (different NHS numbers), where a full edit distance would cost far more.
 */
export function compareIdentifier(x: string | null, y: string | null): number {
  if (x === null || y === null) return NULL_LEVEL;
  if (x === y) return 0;
  let edits = 3;
  if (x.length === y.length) {
    edits = 0;
    for (let i = 0; i < x.length && edits <= 2; i++) {
      const left = x.charCodeAt(i);
      const right = y.charCodeAt(i);
      if (left === right) continue;
      edits++;
      if (i + 1 < x.length && left === y.charCodeAt(i + 1) && right === x.charCodeAt(i + 1)) i++;
    }
  } else edits = boundedEditDistance(x, y, 2);
  return edits <= 1 ? 1 : edits === 2 ? 2 : 3;
}

/** Whether two strings are the same once their digits are left out (jess.hall12 and jess.hall47). */
function sameButDigits(x: string, y: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && isDigit(x.charCodeAt(i))) i++;
    while (j < y.length && isDigit(y.charCodeAt(j))) j++;
    if (i === x.length || j === y.length) return i === x.length && j === y.length;
    if (x.charCodeAt(i) !== y.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * E-mail levels: the user part and the domain compared apart (jane.hall@a.example and
 * jane.hall@b.example). Users that differ only in their digits are different: people who share a name
 * tell their addresses apart by number (jess.hall12, jess.hall47), so there a near miss is no typo.
 */
export function compareEmail(a: PreparedRecord, b: PreparedRecord): number {
  if (a.email === null || b.email === null) return NULL_LEVEL;
  if (a.email === b.email) return 0;
  const x = a.emailUser!;
  const y = b.emailUser!;
  if (x === y) return 1;
  if (sameButDigits(x, y)) return 4;
  const distance = boundedEditDistance(x, y, 2);
  return distance <= 2 ? 1 + distance : 4;
}

export function compareCity(a: PreparedRecord, b: PreparedRecord): number {
  if (a.city === null || b.city === null) return NULL_LEVEL;
  if (a.city === b.city) return 0;
  return symmetricJaroWinkler(a.city, b.city) >= JARO_WINKLER_LOW ? 1 : 2;
}

/** Jaccard similarity of two sorted, duplicate-free word lists. */
export function jaccard(x: readonly string[], y: readonly string[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    const left = x[i]!;
    const right = y[j]!;
    if (left === right) {
      shared++;
      i++;
      j++;
    } else if (left < right) i++;
    else j++;
  }
  const union = x.length + y.length - shared;
  return union === 0 ? 1 : shared / union;
}

export function compareAddress(a: PreparedRecord, b: PreparedRecord): number {
  if (a.addressTokens === null || b.addressTokens === null) return NULL_LEVEL;
  const similarity = jaccard(a.addressTokens, b.addressTokens);
  if (similarity >= 0.9) return 0;
  if (similarity >= 0.6) return 1;
  if (similarity >= 0.3) return 2;
  return 3;
}

/**
 * Identifiers of different formats are different kinds of identifier (no evidence either way), unless
 * they are within two edits of each other: then a slip changed the format (1234567 and 123456).
 */
export function compareOtherId(a: PreparedRecord, b: PreparedRecord): number {
  if (a.otherId === null || b.otherId === null) return NULL_LEVEL;
  const level = compareIdentifier(a.otherId, b.otherId);
  return a.otherIdFormat !== b.otherIdFormat && level === 3 ? NULL_LEVEL : level;
}

export const COMPARATORS: readonly ((a: PreparedRecord, b: PreparedRecord) => number)[] = [
  compareForename,
  compareSurname,
  compareDob,
  comparePostcode,
  (a, b) => compareIdentifier(a.nhsNumber, b.nhsNumber),
  compareOtherId,
  compareEmail,
  compareAddress,
  compareCity,
  (a, b) => compareExact(a.gender, b.gender),
];

/** Writes each field's level for the pair into `out` (reuse one buffer in loops) and returns it. */
export function compareRecords(
  a: PreparedRecord,
  b: PreparedRecord,
  out: Int8Array = new Int8Array(FIELD_COUNT),
): Int8Array {
  out[0] = compareForename(a, b);
  out[1] = compareSurname(a, b);
  return compareFieldsButNames(a, b, out);
}

/** Writes the levels of every field but the forename and surname (out[2] onwards). */
export function compareFieldsButNames(a: PreparedRecord, b: PreparedRecord, out: Int8Array): Int8Array {
  out[2] = compareDob(a, b);
  out[3] = comparePostcode(a, b);
  out[4] = compareIdentifier(a.nhsNumber, b.nhsNumber);
  out[5] = compareOtherId(a, b);
  out[6] = compareEmail(a, b);
  out[7] = compareAddress(a, b);
  out[8] = compareCity(a, b);
  out[9] = compareExact(a.gender, b.gender);
  return out;
}
