/**
 * The victim referral form across its pages: the answers as typed (kept in a server-side draft), reading each
 * page's fields from a posted form, validating one page at a time with the same rules the service applies,
 * and turning a finished draft into a `VictimReferralInput`. Pure: `now` is a parameter.
 */

import { parseUkPostcode } from '../people/postcode.ts';
import { type PersonDetails, type SubjectRole, validatePersonDetails } from '../people/rules.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CIN_REFERRAL_SOURCES,
  CONSENT_STATUSES,
  CONTACT_METHODS,
  CSE_INDICATORS,
  EXPLOITATION_MODELS,
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import { formText } from '../platform/forms/body.ts';
import {
  blankDate,
  type DateParts,
  datePartsFrom,
  instantFrom,
  isoFromParts,
} from '../platform/forms/date-parts.ts';
import { label, radioItems, selectItems, yesNoItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
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

export interface ReferrerAnswer {
  name: string;
  role: string;
  contact: string;
  cinReferralSource: string;
  received: DateParts;
  receivedTime: string;
  area: string;
}

export interface LinkedPersonAnswer {
  role: 'SUSPECT' | 'ASSOCIATE';
  relationship: string;
  details: PersonForm;
}

export interface PlaceAnswer {
  description: string;
  postcode: string;
}

export interface VictimDraft {
  child?: ChildAnswer;
  referrer?: ReferrerAnswer;
  exploitation?: { exploitationType: string; category: string };
  concerns?: { concerns: string; indicators: string[] };
  model?: { exploitationModel: string; contactMethod: string };
  people?: LinkedPersonAnswer[];
  peopleDone?: boolean;
  places?: PlaceAnswer[];
  placesDone?: boolean;
  consent?: { consent: string; consentNote: string };
  urgency?: { urgency: string };
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

export function isPage(value: string): value is PageName {
  return (PAGES as readonly string[]).includes(value);
}

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
    cinReferralSource: formText(body, 'cinReferralSource', 20).trim(),
    received: datePartsFrom(body, 'received'),
    receivedTime: formText(body, 'receivedTime', 10).trim(),
    area: formText(body, 'area', 40).trim(),
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
  const ref = (p: LinkedPersonAnswer) => ({
    details: personDetailsOf(p.details),
    relationship: p.relationship || null,
  });
  return {
    referrer: { name: r?.name ?? '', role: r?.role || null, contact: r?.contact || null },
    cinReferralSource: r?.cinReferralSource ?? '',
    receivedAt: r ? instantFrom(r.received, r.receivedTime) : '',
    child: draft.child?.personId
      ? {
          personId: draft.child.personId,
          details: draft.child.details ? personDetailsOf(draft.child.details) : null,
        }
      : {
          details: draft.child?.details ? personDetailsOf(draft.child.details) : null,
          newPerson: draft.child?.newPerson === true,
        },
    exploitationType: draft.exploitation?.exploitationType ?? '',
    category: draft.exploitation?.category ?? '',
    concerns: draft.concerns?.concerns ?? '',
    indicators: draft.concerns?.indicators ?? [],
    exploitationModel: draft.model?.exploitationModel ?? '',
    contactMethod: draft.model?.contactMethod ?? '',
    suspects: people.filter((p) => p.role === 'SUSPECT').map(ref),
    associates: people.filter((p) => p.role === 'ASSOCIATE').map(ref),
    placesOfConcern: (draft.places ?? []).map((p) => ({
      description: p.description,
      postcode: p.postcode || null,
    })),
    consent: draft.consent?.consent ?? '',
    consentNote: draft.consent?.consentNote || null,
    urgency: draft.urgency?.urgency ?? '',
    area: r?.area || null,
  };
}

/** The page on which a field of the whole referral is answered. */
export function pageOfField(field: string): PageName {
  if (field.startsWith('child')) return 'child';
  if (field.startsWith('referrer') || ['cinReferralSource', 'receivedAt', 'area'].includes(field))
    return 'referrer';
  if (field === 'exploitationType' || field === 'category') return 'exploitation';
  if (field === 'concerns' || field === 'indicators') return 'concerns';
  if (field === 'exploitationModel' || field === 'contactMethod') return 'model';
  if (field.startsWith('suspects') || field.startsWith('associates')) return 'suspects';
  if (field.startsWith('placesOfConcern')) return 'places';
  if (field === 'consent' || field === 'consentNote') return 'consent';
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
        errors.push(...validatePersonForm(p.details, role, now, `${list}[${i}]`));
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

// ---------------------------------------------------------------- showing errors and answers

/** Select boxes and radios of the person form. */
export function personItems(form: PersonForm) {
  return {
    genderItems: radioItems(GENDERS, form.gender),
    ethnicityItems: selectItems(ETHNICITIES, form.ethnicity, 'Select an ethnicity (optional)'),
    livingItems: selectItems(LIVING_SITUATIONS, form.livingSituation, 'Select a living situation (optional)'),
    lookedAfterItems: yesNoItems(form.lookedAfter),
    senItems: yesNoItems(form.sen),
    camhsItems: yesNoItems(form.camhs),
  };
}

function dateText(parts: DateParts): string {
  const iso = isoFromParts(parts);
  if (!iso) return '';
  if (iso === 'invalid') return `${parts.day}/${parts.month}/${parts.year}`;
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function yesNoText(value: string): string {
  return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : 'Not known';
}

/** A person's details as lines of a summary. */
export function personSummary(form: PersonForm): string {
  const name = [form.forename, form.surname].filter(Boolean).join(' ') || 'Name not known';
  const parts = [name];
  if (form.aliases) parts.push(`Known as: ${form.aliases}`);
  const dob = dateText(form.dob);
  if (dob) parts.push(`Born ${dob}`);
  else if (form.estimatedAge) parts.push(`About ${form.estimatedAge} years old`);
  if (form.ageExplanation) parts.push(`Why referred as a child: ${form.ageExplanation}`);
  parts.push(`Gender: ${label(GENDERS, form.gender || 'UNKNOWN')}`);
  if (form.ethnicity) parts.push(`Ethnicity: ${label(ETHNICITIES, form.ethnicity)}`);
  if (form.nhsNumber) parts.push(`NHS number: ${form.nhsNumber}`);
  if (form.schoolUpn) parts.push(`UPN: ${form.schoolUpn}`);
  if (form.policeRef) parts.push(`Police reference: ${form.policeRef}`);
  const address = [form.line1, form.town, form.postcode].filter(Boolean).join(', ');
  if (address) parts.push(`Address: ${address}`);
  if (form.livingSituation) parts.push(`Living situation: ${label(LIVING_SITUATIONS, form.livingSituation)}`);
  return parts.join('\n');
}

export interface SummarySection {
  title: string;
  page: PageName;
  rows: Array<{ key: string; value: string }>;
}

/** "Check your answers": each page's answers, in page order. */
export function summarySections(draft: VictimDraft): SummarySection[] {
  const r = draft.referrer;
  const child = draft.child;
  const people = draft.people ?? [];
  const childRows = child?.personId
    ? [
        { key: 'Child', value: `${child.personLabel ?? 'Person already known'} (already known to Lantern)` },
        ...(child.details
          ? [{ key: 'Details you entered (added to their record)', value: personSummary(child.details) }]
          : []),
      ]
    : child?.details
      ? [
          { key: 'Child', value: personSummary(child.details) },
          { key: 'Looked after', value: yesNoText(child.details.lookedAfter) },
          { key: 'Special educational needs or learning disability', value: yesNoText(child.details.sen) },
          { key: 'In contact with CAMHS', value: yesNoText(child.details.camhs) },
        ]
      : [{ key: 'Child', value: 'Not answered' }];
  return [
    { title: 'The child', page: 'child', rows: childRows },
    {
      title: 'The referral',
      page: 'referrer',
      rows: [
        { key: 'Practitioner', value: [r?.name, r?.role, r?.contact].filter(Boolean).join('\n') },
        { key: 'Referral source', value: label(CIN_REFERRAL_SOURCES, r?.cinReferralSource) },
        {
          key: 'Received',
          value: r ? `${dateText(r.received)} ${r.receivedTime}`.trim() : '',
        },
        { key: 'Safeguarding area', value: r?.area || 'The referring agency’s area' },
      ],
    },
    {
      title: 'Exploitation',
      page: 'exploitation',
      rows: [
        { key: 'Type', value: label(EXPLOITATION_TYPES, draft.exploitation?.exploitationType) },
        { key: 'Category', value: label(REFERRAL_CATEGORIES, draft.exploitation?.category) },
      ],
    },
    {
      title: 'Concerns',
      page: 'concerns',
      rows: [
        { key: 'Concerns', value: draft.concerns?.concerns ?? '' },
        {
          key: 'Indicators observed',
          value: (draft.concerns?.indicators ?? []).map((i) => label(CSE_INDICATORS, i)).join('\n') || 'None',
        },
      ],
    },
    {
      title: 'Exploitation model',
      page: 'model',
      rows: [
        { key: 'Model', value: label(EXPLOITATION_MODELS, draft.model?.exploitationModel) },
        { key: 'Method of initial contact', value: label(CONTACT_METHODS, draft.model?.contactMethod) },
      ],
    },
    {
      title: 'Suspects and associates',
      page: 'suspects',
      rows: people.length
        ? people.map((p) => ({
            key: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
            value: [personSummary(p.details), p.relationship ? `Relationship: ${p.relationship}` : '']
              .filter(Boolean)
              .join('\n'),
          }))
        : [{ key: 'Suspects and associates', value: 'None named' }],
    },
    {
      title: 'Places of concern',
      page: 'places',
      rows: (draft.places ?? []).length
        ? (draft.places ?? []).map((p, i) => ({
            key: `Place ${i + 1}`,
            value: [p.description, p.postcode].filter(Boolean).join('\n'),
          }))
        : [{ key: 'Places of concern', value: 'None named' }],
    },
    {
      title: 'Consent',
      page: 'consent',
      rows: [
        { key: 'Consent', value: label(CONSENT_STATUSES, draft.consent?.consent) },
        ...(draft.consent?.consentNote ? [{ key: 'Note', value: draft.consent.consentNote }] : []),
      ],
    },
    {
      title: 'Urgency',
      page: 'urgency',
      rows: [{ key: 'Urgency', value: label(URGENCIES, draft.urgency?.urgency) }],
    },
  ];
}
