/**
 * The administration API for partner systems (bearer tokens): agencies, teams and users. JSON only; every
 * body is checked against a closed schema (unknown fields and over-long strings are 400s) and then by the
 * same rules as the pages. Writes honour `Idempotency-Key`. Tokens cannot mint tokens: there is no token API.
 * A token manages only accounts within its own permissions, and the case roles it asks for wait for the
 * approval of a case-permission holder of the user's agency, as an administrator's do (SECURITY 25).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import {
  apiRoute as api,
  errorResponses as errors,
  IdParams,
  idempotentWrite as write,
} from '../platform/http/api-support.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import {
  ListPagingQuerystring,
  listPagingOrFail,
  NextCursor,
  oneMore,
  pageOf,
  pagingDescription,
} from '../platform/http/list-paging.ts';
import {
  Agency,
  AgencyCreate,
  AgencyPatch,
  AgencyWithTeams,
  agencyOut,
  EmptyBody,
  Team,
  TeamCreate,
  TeamQuery,
  teamOut,
  User,
  UserCreate,
  UserPatch,
  userOut,
} from './api-schemas.ts';
import * as approvals from './approval-store.ts';
import { passwordRequired, type UserInput } from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import type { UserRow } from './store.ts';

// ---------------------------------------------------------------- routes

async function findUserOrFail(tx: Tx, id: string): Promise<UserRow> {
  const user = await store.findUser(tx, id);
  if (!user) throw new NotFoundError('No user has that id');
  return user;
}

/** Users as the API shows them, with the case roles each waits for. */
async function usersOut(tx: Tx, users: UserRow[]) {
  const waiting = await approvals.pendingRolesOf(
    tx,
    users.map((u) => u.id),
  );
  const byUser = new Map(waiting.map((w) => [w.user_id, w.roles]));
  return users.map((u) => userOut(u, byUser.get(u.id) ?? []));
}

/** Administration lists are short rows: a page may hold the whole hundred by default. */
const ADMIN_LIST_SIZES = { defaultLimit: 100, maxLimit: 100 };
const PAGED = pagingDescription(ADMIN_LIST_SIZES);
const pagingOf = (query: { cursor?: string; limit?: string }) => listPagingOrFail(query, ADMIN_LIST_SIZES);

async function oneUserOut(tx: Tx, id: string) {
  return (await usersOut(tx, [await findUserOrFail(tx, id)]))[0]!;
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
        description: PAGED,
        querystring: ListPagingQuerystring,
        response: { 200: Type.Object({ agencies: Type.Array(Agency), next: NextCursor }), ...errors },
      },
    },
    async (request) => {
      const paging = pagingOf(request.query);
      return request.tx(async (tx) => {
        const page = pageOf(await store.listAgencies(tx, oneMore(paging)), paging);
        await request.audit(tx, {
          subjectType: 'agency',
          details: { list: 'agencies', shown: page.rows.length },
        });
        return { agencies: page.rows.map(agencyOut), next: page.next };
      });
    },
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
        description: PAGED,
        querystring: TeamQuery,
        response: { 200: Type.Object({ teams: Type.Array(Team), next: NextCursor }), ...errors },
      },
    },
    async (request) => {
      const paging = pagingOf(request.query);
      return request.tx(async (tx) => {
        const page = pageOf(await store.listTeams(tx, request.query.agencyId, oneMore(paging)), paging);
        await request.audit(tx, { subjectType: 'team', details: { list: 'teams', shown: page.rows.length } });
        return { teams: page.rows.map(teamOut), next: page.next };
      });
    },
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
        description: PAGED,
        querystring: ListPagingQuerystring,
        response: { 200: Type.Object({ users: Type.Array(User), next: NextCursor }), ...errors },
      },
    },
    async (request) => {
      const paging = pagingOf(request.query);
      return request.tx(async (tx) => {
        const page = pageOf(await store.listUsers(tx, oneMore(paging)), paging);
        await request.audit(tx, { subjectType: 'user', details: { list: 'users', shown: page.rows.length } });
        return { users: await usersOut(tx, page.rows), next: page.next };
      });
    },
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
        return { statusCode: 201, body: await oneUserOut(tx, id) };
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
        const user = await oneUserOut(tx, request.params.id);
        await request.audit(tx, { subjectType: 'user', subjectId: user.id });
        return user;
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
        const existing = await oneUserOut(tx, request.params.id);
        const body = request.body;
        // Roles not sent stay as they are, those waiting for approval included.
        await service.updateUser(tx, existing.id, {
          agencyId: body.agencyId ?? existing.agencyId,
          username: existing.username,
          displayName: body.displayName ?? existing.displayName,
          email: body.email === undefined ? existing.email : body.email,
          roles: body.roles ?? [...existing.roles, ...existing.pendingRoles],
          teamIds: body.teamIds ?? existing.teamIds,
          password: body.password ?? null,
          oidcSubject: body.oidcSubject === undefined ? existing.oidcSubject : body.oidcSubject,
        });
        return { statusCode: 200, body: await oneUserOut(tx, existing.id) };
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
          return { statusCode: 200, body: await oneUserOut(tx, request.params.id) };
        }),
    );
  }
}
