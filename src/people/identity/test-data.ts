/**
 * A tiny deterministic maker of fictional people and their duplicate records, with the errors
 * agency systems really contain (typos, nicknames, swapped day and month, moves, missing fields),
 * plus the ground truth. For this module's tests only; the synthetic population lives elsewhere.
 */
import { nhsCheckDigit } from '../nhs-number.ts';
import { pick, type Random, randomInt, seededRandom } from './prng.ts';
import type { IdentityRecord } from './record.ts';
import { NICKNAMES, STREETS, TEST_FORENAMES, TEST_SURNAMES, TOWNS } from './test-names.ts';

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface TestPerson {
  personId: string;
  firstName: string;
  surname: string;
  dob: string;
  gender: 'M' | 'F';
  postcode: string;
  address: string;
  city: string;
  email: string | null;
  nhsNumber: string | null;
  otherId: string | null;
}

export interface TestDataOptions {
  seed: number;
  people: number;
  /** Share of people with at least one duplicate record (default 0.5). */
  duplicateRate?: number;
  /** Most duplicate records per person (default 3). */
  maxDuplicates?: number;
}

export interface TestData {
  records: IdentityRecord[];
  /** The person each record belongs to (ground truth cluster), same order as `records`. */
  truth: string[];
  people: TestPerson[];
}

function validNhsNumber(random: Random): string {
  for (;;) {
    const nine = String(100_000_000 + randomInt(random, 899_999_999));
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

function makePostcode(random: Random): { postcode: string; city: string } {
  const town = pick(random, TOWNS);
  const district = `${town.area}${pick(random, town.districts)}`;
  const unit = `${randomInt(random, 10)}${LETTERS[randomInt(random, LETTERS.length)]}${LETTERS[randomInt(random, LETTERS.length)]}`;
  return { postcode: `${district} ${unit}`, city: town.city };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function makePerson(random: Random, index: number): TestPerson {
  const firstName = pick(random, TEST_FORENAMES);
  const surname = pick(random, TEST_SURNAMES);
  const year = 1950 + randomInt(random, 65);
  const month = 1 + randomInt(random, 12);
  const day = 1 + randomInt(random, 28);
  const { postcode, city } = makePostcode(random);
  const emailName = `${firstName}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    personId: `P${index}`,
    firstName,
    surname,
    dob: `${year}-${pad(month)}-${pad(day)}`,
    gender: random() < 0.5 ? 'M' : 'F',
    postcode,
    address: `${1 + randomInt(random, 180)} ${pick(random, STREETS)}`,
    city,
    email: random() < 0.5 ? `${emailName}${randomInt(random, 100)}@example.org` : null,
    nhsNumber: random() < 0.6 ? validNhsNumber(random) : null,
    otherId: random() < 0.3 ? `LAN${String(randomInt(random, 1_000_000)).padStart(6, '0')}` : null,
  };
}

/** One typing slip: a letter changed, dropped, doubled or two letters transposed. */
export function typo(random: Random, text: string): string {
  if (text.length < 3) return `${text}${text.at(-1)}`;
  const at = 1 + randomInt(random, text.length - 2);
  const kind = randomInt(random, 4);
  if (kind === 0) return text.slice(0, at) + 'aeiourtn'[randomInt(random, 8)] + text.slice(at + 1);
  if (kind === 1) return text.slice(0, at) + text.slice(at + 1);
  if (kind === 2) return text.slice(0, at) + text[at] + text.slice(at);
  return text.slice(0, at - 1) + text[at] + text[at - 1] + text.slice(at + 1);
}

function toRecord(person: TestPerson, id: string): IdentityRecord {
  return {
    id,
    firstName: person.firstName,
    surname: person.surname,
    dob: person.dob,
    gender: person.gender,
    postcode: person.postcode,
    address: person.address,
    city: person.city,
    email: person.email,
    nhsNumber: person.nhsNumber,
    otherId: person.otherId,
  };
}

type Mutation = (random: Random, record: IdentityRecord) => void;

const MUTATIONS: readonly Mutation[] = [
  (random, r) => {
    r.firstName = typo(random, r.firstName!);
  },
  (random, r) => {
    r.surname = typo(random, r.surname!);
  },
  (random, r) => {
    const nicknames = NICKNAMES[r.firstName!];
    r.firstName = nicknames ? pick(random, nicknames) : typo(random, r.firstName!);
  },
  (_random, r) => {
    const [year, month, day] = r.dob!.split('-');
    // Swap day and month where the result is still a date; otherwise slip one digit.
    if (Number(day) <= 12 && day !== month) r.dob = `${year}-${day}-${month}`;
    else r.dob = `${year}-${month}-${pad((Number(day) % 28) + 1)}`;
  },
  (random, r) => {
    const [year, month, day] = r.dob!.split('-');
    r.dob = `${Number(year) + (random() < 0.5 ? 1 : -1)}-${month}-${day}`;
  },
  (random, r) => {
    const moved = makePostcode(random);
    r.postcode = moved.postcode;
    r.city = moved.city;
    r.address = `${1 + randomInt(random, 180)} ${pick(random, STREETS)}`;
  },
  (random, r) => {
    const fields = ['dob', 'postcode', 'address', 'email', 'nhsNumber', 'gender', 'city'] as const;
    r[pick(random, fields)] = null;
  },
  (_random, r) => {
    [r.firstName, r.surname] = [r.surname, r.firstName];
  },
  (_random, r) => {
    r.dob = r.dob!.split('-').reverse().join('/');
  },
];

/**
 * People and their records: every person has one clean record; `duplicateRate` of them have 1 to
 * `maxDuplicates` more, each with one to three errors.
 */
export function makeTestData(options: TestDataOptions): TestData {
  const random = seededRandom(options.seed);
  const duplicateRate = options.duplicateRate ?? 0.5;
  const maxDuplicates = options.maxDuplicates ?? 3;
  const people: TestPerson[] = [];
  const records: IdentityRecord[] = [];
  const truth: string[] = [];
  for (let p = 0; p < options.people; p++) {
    const person = makePerson(random, p);
    people.push(person);
    records.push(toRecord(person, `R${records.length}`));
    truth.push(person.personId);
    if (random() >= duplicateRate) continue;
    const duplicates = 1 + randomInt(random, maxDuplicates);
    for (let d = 0; d < duplicates; d++) {
      const record = toRecord(person, `R${records.length}`);
      const errors = 1 + randomInt(random, 3);
      for (let e = 0; e < errors; e++) {
        const mutation = pick(random, MUTATIONS);
        // Date mutations need a date still in ISO form.
        if (record.dob == null || record.dob.includes('/')) {
          if (MUTATIONS.indexOf(mutation) === 3 || MUTATIONS.indexOf(mutation) === 4) continue;
          if (MUTATIONS.indexOf(mutation) === 8) continue;
        }
        mutation(random, record);
      }
      records.push(record);
      truth.push(person.personId);
    }
  }
  // Shuffle so duplicates are not next to their originals (Fisher–Yates on both arrays together).
  for (let i = records.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [records[i], records[j]] = [records[j]!, records[i]!];
    [truth[i], truth[j]] = [truth[j]!, truth[i]!];
  }
  return { records, truth, people };
}
