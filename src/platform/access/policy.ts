/**
 * The one place that answers "may this principal do X to this record". Pure: the caller loads the
 * record's scope facts and acts on the decision (a denial answers 404 and is audited as ACCESS_DENIED).
 */
import { isCasePermission, type Permission } from './permissions.ts';
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
  'referral:import',
];

export const MIN_JUSTIFICATION_LENGTH = 10;

function inScope(principal: Principal, permission: Permission, record: RecordScope): boolean {
  if (principal.agencyId !== null && record.agencyIds.includes(principal.agencyId)) return true;
  if (record.teamIds?.some((t) => principal.teamIds.includes(t))) return true;
  return HUB_WIDE.includes(permission) && (record.areas ?? []).some((area) => principal.areas.includes(area));
}

/** Whether the record is within the principal's reach for this permission, before any justification. */
function reach(principal: Principal, permission: Permission, record: RecordScope): AccessDecision {
  if (!principal.permissions.has(permission)) return { allowed: false, reason: 'NO_PERMISSION' };
  if (!inScope(principal, permission, record)) return { allowed: false, reason: 'OUT_OF_SCOPE' };
  if (record.restricted && (!principal.userId || !record.caseTeamUserIds?.includes(principal.userId)))
    return { allowed: false, reason: 'NOT_ON_CASE_TEAM' };
  return { allowed: true };
}

export function decideAccess(principal: Principal, request: AccessRequest): AccessDecision {
  const reached = reach(principal, request.permission, request.record);
  if (!reached.allowed) return reached;
  if (request.record.restricted && (request.justification?.trim().length ?? 0) < MIN_JUSTIFICATION_LENGTH)
    return { allowed: false, reason: 'JUSTIFICATION_REQUIRED' };
  return { allowed: true };
}

// ---------------------------------------------------------------- approval of case permissions

/** A request to give case permissions: a user's case roles, or an API token's case permissions. */
export interface ApprovalRequest {
  /** The agency the permissions would act for. */
  agencyId: string;
  /** The case permissions the request would give (only these need approving). */
  permissions: readonly Permission[];
  /** The user who asked (null when a partner system's token or the operator asked). */
  requestedBy: string | null;
  /** The user who would hold the roles; null for a token. */
  subjectUserId: string | null;
  /** Partnership areas the agency serves: its own area and its teams' areas. */
  agencyAreas: readonly string[];
  /**
   * Whether the agency has an active user, other than the requester and the subject, whose permissions
   * include every permission requested: while it has one, only such a colleague may approve.
   */
  agencyHasApprover: boolean;
}

export type ApprovalDecision =
  | { allowed: true; basis: 'SAME_AGENCY' | 'AREA_MASH_MANAGER' }
  | {
      allowed: false;
      reason: 'NOT_A_USER' | 'OWN_REQUEST' | 'OWN_GRANT' | 'LACKS_PERMISSIONS' | 'OTHER_AGENCY';
    };

/**
 * May this principal approve this request (SECURITY 25, docs/decisions/0011)? A colleague of the same agency
 * who already holds every case permission asked for vouches for the new holder; an agency with no such
 * colleague yet (its first accounts) is vouched for by a MASH manager of an agency serving the same area.
 * Never the person who asked, nor the person who would hold the roles, nor a token.
 * `approverAgencyAreas`: the areas the approver's own agency serves.
 */
export function decideApproval(
  approver: Principal,
  request: ApprovalRequest,
  approverAgencyAreas: readonly string[],
): ApprovalDecision {
  if (approver.kind !== 'user' || !approver.userId) return { allowed: false, reason: 'NOT_A_USER' };
  if (request.requestedBy === approver.userId) return { allowed: false, reason: 'OWN_REQUEST' };
  if (request.subjectUserId === approver.userId) return { allowed: false, reason: 'OWN_GRANT' };
  const sameAgency = approver.agencyId === request.agencyId;
  if (sameAgency && request.permissions.every((p) => approver.permissions.has(p)))
    return { allowed: true, basis: 'SAME_AGENCY' };
  const servesArea = approverAgencyAreas.some((a) => request.agencyAreas.includes(a));
  if (!request.agencyHasApprover && approver.permissions.has('mash:decide') && servesArea)
    return { allowed: true, basis: 'AREA_MASH_MANAGER' };
  return { allowed: false, reason: sameAgency ? 'LACKS_PERMISSIONS' : 'OTHER_AGENCY' };
}

/** One active user of an agency: their roles' permissions and the areas of their teams. */
export interface AgencyMember {
  permissions: ReadonlySet<Permission>;
  areas: readonly string[];
}

/**
 * The hub areas of an API token: exactly those a user of its agency holding all the token's case
 * permissions has through their teams. A token acts for its agency, so it may see no more than the
 * agency's own staff in those roles; an agency none of whose staff holds them in a hub team (a school,
 * say) gets no hub area, and its token sees only its own agency's records.
 */
export function tokenAreas(
  tokenPermissions: ReadonlySet<Permission>,
  members: readonly AgencyMember[],
): string[] {
  const needed = [...tokenPermissions].filter(isCasePermission);
  if (needed.length === 0) return [];
  const areas = new Set<string>();
  for (const member of members) {
    if (needed.every((p) => member.permissions.has(p))) for (const a of member.areas) areas.add(a);
  }
  return [...areas].sort();
}

/**
 * Restricting a record, lifting a restriction or changing its case team is for practitioners who lead the
 * casework (MASH managers, CSE team officers) and can read the record; once restricted, only a member of
 * its case team may change it (so an API token, which is no one, never can).
 */
export function decideRestrictionChange(principal: Principal, record: RecordScope): AccessDecision {
  const leads = principal.permissions.has('mash:decide') || principal.permissions.has('case:work');
  if (!leads) return { allowed: false, reason: 'NO_PERMISSION' };
  return reach(principal, 'case:read', record);
}

/** What a route declares it needs: any signed-in user, one permission, or any one of a list. */
export type RoutePermission = Permission | 'authenticated' | readonly Permission[];

/** Whether a signed-in principal may use a route at all (record scope is decided per record, above). */
export function mayUseRoute(principal: Principal, required: RoutePermission): boolean {
  if (required === 'authenticated') return true;
  const anyOf: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return anyOf.some((permission) => principal.permissions.has(permission));
}

/**
 * Whether a person or referral can be read at all: the rule row-level security applies in SQL
 * (`lantern_may_see_person`; the referral policies of migration 036), stated once here and compared with
 * the SQL by test/platform/policy-matches-sql.test.ts and policy-matches-sql-referrals.test.ts. Opening a
 * restricted record still needs a justification.
 */
export function mayReadRecord(principal: Principal, record: RecordScope): boolean {
  return (['case:read', 'referral:read-own-agency'] as const).some(
    (permission) => reach(principal, permission, record).allowed,
  );
}
