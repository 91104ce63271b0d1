/**
 * Sharing grants (SECURITY 31, decision 0017): who a decision to share reaches, with what, and until when.
 * Pure: the caller loads the grant's facts. Row-level security states the same rule in SQL
 * (`lantern_granted` in migrations/018_sharing_grants.sql); test/platform/policy-matches-sql.test.ts holds
 * the two to the same answers.
 */

import type { Permission } from './permissions.ts';
import type { AccessDecision } from './policy.ts';
import type { Principal } from './principal.ts';

export const RECIPIENT_KINDS = ['AGENCY', 'TEAM', 'USER'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** The episode-wide items a grant may name; contributions and the risk assessment are named by id. */
export const GRANT_ITEMS = ['REFERRAL', 'STRATEGY', 'DECISION'] as const;
export type GrantItem = (typeof GRANT_ITEMS)[number];

/** Whoever reads cases (or their own agency's referrals) may receive a grant: never an administrator. */
export const SHARED_READ_PERMISSIONS: readonly Permission[] = ['case:read', 'referral:read-own-agency'];

export interface GrantFacts {
  recipientKind: RecipientKind;
  recipientId: string;
  startsAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What a grant names: the child, the episode, and each item shared. */
export interface GrantContents {
  personId: string;
  episodeId: string;
  referralId: string;
  items: readonly string[];
  contributionIds: readonly string[];
  riskAssessmentId: string | null;
}

/** A thing of the child's record that a grant may reach (the SQL function's `item` argument). */
export type GrantedThing =
  | { item: 'person' | 'referral' | 'contribution' | 'risk_assessment'; id: string }
  | { item: 'strategy' | 'decision' | 'episode'; episodeId: string };

/** The grant names this principal: directly, through one of their teams, or through their agency. */
export function isRecipient(principal: Principal, grant: Pick<GrantFacts, 'recipientKind' | 'recipientId'>) {
  if (principal.kind !== 'user' || !principal.userId) return false;
  switch (grant.recipientKind) {
    case 'USER':
      return grant.recipientId === principal.userId;
    case 'TEAM':
      return principal.teamIds.includes(grant.recipientId);
    case 'AGENCY':
      return grant.recipientId === principal.agencyId;
  }
}

/** Granted, started, not yet expired and not revoked. */
export function isActiveGrant(grant: Pick<GrantFacts, 'startsAt' | 'expiresAt' | 'revokedAt'>, now: Date) {
  return (
    grant.revokedAt === null &&
    grant.startsAt.getTime() <= now.getTime() &&
    grant.expiresAt.getTime() > now.getTime()
  );
}

/**
 * Whether the principal may open what this grant shares now. A partner system's token is no recipient
 * (a disclosure is to people); a recipient must read cases, so an administrator never reads through one.
 */
export function decideGrantAccess(principal: Principal, grant: GrantFacts, now: Date): AccessDecision {
  if (!SHARED_READ_PERMISSIONS.some((p) => principal.permissions.has(p)))
    return { allowed: false, reason: 'NO_PERMISSION' };
  if (!isRecipient(principal, grant) || !isActiveGrant(grant, now))
    return { allowed: false, reason: 'OUT_OF_SCOPE' };
  return { allowed: true };
}

/** Whether this grant, to this principal, now, reaches the thing (what `lantern_granted` answers). */
export function grantReaches(
  principal: Principal,
  grant: GrantFacts & GrantContents,
  thing: GrantedThing,
  now: Date,
): boolean {
  if (!decideGrantAccess(principal, grant, now).allowed) return false;
  switch (thing.item) {
    case 'person':
      return grant.personId === thing.id;
    case 'episode':
      return grant.episodeId === thing.episodeId;
    case 'referral':
      return grant.referralId === thing.id && grant.items.includes('REFERRAL');
    case 'strategy':
      return grant.episodeId === thing.episodeId && grant.items.includes('STRATEGY');
    case 'decision':
      return grant.episodeId === thing.episodeId && grant.items.includes('DECISION');
    case 'contribution':
      return grant.contributionIds.includes(thing.id);
    case 'risk_assessment':
      return grant.riskAssessmentId === thing.id;
  }
}

/** Revoking a grant is for a member of the hub that decided, who records sharing decisions there. */
export function mayRevokeGrant(principal: Principal, grant: { area: string }): boolean {
  return (
    principal.permissions.has('mash:share') &&
    principal.permissions.has('mash:triage') &&
    principal.areas.includes(grant.area)
  );
}
