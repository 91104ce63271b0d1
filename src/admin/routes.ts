/**
 * Administration pages: agencies and their teams here; users (user-routes.ts), API tokens
 * (token-routes.ts), approvals of case permissions (approval-routes.ts) and the JSON API (api.ts) beside.
 * Administrators see staff accounts and reference data, never case data. Each form validates everything
 * before writing anything; a change runs in one transaction with its audit event.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { adminApiRoutes } from './api.ts';
import { approvalRoutes } from './approval-routes.ts';
import { type FormProblem, type IdParams, idOf, page, redirect, submitOrShowAgain } from './route-support.ts';
import { type AgencyInput, agencyFromForm, formText } from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';
import { agencyTypeItems, agencyView, noticeFrom } from './view-models.ts';

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
    return submitOrShowAgain(
      async () => {
        const agency = await request.tx((tx) => service.createAgency(tx, input));
        return redirect(reply, `/admin/agencies/${agency.id}`, 'agency-created');
      },
      (problem) => renderAgencies(request, reply, { values: input, problem }),
    );
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
      return submitOrShowAgain(
        async () => {
          await request.tx(async (tx) => {
            const existing = await store.findAgency(tx, id);
            if (!existing) throw new NotFoundError();
            // The code identifies the agency to partner systems: it is set once and not edited.
            return service.updateAgency(tx, id, { ...form, code: existing.code });
          });
          return redirect(reply, `/admin/agencies/${id}`, 'agency-updated');
        },
        (problem) => renderAgency(request, reply, { values: form, problem }),
      );
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
      return submitOrShowAgain(
        async () => {
          await request.tx(async (tx) => {
            if (!(await store.findAgency(tx, id))) throw new NotFoundError();
            return service.createTeam(tx, {
              agencyId: id,
              name: teamValues.teamName,
              area: teamValues.teamArea,
            });
          });
          return redirect(reply, `/admin/agencies/${id}`, 'team-created');
        },
        (problem) => renderAgency(request, reply, { teamValues, problem }),
        { name: 'teamName', area: 'teamArea' },
      );
    },
  );

  await app.register(userRoutes);
  await app.register(tokenRoutes);
  await app.register(approvalRoutes);
  await app.register(adminApiRoutes);
}
