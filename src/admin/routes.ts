/**
 * Administration pages: agencies and their teams, users (agency, teams, roles) and API tokens for partner
 * systems. Administrators see staff accounts and reference data, never case data. Each form validates
 * everything before writing anything; a change runs in one transaction with its audit event.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { adminApiRoutes } from './api.ts';
import {
  type AgencyInput,
  agencyFromForm,
  formText,
  isUuid,
  passwordRequired,
  tokenFromForm,
  type UserInput,
  userFromForm,
} from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import {
  agencyItems,
  agencyTypeItems,
  agencyView,
  noticeFrom,
  permissionItems,
  roleItems,
  teamGroups,
  tokenListView,
  userListView,
} from './view-models.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

interface IdParams {
  id: string;
}

/** A malformed id names no record: it answers like a missing one. */
function idOf(request: FastifyRequest<{ Params: IdParams }>): string {
  const id = request.params.id;
  if (!isUuid(id)) throw new NotFoundError();
  return id.toLowerCase();
}

/** The token form as entered: the expiry stays as typed, so a bad value is shown back. */
interface TokenFormValues {
  name?: string;
  agencyId?: string;
  permissions?: string[];
  expiresInDays?: string;
}

interface FormProblem {
  errors: FieldError[];
  status: number;
}

/** Validation and duplicate errors go back to the form; anything else is the error handler's. */
function formProblem(error: unknown, rename: Record<string, string> = {}): FormProblem | null {
  if (!(error instanceof ValidationError || error instanceof ConflictError)) return null;
  const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
  return {
    errors: details.map((d) => ({ ...d, field: rename[d.field] ?? d.field })),
    status: error.statusCode,
  };
}

