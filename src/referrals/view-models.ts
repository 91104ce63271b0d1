/**
 * View models for the referral pages: plain objects with labels and people's names, built from what the
 * store and service return, so templates never receive database rows. Pure.
 */

import { areaLabel, divisionLabel } from '../platform/codes/areas.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import {
  CSE_INDICATORS,
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  REFERRAL_STATUSES,
  SOCIAL_CARE_OUTCOMES,
} from '../platform/codes/referral.ts';
import { label } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { referralRows } from './field-kinds.ts';
import type { FieldPage } from './fields.ts';
import type { LinkedPersonAnswer } from './form.ts';
import { pageOfField } from './form.ts';
import { draftStepPath, referralDivisionPath, referralPath } from './paths.ts';
import type { EarlierReferralRow, LinkedPersonRow, VictimReferralRow } from './store.ts';

/** A person's name as shown, or that it is not known. */
export function personName(forename: string | null | undefined, surname: string | null | undefined): string {
  return [forename, surname].filter(Boolean).join(' ') || 'Name not known';
}

/** A known person chosen as the child: the name and date of birth, as "Check your answers" shows it. */
export function chosenPersonLabel(person: {
  forename: string | null;
  surname: string | null;
  dob: string | null;
}): string {
  return (
    [person.forename, person.surname].filter(Boolean).join(' ') +
    (person.dob ? `, born ${ukDate(person.dob) || person.dob}` : '')
  );
}

export function statusLabel(status: string): string {
  return (
    labelOf(REFERRAL_STATUSES, status) ?? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ')
  );
}

// ---------------------------------------------------------------- the draft

/** What the child step shows of one registry search result (people/search.ts SearchResult). */
export interface SearchResultLike {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimated_age: number | null;
  matched_on: string[] | null;
  referrals: number;
}

