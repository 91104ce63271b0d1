/**
 * URLs of the referral pages, built in one place so routes, redirects and view models agree on them.
 * Identifiers are UUIDs and draft steps are fixed names, so nothing here needs escaping.
 */
import type { PageName } from './form.ts';

/** A step of the victim referral draft, or its "Check your answers" page. */
export type DraftTarget = PageName | 'check';

export const referralsPath = (): string => '/referrals';
export const newReferralPath = (): string => '/referrals/new';
export const referralPath = (id: string): string => `/referrals/${id}`;
export const referralConfirmationPath = (id: string): string => `/referrals/${id}/confirmation`;
/** The police's correction of a referral's division (decision 0014). */
export const referralDivisionPath = (id: string): string => `/referrals/${id}/division`;

/** A draft step; `fromCheck` brings the user back to "Check your answers" after the step. */
export function draftStepPath(draftId: string, target: DraftTarget, fromCheck = false): string {
  return `/referrals/drafts/${draftId}/${target}${fromCheck ? '?from=check' : ''}`;
}

export const draftCheckPath = (draftId: string): string => draftStepPath(draftId, 'check');

/** Known children who may be the one whose details were entered on the child step. */
export function draftChildMatchesPath(draftId: string, fromCheck = false): string {
  return `${draftStepPath(draftId, 'child')}/matches${fromCheck ? '?from=check' : ''}`;
}

export const draftChildSearchPath = (draftId: string): string => `${draftStepPath(draftId, 'child')}/search`;
export const draftChildExistingPath = (draftId: string): string =>
  `${draftStepPath(draftId, 'child')}/existing`;

export const newSuspectReferralPath = (): string => '/suspect-referrals/new';
export const suspectReferralsPath = (): string => '/suspect-referrals';
export const suspectReferralPath = (id: string): string => `/suspect-referrals/${id}`;
export const suspectReferralConfirmationPath = (id: string): string =>
  `/suspect-referrals/${id}/confirmation`;

export const draftPeopleSearchPath = (draftId: string): string =>
  `${draftStepPath(draftId, 'suspects')}/search`;
export const draftPeopleExistingPath = (draftId: string): string =>
  `${draftStepPath(draftId, 'suspects')}/existing`;

/** Route patterns (Fastify), kept beside the builders so the two cannot drift apart. */
export const ROUTE = {
  referrals: '/referrals',
  newReferral: '/referrals/new',
  referral: '/referrals/:id',
  referralConfirmation: '/referrals/:id/confirmation',
  referralDivision: '/referrals/:id/division',
  draftStep: (target: DraftTarget) => `/referrals/drafts/:id/${target}`,
  draftChildSearch: '/referrals/drafts/:id/child/search',
  draftChildExisting: '/referrals/drafts/:id/child/existing',
  draftChildMatches: '/referrals/drafts/:id/child/matches',
  draftPeopleSearch: '/referrals/drafts/:id/suspects/search',
  draftPeopleExisting: '/referrals/drafts/:id/suspects/existing',
  newSuspectReferral: '/suspect-referrals/new',
  suspectReferrals: '/suspect-referrals',
  suspectReferral: '/suspect-referrals/:id',
  suspectReferralConfirmation: '/suspect-referrals/:id/confirmation',
} as const;
