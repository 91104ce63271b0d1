/**
 * How a victim referral draft is shown: the person form's select boxes and radios, a person's details as
 * lines of a summary, and "Check your answers" section by section. Pure.
 */

import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import { CSE_INDICATORS } from '../platform/codes/referral.ts';
import { type DateParts, instantFrom, isoFromParts } from '../platform/forms/date-parts.ts';
import { label, radioItems, selectItems, yesNoItems } from '../platform/forms/items.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { checkAnswerRows } from './field-kinds.ts';
import type { PageName, PersonForm, VictimDraft } from './form.ts';

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
  if (iso === 'invalid') return `${parts.day} ${parts.month} ${parts.year}`;
  return ukDate(iso) || `${parts.day} ${parts.month} ${parts.year}`;
}

/** "4 December 2026 at 2:05pm" when the date and time make an instant, else what was typed. */
function noticedText(date: DateParts, time: string): string {
  const at = instantFrom(date, time);
  return at ? ukDateTime(at) : `${dateText(date)} ${time}`.trim();
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
        ...checkAnswerRows(draft, 'referrer'),
        {
          key: 'Concern noticed',
          value: r ? noticedText(r.received, r.receivedTime) : '',
        },
      ],
    },
    {
      title: 'Exploitation',
      page: 'exploitation',
      rows: checkAnswerRows(draft, 'exploitation'),
    },
    {
      title: 'Concerns',
      page: 'concerns',
      rows: [
        ...checkAnswerRows(draft, 'concerns'),
        {
          key: 'Indicators observed',
          value: (draft.concerns?.indicators ?? []).map((i) => label(CSE_INDICATORS, i)).join('\n') || 'None',
        },
      ],
    },
    {
      title: 'Exploitation model',
      page: 'model',
      rows: checkAnswerRows(draft, 'model'),
    },
    {
      title: 'Suspects and associates',
      page: 'suspects',
      rows: people.length
        ? people.map((p) => ({
            key: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
            value: [
              p.personId
                ? `${p.personLabel ?? 'Person already known'} (already known to Lantern)`
                : personSummary(p.details),
              p.relationship ? `Relationship: ${p.relationship}` : '',
            ]
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
      rows: checkAnswerRows(draft, 'consent'),
    },
    {
      title: 'Urgency',
      page: 'urgency',
      rows: checkAnswerRows(draft, 'urgency'),
    },
  ];
}
