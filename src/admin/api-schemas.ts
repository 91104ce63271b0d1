/** The administration API's schemas (closed, with lengths) and the shapes it answers with. */
import { type Static, Type } from '@sinclair/typebox';
import { ROLE_NAMES } from '../platform/access/permissions.ts';
import { AGENCY_TYPES } from '../platform/codes/referral.ts';
import { coded, DateTime, NullableText, Uuid } from '../platform/http/api-schemas.ts';
import { ListPagingQuery } from '../platform/http/list-paging.ts';
import { MAX_TEAMS_PER_USER } from './rules.ts';
import type { AgencyRow, TeamRow, UserRow } from './store.ts';

// ---------------------------------------------------------------- schemas

// A closed list as a plain string enum: one clear error ("must be equal to one of the allowed values").
export const AgencyTypeSchema = coded(AGENCY_TYPES);
export const RoleSchema = Type.String({ enum: [...ROLE_NAMES] });

export const Agency = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

export const Team = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  name: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
});

export const AgencyWithTeams = Type.Composite([Agency, Type.Object({ teams: Type.Array(Team) })]);

export const AgencyCreate = Type.Object(
  {
    code: Type.String({ maxLength: 32, description: '2 to 32 capital letters, digits or hyphens' }),
    name: Type.String({ maxLength: 200 }),
    type: AgencyTypeSchema,
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false },
);

export const AgencyPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(AgencyTypeSchema),
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TeamCreate = Type.Object(
  {
    agencyId: Uuid,
    name: Type.String({ maxLength: 200 }),
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false },
);

export const TeamQuery = Type.Object(
  { agencyId: Type.Optional(Uuid), ...ListPagingQuery },
  { additionalProperties: false },
);

export const User = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String(), { description: 'Roles in effect' }),
  pendingRoles: Type.Array(Type.String(), {
    description: 'Case roles asked for, waiting for a case-permission holder of the agency to approve them',
  }),
  teamIds: Type.Array(Uuid),
  totpEnrolled: Type.Boolean(),
  oidcSubject: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  locked: Type.Boolean(),
  createdAt: DateTime,
});

export const userFields = {
  agencyId: Uuid,
  displayName: Type.String({ maxLength: 200 }),
  email: Type.Optional(NullableText(254)),
  roles: Type.Array(RoleSchema, { maxItems: ROLE_NAMES.length, uniqueItems: true }),
  teamIds: Type.Optional(Type.Array(Uuid, { maxItems: MAX_TEAMS_PER_USER, uniqueItems: true })),
  password: Type.Optional(Type.String({ maxLength: 256, description: 'Initial password (local sign-in)' })),
  oidcSubject: Type.Optional(NullableText(255)),
};

export const UserCreate = Type.Object(
  { ...userFields, username: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

export const UserPatch = Type.Partial(Type.Object(userFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});

/** Disable and enable take no fields: send `{}`. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

// ---------------------------------------------------------------- shapes out

export function agencyOut(a: AgencyRow): Static<typeof Agency> {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    area: a.area,
    createdAt: new Date(a.created_at).toISOString(),
  };
}

export function teamOut(t: TeamRow): Static<typeof Team> {
  return { id: t.id, agencyId: t.agency_id, agencyName: t.agency_name, name: t.name, area: t.area };
}

export function userOut(u: UserRow, pendingRoles: string[], now = new Date()): Static<typeof User> {
  return {
    id: u.id,
    agencyId: u.agency_id,
    agencyName: u.agency_name,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    roles: u.roles,
    pendingRoles,
    teamIds: u.team_ids,
    totpEnrolled: u.totp_enrolled,
    oidcSubject: u.oidc_subject,
    disabled: u.disabled_at !== null,
    locked: u.locked_until !== null && new Date(u.locked_until).getTime() > now.getTime(),
    createdAt: new Date(u.created_at).toISOString(),
  };
}
