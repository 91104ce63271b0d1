/**
 * A row of an import of police disposals (issue 17 item 7), pure: read as the force's system sends it (a
 * tactic's code or its name, dates as YYYY-MM-DD or DD/MM/YYYY, the person by PNC reference or Lantern id)
 * into the disruption register's own form, then checked by the register's own rules (`validateTactic`), so
 * that an imported tactic obeys exactly what a typed one does. Errors name the row's fields, in its order.
 */
import type { CodeEntry } from '../platform/codes/code-list.ts';
import { blankDate, type DateParts } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { fingerprint } from '../platform/text/fingerprint.ts';
import { TACTICS, type Tactic } from './codes.ts';
import { searchKeyOf } from './identifier-rules.ts';
import { type Checked, type TacticForm, type TacticInput, validateTactic } from './rules.ts';

export const MAX_POLICE_REFERENCE = 100;
/** As `disposal.recorded_by_label` allows. */
export const MAX_OFFICER = 200;

/** A row as the API takes it (and a file's columns are read into); sentences may come as text from a file. */
export interface DisposalImportRow {
  policeReference: string;
  pncReference?: string | null;
  personId?: string | null;
  tactic: string;
  startedOn: string;
  expiresOn?: string | null;
  reviewOn?: string | null;
  courtDate?: string | null;
  sentenceYears?: number | string | null;
  sentenceMonths?: number | string | null;
  conditions?: string | null;
  childPersonId?: string | null;
  issuingOfficer?: string | null;
}

/** Who the row is about: a PNC reference in its search form, or a Lantern person id. */
export type PersonKey = { pnc: string } | { personId: string };

export interface ReadRow {
  policeReference: string;
  person: PersonKey | null;
  form: TacticForm;
  issuingOfficer: string | null;
  /** What could not be read at all (the register's rules are not asked about these fields). */
  errors: FieldError[];
}

/** The fields in the row's order: errors are reported in it. */
const FIELD_ORDER = [
  'policeReference',
  'pncReference',
  'personId',
  'tactic',
  'startedOn',
  'expiresOn',
  'reviewOn',
  'courtDate',
  'sentenceYears',
  'sentenceMonths',
  'conditions',
  'childPersonId',
  'issuingOfficer',
] as const;

/** The register form's field names as the row's. */
const ROW_FIELD: Readonly<Record<string, string>> = { child: 'childPersonId' };

const words = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A tactic's code or its name, in any case: "cawn_s2", "Sexual Risk Order". The list is the register's
 * (codes.ts), so a tactic added there is importable at once.
 */
export function tacticCodeOf(text: string, list: readonly CodeEntry[] = TACTICS): Tactic | null {
  const wanted = words(text);
  if (!wanted) return null;
  const found = list.find((t) => t.code.toLowerCase() === wanted || words(t.label) === wanted);
  return (found?.code as Tactic | undefined) ?? null;
}

/** "2026-03-04" or "4/3/2026" (UK order) as a date input's parts; blank parts for nothing; null for neither. */
export function datePartsOf(text: string | null | undefined): DateParts | null {
  const value = (text ?? '').trim();
  if (!value) return blankDate();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return { year: iso[1]!, month: iso[2]!, day: iso[3]! };
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (uk) return { day: uk[1]!, month: uk[2]!, year: uk[3]! };
  return null;
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value).trim();

