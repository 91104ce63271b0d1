/**
 * What agencies submit about people: copies of a true identity, filtered by what that kind of agency
 * holds (health has the NHS number, schools the UPN, police their own reference) and carrying the slips,
 * gaps and out-of-date details real records have. Every deliberate error is listed on the record.
 */

import type { Ethnicity, Gender } from '../platform/codes/people.ts';
import { ageOn, dayNumber } from './calendar.ts';
import { localAuthorityIdFor } from './identifiers.ts';
import { nicknameOf, STREET_ALIASES } from './names.ts';
import type { Agency } from './partnership-types.ts';
import type { Rng } from './random.ts';
import {
  canSwapDayAndMonth,
  corruptNhsNumber,
  type SourceRecordError,
  swapDayAndMonth,
  type TypoKind,
  typo,
} from './record-errors.ts';
import type { Address, Person, SourceIdentifier, SourceRecord } from './types.ts';

/** Error rates per record; tuned so every kind of error appears, none dominates. */
const RATES = {
  nickname: 0.15,
  forenameTypo: 0.05,
  surnameTypo: 0.06,
  previousSurname: 0.5,
  missingDob: 0.06,
  dobSwap: 0.08,
  missingEthnicity: 0.2,
  staleAddress: 0.1,
  missingPostcode: 0.06,
  healthMissingNhs: 0.08,
  corruptNhs: 0.02,
} as const;

const TYPO_KINDS: readonly TypoKind[] = ['TYPO_SUBSTITUTION', 'TYPO_TRANSPOSITION', 'TYPO_DELETION'];

export interface RecordMaker {
  readonly rng: Rng;
  /** Hands out the next source record id of the chunk. */
  readonly nextId: () => string;
}

/** The person's global index, recovered from the trueId ("P0000123" → 123), for agency-specific ids. */
function globalIndexOf(person: Person): number {
  return Number(person.trueId.slice(1));
}

function addressOn(person: Person, day: number): Address {
  const valid = person.addresses.find(
    (a) => dayNumber(a.from) <= day && (a.to === null || day <= dayNumber(a.to)),
  );
  return valid ?? person.addresses[person.addresses.length - 1]!;
}

function identifiersFor(
  maker: RecordMaker,
  person: Person,
  agency: Agency,
  errors: SourceRecordError[],
): SourceIdentifier[] {
  const { rng } = maker;
  const out: SourceIdentifier[] = [];
  const nhs = (): void => {
    if (rng.chance(RATES.corruptNhs)) {
      out.push({ kind: 'NHS_NUMBER', value: corruptNhsNumber(rng, person.nhsNumber), corrupted: true });
      errors.push('NHS_NUMBER_CORRUPTED');
    } else {
      out.push({ kind: 'NHS_NUMBER', value: person.nhsNumber, corrupted: false });
    }
  };
  const ref = (probability: number): void => {
    if (rng.chance(probability)) out.push({ kind: 'POLICE_REF', value: person.policeRef, corrupted: false });
  };
  switch (agency.type) {
    case 'HEALTH':
      if (rng.chance(RATES.healthMissingNhs)) errors.push('MISSING_NHS_NUMBER');
      else nhs();
      break;
    case 'CHILDRENS_SOCIAL_CARE':
      out.push({
        kind: 'LA_ID',
        value: localAuthorityIdFor(globalIndexOf(person), agency.code.slice(0, 3)),
        corrupted: false,
      });
      if (rng.chance(0.5)) nhs();
      break;
    case 'EDUCATION':
      if (person.schoolUpn && rng.chance(0.95))
        out.push({ kind: 'SCHOOL_UPN', value: person.schoolUpn, corrupted: false });
      break;
    case 'POLICE':
      ref(0.97);
      break;
    case 'YOUTH_JUSTICE':
      ref(0.4);
      break;
    case 'PROBATION':
      ref(0.6);
      break;
    default:
      // Voluntary, housing and other agencies hold no national or partner identifiers.
      break;
  }
  return out;
}

function nameAsRecorded(maker: RecordMaker, person: Person, errors: SourceRecordError[]) {
  const { rng } = maker;
  let forename = person.forename;
  let surname = person.surname;
  const nickname = person.aliases[0] ?? nicknameOf(rng, person.forename);
  if (nickname && rng.chance(RATES.nickname)) {
    forename = nickname;
    errors.push('NICKNAME');
  } else if (rng.chance(RATES.forenameTypo)) {
    const kind = rng.pick(TYPO_KINDS);
    forename = typo(rng, forename, kind);
    if (forename !== person.forename) errors.push(kind);
  }
  if (person.previousSurnames.length > 0 && rng.chance(RATES.previousSurname)) {
    surname = rng.pick(person.previousSurnames);
    errors.push('SURNAME_CHANGE');
  } else if (rng.chance(RATES.surnameTypo)) {
    const kind = rng.pick(TYPO_KINDS);
    surname = typo(rng, surname, kind);
    if (surname !== person.surname) errors.push(kind);
  }
  return { forename, surname };
}

function dobAsRecorded(maker: RecordMaker, person: Person, day: number, errors: SourceRecordError[]) {
  const { rng } = maker;
  if (rng.chance(RATES.missingDob)) {
    errors.push('MISSING_DOB');
    return { dob: null, estimatedAge: rng.chance(0.5) ? ageOn(person.dob, day) : null };
  }
  if (canSwapDayAndMonth(person.dob) && rng.chance(RATES.dobSwap)) {
    errors.push('DOB_DAY_MONTH_SWAP');
    return { dob: swapDayAndMonth(person.dob), estimatedAge: null };
  }
  return { dob: person.dob, estimatedAge: null };
}

