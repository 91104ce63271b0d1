/**
 * Hard labelled test sets for the identity engine, each with the properties of data the project did not
 * write: (a) a small file of "fake people" with typos, missing values and e-mail variants; (b)
 * Australian-style records with typos in every field, identifiers included, and dates with impossible
 * days or day and month swapped; (c) people born 1650–1899 with name variants, missing and wrong values.
 * Deterministic for a seed. For this module's tests and the identity bench only.
 */

import {
  BIRTH_PLACES,
  HISTORICAL_FORENAMES,
  MAIL_DOMAINS,
  STREET_KINDS,
  STREET_NAMES,
  SUBURBS,
  SURNAME_ENDS,
  SURNAME_STARTS,
} from './hard-test-names.ts';
import { pick, type Random, randomInt, seededRandom } from './prng.ts';
import { typo } from './test-data.ts';
import { NICKNAMES, TEST_FORENAMES, TEST_SURNAMES } from './test-names.ts';

/** A labelled CSV: an `id` column, a `truth` column (the person), and the map `lantern match` needs. */
export interface LabelledSet {
  name: string;
  header: string[];
  rows: string[][];
  /** The --map option for `lantern match`. */
  map: string;
}

export const ID_COLUMN = 'id';
export const TRUTH_COLUMN = 'truth';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Joins between the two parts: 50 starts × 5 joins × 20 ends make 5,000 surnames, a register's variety. */
const SURNAME_JOINS = ['', '', 'er', 'ing', 'e', 'en'] as const;

