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

/**
 * The permissions an import of history writes with, besides `referral:import` itself (decision 0026): it
 * records the child as a referral does, opens and closes the MASH episode with its RAG and decision as the
 * hub would, under the caller's row-level security. A token given the import alone would fail half-way
 * through its first row, so the import is refused up front instead.
 */
export const IMPORT_NEEDS = ['referral:create', 'case:read', 'mash:triage', 'mash:decide'] as const;

/** Why the principal may not import history at all, or null when it may (per row, the area decides). */
export function importRefusal(principal: Principal): string | null {
  if (!principal.permissions.has('referral:import')) return 'The import of history needs referral:import';
  const missing = IMPORT_NEEDS.filter((p) => !principal.permissions.has(p));
  if (missing.length) return `The import of history also needs ${missing.join(', ')}`;
  if (!principal.agencyId) return 'Only an agency imports history';
  return null;
}

/** Whether an imported referral may go to this area's hub: the importer's own hub areas only. */
export function mayImportIntoArea(principal: Principal, area: string): boolean {
  return decideAccess(principal, {
    permission: 'referral:import',
    record: { agencyIds: [], areas: [area] },
  }).allowed;
}