function addressAsRecorded(maker: RecordMaker, person: Person, day: number, errors: SourceRecordError[]) {
  const { rng } = maker;
  let address = addressOn(person, day);
  if (person.addresses.length > 1 && rng.chance(RATES.staleAddress)) {
    address = rng.pick(person.addresses.filter((a) => a !== address));
  }
  const current = person.addresses[person.addresses.length - 1]!;
  if (address.postcode !== current.postcode) errors.push('MOVED_ADDRESS');
  if (rng.chance(RATES.missingPostcode)) {
    errors.push('MISSING_POSTCODE');
    return { addressLine: rng.chance(0.5) ? address.line1 : null, postcode: null };
  }
  return { addressLine: `${address.line1}, ${address.town}`, postcode: address.postcode };
}

function ethnicityAsRecorded(
  maker: RecordMaker,
  person: Person,
  missingRate: number,
  errors: SourceRecordError[],
) {
  if (maker.rng.chance(missingRate)) {
    errors.push('MISSING_ETHNICITY');
    return null;
  }
  return person.ethnicity;
}

/** What every source record starts with: its id, who it is about, and which agency sent it when. */
function sentBy(maker: RecordMaker, person: Person, agency: Agency, submittedAtMs: number) {
  return {
    sourceRecordId: maker.nextId(),
    trueId: person.trueId,
    subjectRole: person.role,
    agencyCode: agency.code,
    submittedAt: new Date(submittedAtMs).toISOString(),
  };
}

/** A full record of a child or suspect, as an agency that knows them well holds it. */
export function fullRecord(
  maker: RecordMaker,
  person: Person,
  agency: Agency,
  submittedAtMs: number,
  day: number,
): SourceRecord {
  const errors: SourceRecordError[] = [];
  const { forename, surname } = nameAsRecorded(maker, person, errors);
  const { dob, estimatedAge } = dobAsRecorded(maker, person, day, errors);
  const { addressLine, postcode } = addressAsRecorded(maker, person, day, errors);
  const ethnicity = ethnicityAsRecorded(maker, person, RATES.missingEthnicity, errors);
  const identifiers = identifiersFor(maker, person, agency, errors);
  const gender: Gender = maker.rng.chance(0.01) ? 'UNKNOWN' : person.gender;
  return {
    ...sentBy(maker, person, agency, submittedAtMs),
    forename,
    surname,
    aliases: person.aliases.length > 0 && maker.rng.chance(0.3) ? [person.aliases[0]!] : [],
    dob,
    estimatedAge,
    gender,
    ethnicity,
    identifiers,
    addressLine,
    postcode,
    errors,
  };
}

/**
 * A suspect as a referrer names them in a victim referral: often only a first name or street name and a
 * guessed age. Police referrers know more (their own reference, usually a date of birth).
 */
export function suspectAsNamedByReferrer(
  maker: RecordMaker,
  person: Person,
  agency: Agency,
  submittedAtMs: number,
  day: number,
): SourceRecord {
  const { rng } = maker;
  const police = agency.type === 'POLICE';
  const errors: SourceRecordError[] = [];
  const knownAs = rng.weighted<'FULL' | 'FORENAME' | 'ALIAS' | 'NONE'>(
    police
      ? [
          ['FULL', 75],
          ['FORENAME', 10],
          ['ALIAS', 10],
          ['NONE', 5],
        ]
      : [
          ['FULL', 35],
          ['FORENAME', 30],
          ['ALIAS', 25],
          ['NONE', 10],
        ],
  );
  const alias = person.aliases[0] ?? null;
  let forename: string | null = null;
  let surname: string | null = null;
  if (knownAs === 'FULL') ({ forename, surname } = nameAsRecorded(maker, person, errors));
  else if (knownAs === 'FORENAME' || (knownAs === 'ALIAS' && !alias)) forename = person.forename;
  if (knownAs !== 'FULL') errors.push('NAME_PARTIAL');

  let dob: string | null = null;
  let estimatedAge: number | null = null;
  if (police && rng.chance(0.7)) ({ dob, estimatedAge } = dobAsRecorded(maker, person, day, errors));
  else {
    estimatedAge = Math.max(14, ageOn(person.dob, day) + rng.int(-5, 5));
    errors.push('DOB_ESTIMATED');
  }
  const withAddress = rng.chance(police ? 0.7 : 0.2);
  const address = withAddress ? addressAsRecorded(maker, person, day, errors) : null;
  if (!withAddress) errors.push('MISSING_POSTCODE');
  const ethnicity: Ethnicity | null = ethnicityAsRecorded(maker, person, police ? 0.15 : 0.6, errors);
  const identifiers: SourceIdentifier[] =
    police && rng.chance(0.7) ? [{ kind: 'POLICE_REF', value: person.policeRef, corrupted: false }] : [];
  return {
    ...sentBy(maker, person, agency, submittedAtMs),
    forename,
    surname,
    aliases: knownAs === 'ALIAS' && alias ? [alias] : [],
    dob,
    estimatedAge,
    gender: person.gender,
    ethnicity,
    identifiers,
    addressLine: address?.addressLine ?? null,
    postcode: address?.postcode ?? null,
    errors,
  };
}

/** A street name for a suspect, sometimes. */
export function streetAliasFor(rng: Rng, formal: string): string | null {
  if (!rng.chance(0.4)) return null;
  return nicknameOf(rng, formal) ?? rng.pick(STREET_ALIASES);
}