/** The row read into the register's form, with what cannot be read at all. */
export function readImportRow(row: DisposalImportRow): ReadRow {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const policeReference = text(row.policeReference);
  if (!policeReference) fail('policeReference', 'Enter the police reference of the disposal');
  else if (policeReference.length > MAX_POLICE_REFERENCE)
    fail('policeReference', `The police reference must be ${MAX_POLICE_REFERENCE} characters or fewer`);
  const person = personKeyOf(text(row.pncReference), text(row.personId), fail);
  const tacticText = text(row.tactic);
  const tactic = tacticCodeOf(tacticText);
  if (!tacticText) fail('tactic', 'Enter the tactic: its code or its name');
  else if (!tactic) fail('tactic', 'The tactic is not one of the register’s tactics (by code or name)');
  const day = (field: (typeof FIELD_ORDER)[number], label: string) => {
    const parts = datePartsOf(text(row[field as keyof DisposalImportRow]));
    if (parts) return parts;
    fail(field, `${label} must be a date as YYYY-MM-DD or DD/MM/YYYY`);
    return blankDate();
  };
  const form: TacticForm = {
    tactic: tactic ?? '',
    startedOn: day('startedOn', 'The date it was issued or happened'),
    expiresOn: day('expiresOn', 'The expiry date'),
    reviewOn: day('reviewOn', 'The review date'),
    courtDate: day('courtDate', 'The court date'),
    sentenceYears: text(row.sentenceYears),
    sentenceMonths: text(row.sentenceMonths),
    conditions: text(row.conditions),
    // Ids are compared as the database writes them: a UUID in capitals names the same child.
    child: text(row.childPersonId).toLowerCase(),
  };
  const officer = text(row.issuingOfficer);
  if (officer.length > MAX_OFFICER)
    fail('issuingOfficer', `The issuing officer must be ${MAX_OFFICER} characters or fewer`);
  return { policeReference, person, form, issuingOfficer: officer || null, errors };
}

function personKeyOf(
  pnc: string,
  personId: string,
  fail: (field: string, message: string) => void,
): PersonKey | null {
  if (pnc && personId) {
    fail('pncReference', 'Give the person’s PNC reference or their Lantern person id, not both');
    return null;
  }
  if (personId) {
    if (isUuid(personId)) return { personId: personId.toLowerCase() };
    fail('personId', 'The person id is not a Lantern person id');
    return null;
  }
  if (!pnc) {
    fail('pncReference', 'Give the person’s PNC reference or their Lantern person id');
    return null;
  }
  const key = searchKeyOf(pnc);
  if (key) return { pnc: key };
  fail('pncReference', 'The PNC reference must contain a letter or a digit');
  return null;
}

/**
 * The row checked by the register's rules. `children`: the children linked to the person that the importer
 * may name, or null when the person could not be found (the row is refused for that; the link is not judged).
 * A field that could not be read is reported once, as unreadable, not again by the rules.
 */
export function checkImportRow(
  read: ReadRow,
  children: readonly string[] | null,
  now: Date,
): Checked<TacticInput> {
  const linkable = children ?? (read.form.child ? [read.form.child] : []);
  const ruled = validateTactic(read.form, linkable, now);
  const unreadable = new Set(read.errors.map((e) => e.field));
  const errors = [
    ...read.errors,
    ...ruled.errors
      .map((e) => ({ field: ROW_FIELD[e.field] ?? e.field, message: e.message }))
      .filter((e) => !unreadable.has(e.field)),
  ];
  if (ruled.input && errors.length === 0) return ruled;
  const order = (field: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(field);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return { input: null, errors: errors.sort((a, b) => order(a.field) - order(b.field)) };
}

/**
 * What a row says, as read and put in one form (the person's key, the tactic by code, each date as a day
 * whatever its style, numbers as numbers, the conditions, the child, the issuing officer), hashed: a row sent
 * again unchanged has the same fingerprint whatever its spacing, case or date style; one changed in the
 * force's system has another.
 */
export function fingerprintOf(read: ReadRow): string {
  // "07" and "7", "0" and "00" alike; a value that is not a number stays as typed (trimmed).
  const number = (text: string) => {
    const t = text.trim();
    return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : t;
  };
  const day = (d: DateParts) => [d.year, d.month, d.day].map(number);
  const f = read.form;
  return fingerprint([
    read.person,
    f.tactic,
    day(f.startedOn),
    day(f.expiresOn),
    day(f.reviewOn),
    day(f.courtDate),
    number(f.sentenceYears),
    number(f.sentenceMonths),
    f.conditions.trim(),
    f.child.trim().toLowerCase(),
    read.issuingOfficer,
  ]);
}
