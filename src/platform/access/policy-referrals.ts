/**
 * Access decisions for referrals, pure: the referral handlers and services ask here instead of testing
 * permissions themselves. None of these denies a request (the route's declared permission does that);
 * each decides how much of the hub's knowledge a referral page or list may show the caller.
 */
import { decideAccess } from './policy.ts';
import type { Principal } from './principal.ts';

/** Which referrals a list shows: a case reader sees all of its hub's (row-level security narrows them). */
export interface ReferralListScope {
  /** Referrers see only their own agency's submissions. */
  ownAgencyOnly: boolean;
  /** The agency to narrow the list to, or null for everything row-level security lets the caller see. */
  agencyId: string | null;
}

export function referralListScope(principal: Principal): ReferralListScope {
  const ownAgencyOnly = !principal.permissions.has('case:read');
  return { ownAgencyOnly, agencyId: ownAgencyOnly ? principal.agencyId : null };
}

/**
 * Facts drawn from other agencies' records (whether the child or suspect was already known, how often a
 * child was referred before) belong to the hub that handles the referral's area. A referrer, or a reader
 * scoped to its own agency, learns only what it sent: the reference.
 */
export function mayLearnHubFacts(principal: Principal, area: string | null): boolean {
  return decideAccess(principal, {
    permission: 'case:read',
    record: { agencyIds: [], areas: area ? [area] : [] },
  }).allowed;
}

/**
 * At intake, "Check your answers" shows the chosen child's earlier referrals only to those who may read
 * cases; the person itself is then opened through decideAccess, so scope is still checked per record.
 */
export function maySeeEarlierReferralsAtIntake(principal: Principal): boolean {
  return principal.permissions.has('case:read');
}

/**
 * Whether the victim referral form offers searching the registry for a known child, and shows the known
 * children who may be the one entered. The search routes themselves declare `case:search`.
 */
export function mayLookForKnownChild(principal: Principal): boolean {
  return principal.permissions.has('case:search');
}

/**
 * Whether the principal may correct a referral's police division (decision 0014): the police, reading
 * cases. The referral itself must be in the caller's scope (row-level security and openVictimReferral).
 */
export function mayOverrideDivision(principal: Principal, agencyType: string | null): boolean {
  return agencyType === 'POLICE' && principal.permissions.has('case:read');
}
