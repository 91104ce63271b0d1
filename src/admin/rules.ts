/** Validation of administration input: each problem names the field and says what to do. */
import { isPermission, isRole, TOKEN_GRANTABLE } from '../platform/access/permissions.ts';
import { passwordProblem } from '../platform/auth/password.ts';
import type { FieldError } from '../platform/http/errors.ts';

export const AGENCY_TYPES = [
  { code: 'POLICE', label: 'Police' },
  { code: 'CHILDRENS_SOCIAL_CARE', label: 'Children’s social care' },
  { code: 'HEALTH', label: 'Health' },
  { code: 'EDUCATION', label: 'Education' },
  { code: 'VOLUNTARY', label: 'Voluntary sector' },
  { code: 'HOUSING', label: 'Housing' },
  { code: 'PROBATION', label: 'Probation' },
  { code: 'YOUTH_JUSTICE', label: 'Youth justice' },
  { code: 'OTHER', label: 'Other' },
] as const;

export type AgencyType = (typeof AGENCY_TYPES)[number]['code'];

export interface AgencyInput {
  code: string;
  name: string;
  type: string;
  area?: string | null;
}

export interface TeamInput {
  agencyId: string;
  name: string;
  area?: string | null;
}

export interface UserInput {
  agencyId: string;
  username: string;
  displayName: string;
  email?: string | null;
  roles: string[];
  teamIds: string[];
  password?: string | null;
  oidcSubject?: string | null;
}

export interface TokenInput {
  name: string;
  agencyId: string;
  permissions: string[];
  expiresInDays: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

export function validateAgency(input: AgencyInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(input.name);
  if (!name) errors.push({ field: 'name', message: 'Enter the agency’s name' });
  else if (name.length > 200)
    errors.push({ field: 'name', message: 'Agency name must be 200 characters or fewer' });
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(text(input.code))) {
    errors.push({
      field: 'code',
      message: 'Enter a short code of 2 to 32 capital letters, digits or hyphens, like LCC-CSC',
    });
  }
  if (!AGENCY_TYPES.some((t) => t.code === input.type))
    errors.push({ field: 'type', message: 'Select the type of agency' });
  if (text(input.area).length > 100)
    errors.push({ field: 'area', message: 'Area must be 100 characters or fewer' });
  return errors;
}

export function validateTeam(input: TeamInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isUuid(input.agencyId))
    errors.push({ field: 'agencyId', message: 'Select the agency the team belongs to' });
  const name = text(input.name);
  if (name.length < 2) errors.push({ field: 'name', message: 'Enter the team’s name' });
  else if (name.length > 200)
    errors.push({ field: 'name', message: 'Team name must be 200 characters or fewer' });
  if (text(input.area).length > 100)
    errors.push({ field: 'area', message: 'Area must be 100 characters or fewer' });
  return errors;
}

export function validateUser(
  input: UserInput,
  { requirePassword }: { requirePassword: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isUuid(input.agencyId)) errors.push({ field: 'agencyId', message: 'Select the user’s agency' });
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(text(input.username))) {
    errors.push({
      field: 'username',
      message: 'Enter a username of 3 to 64 lower-case letters, digits, dots, hyphens or underscores',
    });
  }
  const displayName = text(input.displayName);
  if (!displayName) errors.push({ field: 'displayName', message: 'Enter the user’s full name' });
  else if (displayName.length > 200)
    errors.push({ field: 'displayName', message: 'Name must be 200 characters or fewer' });
  const email = text(input.email);
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) {
    errors.push({
      field: 'email',
      message: 'Enter an email address in the correct format, like name@example.org',
    });
  }
  if (input.roles.length === 0) errors.push({ field: 'roles', message: 'Select at least one role' });
  const unknownRole = input.roles.find((r) => !isRole(r));
  if (unknownRole !== undefined) errors.push({ field: 'roles', message: `"${unknownRole}" is not a role` });
  if (input.teamIds.some((t) => !isUuid(t)))
    errors.push({ field: 'teamIds', message: 'Select teams from the list' });
  const password = input.password ?? '';
  if (requirePassword || password) {
    const problem = password ? passwordProblem(password, input.username) : 'Enter a password';
    if (problem) errors.push({ field: 'password', message: problem });
  }
  return errors;
}

export function validateToken(input: TokenInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(input.name);
  if (name.length < 2 || name.length > 100)
    errors.push({ field: 'name', message: 'Enter a name of 2 to 100 characters for the partner system' });
  if (!isUuid(input.agencyId))
    errors.push({ field: 'agencyId', message: 'Select the agency the token acts for' });
  if (input.permissions.length === 0)
    errors.push({ field: 'permissions', message: 'Select at least one permission' });
  const bad = input.permissions.find((p) => !isPermission(p) || !TOKEN_GRANTABLE.includes(p));
  if (bad !== undefined)
    errors.push({ field: 'permissions', message: `"${bad}" cannot be given to an API token` });
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 366) {
    errors.push({ field: 'expiresInDays', message: 'Enter a number of days from 1 to 366' });
  }
  return errors;
}
