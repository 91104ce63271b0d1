/**
 * The victim referral form across its pages: the answers as typed (kept in a server-side draft), reading each
 * page's fields from a posted form, validating one page at a time with the same rules the service applies,
 * and turning a finished draft into a `VictimReferralInput`. Pure: `now` is a parameter.
 */

import { parseUkPostcode } from '../people/postcode.ts';
import { type PersonDetails, type SubjectRole, validatePersonDetails } from '../people/rules.ts';
import { formText } from '../platform/forms/body.ts';
import {
  blankDate,
  type DateParts,
  datePartsFrom,
  instantFrom,
  isoFromParts,
} from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { inputFromDraft, pageOfSimpleField, readPageFields } from './field-kinds.ts';
import type { PageFields } from './fields.ts';
import { type VictimReferralInput, validateVictimReferral } from './rules.ts';

// ---------------------------------------------------------------- the draft

/** A person's details as typed on a form. */
export interface PersonForm {
  forename: string;
  surname: string;
  aliases: string;
  dob: DateParts;
  estimatedAge: string;
  ageExplanation: string;
  gender: string;
  ethnicity: string;
  nhsNumber: string;
  schoolUpn: string;
  policeRef: string;
  line1: string;
  town: string;
  postcode: string;
  livingSituation: string;
  lookedAfter: string;
  sen: string;
  camhs: string;
}

export interface ChildAnswer {
  /** A person already in the registry, chosen from a search or from the candidates for the details... */
  personId?: string | null;
  personLabel?: string | null;
  /**
   * ...or new details. With a person chosen from the candidates, the details typed are kept: they become
   * the referring agency's new record of that person.
   */
  details?: PersonForm | null;
  /** The practitioner saw the candidates and chose none of them. */
  newPerson?: boolean;
}

export interface ReferrerAnswer extends PageFields<'referrer'> {
  name: string;
  role: string;
  contact: string;
  /** When the concern was noticed (the form keeps its original field names: drafts saved before 0014). */
  received: DateParts;
  receivedTime: string;
}

export interface LinkedPersonAnswer {
  role: 'SUSPECT' | 'ASSOCIATE';
  relationship: string;
  /** New details (someone not yet known); blank when a person already known was picked. */
  details: PersonForm;
  /** A person already known, picked from a search within the caller's scope (issue 14, item 4). */
  personId?: string | null;
  personLabel?: string | null;
}

export interface PlaceAnswer {
  description: string;
  postcode: string;
}

export interface VictimDraft {
  child?: ChildAnswer;
  referrer?: ReferrerAnswer;
  exploitation?: PageFields<'exploitation'>;
  concerns?: PageFields<'concerns'> & { indicators: string[] };
  model?: PageFields<'model'>;
  people?: LinkedPersonAnswer[];
  peopleDone?: boolean;
  places?: PlaceAnswer[];
  placesDone?: boolean;
  consent?: PageFields<'consent'>;
  urgency?: PageFields<'urgency'>;
}

/** The pages in order; `check` is "Check your answers". */
export const PAGES = [
  'child',
  'referrer',
  'exploitation',
  'concerns',
  'model',
  'suspects',
  'places',
  'consent',
  'urgency',
] as const;
export type PageName = (typeof PAGES)[number];

export function nextPage(page: PageName): PageName | 'check' {
  return PAGES[PAGES.indexOf(page) + 1] ?? 'check';
}

export function previousPage(page: PageName): PageName | null {
  return PAGES[PAGES.indexOf(page) - 1] ?? null;
}

/** Whether a page has been answered (so "Check your answers" can send the user to the first gap). */
export function answered(draft: VictimDraft, page: PageName): boolean {
  switch (page) {
    case 'child':
      return Boolean(draft.child?.personId || draft.child?.details);
    case 'suspects':
      return Boolean(draft.peopleDone);
    case 'places':
      return Boolean(draft.placesDone);
    default:
      return draft[page] !== undefined;
  }
}

export function firstUnanswered(draft: VictimDraft): PageName | null {
  return PAGES.find((p) => !answered(draft, p)) ?? null;
}

// ---------------------------------------------------------------- people

export function blankPerson(): PersonForm {
  return {
    forename: '',
    surname: '',
    aliases: '',
    dob: blankDate(),
    estimatedAge: '',
    ageExplanation: '',
    gender: '',
    ethnicity: '',
    nhsNumber: '',
    schoolUpn: '',
    policeRef: '',
    line1: '',
    town: '',
    postcode: '',
    livingSituation: '',
    lookedAfter: '',
    sen: '',
    camhs: '',
  };
}

export function personFormFrom(body: unknown): PersonForm {
  const t = (name: string, max = 200) => formText(body, name, max).trim();
  return {
    forename: t('forename'),
    surname: t('surname'),
    aliases: t('aliases', 2200),
    dob: datePartsFrom(body, 'dob'),
    estimatedAge: t('estimatedAge', 10),
    ageExplanation: t('ageExplanation', 1100),
    gender: t('gender', 40),
    ethnicity: t('ethnicity', 60),
    nhsNumber: t('nhsNumber', 40),
    schoolUpn: t('schoolUpn', 40),
    policeRef: t('policeRef', 60),
    line1: t('line1', 250),
    town: t('town', 150),
    postcode: t('postcode', 20),
    livingSituation: t('livingSituation', 60),
    lookedAfter: yesNo(t('lookedAfter', 5)),
    sen: yesNo(t('sen', 5)),
    camhs: yesNo(t('camhs', 5)),
  };
}

function yesNo(value: string): string {
  return value === 'yes' || value === 'no' ? value : '';
}

function bool(value: string): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}

