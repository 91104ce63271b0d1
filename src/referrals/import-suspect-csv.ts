/**
 * A file of past suspect and offender referrals (CSV, a header row, any order; decision 0026), read into the
 * rows the suspect import takes (import-suspect-rules.ts), and their fields named back as the file's columns.
 *
 * Columns:
 *   source_reference, received_at (ISO 8601; without a zone, London time), referrer_name  (required)
 *   area (default the importing agency's), division, status, role, source (codes, as the API), notes
 *   suspect_person_id, or suspect_forename, suspect_surname, suspect_dob, suspect_estimated_age,
 *     suspect_gender, suspect_ethnicity, suspect_police_ref
 *   linked_victim_references  source references of victim referrals imported from the same system, ";"
 *   linked_person_ids         Lantern person ids of children, ";"
 *   link_type                 how the suspect is linked to each of them (one code for the row)
 */
import type { FieldError } from '../platform/http/errors.ts';
import { type FileFormat, list } from './import-csv.ts';
import type { SuspectImportRow } from './import-suspect-rules.ts';

const SUSPECT_DETAILS: readonly [string, string][] = [
  ['suspect_forename', 'forename'],
  ['suspect_surname', 'surname'],
  ['suspect_dob', 'dob'],
  ['suspect_gender', 'gender'],
  ['suspect_ethnicity', 'ethnicity'],
  ['suspect_police_ref', 'policeRef'],
];

const COLUMN_OF: Readonly<Record<string, string>> = {
  sourceReference: 'source_reference',
  receivedAt: 'received_at',
  area: 'area',
  division: 'division',
  'referrer.name': 'referrer_name',
  status: 'status',
  role: 'role',
  source: 'source',
  notes: 'notes',
  suspect: 'suspect_person_id',
  'suspect.personId': 'suspect_person_id',
  'suspect.estimatedAge': 'suspect_estimated_age',
  ...Object.fromEntries(SUSPECT_DETAILS.map(([column, key]) => [`suspect.${key}`, column])),
};

function columnOf(field: string): string {
  if (/^linkedChildren\[\d+\]\.victimReference$/.test(field)) return 'linked_victim_references';
  if (/^linkedChildren\[\d+\]\.personId$/.test(field)) return 'linked_person_ids';
  if (/^linkedChildren\[\d+\]\.linkType$/.test(field)) return 'link_type';
  return COLUMN_OF[field] ?? field;
}

function rowOf(get: (column: string) => string): { parsed: SuspectImportRow | null; errors: FieldError[] } {
  const text = (column: string) => get(column).trim() || null;
  const details: Record<string, unknown> = {};
  for (const [column, key] of SUSPECT_DETAILS) {
    const v = text(column);
    if (v !== null) details[key] = v;
  }
  const age = text('suspect_estimated_age');
  if (age !== null) {
    if (!/^\d{1,3}$/.test(age))
      return {
        parsed: null,
        errors: [{ field: 'suspect_estimated_age', message: 'suspect_estimated_age must be a whole number' }],
      };
    details['estimatedAge'] = Number(age);
  }
  const linkType = get('link_type').trim();
  const linkedChildren = [
    ...list(get('linked_victim_references')).map((victimReference) => ({ victimReference, linkType })),
    ...list(get('linked_person_ids')).map((personId) => ({ personId, linkType })),
  ];
  return {
    parsed: {
      sourceReference: get('source_reference').trim(),
      receivedAt: get('received_at').trim(),
      area: text('area')?.toUpperCase() ?? null,
      division: text('division'),
      referrer: { name: get('referrer_name').trim() },
      status: get('status').trim(),
      role: get('role').trim(),
      source: get('source').trim(),
      suspect: { personId: text('suspect_person_id'), details: Object.keys(details).length ? details : null },
      linkedChildren,
      notes: text('notes'),
    },
    errors: [],
  };
}

export const SUSPECT_FILE: FileFormat<SuspectImportRow> = {
  required: ['source_reference', 'received_at', 'referrer_name', 'status', 'role', 'source'],
  rowOf,
  columnOf,
};
