/** A victim referral row for the view model tests. */
import type { VictimReferralRow } from './store.ts';

export const REFERRAL_ID = '6f1c2f9e-4a51-4c8e-9d2a-0d7a3b6c1e11';

export function referralRowForTest(overrides: Partial<VictimReferralRow> = {}): VictimReferralRow {
  return {
    id: REFERRAL_ID,
    reference: 'VR-2026-000001',
    person_id: 'p1',
    referring_agency_id: 'school',
    referring_agency_name: 'Blackpool Academy',
    referred_by_label: 'pat',
    practitioner_name: 'Pat Teacher',
    practitioner_role: null,
    practitioner_contact: null,
    cin_referral_source: '2A',
    received_at: new Date('2026-03-01T10:00:00Z'),
    concern_noticed_at: new Date('2026-02-27T16:30:00Z'),
    original_received_at: null,
    division: 'WEST',
    division_override_reason: null,
    division_overridden_by_label: null,
    division_overridden_at: null,
    exploitation_type: 'CSE',
    category: 'VICTIM_OF_CRIME',
    concerns: 'Goes missing',
    indicators: ['GOING_MISSING'],
    exploitation_model: 'BOYFRIEND',
    contact_method: 'ONLINE_SOCIAL_MEDIA',
    places: [{ description: 'Flat', postcode: null }],
    consent: 'NOT_SOUGHT',
    consent_note: null,
    urgency: 'URGENT',
    area: 'BLACKPOOL',
    status: 'IN_RESEARCH',
    outcome: null,
    outcome_feedback: null,
    outcome_at: null,
    prior_referrals_12m: 1,
    prior_referrals_ever: 2,
    child_forename: 'Jessica',
    child_surname: 'Smith',
    child_dob: '2012-05-14',
    ...overrides,
  };
}
