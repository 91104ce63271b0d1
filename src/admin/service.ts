/**
 * Administration use-cases. Each validates, writes and audits in the caller's transaction, so a failure
 * anywhere leaves nothing behind. Administrators manage accounts and reference data; nothing here reads
 * case data.
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import { TOKEN_PREFIX } from '../platform/auth/authenticate.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { randomToken, sha256 } from '../platform/auth/secrets.ts';
import { endAllSessionsOf } from '../platform/auth/session-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import {
  type AgencyInput,
  type TeamInput,
  type TokenInput,
  type UserInput,
  validateAgency,
  validateTeam,
  validateToken,
  validateUser,
} from './rules.ts';
import * as store from './store.ts';

export const AUDIT = {
  AGENCY_CREATE: 'AGENCY_CREATE',
  AGENCY_UPDATE: 'AGENCY_UPDATE',
  TEAM_CREATE: 'TEAM_CREATE',
  USER_CREATE: 'USER_CREATE',
  USER_UPDATE: 'USER_UPDATE',
  USER_DISABLE: 'USER_DISABLE',
  USER_ENABLE: 'USER_ENABLE',
  USER_PASSWORD_RESET: 'USER_PASSWORD_RESET',
  USER_TOTP_RESET: 'USER_TOTP_RESET',
  TOKEN_CREATE: 'TOKEN_CREATE',
  TOKEN_REVOKE: 'TOKEN_REVOKE',
  ADMIN_VIEW: 'ADMIN_VIEW',
} as const;

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' ? (e.constraint ?? 'unique') : null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : null;
}

export async function createAgency(tx: Tx, input: AgencyInput) {
  const errors = validateAgency(input);
  if (errors.length) throw new ValidationError(errors);
  try {
    const agency = await store.insertAgency(tx, {
      code: input.code.trim(),
      name: input.name.trim(),
      type: input.type,
      area: blankToNull(input.area),
    });
    await appendAuditEvent(tx, { action: AUDIT.AGENCY_CREATE, subjectType: 'agency', subjectId: agency.id });
    return agency;
  } catch (error) {
    if (uniqueViolation(error)) {
      throw new ConflictError('An agency with that code or name already exists', [
        { field: 'code', message: 'An agency with that code or name already exists' },
      ]);
    }
    throw error;
  }
}

export async function updateAgency(tx: Tx, id: string, input: AgencyInput) {
  const errors = validateAgency(input);
  if (errors.length) throw new ValidationError(errors);
  try {
    const agency = await store.updateAgency(tx, id, {
      name: input.name.trim(),
      type: input.type,
      area: blankToNull(input.area),
    });
    if (!agency) throw new NotFoundError();
    await appendAuditEvent(tx, { action: AUDIT.AGENCY_UPDATE, subjectType: 'agency', subjectId: id });
    return agency;
  } catch (error) {
    if (uniqueViolation(error))
      throw new ConflictError('An agency with that name already exists', [
        { field: 'name', message: 'An agency with that name already exists' },
      ]);
    throw error;
  }
}

export async function createTeam(tx: Tx, input: TeamInput) {
  const errors = validateTeam(input);
  if (errors.length) throw new ValidationError(errors);
  if (!(await store.findAgency(tx, input.agencyId))) {
    throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  }
  try {
    const team = await store.insertTeam(tx, {
      agencyId: input.agencyId,
      name: input.name.trim(),
      area: blankToNull(input.area),
    });
    await appendAuditEvent(tx, { action: AUDIT.TEAM_CREATE, subjectType: 'team', subjectId: team.id });
    return team;
  } catch (error) {
    if (uniqueViolation(error))
      throw new ConflictError('That agency already has a team with that name', [
        { field: 'name', message: 'That agency already has a team with that name' },
      ]);
    throw error;
  }
}

async function checkReferences(tx: Tx, input: UserInput): Promise<void> {
  if (!(await store.findAgency(tx, input.agencyId))) {
    throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  }
  if (!(await store.teamsExist(tx, input.teamIds))) {
    throw new ValidationError([{ field: 'teamIds', message: 'Select teams from the list' }]);
  }
}

export async function createUser(
  tx: Tx,
  input: UserInput,
  options: { requirePassword: boolean } = { requirePassword: true },
) {
  const errors = validateUser(input, options);
  if (errors.length) throw new ValidationError(errors);
  await checkReferences(tx, input);
  try {
    const user = await store.insertUser(tx, {
      agencyId: input.agencyId,
      username: input.username.trim(),
      displayName: input.displayName.trim(),
      email: blankToNull(input.email),
      roles: [...new Set(input.roles)],
      passwordHash: input.password ? await hashPassword(input.password) : null,
      oidcSubject: blankToNull(input.oidcSubject),
    });
    await store.replaceUserTeams(tx, user.id, [...new Set(input.teamIds)]);
    await appendAuditEvent(tx, {
      action: AUDIT.USER_CREATE,
      subjectType: 'user',
      subjectId: user.id,
      details: { roles: input.roles, teams: input.teamIds.length },
    });
    return user;
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

export async function updateUser(tx: Tx, id: string, input: UserInput) {
  const existing = await store.findUser(tx, id);
  if (!existing) throw new NotFoundError();
  const errors = validateUser({ ...input, username: existing.username }, { requirePassword: false });
  if (errors.length) throw new ValidationError(errors);
  await checkReferences(tx, input);
  try {
    await store.updateUser(tx, id, {
      agencyId: input.agencyId,
      displayName: input.displayName.trim(),
      email: blankToNull(input.email),
      roles: [...new Set(input.roles)],
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
  const rolesChanged = [...existing.roles].sort().join() !== [...new Set(input.roles)].sort().join();
  // A change of what someone may do takes effect at once: their sessions end.
  if (rolesChanged || existing.agency_id !== input.agencyId)
    await endAllSessionsOf(tx, id, 'PERMISSIONS_CHANGED');
  await appendAuditEvent(tx, {
    action: AUDIT.USER_UPDATE,
    subjectType: 'user',
    subjectId: id,
    details: {
      rolesBefore: existing.roles,
      rolesAfter: input.roles,
      agencyChanged: existing.agency_id !== input.agencyId,
      passwordChanged: Boolean(input.password),
    },
  });
}

export async function setDisabled(tx: Tx, id: string, disabled: boolean) {
  if (!(await store.findUser(tx, id))) throw new NotFoundError();
  await store.setUserDisabled(tx, id, disabled);
  const ended = disabled ? await endAllSessionsOf(tx, id, 'USER_DISABLED') : 0;
  await appendAuditEvent(tx, {
    action: disabled ? AUDIT.USER_DISABLE : AUDIT.USER_ENABLE,
    subjectType: 'user',
    subjectId: id,
    details: { sessionsEnded: ended },
  });
}

export async function resetTotp(tx: Tx, id: string) {
  if (!(await store.findUser(tx, id))) throw new NotFoundError();
  await store.resetUserTotp(tx, id);
  await endAllSessionsOf(tx, id, 'TOTP_RESET');
  await appendAuditEvent(tx, { action: AUDIT.USER_TOTP_RESET, subjectType: 'user', subjectId: id });
}

export async function issueToken(tx: Tx, input: TokenInput, createdBy: string | null) {
  const errors = validateToken(input);
  if (errors.length) throw new ValidationError(errors);
  if (!(await store.findAgency(tx, input.agencyId))) {
    throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  }
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const token = await store.insertToken(tx, {
    name: input.name.trim(),
    agencyId: input.agencyId,
    permissions: [...new Set(input.permissions)],
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 10),
    createdBy,
    expiresAt,
  });
  await appendAuditEvent(tx, {
    action: AUDIT.TOKEN_CREATE,
    subjectType: 'api_token',
    subjectId: token.id,
    details: { agencyId: input.agencyId, permissions: input.permissions, expiresAt: expiresAt.toISOString() },
  });
  // The secret is returned once and never stored: only its hash is kept.
  return { id: token.id, secret, expiresAt };
}

export async function revokeToken(tx: Tx, id: string) {
  const revoked = await store.revokeToken(tx, id);
  if (!revoked) throw new NotFoundError('That token does not exist or is already revoked');
  await appendAuditEvent(tx, { action: AUDIT.TOKEN_REVOKE, subjectType: 'api_token', subjectId: id });
}

export { store };