/** Radios for choosing a known child from a search: name, then age, what matched and referral count. */
export function childSearchItems(results: readonly SearchResultLike[], terms: Record<string, string>) {
  const searched = [terms['name'] ? 'name' : '', terms['dob'] ? 'date of birth' : '']
    .filter(Boolean)
    .join(', ');
  return results.map((p) => ({
    value: p.id,
    text: [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known',
    hint: {
      text: [
        p.dob
          ? `Born ${ukDate(p.dob) || p.dob}`
          : p.estimated_age !== null
            ? `About ${p.estimated_age} years old`
            : 'Age not known',
        `matched on ${p.matched_on?.length ? p.matched_on.join(', ') : searched}`,
        `${p.referrals} referral${p.referrals === 1 ? '' : 's'}`,
      ].join(' · '),
    },
  }));
}

/** The suspects and associates named so far on the draft. */
export function draftPeopleRows(people: readonly LinkedPersonAnswer[]) {
  return people.map((p, i) => ({
    index: i,
    role: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
    name: p.personId
      ? `${p.personLabel ?? 'Person already known'} (already known)`
      : [p.details.forename, p.details.surname].filter(Boolean).join(' ') ||
        p.details.aliases ||
        'Name not known',
    relationship: p.relationship,
  }));
}

/** Errors for the summary of "Check your answers": each links to the step that answers it, once. */
export function checkErrors(draftId: string, errors: readonly FieldError[]) {
  const named = errors.map((e) => {
    const person = /^(suspects|associates)\[(\d+)\]/.exec(e.field);
    const place = /^placesOfConcern\[(\d+)\]/.exec(e.field);
    const prefix = person
      ? `${person[1] === 'suspects' ? 'Suspect' : 'Associate'} ${Number(person[2]) + 1}: `
      : place
        ? `Place ${Number(place[1]) + 1}: `
        : '';
    return { text: `${prefix}${e.message}`, href: draftStepPath(draftId, pageOfField(e.field), true) };
  });
  const seen = new Set<string>();
  const errorList = [];
  for (const e of named) {
    if (seen.has(e.text)) continue;
    seen.add(e.text);
    errorList.push(e);
  }
  return { errorList, fieldErrors: {} };
}

/** The chosen child's earlier referrals, as "Check your answers" lists them to a case reader. */
export function earlierAtIntakeView(earlier: {
  referrals: readonly EarlierReferralRow[];
  within12Months: number;
  ever: number;
}) {
  return {
    referrals: earlier.referrals.map(earlierReferralView),
    within12Months: earlier.within12Months,
    ever: earlier.ever,
  };
}

// ---------------------------------------------------------------- referrals

export function earlierReferralView(e: EarlierReferralRow) {
  return {
    id: e.id,
    href: referralPath(e.id),
    reference: e.reference,
    received_at: e.received_at,
    referring_agency_name: e.referring_agency_name,
    categoryLabel: label(REFERRAL_CATEGORIES, e.category),
    statusLabel: statusLabel(e.status),
    outcomeLabel: e.outcome ? label(SOCIAL_CARE_OUTCOMES, e.outcome) : null,
  };
}

/** One row of the referrals list; `own` marks the caller's agency's referrals. */
export function referralListItem(r: VictimReferralRow, callerAgencyId: string | null) {
  return {
    id: r.id,
    href: referralPath(r.id),
    reference: r.reference,
    received_at: r.received_at,
    referring_agency_name: r.referring_agency_name,
    childName: personName(r.child_forename, r.child_surname),
    status: r.status,
    categoryLabel: label(REFERRAL_CATEGORIES, r.category),
    typeLabel: label(EXPLOITATION_TYPES, r.exploitation_type),
    statusLabel: statusLabel(r.status),
    outcomeLabel: r.outcome ? label(SOCIAL_CARE_OUTCOMES, r.outcome) : null,
    outcome_feedback: r.outcome_feedback,
    own: r.referring_agency_id === callerAgencyId,
  };
}

/** What "Referral sent" shows: the reference, the hub's area and (to the hub) how often it was referred. */
export function confirmationView(r: VictimReferralRow) {
  return {
    id: r.id,
    href: referralPath(r.id),
    reference: r.reference,
    area: areaLabel(r.area),
    prior_referrals_12m: r.prior_referrals_12m,
    prior_referrals_ever: r.prior_referrals_ever,
  };
}

/** The referral's police division, from the child's home district or as the police corrected it. */
export function divisionView(
  r: Pick<
    VictimReferralRow,
    'id' | 'division' | 'division_override_reason' | 'division_overridden_by_label' | 'division_overridden_at'
  >,
) {
  return {
    label: divisionLabel(r.division),
    source: r.division ? 'From the child’s home postcode' : 'The child’s home postcode did not give one',
    corrected: r.division_overridden_at
      ? {
          by: r.division_overridden_by_label ?? '',
          at: ukDateTime(r.division_overridden_at),
          reason: r.division_override_reason ?? '',
        }
      : null,
    href: referralDivisionPath(r.id),
  };
}

/** A row of what was sent; `lines`: the value's line breaks are shown. */
export interface SubmittedRow {
  key: string;
  value: string;
  lines: boolean;
}

/** What was sent, row by row in the order of the steps: the simple fields (fields.ts) among the rest. */
export function submittedRows(r: VictimReferralRow): SubmittedRow[] {
  const simple = (page: FieldPage) => referralRows(r, page);
  const row = (key: string, value: string, lines = false) => ({ key, value, lines });
  return [
    row('Referring agency', r.referring_agency_name),
    row(
      'Practitioner',
      [r.practitioner_name, r.practitioner_role, r.practitioner_contact].filter(Boolean).join('\n'),
      true,
    ),
    ...simple('referrer'),
    // The clock runs from Lantern's receipt; the referrer's and a partner system's times are shown apart.
    row('Received', ukDateTime(r.received_at)),
    row('Concern noticed', r.concern_noticed_at ? ukDateTime(r.concern_noticed_at) : 'Not known'),
    ...(r.original_received_at
      ? [row('Received by the partner system', ukDateTime(r.original_received_at))]
      : []),
    row('Safeguarding area', areaLabel(r.area)),
    ...simple('exploitation'),
    ...simple('concerns'),
    row('Indicators observed', r.indicators.map((i) => label(CSE_INDICATORS, i)).join('\n') || 'None', true),
    ...simple('model'),
    row(
      'Places of concern',
      r.places.map((p) => (p.postcode ? `${p.description} (${p.postcode})` : p.description)).join('\n') ||
        'None named',
      true,
    ),
    ...simple('consent'),
    ...simple('urgency'),
  ];
}

/** An imported referral's provenance (decision 0026), e.g. "Imported from Mosaic on 6 December 2026". */
export function importedNote(r: Pick<VictimReferralRow, 'import_system' | 'imported_at'>): string | null {
  return r.import_system && r.imported_at
    ? `Imported from ${r.import_system} on ${ukDate(r.imported_at)}`
    : null;
}

/** A referral's page: what was sent, its status and outcome, the people named and earlier referrals. */
export function referralPageView(view: {
  referral: VictimReferralRow;
  people: readonly LinkedPersonRow[];
  earlier: readonly EarlierReferralRow[];
  caseReader: boolean;
}) {
  const r = view.referral;
  return {
    title: `Referral ${r.reference}`,
    referral: {
      ...confirmationView(r),
      person_id: r.person_id,
      child_dob: r.child_dob,
      outcome_at: r.outcome_at,
      outcome_feedback: r.outcome_feedback,
      places: r.places.map((p) => ({ description: p.description, postcode: p.postcode })),
      practitioner_name: r.practitioner_name,
      practitioner_role: r.practitioner_role,
      practitioner_contact: r.practitioner_contact,
      received_at: r.received_at,
      referring_agency_name: r.referring_agency_name,
    },
    submitted: submittedRows(r),
    imported: importedNote(r),
    caseReader: view.caseReader,
    division: divisionView(r),
    childName: personName(r.child_forename, r.child_surname),
    labels: {
      status: statusLabel(r.status),
      outcome: r.outcome ? label(SOCIAL_CARE_OUTCOMES, r.outcome) : null,
      indicators: r.indicators.map((i) => label(CSE_INDICATORS, i)),
    },
    people: view.people.map((p) => ({
      person_id: p.person_id,
      relationship: p.relationship,
      name: personName(p.forename, p.surname),
      roleLabel: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
    })),
    earlier: view.earlier.map(earlierReferralView),
  };
}
