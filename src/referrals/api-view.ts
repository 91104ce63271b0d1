/**
 * What the referrals API answers: referral rows turned into the response shapes of api-schemas.ts, with
 * the hub's knowledge (earlier referrals, prior counts) only for those who may learn it. Pure.
 */
import { areaLabel } from '../platform/codes/areas.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import {
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  SOCIAL_CARE_OUTCOMES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import { SUMMARY_FIELDS } from './api-schemas.ts';
import { apiValues } from './field-kinds.ts';
import type { EarlierReferralRow, LinkedPersonRow, SuspectReferralRow, VictimReferralRow } from './store.ts';
import { statusLabel } from './view-models.ts';

export function summaryOut(r: VictimReferralRow) {
  return {
    id: r.id,
    reference: r.reference,
    receivedAt: r.received_at.toISOString(),
    referringAgency: r.referring_agency_name,
    child: { forename: r.child_forename, surname: r.child_surname, dob: r.child_dob },
    category: r.category,
    categoryLabel: labelOf(REFERRAL_CATEGORIES, r.category) ?? null,
    exploitationType: r.exploitation_type,
    exploitationTypeLabel: labelOf(EXPLOITATION_TYPES, r.exploitation_type) ?? null,
    urgency: r.urgency,
    urgencyLabel: labelOf(URGENCIES, r.urgency) ?? null,
    area: r.area,
    areaLabel: areaLabel(r.area),
    status: r.status,
    statusLabel: statusLabel(r.status),
    outcome: r.outcome,
    outcomeLabel: r.outcome ? (labelOf(SOCIAL_CARE_OUTCOMES, r.outcome) ?? null) : null,
    feedback: r.outcome_feedback,
  };
}

/** A referral as the API answers it; `caseReader`: whether the caller may learn the hub's knowledge. */
export function referralOut(view: {
  referral: VictimReferralRow;
  people: readonly LinkedPersonRow[];
  earlier: readonly EarlierReferralRow[];
  caseReader: boolean;
}) {
  const { referral: r, people, earlier, caseReader } = view;
  return {
    ...summaryOut(r),
    personId: r.person_id,
    concernNoticedAt: r.concern_noticed_at?.toISOString() ?? null,
    originalReceivedAt: r.original_received_at?.toISOString() ?? null,
    division: r.division,
    imported:
      r.import_system && r.imported_at
        ? { system: r.import_system, importedAt: r.imported_at.toISOString() }
        : null,
    practitioner: {
      name: r.practitioner_name,
      role: r.practitioner_role,
      contact: r.practitioner_contact,
    },
    // The simple fields in the order of the steps; those of the summary are answered above.
    ...apiValues(r, 'referrer'),
    ...apiValues(r, 'exploitation', SUMMARY_FIELDS),
    ...apiValues(r, 'concerns'),
    indicators: r.indicators,
    ...apiValues(r, 'model'),
    placesOfConcern: r.places,
    ...apiValues(r, 'consent'),
    ...apiValues(r, 'urgency', SUMMARY_FIELDS),
    people: people.map((p) => ({
      personId: p.person_id,
      role: p.role,
      relationship: p.relationship,
      forename: p.forename,
      surname: p.surname,
    })),
    ...(caseReader
      ? {
          priorReferrals: { within12Months: r.prior_referrals_12m, ever: r.prior_referrals_ever },
          earlierReferrals: earlier.map((e) => ({
            id: e.id,
            reference: e.reference,
            receivedAt: e.received_at.toISOString(),
            referringAgency: e.referring_agency_name,
            status: e.status,
          })),
        }
      : {}),
  };
}

export function suspectReferralOut(r: SuspectReferralRow) {
  return {
    id: r.id,
    reference: r.reference,
    personId: r.person_id,
    referringAgency: r.referring_agency_name,
    receivedAt: r.received_at.toISOString(),
    status: r.status,
    role: r.role,
    roleLabel: labelOf(SUSPECT_ROLES, r.role) ?? null,
    source: r.source,
    sourceLabel: labelOf(SUSPECT_REFERRAL_SOURCES, r.source) ?? null,
    division: r.division,
    area: r.area,
    areaLabel: areaLabel(r.area),
    person: { forename: r.forename, surname: r.surname, gender: r.gender, ethnicity: r.ethnicity },
    linkedChildren: r.linked_children,
    notes: r.notes,
  };
}
