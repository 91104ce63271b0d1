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
import type { Tx } from '../platform/db/transaction.ts';
import { DeniedFieldError, type FieldError, ValidationError } from '../platform/http/errors.ts';
import { auditDenial } from '../platform/http/errors-handler.ts';
import { pageRoute } from '../platform/http/page-route.ts';
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
  interviewFormOf,
  interviewInputOf,
  type ReturnForm,
  returnFormFrom,
  returnInputOf,
} from './episode-forms.ts';
import type { FoundWithForm } from './found-with-form.ts';
import { episodePath } from './paths.ts';
import * as service from './service.ts';
import {
  episodeFormPage,
  episodePage,
  foundWithView,
  placementPage,
  placementsPage,
  rhiDuePage,
} from './view-models.ts';

const page = pageRoute;

type Params = { Params: { id: string } };

/**
 * The "found with" search of a form, run whenever a name was searched for (so a re-shown form keeps its
 * results), audited as a search about the child without the name searched for; null when none was typed.
 */
async function foundWithSearch(
  request: FastifyRequest,
  tx: Tx,
  childId: string,
  values: FoundWithForm | undefined,
  asked: boolean,
) {
  if (!values || (!asked && !values.withName)) return { results: null, errors: [] as FieldError[] };
  const found = await service.searchFoundWith(tx, childId, values.withName);
  if (!found.errors.length) {
    await request.audit(tx, {
      action: 'MISSING_FOUND_WITH_SEARCH',
      subjectType: 'person',
      subjectId: childId,
      details: { shown: found.results.length },
    });
  }
  return { results: found.errors.length ? null : found.results, errors: found.errors };
}

/** A form's failure as field errors; a picked person out of scope is audited as the denial it is. */
async function formErrorsOf(request: FastifyRequest, error: unknown): Promise<FieldError[]> {
  if (!(error instanceof ValidationError)) throw error;
  if (error instanceof DeniedFieldError) await auditDenial(request, error.denial);
  return error.details;
}

export async function missingPageRoutes(app: FastifyInstance): Promise<void> {
  const rule = () => service.repeatMissingRuleOf(app.config);

  // ------------------------------------------------ record an episode
  const renderNew = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: EpisodeForm | null,
    errors: FieldError[] = [],
    searchAsked = false,
  ) => {
    const data = await request.tx(async (tx) => {
      const person = await openPerson(tx, request.principal, request.params.id);
      const placements = await service.placementChoices(tx);
      await request.audit(tx, {
        action: 'MISSING_EPISODE_FORM_VIEW',
        subjectType: 'person',
        subjectId: person.id,
      });
      const found = await foundWithSearch(request, tx, person.id, values ?? undefined, searchAsked);
      return { person, placements, found };
    });
    const all = [...errors, ...data.found.errors];
    const shown = values ?? blankEpisodeForm(new Date());
    return reply.page(
      'missing/views/episode-form.njk',
      {
        ...episodeFormPage(data.person, shown, data.placements),
        foundWith: foundWithView(shown, data.found.results, `/people/${data.person.id}/missing/find-person`),
        ...errorsView(all),
      },
      all.length ? 400 : undefined,
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
        const errors = await formErrorsOf(request, error);
        return renderNew(
          request,
          reply,
          values,
          errors.length ? errors : [{ field: 'type', message: 'There is a problem with what was sent' }],
        );
      }
    },
  );

  // The form's Search button posts every answer here: the form comes back with them and the people found.
  app.post<Params>(
    '/people/:id/missing/find-person',
    page('case:work', 'MISSING_FOUND_WITH_SEARCH'),
    (request, reply) => renderNew(request, reply, episodeFormFrom(request.body), [], true),
  );

  // ------------------------------------------------ one episode
  const renderEpisode = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    forms: { return?: ReturnForm; grade?: GradeForm; interview?: InterviewForm } = {},
    errors: FieldError[] = [],
    searchAsked = false,
  ) => {
    // viewEpisode writes the MISSING_EPISODE_VIEW event (a failed form's re-render is a view too).
    const data = await request.tx(async (tx) => {
      const view = await service.viewEpisode(tx, request.params.id);
      const agencies = await service.interviewAgencyChoices(tx);
      const found = await foundWithSearch(request, tx, view.episode.person_id, forms.return, searchAsked);
      return { ...view, agencies, found };
    });
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    const all = [...errors, ...data.found.errors];
    const returnValues = forms.return ?? blankReturnForm();
    // A saved interview is shown as recorded; its form (to change it) starts from what was saved.
    const savedInterview = data.interview ? interviewFormOf(data.interview) : null;
    return reply.page(
      'missing/views/episode.njk',
      {
        ...episodePage(data, notice, {
          return: returnValues,
          grade: forms.grade,
          interview: forms.interview ?? savedInterview ?? blankInterviewForm(),
        }),
        interviewFormOpen: !data.interview || Boolean(forms.interview),
        foundWith: foundWithView(
          returnValues,
          data.found.results,
          `/missing/episodes/${data.episode.id}/return/find-person`,
        ),
        ...errorsView(all),
      },
      all.length ? 400 : undefined,
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
        return renderEpisode(request, reply, { return: values }, await formErrorsOf(request, error));
      }
    },
  );

  app.post<Params>(
    '/missing/episodes/:id/return/find-person',
    page('case:work', 'MISSING_FOUND_WITH_SEARCH'),
    (request, reply) => renderEpisode(request, reply, { return: returnFormFrom(request.body) }, [], true),
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
        return reply.redirect(episodePath(request.params.id, 'interview'), 303);
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
    const view = await request.tx((tx) =>
      service.placementView(tx, request.params.id, pageRequest(request.query)),
    );
    return reply.page('missing/views/placement.njk', placementPage(view));
  });
}
