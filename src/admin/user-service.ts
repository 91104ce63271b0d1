/**
 * Users: accounts, their agency, teams and roles. Roles holding a case permission wait for the approval of a
 * case-permission holder of the user's agency (SECURITY 25); the rest take effect at once. A token manages
 * only accounts within its own permissions.
 */
import { isCaseRole, isRole } from '../platform/access/permissions.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { endAllSessionsOf } from '../platform/auth/session-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { type Actor, agencyRoleErrors, splitRoles, tokenActorErrors } from './approval-rules.ts';
import * as approvals from './approval-store.ts';
import { AUDIT } from './audit-actions.ts';
import { actorOf, replaceRoleRequest } from './grants.ts';
import { type UserInput, validateUser } from './rules.ts';
import { blankToNull, uniqueViolation } from './service-support.ts';
import * as store from './store.ts';

async function checkReferences(tx: Tx, input: UserInput): Promise<store.AgencyRow> {
  const agency = await store.findAgency(tx, input.agencyId);
  if (!agency) throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  if (!(await store.teamsExist(tx, input.teamIds))) {
    throw new ValidationError([{ field: 'teamIds', message: 'Select teams from the list' }]);
  }
  return agency;
}

function uniqueRoles(roles: readonly string[]): string[] {
  return [...new Set(roles)].filter(isRole);
}

/**
 * A token manages only accounts whose every role, in effect or waiting, is within its own permissions
 * (SECURITY 25): any other account is outside its scope, answered and audited like a record it may not see.
 */
async function checkTokenMayManage(
  tx: Tx,
  actor: Actor,
  user: store.UserRow,
): Promise<approvals.PendingRoles | undefined> {
  const [waiting] = await approvals.pendingRolesOf(tx, [user.id]);
  if (tokenActorErrors(actor, [...user.roles, ...(waiting?.roles ?? [])]).length)
    throw new AccessDeniedError('user', user.id, 'BEYOND_TOKEN_PERMISSIONS');
  return waiting;
}

export async function createUser(
  tx: Tx,
  input: UserInput,
  options: { requirePassword: boolean } = { requirePassword: true },
) {
  const actor = actorOf(tx);
  const errors = validateUser(input, options);
  if (errors.length) throw new ValidationError(errors);
  const agency = await checkReferences(tx, input);
  const roles = uniqueRoles(input.roles);
  const limits = [...agencyRoleErrors(roles, agency.type), ...tokenActorErrors(actor, roles)];
  if (limits.length) throw new ValidationError(limits);
  // Case roles wait for a case-permission holder's approval; the rest take effect now.
  const { effective, pending } = splitRoles(actor, {
    requested: roles,
    current: [],
    sameAgency: true,
    signInChanged: false,
  });
  try {
    const user = await store.insertUser(tx, {
      agencyId: input.agencyId,
      username: input.username.trim(),
      displayName: input.displayName.trim(),
      email: blankToNull(input.email),
      roles: effective,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      oidcSubject: blankToNull(input.oidcSubject),
    });
    await store.replaceUserTeams(tx, user.id, [...new Set(input.teamIds)]);
    await replaceRoleRequest(tx, actor, {
      userId: user.id,
      agencyId: input.agencyId,
      pending,
      cause: 'GRANT',
      waiting: undefined,
    });
    await appendAuditEvent(tx, {
      action: AUDIT.USER_CREATE,
      subjectType: 'user',
      subjectId: user.id,
      details: { roles: effective, pendingRoles: pending, teams: input.teamIds.length },
    });
    return { ...user, pendingRoles: pending };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint) {
      const field = constraint.includes('email')
        ? 'email'
        : constraint.includes('oidc')
          ? 'oidcSubject'
          : 'username';
      throw new ConflictError('That user already exists', [
        {
          field,
          message: `Another user already has that ${field === 'oidcSubject' ? 'single sign-on identity' : field}`,
        },
      ]);
    }
    throw error;
  }
}

/** Whether this change lets someone other than the account's holder sign in as them. */
function signInChanged(actor: Actor, existing: store.UserRow, input: UserInput): boolean {
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.userId === existing.id)) return false;
  const email = (blankToNull(input.email) ?? '').toLowerCase();
  return (
    Boolean(input.password) ||
    blankToNull(input.oidcSubject) !== existing.oidc_subject ||
    email !== (existing.email ?? '').toLowerCase()
  );
}

