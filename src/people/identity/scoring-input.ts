/**
 * What a scoring worker is sent of the records: only what PairScorer reads, as columns. A million
 * prepared records sent whole (node:v8 serialisation) took 8 s to serialise and 47 s to rebuild in each
 * worker, more than scoring itself; these columns take well under a second. They are:
 *  - the records' numbers (RecordColumns), built once by the main thread;
 *  - each distinct name once, with what the name levels read of it (phonetic codes, nickname groups),
 *    since a name's codes are a function of the name;
 *  - per record, only the texts the scorer still compares as text, and only when some record has them
 *    (other identifiers; e-mail, address and town in the CSV tool; dates and NHS numbers not packed).
 * The worker rebuilds records holding exactly those fields, so its PairScorer reads the same values as
 * one given the whole records, and answers the same weights (decision 0033).
 */
import { nicknameGroups } from './nicknames.ts';
import type { PhoneticCodes, PreparedRecord } from './record.ts';
import {
  type ColumnsSnapshot,
  FORENAME_ID,
  RECORD_STRIDE,
  RecordColumns,
  SURNAME_ID,
  snapshotOf,
} from './record-columns.ts';

export interface ScoringInput {
  columns: ColumnsSnapshot;
  /** Every distinct name by id (RecordColumns' numbering of forenames and surnames). */
  names: string[];
  /** Per name id, as the record it first appears in as a forename (or surname) had it. */
  forenameCodes: (PhoneticCodes | null)[];
  forenameGroups: (readonly number[])[];
  surnameCodes: (PhoneticCodes | null)[];
  /** Per record; null when the scorer does not read the field (no record has it, or it is packed). */
  otherId: (string | null)[] | null;
  nhsNumber: (string | null)[] | null;
  dob: {
    text: (string | null)[];
    year: Int32Array;
    month: Int32Array;
    day: Int32Array;
    days: Float64Array;
  } | null;
  email: { address: (string | null)[]; user: (string | null)[] } | null;
  addressTokens: (readonly string[] | null)[] | null;
  city: (string | null)[] | null;
}

const NO_GROUPS: readonly number[] = nicknameGroups('');

/** The columns of `records`, whose numbers `columns` holds. */
export function scoringInput(records: readonly PreparedRecord[], columns: RecordColumns): ScoringInput {
  const fields = columns.fields;
  const names: string[] = new Array(columns.nameCount);
  const forenameCodes: (PhoneticCodes | null)[] = new Array(columns.nameCount).fill(null);
  const forenameGroups: (readonly number[])[] = new Array(columns.nameCount).fill(NO_GROUPS);
  const surnameCodes: (PhoneticCodes | null)[] = new Array(columns.nameCount).fill(null);
  const seenAsForename = new Uint8Array(columns.nameCount);
  const seenAsSurname = new Uint8Array(columns.nameCount);
  let anyOtherId = false;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const forename = fields[i * RECORD_STRIDE + FORENAME_ID]!;
    const surname = fields[i * RECORD_STRIDE + SURNAME_ID]!;
    if (forename >= 0 && !seenAsForename[forename]) {
      seenAsForename[forename] = 1;
      names[forename] = r.forename!;
      forenameCodes[forename] = r.forenameCodes;
      forenameGroups[forename] = r.forenameGroups;
    }
    if (surname >= 0 && !seenAsSurname[surname]) {
      seenAsSurname[surname] = 1;
      names[surname] = r.surname!;
      surnameCodes[surname] = r.surnameCodes;
    }
    anyOtherId ||= r.otherId !== null;
  }
  const column = <T>(read: (r: PreparedRecord) => T): T[] => records.map(read);
  return {
    columns: snapshotOf(columns),
    names,
    forenameCodes,
    forenameGroups,
    surnameCodes,
    otherId: anyOtherId ? column((r) => r.otherId) : null,
    nhsNumber: columns.nhsPacked ? null : column((r) => r.nhsNumber),
    dob: columns.datesPacked
      ? null
      : {
          text: column((r) => r.dob),
          year: Int32Array.from(records, (r) => r.dobYear),
          month: Int32Array.from(records, (r) => r.dobMonth),
          day: Int32Array.from(records, (r) => r.dobDay),
          days: Float64Array.from(records, (r) => r.dobDays),
        },
    email: columns.anyEmail ? { address: column((r) => r.email), user: column((r) => r.emailUser) } : null,
    addressTokens: columns.anyAddress ? column((r) => r.addressTokens) : null,
    city: columns.anyCity ? column((r) => r.city) : null,
  };
}

/** Records holding what the scorer reads of them (the rest empty), and their columns. */
export function scoringRecords(input: ScoringInput): { records: PreparedRecord[]; columns: RecordColumns } {
  const columns = new RecordColumns(input.columns);
  const fields = columns.fields;
  const count = fields.length / RECORD_STRIDE;
  const records: PreparedRecord[] = new Array(count);
  const { names, otherId, nhsNumber, dob, email, addressTokens, city } = input;
  for (let i = 0; i < count; i++) {
    const forename = fields[i * RECORD_STRIDE + FORENAME_ID]!;
    const surname = fields[i * RECORD_STRIDE + SURNAME_ID]!;
    records[i] = {
      prepared: true,
      id: '',
      forename: forename >= 0 ? names[forename]! : null,
      forenameCodes: forename >= 0 ? input.forenameCodes[forename]! : null,
      forenameGroups: forename >= 0 ? input.forenameGroups[forename]! : NO_GROUPS,
      surname: surname >= 0 ? names[surname]! : null,
      surnameCodes: surname >= 0 ? input.surnameCodes[surname]! : null,
      dob: dob ? dob.text[i]! : null,
      dobYear: dob ? dob.year[i]! : 0,
      dobMonth: dob ? dob.month[i]! : 0,
      dobDay: dob ? dob.day[i]! : 0,
      dobDays: dob ? dob.days[i]! : Number.NaN,
      postcode: null,
      postcodeSector: null,
      postcodeDistrict: null,
      postcodeArea: null,
      addressTokens: addressTokens ? addressTokens[i]! : null,
      city: city ? city[i]! : null,
      email: email ? email.address[i]! : null,
      emailUser: email ? email.user[i]! : null,
      nhsNumber: nhsNumber ? nhsNumber[i]! : null,
      otherId: otherId ? otherId[i]! : null,
      otherIdFormat: null,
      gender: null,
    };
  }
  return { records, columns };
}