export function personDetailsOf(form: PersonForm): PersonDetails {
  const dob = isoFromParts(form.dob);
  const age = form.estimatedAge.trim();
  const hasAddress = Boolean(form.line1 || form.town || form.postcode);
  return {
    forename: form.forename || null,
    surname: form.surname || null,
    aliases: form.aliases
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    dob: dob || null,
    estimatedAge: age === '' ? null : /^\d+$/.test(age) ? Number(age) : Number.NaN,
    ageExplanation: form.ageExplanation || null,
    gender: form.gender || null,
    ethnicity: form.ethnicity || null,
    nhsNumber: form.nhsNumber || null,
    schoolUpn: form.schoolUpn || null,
    policeRef: form.policeRef || null,
    address: hasAddress ? { line1: form.line1, town: form.town, postcode: form.postcode } : null,
    livingSituation: form.livingSituation || null,
    lookedAfter: bool(form.lookedAfter),
    learningDisabilityOrSen: bool(form.sen),
    camhsContact: bool(form.camhs),
  };
}

/** The rules' field names (`child.address.postcode`) → the form's input names (`postcode`). */
export function personFieldOf(field: string, prefix: string): string {
  return field.replace(`${prefix}.`, '').replace('address.', '');
}

export function validatePersonForm(
  form: PersonForm,
  role: SubjectRole,
  now: Date,
  prefix: string,
): FieldError[] {
  const details = personDetailsOf(form);
  const errors: FieldError[] = [];
  if (details.dob === 'invalid') {
    errors.push({ field: `${prefix}.dob`, message: 'Date of birth must be a real date' });
    details.dob = null;
    // Do not also ask for a date of birth that was given, even if badly.
    details.estimatedAge ??= 0;
  }
  const result = validatePersonDetails(details, { role, now, prefix });
  return [...errors, ...result.errors];
}

// ---------------------------------------------------------------- reading each page

export function referrerFrom(body: unknown): ReferrerAnswer {
  return {
    name: formText(body, 'name', 250).trim(),
    role: formText(body, 'role', 250).trim(),
    contact: formText(body, 'contact', 250).trim(),
    ...(readPageFields(body, 'referrer') as PageFields<'referrer'>),
    received: datePartsFrom(body, 'received'),
    receivedTime: formText(body, 'receivedTime', 10).trim(),
  };
}

export function placeFrom(body: unknown): PlaceAnswer {
  return {
    description: formText(body, 'description', 600).trim(),
    postcode: formText(body, 'placePostcode', 20).trim(),
  };
}

// ---------------------------------------------------------------- the whole referral

/** The draft as the service's input; unanswered parts are blank and fail validation. */
export function toInput(draft: VictimDraft): VictimReferralInput {
  const r = draft.referrer;
  const people = draft.people ?? [];
  const ref = (p: LinkedPersonAnswer) =>
    p.personId
      ? { personId: p.personId, details: null, relationship: p.relationship || null }
      : { details: personDetailsOf(p.details), relationship: p.relationship || null };
  return {
    ...inputFromDraft(draft),
    referrer: { name: r?.name ?? '', role: r?.role || null, contact: r?.contact || null },
    concernNoticedAt: r ? instantFrom(r.received, r.receivedTime) : '',
    child: draft.child?.personId
      ? {
          personId: draft.child.personId,
          details: draft.child.details ? personDetailsOf(draft.child.details) : null,
        }
      : {
          details: draft.child?.details ? personDetailsOf(draft.child.details) : null,
          newPerson: draft.child?.newPerson === true,
        },
    indicators: draft.concerns?.indicators ?? [],
    suspects: people.filter((p) => p.role === 'SUSPECT').map(ref),
    associates: people.filter((p) => p.role === 'ASSOCIATE').map(ref),
    placesOfConcern: (draft.places ?? []).map((p) => ({
      description: p.description,
      postcode: p.postcode || null,
    })),
  };
}

/** The page on which a field of the whole referral is answered. */
export function pageOfField(field: string): PageName {
  const simple = pageOfSimpleField(field);
  if (simple) return simple;
  if (field.startsWith('child')) return 'child';
  if (field.startsWith('referrer') || field === 'concernNoticedAt') return 'referrer';
  if (field === 'indicators') return 'concerns';
  if (field.startsWith('suspects') || field.startsWith('associates')) return 'suspects';
  if (field.startsWith('placesOfConcern')) return 'places';
  return 'urgency';
}

/** Everything wrong with the draft, each error naming the rules' field. */
export function validateDraft(draft: VictimDraft, now: Date): FieldError[] {
  const errors = validateVictimReferral(toInput(draft), now);
  if (draft.child?.details) errors.push(...validatePersonForm(draft.child.details, 'CHILD', now, 'child'));
  for (const [role, list] of [
    ['SUSPECT', 'suspects'],
    ['ASSOCIATE', 'associates'],
  ] as const) {
    (draft.people ?? [])
      .filter((p) => p.role === role)
      .forEach((p, i) => {
        if (!p.personId) errors.push(...validatePersonForm(p.details, role, now, `${list}[${i}]`));
      });
  }
  for (const [i, place] of (draft.places ?? []).entries()) {
    if (place.postcode && !parseUkPostcode(place.postcode))
      errors.push({
        field: `placesOfConcern[${i}].postcode`,
        message: 'Enter a full UK postcode, like PR1 2AB',
      });
  }
  return errors;
}

/** The errors of one page of the draft. */
export function pageErrors(draft: VictimDraft, page: PageName, now: Date): FieldError[] {
  return validateDraft(draft, now).filter((e) => pageOfField(e.field) === page);
}
