/**
 * Victim referrals: the payload a referrer sends (`victimReferral.build()`), and a referral submitted
 * through the referrals service as a signed-in user would (`referVictim`). The default is a school's
 * urgent referral, the concern noticed an hour ago, of a girl seen with an older man; states change a few fields.
 */
import type { Principal } from '../../../src/platform/access/principal.ts';
import { contextFor } from '../../../src/platform/access/principal.ts';
import { principalForUser } from '../../../src/platform/auth/authenticate.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { withTransaction } from '../../../src/platform/db/transaction.ts';
import type { VictimReferralInput } from '../../../src/referrals/rules.ts';
import { submitVictimReferral } from '../../../src/referrals/service.ts';
import type { TestUser } from '../app.ts';
import { defineFactory } from './factory.ts';
import { personDetails } from './people.ts';
import { ago, DAY, HOUR } from './time.ts';

export type ReferralState =
  | 'urgent'
  | 'immediate'
  | 'routine'
  | 'modelUnknown'
  | 'riskAssessed'
  | 'withSuspect'
  | 'lookedAfterChild'
  | 'backDated'
  | 'fromSocialCare'
  | 'fromTeacher'
  | 'complete';

export const victimReferral = defineFactory<VictimReferralInput, ReferralState>(
  () => ({
    referrer: { name: 'Morgan Example' },
    cinReferralSource: '2A',
    concernNoticedAt: ago(HOUR),
    child: { details: personDetails.build() },
    exploitationType: 'CSE',
    category: 'VICTIM_OF_CRIME',
    concerns: 'Seen with an older man; new phone and clothes.',
    indicators: [],
    exploitationModel: 'BOYFRIEND',
    contactMethod: 'ONLINE_SOCIAL_MEDIA',
    suspects: [],
    associates: [],
    placesOfConcern: [],
    consent: 'YES',
    urgency: 'URGENT',
  }),
  {
    urgent: () => ({ urgency: 'URGENT' }),
    immediate: () => ({ urgency: 'IMMEDIATE' }),
    routine: () => ({ urgency: 'ROUTINE' }),
    /** The referrer could not say how the child was drawn in or contacted. */
    modelUnknown: () => ({ exploitationModel: 'UNKNOWN', contactMethod: 'UNKNOWN' }),
    /** A vulnerability assessed as a risk (no crime yet): going missing overnight. */
    riskAssessed: () => ({
      category: 'RISK_ASSESSED_VULNERABILITY',
      concerns: 'Going missing overnight',
      indicators: ['GOING_MISSING'],
    }),
    /** One suspect, an adult man known by name and estimated age only. */
    withSuspect: () => ({ suspects: [{ details: personDetails.with('adult').build() }] }),
    /** The child is looked after, in a children's home. */
    lookedAfterChild: (current) => ({
      child: {
        ...current.child,
        details: { ...current.child.details, ...personDetails.with('lookedAfter').build() },
      },
    }),
    /** The concern was noticed a week ago and referred only now (the clock starts at receipt). */
    backDated: () => ({ concernNoticedAt: ago(7 * DAY) }),
    /** Referred by children's social care (Children in Need source 5A) rather than a school. */
    fromSocialCare: () => ({ cinReferralSource: '5A' }),
    /** Sent by the school's teacher Pat, by name only. */
    fromTeacher: () => ({ referrer: { name: 'Pat Teacher' } }),
    /**
     * Every part filled in: the referrer's role and contact, a child with an NHS number and an address, a
     * suspect with a relationship, a place of concern, and consent not sought with the reason.
     */
    complete: () => ({
      referrer: {
        name: 'Morgan Example',
        role: 'Designated safeguarding lead',
        contact: 'Via the school office',
      },
      child: {
        details: personDetails.with('withNhsNumber', 'withAddress').build({
          forename: 'Jessica',
          surname: 'Smith',
          dob: '2011-03-14',
          ethnicity: 'WHITE_BRITISH',
          camhsContact: true,
        }),
      },
      category: 'RISK_ASSESSED_VULNERABILITY',
      concerns: 'Seen getting into a car with an older man after school; has new phone.',
      indicators: ['GOING_MISSING', 'UNEXPLAINED_GIFTS'],
      suspects: [
        {
          details: { forename: 'Dale', surname: 'Exampleson', estimatedAge: 24, gender: 'MALE' },
          relationship: 'Older boyfriend',
        },
      ],
      placesOfConcern: [{ description: 'Takeaway on the high street', postcode: 'FY1 3CD' }],
      consent: 'NOT_SOUGHT',
      consentNote: 'Seeking consent would place the child at greater risk',
    }),
  },
);

/** The principal a signed-in user acts as (their agency, areas and roles as the database has them). */
export async function principalOf(db: Database, user: TestUser): Promise<Principal> {
  const principal = await principalForUser(db, user.id, 'test');
  if (!principal) throw new Error(`no principal for ${user.username}`);
  return principal;
}

/** Submits a referral through the service, in the user's own transaction context, as the pages would. */
export async function referVictim(
  db: Database,
  who: TestUser | Principal,
  input: VictimReferralInput = victimReferral.build(),
) {
  const principal = 'kind' in who ? who : await principalOf(db, who);
  return withTransaction(db, contextFor(principal, 'test'), (tx) =>
    submitVictimReferral(tx, principal, input),
  );
}
