/**
 * The administration API for partner systems (bearer tokens): agencies, teams and users. JSON only; every
 * body is checked against a closed schema (unknown fields and over-long strings are 400s) and then by the
 * same rules as the pages. Writes honour `Idempotency-Key`. Tokens cannot mint tokens: there is no token API.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ROLE_NAMES } from '../platform/access/permissions.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  apiRoute as api,
  DateTime,
  errorResponses as errors,
  IdParams,
  NullableText,
  Uuid,
  idempotentWrite as write,
} from '../platform/http/api-support.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { AGENCY_TYPES, MAX_TEAMS_PER_USER, passwordRequired, type UserInput } from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import type { AgencyRow, TeamRow, UserRow } from './store.ts';

// ---------------------------------------------------------------- schemas

// A closed list as a plain string enum: one clear error ("must be equal to one of the allowed values").
const AgencyTypeSchema = Type.String({
  enum: AGENCY_TYPES.map((t) => t.code),
  description: AGENCY_TYPES.map((t) => `${t.code}: ${t.label}`).join('; '),
});
const RoleSchema = Type.String({ enum: [...ROLE_NAMES] });

const Agency = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

const Team = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  name: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
});

const AgencyWithTeams = Type.Composite([Agency, Type.Object({ teams: Type.Array(Team) })]);

const AgencyCreate = Type.Object(
  {
    code: Type.String({ maxLength: 32, description: '2 to 32 capital letters, digits or hyphens' }),
    name: Type.String({ maxLength: 200 }),
    type: AgencyTypeSchema,
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false },
);

const AgencyPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(AgencyTypeSchema),
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false, minProperties: 1 },
);

const TeamCreate = Type.Object(
  {
    agencyId: Uuid,
    name: Type.String({ maxLength: 200 }),
    area: Type.Optional(NullableText(100)),
  },
  { additionalProperties: false },
);

const TeamQuery = Type.Object({ agencyId: Type.Optional(Uuid) }, { additionalProperties: false });

const User = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  teamIds: Type.Array(Uuid),
  totpEnrolled: Type.Boolean(),
  oidcSubject: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  locked: Type.Boolean(),
  createdAt: DateTime,
});

const userFields = {
  agencyId: Uuid,
  displayName: Type.String({ maxLength: 200 }),
  email: Type.Optional(NullableText(254)),
  roles: Type.Array(RoleSchema, { maxItems: ROLE_NAMES.length, uniqueItems: true }),
  teamIds: Type.Optional(Type.Array(Uuid, { maxItems: MAX_TEAMS_PER_USER, uniqueItems: true })),
  password: Type.Optional(Type.String({ maxLength: 256, description: 'Initial password (local sign-in)' })),
  oidcSubject: Type.Optional(NullableText(255)),
};

const UserCreate = Type.Object(
  { ...userFields, username: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

const UserPatch = Type.Partial(Type.Object(userFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});

/** Disable and enable take no fields: send `{}`. */
const EmptyBody = Type.Object({}, { additionalProperties: false });

// ---------------------------------------------------------------- shapes out

function agencyOut(a: AgencyRow): Static<typeof Agency> {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    area: a.area,
    createdAt: new Date(a.created_at).toISOString(),
  };
}

function teamOut(t: TeamRow): Static<typeof Team> {
  return { id: t.id, agencyId: t.agency_id, agencyName: t.agency_name, name: t.name, area: t.area };
}

function userOut(u: UserRow, now = new Date()): Static<typeof User> {
  return {
    id: u.id,
    agencyId: u.agency_id,
    agencyName: u.agency_name,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    roles: u.roles,
    teamIds: u.team_ids,
    totpEnrolled: u.totp_enrolled,
    oidcSubject: u.oidc_subject,
    disabled: u.disabled_at !== null,
    locked: u.locked_until !== null && new Date(u.locked_until).getTime() > now.getTime(),
    createdAt: new Date(u.created_at).toISOString(),
  };
}

// ---------------------------------------------------------------- routes

async function findUserOrFail(tx: Tx, id: string): Promise<UserRow> {
  const user = await store.findUser(tx, id);
  if (!user) throw new NotFoundError('No user has that id');
  return user;
}

