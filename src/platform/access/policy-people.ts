/**
 * Record-level decisions about a person in the registry, built on `decideAccess` so that there is still one
 * answer to "may this principal see this record". Pure: callers load the person's scope and act on the
 * decision (a denial of an opened record is thrown as an audited `AccessDeniedError` by the caller).
 */
import type { Permission } from './permissions.ts';
import { type AccessDecision, decideAccess, decideRestrictionChange, type RecordScope } from './policy.ts';
import type { Principal } from './principal.ts';

/** The permission a principal reads people with: case readers their hub, referrers their own agency's. */
export function readPermissionOf(principal: Principal): Permission {
  return principal.permissions.has('case:read') ? 'case:read' : 'referral:read-own-agency';
}

/** Whether the principal may open a person's record (a restricted one only with a justification). */
export function decidePersonRead(
  principal: Principal,
  record: RecordScope,
  justification: string | null = null,
): AccessDecision {
  return decideAccess(principal, { permission: readPermissionOf(principal), record, justification });
}

/**
 * Whether a person may be shown to the principal without opening their record (as a match candidate, or
 * named in a merge history): in scope and not restricted, since a restricted person opens only with a reason.
 */
export function mayShowPerson(principal: Principal, record: RecordScope): boolean {
  return decidePersonRead(principal, record, null).allowed;
}

/** What the person page offers a principal who has opened the record. */
export interface PersonPageAbilities {
  /** The merge history and the CSE flag are casework: shown to case readers only. */
  seesCasework: boolean;
  /** Case workers are offered the child's risk assessments. */
  caseWork: boolean;
  /** Merging another record in, or undoing a merge; never on a record already merged into another. */
  canMerge: boolean;
  canRestrict: boolean;
}

export function personPageAbilities(
  principal: Principal,
  record: RecordScope,
  mergedInto: string | null,
): PersonPageAbilities {
  return {
    seesCasework: principal.permissions.has('case:read'),
    caseWork: principal.permissions.has('case:work'),
    canMerge: mayMergePeople(principal) && !mergedInto,
    canRestrict: decideRestrictionChange(principal, record).allowed,
  };
}

/** Merging and unmerging people is for those who hold people:merge (the routes declare it too). */
export function mayMergePeople(principal: Principal): boolean {
  return principal.permissions.has('people:merge');
}
