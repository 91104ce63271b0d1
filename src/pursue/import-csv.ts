/**
 * A file of police disposals (CSV with a header row; columns in any order, names in any case, unknown ones
 * ignored), read into the rows the import takes (import-rules.ts), and their fields named back as columns.
 *
 * Columns:
 *   police_reference   the police system's reference of the disposal (required; unique per agency)
 *   pnc_reference      the person's PNC reference, as recorded on their register, or else
 *   person_id          their Lantern person id (exactly one of the two)
 *   tactic             a tactic's code or its name, any case (the register's list, `TACTICS` in codes.ts)
 *   started_on         when it was issued or happened (required)
 *   expires_on, review_on, court_date    dates (YYYY-MM-DD or DD/MM/YYYY)
 *   sentence_years, sentence_months      a conviction's sentence
 *   conditions         its conditions
 *   child_person_id    the child a notice protects (one linked to the person)
 *   issuing_officer    shown as who recorded the tactic (default: the import)
 */
import type { ImportFileFormat } from '../platform/text/import-file.ts';
import type { DisposalImportRow } from './import-rules.ts';

/** Each field of a row and its column. */
const COLUMNS = {
  policeReference: 'police_reference',
  pncReference: 'pnc_reference',
  personId: 'person_id',
  tactic: 'tactic',
  startedOn: 'started_on',
  expiresOn: 'expires_on',
  reviewOn: 'review_on',
  courtDate: 'court_date',
  sentenceYears: 'sentence_years',
  sentenceMonths: 'sentence_months',
  conditions: 'conditions',
  childPersonId: 'child_person_id',
  issuingOfficer: 'issuing_officer',
} as const satisfies Record<keyof DisposalImportRow, string>;

export const REQUIRED_COLUMNS = [COLUMNS.policeReference, COLUMNS.tactic, COLUMNS.startedOn] as const;
/** One of these names the person. */
export const PERSON_COLUMNS = [COLUMNS.pncReference, COLUMNS.personId] as const;

/** A row's field (an import error's) as the file's column. */
export function columnOf(field: string): string {
  return (COLUMNS as Readonly<Record<string, string>>)[field] ?? field;
}

/** The disposals' file, as the kernel's import reader takes it. */
export const DISPOSAL_FILE: ImportFileFormat<DisposalImportRow> = {
  missingColumns(header) {
    const missing: string[] = REQUIRED_COLUMNS.filter((c) => !header.has(c));
    if (!PERSON_COLUMNS.some((c) => header.has(c))) missing.push(PERSON_COLUMNS.join(' or '));
    return missing;
  },
  referenceColumn: COLUMNS.policeReference,
  rowOf: (get) => ({
    parsed: Object.fromEntries(
      Object.entries(COLUMNS).map(([field, column]) => [field, get(column)]),
    ) as unknown as DisposalImportRow,
    errors: [],
  }),
};
