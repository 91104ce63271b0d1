/**
 * The one place that answers "may this principal do X to this record". Pure: the caller loads the
 * record's scope facts and acts on the decision (a denial answers 404 and is audited as ACCESS_DENIED).
 */
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';

export interface RecordScope {
  /** The agencies that own the record (submitted it, or hold information in it). */
  agencyIds: readonly string[];
  /** The partnership areas whose hubs handle the record. */
  areas?: readonly string[];
  /** Teams allocated to the record. */
  teamIds?: readonly string[];
  /** Restricted records (e.g. a high-profile victim) need case-team membership and a justification. */
  restricted?: boolean;
  caseTeamUserIds?: readonly string[];
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: 'NO_PERMISSION' | 'OUT_OF_SCOPE' | 'NOT_ON_CASE_TEAM' }
  | { allowed: false; reason: 'JUSTIFICATION_REQUIRED' };

export interface AccessRequest {
  permission: Permission;
  record: RecordScope;
  /** The reason recorded when opening a restricted record. */
  justification?: string | null;
}

/** Hub-wide permissions see every record of their hub's area; others see only their own agency's. */
const HUB_WIDE: readonly Permission[] = [
  'people:merge',
  'case:read',
  'case:search',
  'mash:triage',
  'mash:decide',
  'mash:share',
  'case:work',
];

export const MIN_JUSTIFICATION_LENGTH = 10;

function inScope(principal: Principal, permission: Permission, record: RecordScope): boolean {
  if (principal.agencyId !== null && record.agencyIds.includes(principal.agencyId)) return true;
  if (record.teamIds?.some((t) => principal.teamIds.includes(t))) return true;
  return HUB_WIDE.includes(permission) && (record.areas ?? []).some((area) => principal.areas.includes(area));
}

export function decideAccess(principal: Principal, request: AccessRequest): AccessDecision {
  if (!principal.permissions.has(request.permission)) return { allowed: false, reason: 'NO_PERMISSION' };
  if (!inScope(principal, request.permission, request.record))
    return { allowed: false, reason: 'OUT_OF_SCOPE' };
  if (request.record.restricted) {
    if (!principal.userId || !request.record.caseTeamUserIds?.includes(principal.userId)) {
      return { allowed: false, reason: 'NOT_ON_CASE_TEAM' };
    }
    if ((request.justification?.trim().length ?? 0) < MIN_JUSTIFICATION_LENGTH) {
      return { allowed: false, reason: 'JUSTIFICATION_REQUIRED' };
    }
  }
  return { allowed: true };
}

/**
 * Restricting a record, lifting a restriction or changing its case team is for practitioners who lead the
 * casework (MASH managers, CSE team officers) and can read the record; once restricted, only a member of
 * its case team may change it (so an API token, which is no one, never can).
 */
export function decideRestrictionChange(principal: Principal, record: RecordScope): AccessDecision {
  const leads = principal.permissions.has('mash:decide') || principal.permissions.has('case:work');
  if (!leads || !principal.permissions.has('case:read')) return { allowed: false, reason: 'NO_PERMISSION' };
  if (!inScope(principal, 'case:read', record)) return { allowed: false, reason: 'OUT_OF_SCOPE' };
  if (record.restricted && (!principal.userId || !record.caseTeamUserIds?.includes(principal.userId)))
    return { allowed: false, reason: 'NOT_ON_CASE_TEAM' };
  return { allowed: true };
}
