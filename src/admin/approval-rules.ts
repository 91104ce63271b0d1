/**
 * Rules for giving case permissions (SECURITY 25): which roles an agency's staff may hold, what a token may
 * be given and may give, which asked-for roles wait for approval, and what an approval decision needs.
 * Pure: the services load the facts and act on the answers.
 */
import {
  casePermissionsIn,
  isCaseRole,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsForAgencyType,
  permissionsOf,
  ROLES,
  type Role,
  rolesForAgencyType,
} from '../platform/access/permissions.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { agencyTypeLabel } from './rules.ts';

/** Who is asking: the operator (CLI, start-up), a signed-in user, or a partner system's token. */
export type Actor =
  | { kind: 'system' }
  | { kind: 'user'; userId: string; label: string }
  | { kind: 'token'; tokenId: string; label: string; permissions: ReadonlySet<string> };

function roleLabel(role: string): string {
  return isRole(role) ? ROLES[role].label : role;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Roles an agency of this type cannot give its staff, as a field error on `roles`. */
export function agencyRoleErrors(roles: readonly string[], agencyType: string): FieldError[] {
  const allowed = rolesForAgencyType(agencyType);
  const refused = roles.filter((r) => isRole(r) && !allowed.includes(r));
  if (refused.length === 0) return [];
  return [
    {
      field: 'roles',
      message: `${agencyTypeLabel(agencyType)} agencies cannot give their staff the role ${refused
        .map(roleLabel)
        .join(' or ')}`,
    },
  ];
}

/** A token permission no role of that type of agency gives: the token would hold more than its staff could. */
export function tokenAgencyErrors(permissions: readonly string[], agencyType: string): FieldError[] {
  const available = permissionsForAgencyType(agencyType);
  const refused = permissions.find((p) => Object.hasOwn(PERMISSIONS, p) && !available.has(p as Permission));
  if (refused === undefined) return [];
  return [
    {
      field: 'permissions',
      message: `${agencyTypeLabel(agencyType)} agencies cannot give a token “${lowerFirst(
        PERMISSIONS[refused as Permission],
      )}”: none of their staff could hold it`,
    },
  ];
}

/**
 * A token may manage only accounts whose every role is within its own permissions: never an administrator,
 * never a role it could not itself use. `roles` are those the account has, waits for, or is being given.
 */
export function tokenActorErrors(actor: Actor, roles: readonly string[]): FieldError[] {
  if (actor.kind !== 'token') return [];
  const beyond = roles.filter(
    (r) => isRole(r) && ROLES[r].permissions.some((p) => !actor.permissions.has(p)),
  );
  if (beyond.length === 0) return [];
  return [
    {
      field: 'roles',
      message: `This token cannot manage a ${[...new Set(beyond)].map(roleLabel).join(' or ')}: the role can do more than the token may`,
    },
  ];
}

export interface RoleChange {
  /** Roles asked for (the form or API body). */
  requested: readonly string[];
  /** Roles in effect now (empty for a new account). */
  current: readonly string[];
  /** Whether the account stays in the same agency (a move needs its case roles approved again). */
  sameAgency: boolean;
  /** An administrator changed how the person signs in: their case roles are approved again. */
  signInChanged: boolean;
}

export interface RoleOutcome {
  /** Roles in effect after the change. */
  effective: Role[];
  /** Case roles that wait for approval. */
  pending: Role[];
}

/**
 * Which roles take effect now and which wait. Roles without case permissions, and case roles already
 * approved in this agency, take effect; any other case role waits. Removing a role never waits. The operator
 * (`system`) is trusted, as it can read the database anyway.
 */
export function splitRoles(actor: Actor, change: RoleChange): RoleOutcome {
  const requested = [...new Set(change.requested)].filter(isRole);
  if (actor.kind === 'system') return { effective: requested, pending: [] };
  const approved = change.sameAgency && !change.signInChanged ? change.current : [];
  const effective = requested.filter((r) => !isCaseRole(r) || approved.includes(r));
  const pending = requested.filter((r) => isCaseRole(r) && !approved.includes(r));
  return { effective, pending };
}

/** The case permissions a set of roles gives: what an approver of them must hold. */
export function casePermissionsOfRoles(roles: readonly string[]): Permission[] {
  return casePermissionsIn(permissionsOf(roles));
}

export type Decision = 'APPROVE' | 'REJECT';

export interface DecisionInput {
  decision: string;
  reason: string;
}

const REASON_MAX = 500;
// Line breaks are part of a written reason; other control characters never are.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function validateDecision(input: DecisionInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.decision !== 'APPROVE' && input.decision !== 'REJECT')
    errors.push({ field: 'decision', message: 'Select whether you approve or reject the request' });
  const reason = input.reason.trim();
  if (!reason) errors.push({ field: 'reason', message: 'Enter the reason for your decision' });
  else if (reason.length > REASON_MAX)
    errors.push({ field: 'reason', message: `Reason must be ${REASON_MAX} characters or fewer` });
  else if (CONTROL.test(reason))
    errors.push({ field: 'reason', message: 'Remove the control characters from the reason' });
  return errors;
}