export async function updateUser(tx: Tx, id: string, input: UserInput) {
  const actor = actorOf(tx);
  const existing = await store.findUser(tx, id);
  if (!existing) throw new NotFoundError();
  const waiting = await checkTokenMayManage(tx, actor, existing);
  const errors = validateUser({ ...input, username: existing.username }, { requirePassword: false });
  if (errors.length) throw new ValidationError(errors);
  const agency = await checkReferences(tx, input);
  const roles = uniqueRoles(input.roles);
  const limits = [...agencyRoleErrors(roles, agency.type), ...tokenActorErrors(actor, roles)];
  if (limits.length) throw new ValidationError(limits);
  const sameAgency = existing.agency_id === input.agencyId;
  const suspend = signInChanged(actor, existing, input);
  const { effective, pending } = splitRoles(actor, {
    requested: roles,
    current: existing.roles,
    sameAgency,
    signInChanged: suspend,
  });
  const alreadyWaiting = waiting?.agency_id === input.agencyId ? waiting.roles : [];
  if (actor.kind === 'user' && actor.userId === id && pending.some((r) => !alreadyWaiting.includes(r))) {
    throw new ValidationError([
      {
        field: 'roles',
        message:
          'You cannot ask for case roles for your own account. Another administrator can ask, and a colleague who holds the roles approves.',
      },
    ]);
  }
  try {
    await store.updateUser(tx, id, {
      agencyId: input.agencyId,
      displayName: input.displayName.trim(),
      email: blankToNull(input.email),
      roles: effective,
      oidcSubject: blankToNull(input.oidcSubject),
    });
  } catch (error) {
    if (uniqueViolation(error))
      throw new ConflictError('Another user already has that email or identity', [
        { field: 'email', message: 'Another user already has that email or single sign-on identity' },
      ]);
    throw error;
  }
  await store.replaceUserTeams(tx, id, [...new Set(input.teamIds)]);
  if (input.password) await store.setUserPassword(tx, id, await hashPassword(input.password));
  const suspended = pending.filter((r) => existing.roles.includes(r));
  await replaceRoleRequest(tx, actor, {
    userId: id,
    agencyId: input.agencyId,
    pending,
    cause: suspended.length && sameAgency ? 'SIGN_IN_CHANGED' : 'GRANT',
    waiting,
  });
  const rolesChanged = [...existing.roles].sort().join() !== [...effective].sort().join();
  // A change of what someone may do, or of how they sign in, takes effect at once: their sessions end.
  if (rolesChanged || !sameAgency || suspend) await endAllSessionsOf(tx, id, 'PERMISSIONS_CHANGED');
  await appendAuditEvent(tx, {
    action: AUDIT.USER_UPDATE,
    subjectType: 'user',
    subjectId: id,
    details: {
      rolesBefore: existing.roles,
      rolesAfter: effective,
      pendingRoles: pending,
      agencyChanged: !sameAgency,
      passwordChanged: Boolean(input.password),
      signInChanged: suspend,
    },
  });
}

export async function setDisabled(tx: Tx, id: string, disabled: boolean) {
  const user = await store.findUser(tx, id);
  if (!user) throw new NotFoundError();
  await checkTokenMayManage(tx, actorOf(tx), user);
  await store.setUserDisabled(tx, id, disabled);
  const ended = disabled ? await endAllSessionsOf(tx, id, 'USER_DISABLED') : 0;
  await appendAuditEvent(tx, {
    action: disabled ? AUDIT.USER_DISABLE : AUDIT.USER_ENABLE,
    subjectType: 'user',
    subjectId: id,
    details: { sessionsEnded: ended },
  });
}

/**
 * The user sets up a new authenticator app at their next sign-in. Whoever knows their password could do
 * that, and an administrator can set the password: so a reset by someone else suspends the user's case
 * roles until a colleague approves them again.
 */
export async function resetTotp(tx: Tx, id: string) {
  const actor = actorOf(tx);
  const user = await store.findUser(tx, id);
  if (!user) throw new NotFoundError();
  const waiting = await checkTokenMayManage(tx, actor, user);
  await store.resetUserTotp(tx, id);
  const self = actor.kind === 'system' || (actor.kind === 'user' && actor.userId === id);
  const suspended = self ? [] : user.roles.filter((r) => isRole(r) && isCaseRole(r));
  if (suspended.length) {
    const kept = waiting?.agency_id === user.agency_id ? waiting.roles : [];
    await approvals.setRoles(
      tx,
      id,
      user.roles.filter((r) => !suspended.includes(r)),
    );
    await replaceRoleRequest(tx, actor, {
      userId: id,
      agencyId: user.agency_id,
      pending: [...new Set([...suspended, ...kept])],
      cause: 'SIGN_IN_CHANGED',
      waiting,
    });
  }
  await endAllSessionsOf(tx, id, 'TOTP_RESET');
  await appendAuditEvent(tx, {
    action: AUDIT.USER_TOTP_RESET,
    subjectType: 'user',
    subjectId: id,
    details: { caseRolesSuspended: suspended },
  });
}
