/**
 * Test factories: valid inputs with overridable fields, built through the public API or the services the
 * tests already use (never rows inserted behind the stores' backs). Each factory is
 * `x.build(overrides)` or `x.with('state', ...).build(overrides)`; overrides replace whole fields.
 *
 * - victimReferral (referrals.ts): a school's urgent CSE referral of a girl, the concern noticed an hour ago.
 *   States: urgent, immediate, routine, modelUnknown, riskAssessed, withSuspect, lookedAfterChild,
 *   backDated, fromSocialCare, fromTeacher, complete. `referVictim(db, user | principal, input)` submits one through the
 *   referrals service; `principalOf(db, user)` gives a user's principal.
 * - personDetails (people.ts): a person's details, by default a girl with a date of birth.
 *   States: child, adult, withNhsNumber, withAddress, lookedAfter.
 * - missingEpisode (missing.ts): a medium-risk episode from placement CH-01 reported two days ago.
 *   States: open, returned, repeat, fromHome. `missingSeries(personId, daysAgo)` builds a history;
 *   `reportMissing(t, user, input)` records one through the missing service as that user.
 * - users (users.ts): referrer (school), mashPractitioner, mashManager (council), policeOfficer (police),
 *   administrator; each `(t, { agency?, area? })`, on `createTestUser`. `memberOf(t, agency, roles)` for
 *   any other roles.
 * - MASH decisions (mash.ts): `s47Decision(overrides)`, a section 47 strategy decision with its reasons, as
 *   the decision form and API take it; `decisionWithoutReasons()`, one refused for want of them.
 * - agencies (agencies.ts): `createAgencies(t, [[name, type, area?]], agencies, teams)`, `staffAgencies`
 *   (one member with a role in each), and HUB_PARTNERS (school, council, police, health, charity).
 * - routing (routing.ts): `seedPostcodeDistricts(t)`, the demo partnership's postcode districts (routing
 *   by the child's home postcode; without them a referral goes to the referrer's area, "hub to confirm").
 * - time (time.ts): `ago(ms)` with MINUTE, HOUR, DAY; `wallClock(date)`, a moment as a form's fields.
 */
export { createAgencies, HUB_PARTNERS, staffAgencies } from './agencies.ts';
export { defineFactory, type Factory } from './factory.ts';
export { decisionWithoutReasons, s47Decision } from './mash.ts';
export { missingEpisode, missingSeries, reportMissing } from './missing.ts';
export { personDetails, recordedBy } from './people.ts';
export { principalOf, referVictim, victimReferral } from './referrals.ts';
export { seedPostcodeDistricts } from './routing.ts';
export { ago, DAY, dateTimeFields, HOUR, MINUTE, wallClock } from './time.ts';
export { type AgencyWithTeam, memberOf, users } from './users.ts';
