/**
 * The users pages: the list, adding and changing an account, disabling, enabling and resetting an
 * authenticator app. Case roles an administrator asks for are shown as waiting until a case-permission
 * holder of the user's agency approves them (SECURITY 25).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { pageRequest, paginationView, withPage } from '../platform/views/pagination.ts';
import { errorView } from '../platform/views/render.ts';
import * as approvals from './approval-store.ts';
import { type FormProblem, type IdParams, idOf, page, redirect, submitOrShowAgain } from './route-support.ts';
import { passwordRequired, type UserInput, userFromForm } from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import { agencyItems, noticeFrom, roleItems, teamGroups, userListView } from './view-models.ts';

/** Users with the roles each waits for. */
async function usersWithPending(tx: Tx, users: store.UserRow[]) {
  const waiting = await approvals.pendingRolesOf(
    tx,
    users.map((u) => u.id),
  );
  const byUser = new Map(waiting.map((w) => [w.user_id, w.roles]));
  return users.map((u) => ({ ...u, pending_roles: byUser.get(u.id) ?? [] }));
}

export async function userRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/users', page('admin:users', AUDIT.ADMIN_VIEW), async (request, reply) => {
    const asked = pageRequest(request.query);
    const { users, teams, total } = await request.tx(async (tx) => {
      const rows = await store.listUsers(tx, asked);
      await request.audit(tx, {
        action: AUDIT.ADMIN_VIEW,
        subjectType: 'user',
        details: { list: 'users', shown: rows.length },
      });
      return {
        users: await usersWithPending(tx, rows),
        teams: await store.listTeams(tx),
        total: await store.countUsers(tx),
      };
    });
    return reply.page('admin/views/users.njk', {
      title: 'Users',
      users: userListView(users, teams),
      total,
      ...paginationView(asked.page, total, (n) => withPage('/admin/users', n)),
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
    return submitOrShowAgain(
      async () => {
        const user = await request.tx((tx) =>
          service.createUser(tx, input, { requirePassword: passwordRequired(input) }),
        );
        const notice = user.pendingRoles.length ? 'user-created-pending' : 'user-created';
        return redirect(reply, `/admin/users/${user.id}`, notice);
      },
      async (problem) => {
        // A password is never sent back to the browser.
        return renderUserForm(request, reply, { values: { ...input, password: '' }, problem });
      },
    );
  });

  /** Loads one user for the edit page: their account details are staff personal data, so it is audited. */
  const loadUser = async (request: FastifyRequest, id: string) => {
    const found = await request.tx(async (tx) => {
      const user = await store.findUser(tx, id);
      if (!user) return null;
      await request.audit(tx, { action: AUDIT.ADMIN_VIEW, subjectType: 'user', subjectId: id });
      return { users: await usersWithPending(tx, [user]), teams: await store.listTeams(tx) };
    });
    if (!found) throw new NotFoundError();
    return userListView(found.users, found.teams)[0]!;
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
          // Roles waiting for approval stay ticked: saving the form unchanged keeps the request.
          roles: [...user.roles, ...user.pending_roles],
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
      return submitOrShowAgain(
        async () => {
          await request.tx((tx) => service.updateUser(tx, id, input));
          return redirect(reply, `/admin/users/${id}`, 'user-updated');
        },
        async (problem) => {
          const user = await loadUser(request, id);
          return renderUserForm(request, reply, {
            user,
            values: { ...input, username: user.username, password: '' },
            problem,
          });
        },
      );
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
}
