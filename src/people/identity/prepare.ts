/**
 * Normalisation and per-record preparation. Everything a comparison or a blocking key needs is
 * computed here once, so scoring a pair never re-parses or re-encodes a value.
 */
import { isValidNhsNumber, normaliseNhsNumber } from '../nhs-number.ts';
import { parseUkPostcode } from '../postcode.ts';
import {
  type DateRange,
  parseCalendarDate,
  plausibleDateOfBirth,
  REGISTRY_DATE_OF_BIRTH_RANGE,
} from './dates.ts';
import { doubleMetaphone } from './double-metaphone.ts';
import { nicknameGroups } from './nicknames.ts';
import type { IdentityRecord, PhoneticCodes, PreparedRecord, ValueIssue } from './record.ts';
import { isPreparedRecord } from './record.ts';

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Upper-case A–Z words separated by single spaces; accents folded, apostrophes dropped (O'Neil → ONEIL). */
export function normaliseName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .replace(/['’`]/g, '')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  return text.length > 0 ? text : null;
}

/** Primary and alternate Double Metaphone codes of a normalised name, spaces ignored. */
export function phoneticCodes(normalisedName: string | null): PhoneticCodes | null {
  if (normalisedName === null) return null;
  const codes = doubleMetaphone(normalisedName.replace(/ /g, ''));
  if (codes.primary === '' && codes.alternate === '') return null;
  return { primary: codes.primary, alternate: codes.alternate };
}

const ADDRESS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  RD: 'ROAD',
  ST: 'STREET',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  LN: 'LANE',
  DR: 'DRIVE',
  CL: 'CLOSE',
  CRES: 'CRESCENT',
  CR: 'CRESCENT',
  GDNS: 'GARDENS',
  GRN: 'GREEN',
  GR: 'GROVE',
  PL: 'PLACE',
  SQ: 'SQUARE',
  TER: 'TERRACE',
  TERR: 'TERRACE',
  CT: 'COURT',
  PDE: 'PARADE',
  HSE: 'HOUSE',
  FLT: 'FLAT',
};

/** Sorted distinct address words with abbreviations expanded (Rd → ROAD). */
export function addressTokens(raw: string | null | undefined): readonly string[] | null {
  if (raw == null) return null;
  const words = raw
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => ADDRESS_ABBREVIATIONS[w] ?? w);
  if (words.length === 0) return null;
  return [...new Set(words)].sort();
}

const GENDERS: Readonly<Record<string, string | null>> = {
  M: 'M',
  MALE: 'M',
  MAN: 'M',
  BOY: 'M',
  F: 'F',
  FEMALE: 'F',
  WOMAN: 'F',
  GIRL: 'F',
  X: 'X',
  OTHER: 'X',
  NONBINARY: 'X',
  U: null,
  UNKNOWN: null,
  NOTKNOWN: null,
  NOTSTATED: null,
  NOTSPECIFIED: null,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function blankToNull(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw.trim();
  return text.length > 0 ? text : null;
}

function compactUpper(raw: string): string {
  return raw.toUpperCase().replace(/\s+/g, '');
}

/** The shape of an identifier: letters become A and digits 9, anything else is kept ("PN/0123" → "AA/9999"). */
export function identifierFormat(identifier: string): string {
  return identifier.replace(/[A-Z]/g, 'A').replace(/[0-9]/g, '9');
}

export interface PrepareOptions {
  /**
   * Dates of birth outside this range are implausible: reported and treated as missing. The registry's
   * range by default; null accepts every real calendar date (generic linkage of, say, 18th-century records).
   */
  dateOfBirthRange?: DateRange | null;
}

/**
 * Prepares a record for matching. Unusable values (impossible or implausible dates, NHS numbers failing
 * their check digit, malformed e-mail addresses, unknown genders) become missing and, when `issues` is
 * given, are reported there. Already prepared records are returned unchanged.
 */
export function prepareRecord(
  record: IdentityRecord | PreparedRecord,
  issues?: ValueIssue[],
  options: PrepareOptions = {},
): PreparedRecord {
  if (isPreparedRecord(record)) return record;
  const report = (
    field: ValueIssue['field'],
    value: string,
    reason: string,
    kind: ValueIssue['kind'] = 'invalid',
  ): void => {
    issues?.push({ field, value, reason, kind });
  };

  const forename = normaliseName(record.firstName);
  const surname = normaliseName(record.surname);
  const firstGivenName = forename?.split(' ')[0] ?? null;

  const dobText = blankToNull(record.dob);
  let dob = dobText === null ? null : parseCalendarDate(dobText);
  const range =
    options.dateOfBirthRange === undefined ? REGISTRY_DATE_OF_BIRTH_RANGE : options.dateOfBirthRange;
  if (dobText !== null && dob === null) {
    report('dob', dobText, 'not a valid date (expected YYYY-MM-DD or DD/MM/YYYY)');
  } else if (dobText !== null && dob !== null && range !== null && !plausibleDateOfBirth(dob, range)) {
    report(
      'dob',
      dobText,
      `implausible date of birth (a real date, outside ${range.earliestYear}–${range.latestYear})`,
      'implausible',
    );
    dob = null;
  }

  const postcodeText = blankToNull(record.postcode);
  const ukPostcode = postcodeText === null ? null : parseUkPostcode(postcodeText);
  const postcode = ukPostcode?.full ?? (postcodeText === null ? null : compactUpper(postcodeText));

  const nhsText = blankToNull(record.nhsNumber);
  let nhsNumber: string | null = null;
  if (nhsText !== null) {
    if (isValidNhsNumber(nhsText)) nhsNumber = normaliseNhsNumber(nhsText);
    else report('nhsNumber', nhsText, 'not a valid NHS number (ten digits with a correct check digit)');
  }

  const emailText = blankToNull(record.email);
  let email: string | null = null;
  if (emailText !== null) {
    if (EMAIL.test(emailText)) email = emailText.toLowerCase();
    else report('email', emailText, 'not an e-mail address');
  }

  const genderText = blankToNull(record.gender);
  let gender: string | null = null;
  if (genderText !== null) {
    const key = genderText.toUpperCase().replace(/[^A-Z]/g, '');
    if (key in GENDERS) gender = GENDERS[key] ?? null;
    else report('gender', genderText, 'unknown gender (expected M, F, X or a word for them)');
  }

  const otherIdText = blankToNull(record.otherId);
  const otherId = otherIdText === null ? null : compactUpper(otherIdText);
  const cityText = normaliseName(record.city);

  return {
    prepared: true,
    id: record.id,
    forename,
    forenameCodes: phoneticCodes(firstGivenName),
    forenameGroups: firstGivenName === null ? nicknameGroups('') : nicknameGroups(firstGivenName),
    surname,
    surnameCodes: phoneticCodes(surname),
    dob: dob?.iso ?? null,
    dobYear: dob?.year ?? 0,
    dobMonth: dob?.month ?? 0,
    dobDay: dob?.day ?? 0,
    dobDays: dob?.days ?? Number.NaN,
    postcode,
    postcodeSector: ukPostcode?.sector ?? null,
    postcodeDistrict: ukPostcode?.district ?? null,
    postcodeArea: ukPostcode?.area ?? null,
    addressTokens: addressTokens(record.address),
    city: cityText,
    email,
    emailUser: email === null ? null : email.slice(0, email.lastIndexOf('@')),
    nhsNumber,
    otherId,
    otherIdFormat: otherId === null ? null : identifierFormat(otherId),
    gender,
  };
}
