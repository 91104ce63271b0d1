/** Validation of administration input: each problem names the field and says what to do. */
import { isPermission, isRole, ROLE_NAMES, TOKEN_GRANTABLE } from '../platform/access/permissions.ts';
import { passwordProblem } from '../platform/auth/password.ts';
import { AGENCY_TYPES } from '../platform/codes/referral.ts';
import { formList, formText as platformFormText } from '../platform/forms/body.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/ids.ts';

export interface AgencyInput {
  code: string;
  name: string;
  type: string;
  area?: string | null;
  /** Who the hub asks for research (decision 0016); undefined leaves it as it is (the API's patch). */
  researchContact?: string | null;
  /** Holds return home interviews (migration 025); undefined leaves it as it is (the API's patch). */
  providesReturnInterviews?: boolean;
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

export const MAX_TEAMS_PER_USER = 100;

export { isUuid };

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

// Control characters (NUL above all, which PostgreSQL refuses in text) are never part of a name or address.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A field holding control characters is refused, naming the field. */
function controlCharacterErrors(fields: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(fields)
    .filter(([, value]) => typeof value === 'string' && CONTROL.test(value))
    .map(([field]) => ({ field, message: 'Remove the control characters (such as tabs or line breaks)' }));
}

export function validateAgency(input: AgencyInput): FieldError[] {
  const errors: FieldError[] = controlCharacterErrors({
    name: input.name,
    area: input.area,
    researchContact: input.researchContact,
  });
  const name = text(input.name);
  if (!name) errors.push({ field: 'name', message: 'Enter the agency’s name' });
  else if (name.length < 2)
    errors.push({ field: 'name', message: 'Agency name must be 2 characters or more' });
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
  const contact = text(input.researchContact);
  if (contact && (contact.length < 2 || contact.length > 200))
    errors.push({ field: 'researchContact', message: 'Research contact must be 2 to 200 characters' });
  return errors;
}

export function validateTeam(input: TeamInput): FieldError[] {
  const errors: FieldError[] = controlCharacterErrors({ name: input.name, area: input.area });
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
  const errors: FieldError[] = controlCharacterErrors({
    displayName: input.displayName,
    email: input.email,
    oidcSubject: input.oidcSubject,
  });
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
  if (text(input.oidcSubject).length > 255)
    errors.push({ field: 'oidcSubject', message: 'Single sign-on identity must be 255 characters or fewer' });
  if (input.roles.length > ROLE_NAMES.length)
    errors.push({ field: 'roles', message: 'Select each role only once' });
  if (input.teamIds.length > MAX_TEAMS_PER_USER)
    errors.push({ field: 'teamIds', message: `Select at most ${MAX_TEAMS_PER_USER} teams` });
  const password = input.password ?? '';
  if (requirePassword || password) {
    const problem = password ? passwordProblem(password, input.username) : 'Enter a password';
    if (problem) errors.push({ field: 'password', message: problem });
  }
  return errors;
}

export function validateToken(input: TokenInput): FieldError[] {
  const errors: FieldError[] = controlCharacterErrors({ name: input.name });
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

/** The label of an agency type code, or the code itself if it is not one we know. */
export function agencyTypeLabel(code: string): string {
  return AGENCY_TYPES.find((t) => t.code === code)?.label ?? code;
}

/** Longest value kept from any one admin form field: enough for validation to say a value is too long. */
const FORM_FIELD_MAX = 2000;

/** Most values kept from a repeated admin field (roles, permissions). */
const FORM_LIST_MAX = 200;

/** One text field of an admin form, cut to a length that still fails validation if too long. */
export function formText(body: unknown, name: string): string {
  return platformFormText(body, name, FORM_FIELD_MAX);
}

export function agencyFromForm(body: unknown): AgencyInput {
  return {
    code: formText(body, 'code').trim().toUpperCase(),
    name: formText(body, 'name'),
    type: formText(body, 'type'),
    area: formText(body, 'area'),
    researchContact: formText(body, 'researchContact'),
    providesReturnInterviews: formText(body, 'providesReturnInterviews') === 'yes',
  };
}

export function userFromForm(body: unknown): UserInput {
  return {
    agencyId: formText(body, 'agencyId'),
    username: formText(body, 'username').trim(),
    displayName: formText(body, 'displayName'),
    email: formText(body, 'email'),
    roles: formList(body, 'roles', FORM_LIST_MAX),
    teamIds: formList(body, 'teamIds', MAX_TEAMS_PER_USER + 1),
    password: formText(body, 'password'),
    oidcSubject: formText(body, 'oidcSubject'),
  };
}

/** Expiry in whole days; anything that is not a plain number becomes NaN, which validation refuses. */
export function parseDays(value: string): number {
  const trimmed = value.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function tokenFromForm(body: unknown): TokenInput {
  return {
    name: formText(body, 'name'),
    agencyId: formText(body, 'agencyId'),
    permissions: formList(body, 'permissions', FORM_LIST_MAX),
    expiresInDays: parseDays(formText(body, 'expiresInDays')),
  };
}

/** A local account needs a password to sign in; an account that signs in only through OIDC does not. */
export function passwordRequired(input: Pick<UserInput, 'oidcSubject'>): boolean {
  return text(input.oidcSubject) === '';
}