export async function adminApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  // Agencies
  app.get(
    '/api/v1/agencies',
    {
      config: api('admin:agencies', AUDIT.ADMIN_VIEW),
      schema: {
        tags: ['Administration'],
        summary: 'List agencies',
        response: { 200: Type.Object({ agencies: Type.Array(Agency) }), ...errors },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const rows = await store.listAgencies(tx);
        await request.audit(tx, { subjectType: 'agency', details: { list: 'agencies', shown: rows.length } });
        return { agencies: rows.map(agencyOut) };
      }),
  );

  app.post(
    '/api/v1/agencies',
    {
      config: api('admin:agencies', AUDIT.AGENCY_CREATE),
      schema: {
        tags: ['Administration'],
        summary: 'Add an agency',
        body: AgencyCreate,
        response: { 201: Agency, ...errors },
      },
    },
    async (request, reply) =>
      write(request, reply, async (tx) => {
        const agency = await service.createAgency(tx, { ...request.body, area: request.body.area ?? null });
        return { statusCode: 201, body: agencyOut(agency) };
      }),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: api('admin:agencies', AUDIT.ADMIN_VIEW),
      schema: {
        tags: ['Administration'],
        summary: 'An agency and its teams',
        params: IdParams,
        response: { 200: AgencyWithTeams, ...errors },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const agency = await store.findAgency(tx, request.params.id);
        if (!agency) throw new NotFoundError('No agency has that id');
        const teams = await store.listTeams(tx, agency.id);
        await request.audit(tx, { subjectType: 'agency', subjectId: agency.id });
        return { ...agencyOut(agency), teams: teams.map(teamOut) };
      }),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: api('admin:agencies', AUDIT.AGENCY_UPDATE),
      schema: {
        tags: ['Administration'],
        summary: 'Change an agency’s name, type or area (its code is fixed)',
        params: IdParams,
        body: AgencyPatch,
        response: { 200: Agency, ...errors },
      },
    },
    async (request, reply) =>
      write(request, reply, async (tx) => {
        const existing = await store.findAgency(tx, request.params.id);
        if (!existing) throw new NotFoundError('No agency has that id');
        const body = request.body;
        const agency = await service.updateAgency(tx, existing.id, {
          code: existing.code,
          name: body.name ?? existing.name,
          type: body.type ?? existing.type,
          area: body.area === undefined ? existing.area : body.area,
        });
        return { statusCode: 200, body: agencyOut(agency) };
      }),
  );

  // Teams
  app.get(
    '/api/v1/teams',
    {
      config: api('admin:agencies', AUDIT.ADMIN_VIEW),
      schema: {
        tags: ['Administration'],
        summary: 'List teams, optionally of one agency',
        querystring: TeamQuery,
        response: { 200: Type.Object({ teams: Type.Array(Team) }), ...errors },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const rows = await store.listTeams(tx, request.query.agencyId);
        await request.audit(tx, { subjectType: 'team', details: { list: 'teams', shown: rows.length } });
        return { teams: rows.map(teamOut) };
      }),
  );

  app.post(
    '/api/v1/teams',
    {
      config: api('admin:agencies', AUDIT.TEAM_CREATE),
      schema: {
        tags: ['Administration'],
        summary: 'Add a team to an agency',
        body: TeamCreate,
        response: { 201: Team, ...errors },
      },
    },
    async (request, reply) =>
      write(request, reply, async (tx) => {
        const { id } = await service.createTeam(tx, { ...request.body, area: request.body.area ?? null });
        const team = (await store.listTeams(tx, request.body.agencyId)).find((t) => t.id === id)!;
        return { statusCode: 201, body: teamOut(team) };
      }),
  );

  // Users
  app.get(
    '/api/v1/users',
    {
      config: api('admin:users', AUDIT.ADMIN_VIEW),
      schema: {
        tags: ['Administration'],
        summary: 'List users',
        response: { 200: Type.Object({ users: Type.Array(User) }), ...errors },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const rows = await store.listUsers(tx);
        await request.audit(tx, { subjectType: 'user', details: { list: 'users', shown: rows.length } });
        return { users: rows.map((u) => userOut(u)) };
      }),
  );

  app.post(
    '/api/v1/users',
    {
      config: api('admin:users', AUDIT.USER_CREATE),
      schema: {
        tags: ['Administration'],
        summary: 'Add a user (with a password, or an OpenID Connect subject, or both)',
        body: UserCreate,
        response: { 201: User, ...errors },
      },
    },
    async (request, reply) =>
      write(request, reply, async (tx) => {
        const input: UserInput = { ...request.body, teamIds: request.body.teamIds ?? [] };
        const { id } = await service.createUser(tx, input, { requirePassword: passwordRequired(input) });
        return { statusCode: 201, body: userOut(await findUserOrFail(tx, id)) };
      }),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: api('admin:users', AUDIT.ADMIN_VIEW),
      schema: {
        tags: ['Administration'],
        summary: 'A user',
        params: IdParams,
        response: { 200: User, ...errors },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const user = await findUserOrFail(tx, request.params.id);
        await request.audit(tx, { subjectType: 'user', subjectId: user.id });
        return userOut(user);
      }),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: api('admin:users', AUDIT.USER_UPDATE),
      schema: {
        tags: ['Administration'],
        summary: 'Change a user (a change of roles or agency ends their sessions)',
        params: IdParams,
        body: UserPatch,
        response: { 200: User, ...errors },
      },
    },
    async (request, reply) =>
      write(request, reply, async (tx) => {
        const existing = await findUserOrFail(tx, request.params.id);
        const body = request.body;
        await service.updateUser(tx, existing.id, {
          agencyId: body.agencyId ?? existing.agency_id,
          username: existing.username,
          displayName: body.displayName ?? existing.display_name,
          email: body.email === undefined ? existing.email : body.email,
          roles: body.roles ?? existing.roles,
          teamIds: body.teamIds ?? existing.team_ids,
          password: body.password ?? null,
          oidcSubject: body.oidcSubject === undefined ? existing.oidc_subject : body.oidcSubject,
        });
        return { statusCode: 200, body: userOut(await findUserOrFail(tx, existing.id)) };
      }),
  );

  for (const [action, audit] of [
    ['disable', AUDIT.USER_DISABLE],
    ['enable', AUDIT.USER_ENABLE],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        config: api('admin:users', audit),
        schema: {
          tags: ['Administration'],
          summary: action === 'disable' ? 'Disable a user and end their sessions' : 'Enable a disabled user',
          params: IdParams,
          body: EmptyBody,
          response: { 200: User, ...errors },
        },
      },
      async (request, reply) =>
        write(request, reply, async (tx) => {
          await service.setDisabled(tx, request.params.id, action === 'disable');
          return { statusCode: 200, body: userOut(await findUserOrFail(tx, request.params.id)) };
        }),
    );
  }
}
