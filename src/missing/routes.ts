/**
 * Missing children pages: record an episode for a child, the episode with its return, grade change and return
 * home interview forms, the interviews due and overdue, and placements with their episodes. Every page that
 * shows or changes personal data writes exactly one audit event (the service's, or the route's declared one).
 *
 * Placements need case:read: their pages name children and their CSE risk levels, and people are visible only
 * to case readers (analysts hold analysis:read, which the person's row-level security does not admit).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openPerson } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { pageRequest } from '../platform/views/pagination.ts';
import {
  blankEpisodeForm,
  blankInterviewForm,
  blankReturnForm,
  type EpisodeForm,
  episodeFormFrom,
  episodeInputOf,
  errorsView,
  type GradeForm,
  gradeFormFrom,
  type InterviewForm,
  interviewFormFrom,
  interviewInputOf,
  type ReturnForm,
  returnFormFrom,
  returnInputOf,
} from './episode-forms.ts';
import { episodePath } from './paths.ts';
import * as service from './service.ts';
import { episodeFormPage, episodePage, placementPage, placementsPage, rhiDuePage } from './view-models.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

type Params = { Params: { id: string } };

export async function missingPageRoutes(app: FastifyInstance): Promise<void> {
  const rule = () => service.repeatMissingRuleOf(app.config);

  // ------------------------------------------------ record an episode
  const renderNew = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: EpisodeForm | null,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const person = await openPerson(tx, request.principal, request.params.id);
      const placements = await service.placementChoices(tx);
      await request.audit(tx, {
        action: 'MISSING_EPISODE_FORM_VIEW',
        subjectType: 'person',
        subjectId: person.id,
      });
      return { person, placements };
    });
    return reply.page(
      'missing/views/episode-form.njk',
      {
        ...episodeFormPage(data.person, values ?? blankEpisodeForm(new Date()), data.placements),
        ...errorsView(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<Params>(
    '/people/:id/missing/new',
    page('case:work', 'MISSING_EPISODE_FORM_VIEW'),
    (request, reply) => renderNew(request, reply, null),
  );

  app.post<Params>(
    '/people/:id/missing',
    page('case:work', 'MISSING_EPISODE_CREATE'),
    async (request, reply) => {
      const values = episodeFormFrom(request.body);
      try {
        const created = await request.tx((tx) =>
          service.recordEpisode(tx, request.principal, episodeInputOf(request.params.id, values), {
            rule: rule(),
            source: 'form',
          }),
        );
        return reply.redirect(episodePath(created.id, created.mashTaskId ? 'repeat' : 'recorded'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderNew(
          request,
          reply,
          values,
          error.details.length ? error.details : [{ field: 'type', message: error.message }],
        );
      }
    },
  );

  // ------------------------------------------------ one episode
  const renderEpisode = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    forms: { return?: ReturnForm; grade?: GradeForm; interview?: InterviewForm } = {},
    errors: FieldError[] = [],
  ) => {
    // viewEpisode writes the MISSING_EPISODE_VIEW event (a failed form's re-render is a view too).
    const data = await request.tx(async (tx) => {
      const view = await service.viewEpisode(tx, request.params.id);
      const agencies = await service.interviewAgencyChoices(tx);
      return { ...view, agencies };
    });
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return reply.page(
      'missing/views/episode.njk',
      {
        ...episodePage(data, notice, {
          return: forms.return ?? blankReturnForm(),
          grade: forms.grade,
          interview: forms.interview ?? blankInterviewForm(),
        }),
        ...errorsView(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<Params>('/missing/episodes/:id', page('case:read', 'MISSING_EPISODE_VIEW'), (request, reply) =>
    renderEpisode(request, reply),
  );

  app.post<Params>(
    '/missing/episodes/:id/return',
    page('case:work', 'MISSING_RETURN'),
    async (request, reply) => {
      const values = returnFormFrom(request.body);
      try {
        await request.tx((tx) =>
          service.recordReturn(tx, request.principal, request.params.id, returnInputOf(values), {
            rule: rule(),
          }),
        );
        return reply.redirect(episodePath(request.params.id, 'saved'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { return: values }, error.details);
      }
    },
  );

  app.post<Params>(
    '/missing/episodes/:id/risk-grade',
    page('case:work', 'MISSING_GRADE_CHANGE'),
    async (request, reply) => {
      const values = gradeFormFrom(request.body);
      try {
        await request.tx((tx) => service.changeRiskGrade(tx, request.principal, request.params.id, values));
        return reply.redirect(episodePath(request.params.id, 'saved'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { grade: values }, error.details);
      }
    },
  );

  app.post<Params>(
    '/missing/episodes/:id/return-home-interview',
    page('case:work', 'RHI_RECORD'),
    async (request, reply) => {
      const values = interviewFormFrom(request.body);
      try {
        await request.tx((tx) =>
          service.recordReturnHomeInterview(
            tx,
            request.principal,
            request.params.id,
            interviewInputOf(values),
          ),
        );
        return reply.redirect(episodePath(request.params.id, 'saved'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { interview: values }, error.details);
      }
    },
  );

  // ------------------------------------------------ lists
  app.get('/missing/rhi-due', page('case:read', 'RHI_DUE_LIST_VIEW'), async (request, reply) => {
    const asked = pageRequest(request.query);
    const list = await request.tx((tx) => service.rhiDueList(tx, asked));
    return reply.page('missing/views/rhi-due.njk', rhiDuePage(list.due, asked.page, list.next !== null));
  });

  app.get('/placements', page('case:read', 'PLACEMENT_LIST_VIEW'), async (request, reply) => {
    const view = await request.tx((tx) => service.placementsView(tx, pageRequest(request.query)));
    return reply.page('missing/views/placements.njk', placementsPage(view));
  });

  app.get<Params>('/placements/:id', page('case:read', 'PLACEMENT_VIEW'), async (request, reply) => {
    const view = await request.tx((tx) => service.placementView(tx, request.params.id));
    return reply.page('missing/views/placement.njk', placementPage(view));
  });
}
