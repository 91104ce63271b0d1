/**
 * The victim referral's simple fields: one value each (text, yes/no, a code from a list, a date), stored
 * in one column of `victim_referral`. Everything that only repeats a field's name, column, label and
 * limits is derived from this table (field-kinds.ts): the API's body and response entries, the store's
 * column lists, reading the draft, "Check your answers", the referral page's rows and the basic checks
 * (required, on the list, not too long). Rules across fields stay hand-written in rules.ts.
 *
 * To add a field: a migration adding the column, an entry here, and its input in the step's template
 * (docs/development.md, "Adding a field to the victim referral").
 */
import type { CodeEntry } from '../platform/codes/code-list.ts';
import {
  CIN_REFERRAL_SOURCES,
  CONSENT_STATUSES,
  CONTACT_METHODS,
  EXPLOITATION_MODELS,
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import type { DateParts } from '../platform/forms/date-parts.ts';

/** The draft steps that may hold simple fields (the others are people and lists). */
export type FieldPage = 'referrer' | 'exploitation' | 'concerns' | 'model' | 'consent' | 'urgency';

export interface FieldSpec {
  /** The API's and the form's name (camelCase). */
  readonly name: string;
  /** The column of `victim_referral`. */
  readonly column: string;
  readonly kind: 'text' | 'yesNo' | 'code' | 'date';
  /** The step on which it is answered. */
  readonly page: FieldPage;
  /** The row's key on the referral page (and on "Check your answers" unless `checkLabel`). */
  readonly label: string;
  readonly checkLabel?: string;
  readonly required: boolean;
  /** Text: the most characters allowed. */
  readonly maxLength?: number;
  /** Code: the list its values come from; radios unless `selectBlank` (the select's empty choice). */
  readonly codes?: readonly CodeEntry[];
  readonly selectBlank?: string;
  /** The error when it is missing (or not on the list), and when it is too long. */
  readonly missing?: string;
  readonly tooLong?: string;
  /** On the referral page, shown after the named field's value (". value") instead of on a row of its own. */
  readonly appendTo?: string;
  /** The API's description of the field. */
  readonly description?: string;
}

/** In the order of the steps; within a step, in the order the rows are shown. */
export const VICTIM_FIELDS = [
  {
    name: 'cinReferralSource',
    column: 'cin_referral_source',
    kind: 'code',
    page: 'referrer',
    label: 'Referral source',
    required: true,
    codes: CIN_REFERRAL_SOURCES,
    selectBlank: 'Select a referral source',
    missing: 'Select the Children in Need referral source',
  },
  {
    name: 'exploitationType',
    column: 'exploitation_type',
    kind: 'code',
    page: 'exploitation',
    label: 'Type of exploitation',
    checkLabel: 'Type',
    required: true,
    codes: EXPLOITATION_TYPES,
    missing: 'Select the type of exploitation',
  },
  {
    name: 'category',
    column: 'category',
    kind: 'code',
    page: 'exploitation',
    label: 'Category',
    required: true,
    codes: REFERRAL_CATEGORIES,
    missing: 'Select whether the child is a victim of crime or at risk when assessed',
  },
  {
    name: 'concerns',
    column: 'concerns',
    kind: 'text',
    page: 'concerns',
    label: 'Concerns',
    required: true,
    maxLength: 10_000,
    missing: 'Describe the concerns',
    tooLong: 'Concerns must be 10,000 characters or fewer',
  },
  {
    name: 'exploitationModel',
    column: 'exploitation_model',
    kind: 'code',
    page: 'model',
    label: 'Exploitation model',
    checkLabel: 'Model',
    required: true,
    codes: EXPLOITATION_MODELS,
    missing: 'Select the exploitation model, or "Not known"',
  },
  {
    name: 'contactMethod',
    column: 'contact_method',
    kind: 'code',
    page: 'model',
    label: 'Method of initial contact',
    required: true,
    codes: CONTACT_METHODS,
    missing: 'Select the method of initial contact, or "Not known"',
  },
  {
    name: 'consent',
    column: 'consent',
    kind: 'code',
    page: 'consent',
    label: 'Consent',
    required: true,
    codes: CONSENT_STATUSES,
    missing: 'Select whether consent was given, refused or not sought',
  },
  {
    name: 'consentNote',
    column: 'consent_note',
    kind: 'text',
    page: 'consent',
    label: 'Note about consent',
    checkLabel: 'Note',
    required: false,
    maxLength: 2000,
    tooLong: 'Consent note must be 2000 characters or fewer',
    appendTo: 'consent',
  },
  {
    name: 'urgency',
    column: 'urgency',
    kind: 'code',
    page: 'urgency',
    label: 'Urgency',
    required: true,
    codes: URGENCIES,
    missing: 'Select how urgent the referral is',
  },
] as const satisfies readonly FieldSpec[];

// ---------------------------------------------------------------- the types derived from the table

type Field = (typeof VICTIM_FIELDS)[number];
type IsRequired<F> = F extends { required: true } ? true : false;

/** A field's value in the referral input (API body) and in the database row. */
type ValueOf<F> = F extends { kind: 'yesNo' }
  ? boolean | null
  : IsRequired<F> extends true
    ? string
    : string | null;

/** The simple fields of a `VictimReferralInput`: required ones always there, the others optional. */
export type FieldInput = { [F in Field as IsRequired<F> extends true ? F['name'] : never]: ValueOf<F> } & {
  [F in Field as IsRequired<F> extends true ? never : F['name']]?: ValueOf<F>;
};

/** The simple fields' columns of a `victim_referral` row (optional ones may be absent in fixtures). */
export type FieldRow = { [F in Field as IsRequired<F> extends true ? F['column'] : never]: ValueOf<F> } & {
  [F in Field as IsRequired<F> extends true ? never : F['column']]?: ValueOf<F>;
};

/** A field as typed on its step: dates as their parts, everything else as text. */
type DraftValueOf<F> = F extends { kind: 'date' } ? DateParts : string;

/** The simple fields answered on one step of the draft. */
export type PageFields<P extends FieldPage> = {
  [F in Field as F['page'] extends P ? F['name'] : never]: DraftValueOf<F>;
};
