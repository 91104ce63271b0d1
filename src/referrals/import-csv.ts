import type { FieldError } from '../platform/http/errors.ts';
import type { ImportFileFormat } from '../platform/text/import-file.ts';
import { FIELDS } from './field-kinds.ts';
import type { ImportRow } from './import-rules.ts';

export const REQUIRED_COLUMNS = ['source_reference', 'received_at', 'referrer_name'] as const;

type DetailKind = 'text' | 'yesNo';
/** The child's details: column, the key in the referral API's `details`, and its kind. */
const CHILD_DETAILS: readonly [string, string, DetailKind][] = [
  ['child_forename', 'forename', 'text'],
  ['child_surname', 'surname', 'text'],
  ['child_dob', 'dob', 'text'],
  ['child_gender', 'gender', 'text'],
  ['child_ethnicity', 'ethnicity', 'text'],
  ['child_nhs_number', 'nhsNumber', 'text'],
  ['child_police_ref', 'policeRef', 'text'],
  ['child_la_id', 'laId', 'text'],
  ['child_school_upn', 'schoolUpn', 'text'],
  ['child_living_situation', 'livingSituation', 'text'],
  ['child_looked_after', 'lookedAfter', 'yesNo'],
  ['child_learning_disability_or_sen', 'learningDisabilityOrSen', 'yesNo'],
  ['child_camhs_contact', 'camhsContact', 'yesNo'],
];
const CHILD_ADDRESS: readonly [string, string][] = [
  ['child_address', 'line1'],
  ['child_town', 'town'],
  ['child_postcode', 'postcode'],
];

/** The import's field names (import-service errors) as the file's columns. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  sourceReference: 'source_reference',
  receivedAt: 'received_at',
  area: 'area',
  division: 'division',
  concernNoticedAt: 'concern_noticed_at',
  'referrer.name': 'referrer_name',
  'referrer.role': 'referrer_role',
  'referrer.contact': 'referrer_contact',
  indicators: 'indicators',
  child: 'child_person_id',
  'child.personId': 'child_person_id',
  ...Object.fromEntries(FIELDS.map((f) => [f.name, f.column])),
  ...Object.fromEntries(CHILD_DETAILS.map(([column, key]) => [`child.${key}`, column])),
  ...Object.fromEntries(CHILD_ADDRESS.map(([column, key]) => [`child.address.${key}`, column])),
  'outcome.decidedAt': 'decided_at',
  'outcome.rag': 'rag',
  'outcome.contactOutcome': 'contact_outcome',
  'outcome.referralOutcome': 'referral_outcome',
  'outcome.statutoryMeasures': 'statutory_measures',
  'outcome.cinFactors': 'cin_factors',
  'outcome.nfaReason': 'nfa_reason',
  'outcome.rationale': 'rationale',
  'outcome.feedbackToReferrer': 'feedback',
};

export function columnOf(field: string): string {
  return COLUMN_OF[field] ?? COLUMN_OF[field.replace(/^child\.details\./, 'child.')] ?? field;
}

/** How a kind of history file is read: its required columns, its rows, and its fields as its columns. */
export interface FileFormat<R> {
  required: readonly string[];
  rowOf(get: (column: string) => string): { parsed: R | null; errors: FieldError[] };
  columnOf(field: string): string;
}

export function yesNo(value: string): boolean | null | 'bad' {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (['yes', 'y', 'true', '1'].includes(v)) return true;
  if (['no', 'n', 'false', '0'].includes(v)) return false;
  return 'bad';
}

export const list = (value: string) =>
  value
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

/** One data record as an import row, or the errors of its yes/no columns. */
export function rowOf(get: (column: string) => string): { parsed: ImportRow | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (column: string) => get(column).trim() || null;
  const details: Record<string, unknown> = {};
  for (const [column, key, kind] of CHILD_DETAILS) {
    if (kind === 'text') {
      const v = text(column);
      if (v !== null) details[key] = v;
      continue;
    }
    const v = yesNo(get(column));
    if (v === 'bad') errors.push({ field: column, message: `${column} must be yes or no` });
    else if (v !== null) details[key] = v;
  }
  const address = Object.fromEntries(
    CHILD_ADDRESS.map(([column, key]) => [key, text(column)]).filter(([, v]) => v !== null),
  );
  if (Object.keys(address).length) details['address'] = address;
  const newPerson = yesNo(get('child_new_person'));
  if (newPerson === 'bad')
    errors.push({ field: 'child_new_person', message: 'child_new_person must be yes or no' });
  const simple: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (f.kind !== 'yesNo') simple[f.name] = f.required ? get(f.column).trim() : text(f.column);
    else {
      const v = yesNo(get(f.column));
      if (v === 'bad') errors.push({ field: f.column, message: `${f.column} must be yes or no` });
      else simple[f.name] = v;
    }
  }
  if (errors.length) return { parsed: null, errors };
  const decidedAt = text('decided_at');
  const row = {
    sourceReference: get('source_reference').trim(),
    receivedAt: get('received_at').trim(),
    area: text('area')?.toUpperCase() ?? null,
    division: text('division'),
    concernNoticedAt: text('concern_noticed_at') ? get('concern_noticed_at').trim() : null,
    referrer: {
      name: get('referrer_name').trim(),
      role: text('referrer_role'),
      contact: text('referrer_contact'),
    },
    ...simple,
    indicators: list(get('indicators')),
    child: {
      personId: text('child_person_id'),
      details: Object.keys(details).length ? details : null,
      newPerson: newPerson === true,
    },
    outcome: decidedAt
      ? {
          decidedAt,
          rag: text('rag')?.toUpperCase() ?? null,
          contactOutcome: get('contact_outcome').trim(),
          referralOutcome: text('referral_outcome'),
          statutoryMeasures: list(get('statutory_measures')),
          cinFactors: list(get('cin_factors')),
          nfaReason: text('nfa_reason'),
          rationale: get('rationale').trim(),
          feedbackToReferrer: get('feedback').trim(),
        }
      : null,
  } as ImportRow;
  return { parsed: row, errors: [] };
}

/** The victim referrals' file. */
export const VICTIM_FILE: FileFormat<ImportRow> = { required: REQUIRED_COLUMNS, rowOf, columnOf };

/** A kind of history file as the kernel's import reader takes it: every row's reference is its source's. */
export function importFormatOf<R>(format: FileFormat<R>): ImportFileFormat<R> {
  return {
    missingColumns: (header) => format.required.filter((c) => !header.has(c)),
    referenceColumn: 'source_reference',
    rowOf: format.rowOf,
  };
}