function redirect(reply: FastifyReply, path: string, notice: string): FastifyReply {
  return reply.redirect(`${path}?notice=${notice}`, 303);
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  // ---------------------------------------------------------------- agencies and teams

  const renderAgencies = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Partial<AgencyInput>; problem?: FormProblem } = {},
  ) => {
    const agencies = await request.tx(async (tx) => {
      const rows = await store.listAgenciesWithTeamCounts(tx);
      await request.audit(tx, {
        action: AUDIT.ADMIN_VIEW,
        subjectType: 'agency',
        details: { list: 'agencies', shown: rows.length },
      });
      return rows;
    });
    return reply.page(
      'admin/views/agencies.njk',
      {
        title: 'Agencies and teams',
        agencies: agencies.map(agencyView),
        values: form.values ?? {},
        typeItems: agencyTypeItems(form.values?.type),
        notice: noticeFrom(request.query),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get('/admin/agencies', page('admin:agencies', AUDIT.ADMIN_VIEW), (request, reply) =>
    renderAgencies(request, reply),
  );

  app.post('/admin/agencies', page('admin:agencies', AUDIT.AGENCY_CREATE), async (request, reply) => {
    const input = agencyFromForm(request.body);
    try {
      const agency = await request.tx((tx) => service.createAgency(tx, input));
      return redirect(reply, `/admin/agencies/${agency.id}`, 'agency-created');
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      return renderAgencies(request, reply, { values: input, problem });
    }
  });

  const renderAgency = async (
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    form: {
      values?: Partial<AgencyInput>;
      teamValues?: { teamName: string; teamArea: string };
      problem?: FormProblem;
    } = {},
  ) => {
    const id = idOf(request);
    const found = await request.tx(async (tx) => {
      const agency = await store.findAgency(tx, id);
      if (!agency) return null;
      const teams = await store.listTeams(tx, id);
      await request.audit(tx, { action: AUDIT.ADMIN_VIEW, subjectType: 'agency', subjectId: id });
      return { agency, teams };
    });
    if (!found) throw new NotFoundError();
    const values = form.values ?? found.agency;
    return reply.page(
      'admin/views/agency.njk',
      {
        title: found.agency.name,
        agency: agencyView(found.agency),
        teams: found.teams,
        values,
        teamValues: form.teamValues ?? {},
        typeItems: agencyTypeItems(values.type),
        notice: noticeFrom(request.query),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get<{ Params: IdParams }>(
    '/admin/agencies/:id',
    page('admin:agencies', AUDIT.ADMIN_VIEW),
    (request, reply) => renderAgency(request, reply),
  );

  app.post<{ Params: IdParams }>(
    '/admin/agencies/:id',
    page('admin:agencies', AUDIT.AGENCY_UPDATE),
    async (request, reply) => {
      const id = idOf(request);
      const form = agencyFromForm(request.body);
      try {
        await request.tx(async (tx) => {
          const existing = await store.findAgency(tx, id);
          if (!existing) throw new NotFoundError();
          // The code identifies the agency to partner systems: it is set once and not edited.
          return service.updateAgency(tx, id, { ...form, code: existing.code });
        });
        return redirect(reply, `/admin/agencies/${id}`, 'agency-updated');
      } catch (error) {
        const problem = formProblem(error);
        if (!problem) throw error;
        return renderAgency(request, reply, { values: form, problem });
      }
    },
  );

  app.post<{ Params: IdParams }>(
    '/admin/agencies/:id/teams',
    page('admin:agencies', AUDIT.TEAM_CREATE),
    async (request, reply) => {
      const id = idOf(request);
      const teamValues = {
        teamName: formText(request.body, 'teamName'),
        teamArea: formText(request.body, 'teamArea'),
      };
      try {
        await request.tx(async (tx) => {
          if (!(await store.findAgency(tx, id))) throw new NotFoundError();
          return service.createTeam(tx, {
            agencyId: id,
            name: teamValues.teamName,
            area: teamValues.teamArea,
          });
        });
        return redirect(reply, `/admin/agencies/${id}`, 'team-created');
      } catch (error) {
        const problem = formProblem(error, { name: 'teamName', area: 'teamArea' });
        if (!problem) throw error;
        return renderAgency(request, reply, { teamValues, problem });
      }
    },
  );

  // ---------------------------------------------------------------- users

  app.get('/admin/users', page('admin:users', AUDIT.ADMIN_VIEW), async (request, reply) => {
    const { users, teams } = await request.tx(async (tx) => {
      const rows = await store.listUsers(tx);
      await request.audit(tx, {
        action: AUDIT.ADMIN_VIEW,
        subjectType: 'user',
        details: { list: 'users', shown: rows.length },
      });
      return { users: rows, teams: await store.listTeams(tx) };
    });
    return reply.page('admin/views/users.njk', {
      title: 'Users',
      users: userListView(users, teams),
      notice: noticeFrom(request.query),
    });
  });

  /** The user form, new or edit. Agencies and teams are reference data, not personal data. */
  const renderUserForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      values: Partial<UserInput>;
      user?: ReturnType<typeof userListView>[number];
      problem?: FormProblem;
    },
  ) => {
    const { agencies, teams } = await request.tx(async (tx) => ({
      agencies: await store.listAgencies(tx),
      teams: await store.listTeams(tx),
    }));
    const values = form.values;
    return reply.page(
      'admin/views/user-form.njk',
      {
        title: form.user ? `Change ${form.user.display_name}` : 'Add a user',
        user: form.user ?? null,
        values,
        agencyItems: agencyItems(agencies, values.agencyId),
        roleItems: roleItems(values.roles ?? []),
        teamGroups: teamGroups(teams, values.teamIds ?? []),
        notice: noticeFrom(request.query),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get('/admin/users/new', page('admin:users', 'none'), (request, reply) =>
    renderUserForm(request, reply, { values: {} }),
  );

  app.post('/admin/users', page('admin:users', AUDIT.USER_CREATE), async (request, reply) => {
    const input = userFromForm(request.body);
    try {
      const user = await request.tx((tx) =>
        service.createUser(tx, input, { requirePassword: passwordRequired(input) }),
      );
      return redirect(reply, `/admin/users/${user.id}`, 'user-created');
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      // A password is never sent back to the browser.
      return renderUserForm(request, reply, { values: { ...input, password: '' }, problem });
    }
  });

  /** Loads one user for the edit page: their account details are staff personal data, so it is audited. */
  const loadUser = async (request: FastifyRequest, id: string) => {
    const found = await request.tx(async (tx) => {
      const user = await store.findUser(tx, id);
      if (!user) return null;
      await request.audit(tx, { action: AUDIT.ADMIN_VIEW, subjectType: 'user', subjectId: id });
      return { user, teams: await store.listTeams(tx) };
    });
    if (!found) throw new NotFoundError();
    return userListView([found.user], found.teams)[0]!;
  };

  app.get<{ Params: IdParams }>(
    '/admin/users/:id',
    page('admin:users', AUDIT.ADMIN_VIEW),
    async (request, reply) => {
      const user = await loadUser(request, idOf(request));
      return renderUserForm(request, reply, {
        user,
        values: {
          agencyId: user.agency_id,
          username: user.username,
          displayName: user.display_name,
          email: user.email ?? '',
          roles: user.roles,
          teamIds: user.team_ids,
          oidcSubject: user.oidc_subject ?? '',
        },
      });
    },
  );

  app.post<{ Params: IdParams }>(
    '/admin/users/:id',
    page('admin:users', AUDIT.USER_UPDATE),
    async (request, reply) => {
      const id = idOf(request);
      const input = userFromForm(request.body);
      try {
        await request.tx((tx) => service.updateUser(tx, id, input));
        return redirect(reply, `/admin/users/${id}`, 'user-updated');
      } catch (error) {
        const problem = formProblem(error);
        if (!problem) throw error;
        const user = await loadUser(request, id);
        return renderUserForm(request, reply, {
          user,
          values: { ...input, username: user.username, password: '' },
          problem,
        });
      }
    },
  );

  for (const [action, audit, notice] of [
    ['disable', AUDIT.USER_DISABLE, 'user-disabled'],
    ['enable', AUDIT.USER_ENABLE, 'user-enabled'],
    ['reset-totp', AUDIT.USER_TOTP_RESET, 'totp-reset'],
  ] as const) {
    app.post<{ Params: IdParams }>(
      `/admin/users/:id/${action}`,
      page('admin:users', audit),
      async (request, reply) => {
        const id = idOf(request);
        if (action === 'disable' && id === request.principal.userId) {
          throw new ValidationError(
            [{ field: 'disable', message: 'You cannot disable your own account' }],
            'You cannot disable your own account. Ask another administrator.',
          );
        }
        await request.tx((tx) =>
          action === 'reset-totp'
            ? service.resetTotp(tx, id)
            : service.setDisabled(tx, id, action === 'disable'),
        );
        return redirect(reply, `/admin/users/${id}`, notice);
      },
    );
  }

  // ---------------------------------------------------------------- API tokens

  const renderTokens = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: TokenFormValues; problem?: FormProblem } = {},
  ) => {
    const { tokens, agencies } = await request.tx(async (tx) => {
      const rows = await store.listTokens(tx);
      await request.audit(tx, {
        action: AUDIT.ADMIN_VIEW,
        subjectType: 'api_token',
        details: { list: 'tokens', shown: rows.length },
      });
      return { tokens: rows, agencies: await store.listAgencies(tx) };
    });
    const values = form.values ?? { expiresInDays: '90' };
    return reply.page(
      'admin/views/tokens.njk',
      {
        title: 'API tokens',
        tokens: tokenListView(tokens),
        values,
        agencyItems: agencyItems(agencies, values.agencyId),
        permissionItems: permissionItems(values.permissions ?? []),
        notice: noticeFrom(request.query),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get('/admin/tokens', page('admin:tokens', AUDIT.ADMIN_VIEW), (request, reply) =>
    renderTokens(request, reply),
  );

  app.post('/admin/tokens', page('admin:tokens', AUDIT.TOKEN_CREATE), async (request, reply) => {
    const input = tokenFromForm(request.body);
    try {
      const issued = await request.tx(async (tx) => {
        const token = await service.issueToken(tx, input, request.principal.userId);
        const agency = await store.findAgency(tx, input.agencyId);
        return { ...token, agencyName: agency?.name ?? '' };
      });
      // The secret is shown in this response only: never stored, never in a URL, never shown again.
      return reply.page('admin/views/token-issued.njk', {
        title: 'Copy the token now',
        token: { ...issued, name: input.name.trim(), permissions: input.permissions },
      });
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      return renderTokens(request, reply, {
        values: { ...input, expiresInDays: formText(request.body, 'expiresInDays') },
        problem,
      });
    }
  });

  app.post<{ Params: IdParams }>(
    '/admin/tokens/:id/revoke',
    page('admin:tokens', AUDIT.TOKEN_REVOKE),
    async (request, reply) => {
      const id = idOf(request);
      await request.tx((tx) => service.revokeToken(tx, id));
      return redirect(reply, '/admin/tokens', 'token-revoked');
    },
  );

  await app.register(adminApiRoutes);
}
