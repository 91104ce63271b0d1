/**
 * Person details as an agency submits them: validation (each problem names its field) and the search keys
 * the registry stores. Pure: `now` is a parameter.
 */

import { isCode } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { doubleMetaphone } from './identity/double-metaphone.ts';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';
import { parseUkPostcode } from './postcode.ts';

export type SubjectRole = 'CHILD' | 'SUSPECT' | 'ASSOCIATE';

export interface AddressInput {
  line1?: string | null;
  town?: string | null;
  postcode?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface PersonDetails {
  forename?: string | null;
  surname?: string | null;
  aliases?: string[];
  /** ISO date YYYY-MM-DD. */
  dob?: string | null;
  estimatedAge?: number | null;
  /** Required when a child referral concerns someone 18 or over (e.g. a care leaver at risk). */
  ageExplanation?: string | null;
  gender?: string | null;
  ethnicity?: string | null;
  nhsNumber?: string | null;
  schoolUpn?: string | null;
  policeRef?: string | null;
  laId?: string | null;
  address?: AddressInput | null;
  livingSituation?: string | null;
  lookedAfter?: boolean | null;
  learningDisabilityOrSen?: boolean | null;
  camhsContact?: boolean | null;
}

/** Details after validation: trimmed, normalised, blanks as null. */
export interface CleanPersonDetails {
  forename: string | null;
  surname: string | null;
  aliases: string[];
  dob: string | null;
  estimatedAge: number | null;
  ageExplanation: string | null;
  gender: string;
  ethnicity: string | null;
  nhsNumber: string | null;
  schoolUpn: string | null;
  policeRef: string | null;
  laId: string | null;
  address: {
    line1: string | null;
    town: string | null;
    postcode: string | null;
    postcodeKey: string | null;
    from: string | null;
    to: string | null;
  } | null;
  livingSituation: string | null;
  lookedAfter: boolean | null;
  learningDisabilityOrSen: boolean | null;
  camhsContact: boolean | null;
}

const NAME = /^[\p{L}][\p{L}\p{M}' .-]{0,99}$/u;
const UPN = /^[A-Z]\d{11}[0-9A-Z]$/;

function blank(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Age in whole years on a date, from an ISO date of birth. */
export function ageOn(dob: string, on: Date): number {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const year = on.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  return year - y - (beforeBirthday ? 1 : 0);
}

/** The age at which a person is no longer a child (Children Act 1989). */
export const ADULT_AGE = 18;

/**
 * Whether a person is an adult on a date: 18 or over by their date of birth or, without one, by an estimated
 * age. Someone whose age is not known at all is not taken to be an adult: child safeguarding stays open to them.
 */
export function isAdultOn(person: { dob: string | null; estimated_age: number | null }, on: Date): boolean {
  if (person.dob) return ageOn(person.dob, on) >= ADULT_AGE;
  return person.estimated_age !== null && person.estimated_age >= ADULT_AGE;
}

export function validatePersonDetails(
  input: PersonDetails,
  options: { role: SubjectRole; now: Date; prefix: string },
): { errors: FieldError[]; clean: CleanPersonDetails } {
  const errors: FieldError[] = [];
  const f = (name: string) => `${options.prefix}.${name}`;
  const forename = blank(input.forename);
  const surname = blank(input.surname);
  const aliases = (input.aliases ?? []).map((a) => a.trim()).filter(Boolean);

  if (!forename && !surname && aliases.length === 0) {
    errors.push({
      field: f('forename'),
      message: 'Enter a first name, a last name or a name the person is known by',
    });
  }
  for (const [name, value] of [
    ['forename', forename],
    ['surname', surname],
  ] as const) {
    if (value && !NAME.test(value)) {
      errors.push({
        field: f(name),
        message: `${name === 'forename' ? 'First' : 'Last'} name must be letters, spaces, hyphens or apostrophes, up to 100 characters`,
      });
    }
  }
  if (aliases.length > 20 || aliases.some((a) => a.length > 100)) {
    errors.push({ field: f('aliases'), message: 'Enter up to 20 other names, each up to 100 characters' });
  }

  const dob = blank(input.dob);
  let age: number | null = null;
  if (dob) {
    if (!isIsoDate(dob)) errors.push({ field: f('dob'), message: 'Date of birth must be a real date' });
    else if (new Date(`${dob}T00:00:00Z`).getTime() > options.now.getTime()) {
      errors.push({ field: f('dob'), message: 'Date of birth must be in the past' });
    } else {
      age = ageOn(dob, options.now);
      if (age > 120)
        errors.push({ field: f('dob'), message: 'Date of birth must be within the last 120 years' });
    }
  }
  const estimatedAge = input.estimatedAge ?? null;
  if (estimatedAge !== null && (!Number.isInteger(estimatedAge) || estimatedAge < 0 || estimatedAge > 120)) {
    errors.push({
      field: f('estimatedAge'),
      message: 'Estimated age must be a whole number of years from 0 to 120',
    });
  }
  const ageExplanation = blank(input.ageExplanation);
  if (options.role === 'CHILD') {
    if (!dob && estimatedAge === null) {
      errors.push({
        field: f('dob'),
        message: 'Enter the child’s date of birth, or their estimated age if it is not known',
      });
    }
    const effectiveAge = age ?? estimatedAge;
    if (effectiveAge !== null && effectiveAge >= 18 && !ageExplanation) {
      errors.push({
        field: f('ageExplanation'),
        message:
          'This person is 18 or over: explain why they are referred as a child (for example, a care leaver)',
      });
    }
  }
  if (ageExplanation && ageExplanation.length > 1000) {
    errors.push({ field: f('ageExplanation'), message: 'Explanation must be 1000 characters or fewer' });
  }

  const gender = blank(input.gender) ?? 'UNKNOWN';
  if (!isCode(GENDERS, gender)) errors.push({ field: f('gender'), message: 'Select a gender from the list' });
  const ethnicity = blank(input.ethnicity);
  if (ethnicity && !isCode(ETHNICITIES, ethnicity))
    errors.push({ field: f('ethnicity'), message: 'Select an ethnicity from the list' });

  const nhsRaw = blank(input.nhsNumber);
  const nhsNumber = nhsRaw ? normaliseNhsNumber(nhsRaw) : null;
  if (nhsNumber && !isValidNhsNumber(nhsNumber)) {
    errors.push({
      field: f('nhsNumber'),
      message: 'Enter a valid 10-digit NHS number (its last digit is a check digit)',
    });
  }
  const schoolUpn = blank(input.schoolUpn)?.toUpperCase() ?? null;
  if (schoolUpn && !UPN.test(schoolUpn)) {
    errors.push({
      field: f('schoolUpn'),
      message: 'A unique pupil number is a letter, 11 digits and a final letter or digit',
    });
  }
  const policeRef = blank(input.policeRef);
  if (policeRef && (policeRef.length > 40 || !/^[A-Za-z0-9/-]+$/.test(policeRef))) {
    errors.push({
      field: f('policeRef'),
      message: 'Police reference must be up to 40 letters, digits, hyphens or slashes',
    });
  }
  const laId = blank(input.laId);
  if (laId && (laId.length > 40 || !/^[A-Za-z0-9/-]+$/.test(laId))) {
    errors.push({
      field: f('laId'),
      message: 'Local authority id must be up to 40 letters, digits, hyphens or slashes',
    });
  }

  let address: CleanPersonDetails['address'] = null;
  if (input.address) {
    const postcodeRaw = blank(input.address.postcode);
    const parsed = postcodeRaw ? parseUkPostcode(postcodeRaw) : null;
    if (postcodeRaw && !parsed)
      errors.push({ field: f('address.postcode'), message: 'Enter a full UK postcode, like PR1 2AB' });
    const from = blank(input.address.from);
    const to = blank(input.address.to);
    if (from && !isIsoDate(from))
      errors.push({ field: f('address.from'), message: 'Date moved in must be a real date' });
    if (to && !isIsoDate(to))
      errors.push({ field: f('address.to'), message: 'Date moved out must be a real date' });
    if (from && to && isIsoDate(from) && isIsoDate(to) && to < from) {
      errors.push({ field: f('address.to'), message: 'Date moved out must be after the date moved in' });
    }
    const line1 = blank(input.address.line1);
    const town = blank(input.address.town);
    if ((line1?.length ?? 0) > 200 || (town?.length ?? 0) > 100) {
      errors.push({ field: f('address.line1'), message: 'Address must be 200 characters or fewer' });
    }
    if (line1 || town || parsed) {
      address = {
        line1,
        town,
        postcode: parsed?.full ?? null,
        postcodeKey: parsed ? parsed.full.replace(' ', '') : null,
        from,
        to,
      };
    }
  }
  const livingSituation = blank(input.livingSituation);
  if (livingSituation && !isCode(LIVING_SITUATIONS, livingSituation)) {
    errors.push({ field: f('livingSituation'), message: 'Select a living situation from the list' });
  }

  return {
    errors,
    clean: {
      forename,
      surname,
      aliases,
      dob: dob && isIsoDate(dob) ? dob : null,
      estimatedAge,
      ageExplanation,
      gender,
      ethnicity,
      nhsNumber,
      schoolUpn,
      policeRef,
      laId,
      address,
      livingSituation,
      lookedAfter: input.lookedAfter ?? null,
      learningDisabilityOrSen: input.learningDisabilityOrSen ?? null,
      camhsContact: input.camhsContact ?? null,
    },
  };
}

/** Lower-case, accents removed, single spaces: what trigram search compares. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z' -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchKeys {
  searchName: string;
  forenameDm: string | null;
  surnameDm: string | null;
  surnameDmAlt: string | null;
}

/** Keys stored on a source record so that search is tolerant of misspelling (trigrams) and sound (metaphone). */
export function searchKeys(details: {
  forename: string | null;
  surname: string | null;
  aliases: string[];
}): SearchKeys {
  const names = [details.forename, details.surname, ...details.aliases].filter((n): n is string => !!n);
  const forename = details.forename ? doubleMetaphone(normaliseName(details.forename)) : null;
  const surname = details.surname ? doubleMetaphone(normaliseName(details.surname)) : null;
  return {
    searchName: normaliseName(names.join(' ')),
    forenameDm: forename?.primary || null,
    surnameDm: surname?.primary || null,
    surnameDmAlt: surname?.alternate || surname?.primary || null,
  };
}