function madeUpSurname(random: Random): string {
  return `${pick(random, SURNAME_STARTS)}${pick(random, SURNAME_JOINS)}${pick(random, SURNAME_ENDS)}`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function randomDate(random: Random, fromYear: number, years: number): string {
  return isoDate(fromYear + randomInt(random, years), 1 + randomInt(random, 12), 1 + randomInt(random, 28));
}

/** One digit of a string of digits replaced by another digit. */
export function digitTypo(random: Random, digits: string): string {
  const positions = [...digits].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  if (positions.length === 0) return digits;
  const at = pick(random, positions);
  const replacement = String((Number(digits[at]) + 1 + randomInt(random, 9)) % 10);
  return digits.slice(0, at) + replacement + digits.slice(at + 1);
}

/** Two adjacent different characters swapped (1234567 → 1243567); unchanged if all are equal. */
export function transposition(random: Random, text: string): string {
  for (let tries = 0; tries < 10 && text.length > 1; tries++) {
    const at = randomInt(random, text.length - 1);
    if (text[at] !== text[at + 1]) return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
  }
  return text;
}

/** A date slip: one digit of the day, month or year wrong, where the result is still a date. */
function dateDigitSlip(random: Random, iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const kind = randomInt(random, 3);
  if (kind === 0) return isoDate(year, month, day < 10 ? day + 10 : day - 10);
  if (kind === 1) return isoDate(year + (random() < 0.5 ? 1 : -1), month, day);
  return isoDate(year, month, day >= 28 ? day - 1 : day + 1);
}

function swapDayAndMonth(iso: string): string {
  const [year, month, day] = iso.split('-');
  return Number(day) <= 12 ? `${year}-${day}-${month}` : iso;
}

/** The same month's 31st, or 30 February: a date that does not exist, as a form allows. */
function impossibleDay(iso: string): string {
  const [year, month] = iso.split('-');
  return [4, 6, 9, 11].includes(Number(month)) ? `${year}-${month}-31` : `${year}-02-30`;
}

function emailUser(random: Random, first: string, surname: string): string {
  const f = first.toLowerCase().replace(/[^a-z]/g, '');
  const s = surname.toLowerCase().replace(/[^a-z]/g, '');
  const forms = [`${f}.${s}`, `${f[0]}${s}`, `${f}${s}${randomInt(random, 90) + 10}`, `${s}.${f}`];
  return pick(random, forms);
}

/** With probability p, `change(value)`; otherwise the value. */
function maybe(random: Random, p: number, value: string, change: (value: string) => string): string {
  return random() < p ? change(value) : value;
}

function shuffled(rows: string[][], random: Random): string[][] {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

/**
 * (a) A small file of fake people: first name, surname, date of birth, city and e-mail. Every record is
 * a corrupted copy of its person (no clean original): typos, nicknames, missing values, date slips,
 * and e-mail variants (another domain, a typed-wrong user, a different address altogether).
 */
export function fakePeople(seed: number, people = 250): LabelledSet {
  const random = seededRandom(seed);
  const rows: string[][] = [];
  const cities = [...SUBURBS.slice(0, 8), ...BIRTH_PLACES.slice(0, 12)];
  for (let p = 0; p < people; p++) {
    const first = pick(random, TEST_FORENAMES);
    const surname = random() < 0.5 ? pick(random, TEST_SURNAMES) : madeUpSurname(random);
    const dob = randomDate(random, 1940, 75);
    const city = pick(random, cities);
    const user = emailUser(random, first, surname);
    const domain = pick(random, MAIL_DOMAINS);
    const copies = 1 + randomInt(random, 8);
    for (let c = 0; c < copies; c++) {
      const nick = NICKNAMES[first];
      let f = maybe(random, 0.25, first, (v) => typo(random, v));
      if (nick && random() < 0.1) f = pick(random, nick);
      const s = maybe(random, 0.25, surname, (v) => typo(random, v));
      let d = dob;
      const slip = random();
      if (slip < 0.15) d = dateDigitSlip(random, d);
      else if (slip < 0.22) d = swapDayAndMonth(d);
      let town = maybe(random, 0.15, city, (v) => typo(random, v));
      if (random() < 0.1) town = pick(random, cities);
      let mailUser = maybe(random, 0.2, user, (v) => typo(random, v));
      let mailDomain = domain;
      if (random() < 0.2) mailDomain = pick(random, MAIL_DOMAINS);
      if (random() < 0.1) mailUser = emailUser(random, f, s);
      const blank = (value: string, p: number) => (random() < p ? '' : value);
      rows.push([
        '',
        blank(f, 0.1),
        blank(s, 0.1),
        blank(d, 0.15),
        blank(town, 0.2),
        blank(`${mailUser}@${mailDomain}`, 0.25),
        `P${p}`,
      ]);
    }
  }
  shuffled(rows, random).forEach((row, i) => {
    row[0] = `f${i}`;
  });
  return {
    name: 'fake people',
    header: [ID_COLUMN, 'first_name', 'surname', 'dob', 'city', 'email', TRUTH_COLUMN],
    rows,
    map: 'first_name=first_name,surname=surname,dob=dob,city=city,email=email',
  };
}

type AustralianField = 'given' | 'surname' | 'address' | 'suburb' | 'postcode' | 'dob' | 'ssid';
const AUSTRALIAN_FIELDS: readonly AustralianField[] = [
  'given',
  'surname',
  'address',
  'suburb',
  'postcode',
  'dob',
  'ssid',
];

/** One modification of one field of an Australian-style record, as the original's generator makes them. */
function modifyAustralian(random: Random, record: Record<AustralianField, string>, field: AustralianField) {
  const value = record[field];
  if (value === '') return;
  if (random() < 0.15) {
    record[field] = '';
    return;
  }
  switch (field) {
    case 'given':
    case 'surname':
    case 'suburb':
    case 'address':
      record[field] = typo(random, value);
      return;
    case 'postcode':
      record.postcode = digitTypo(random, value);
      return;
    case 'ssid':
      record.ssid = random() < 0.5 ? digitTypo(random, value) : transposition(random, value);
      return;
    case 'dob': {
      const kind = randomInt(random, 4);
      if (kind === 0) record.dob = dateDigitSlip(random, value);
      else if (kind === 1) record.dob = swapDayAndMonth(value);
      else if (kind === 2) record.dob = impossibleDay(value);
      // The year's last two digits transposed (1985 → 1958): far apart in time, one slip of the hand.
      else record.dob = `${value.slice(0, 2)}${value[3]}${value[2]}${value.slice(4)}`;
    }
  }
}

/**
 * (b) Australian-style records: originals and duplicates with one to four modifications each, in any
 * field: typos in names and addresses, a mistyped or transposed digit in the social security id or the
 * postcode, dates of birth with a slipped digit, day and month swapped, the year's digits transposed, or
 * a day that does not exist.
 */
export function australianRecords(seed: number, originals = 1500): LabelledSet {
  const random = seededRandom(seed);
  const rows: string[][] = [];
  for (let p = 0; p < originals; p++) {
    const record: Record<AustralianField, string> = {
      given: pick(random, TEST_FORENAMES),
      surname: random() < 0.6 ? pick(random, TEST_SURNAMES) : madeUpSurname(random),
      address: `${1 + randomInt(random, 250)} ${pick(random, STREET_NAMES)} ${pick(random, STREET_KINDS)}`,
      suburb: pick(random, SUBURBS),
      postcode: String(2000 + randomInt(random, 1800)),
      dob: randomDate(random, 1930, 80),
      ssid: String(1_000_000 + randomInt(random, 9_000_000)),
    };
    const toRow = (r: Record<AustralianField, string>) => [
      '',
      ...AUSTRALIAN_FIELDS.map((f) => r[f]),
      `P${p}`,
    ];
    rows.push(toRow(record));
    if (random() >= 0.5) continue;
    const duplicates = 1 + randomInt(random, 3);
    for (let d = 0; d < duplicates; d++) {
      const copy = { ...record };
      const fields = [...AUSTRALIAN_FIELDS];
      const modifications = 1 + randomInt(random, 4);
      for (let m = 0; m < modifications; m++) {
        const field = fields.splice(randomInt(random, fields.length), 1)[0]!;
        modifyAustralian(random, copy, field);
      }
      rows.push(toRow(copy));
    }
  }
  shuffled(rows, random).forEach((row, i) => {
    row[0] = `a${i}`;
  });
  return {
    name: 'Australian-style',
    header: [
      ID_COLUMN,
      'given_name',
      'surname',
      'address_1',
      'suburb',
      'postcode',
      'date_of_birth',
      'soc_sec_id',
      TRUTH_COLUMN,
    ],
    rows,
    map: 'first_name=given_name,surname=surname,address=address_1,city=suburb,postcode=postcode,dob=date_of_birth,other_id=soc_sec_id',
  };
}

const FEMALE_FORENAMES = Object.keys(HISTORICAL_FORENAMES).slice(0, 20);
const MALE_FORENAMES = Object.keys(HISTORICAL_FORENAMES).slice(20);

/** A surname as another clerk spelt it: a letter doubled or undoubled, y for i, an -e added, a typo. */
function surnameVariant(random: Random, surname: string): string {
  const kind = randomInt(random, 4);
  if (kind === 0 && /(.)\1/.test(surname)) return surname.replace(/(.)\1/, '$1');
  if (kind === 1 && /[iy]/.test(surname)) return surname.replace(/[iy]/, (c) => (c === 'i' ? 'y' : 'i'));
  if (kind === 2) return surname.endsWith('e') ? surname.slice(0, -1) : `${surname}e`;
  return typo(random, surname);
}

/**
 * (c) Historical people born 1650–1899, several records each (baptism, census, burial): forename variants
 * and abbreviations (Elizabeth, Eliza, Betty; William, Wm), surname spellings, many missing dates of
 * birth and birthplaces, and wrong values (a year out, another birthplace).
 */
export function historicalPeople(seed: number, people = 2000): LabelledSet {
  const random = seededRandom(seed);
  const rows: string[][] = [];
  for (let p = 0; p < people; p++) {
    const female = random() < 0.5;
    const first = pick(random, female ? FEMALE_FORENAMES : MALE_FORENAMES);
    const surname = madeUpSurname(random);
    const dob = randomDate(random, 1650, 250);
    const place = pick(random, BIRTH_PLACES);
    const copies = 1 + randomInt(random, 4);
    for (let c = 0; c < copies; c++) {
      let f = first;
      const r = random();
      if (r < 0.25) f = pick(random, HISTORICAL_FORENAMES[first]!);
      else if (r < 0.33) f = typo(random, first);
      const s = maybe(random, 0.2, surname, (v) => surnameVariant(random, v));
      let d = dob;
      const slip = random();
      if (slip < 0.1)
        d = isoDate(
          Number(dob.slice(0, 4)) + (random() < 0.5 ? 1 : -1),
          Number(dob.slice(5, 7)),
          Number(dob.slice(8)),
        );
      else if (slip < 0.15) d = dateDigitSlip(random, dob);
      const town = maybe(random, 0.08, place, () => pick(random, BIRTH_PLACES));
      const blank = (value: string, q: number) => (random() < q ? '' : value);
      rows.push([
        '',
        blank(f, 0.03),
        blank(s, 0.03),
        blank(d, 0.25),
        blank(female ? 'female' : 'male', 0.1),
        blank(town, 0.25),
        `P${p}`,
      ]);
    }
  }
  shuffled(rows, random).forEach((row, i) => {
    row[0] = `h${i}`;
  });
  return {
    name: 'historical',
    header: [ID_COLUMN, 'first_name', 'surname', 'dob', 'gender', 'birth_place', TRUTH_COLUMN],
    rows,
    map: 'first_name=first_name,surname=surname,dob=dob,gender=gender,city=birth_place',
  };
}
