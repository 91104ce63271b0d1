/**
 * Intelligence pages: submitting it (any agency that refers), the lists (an agency's own submissions; the
 * police's queue to grade), one submission (the police evaluate it there), and linking graded intelligence
 * to a person from their disruption register. Every read and write is audited; forms keep what was typed.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePermission } from '../platform/access/policy.ts';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { fieldErrorsOf, noticeFrom, pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import { HANDLING_CODES, INTELLIGENCE_GRADES, SOURCE_GRADES } from './codes.ts';
import {
  blankEvaluationForm,
  blankIntelligenceForm,
  type EvaluationForm,
  evaluationFormFrom,
  type IntelligenceForm,
  intelligenceFormFrom,
} from './intelligence-rules.ts';
import {
  evaluateIntelligence,
  intelligenceLists,
  readIntelligence,
  submitIntelligence,
} from './intelligence-service.ts';
import { evaluationRows, listRow, statusOf, submissionRows } from './intelligence-view.ts';
import {
  disruptionPath,
  evaluationPath,
  INTELLIGENCE_PATH,
  intelligencePath,
  newIntelligencePath,
} from './paths.ts';

const READERS: RoutePermission = ['referral:create', 'referral:read-own-agency', 'case:work'];

const page = pageRoute;

const idOf = recordIdOf;

const NOTICES: Record<string, string> = {
  submitted: 'Your intelligence has been sent to the police',
  evaluated: 'The evaluation has been recorded and the submitter can see the feedback',
};

type IdParams = { Params: { id: string } };

export async function intelligenceRoutes(app: FastifyInstance): Promise<void> {
  app.get(INTELLIGENCE_PATH, page(READERS, 'INTELLIGENCE_LIST_VIEW'), async (request, reply) => {
    const lists = await request.tx(async (tx) => {
      const found = await intelligenceLists(tx, request.principal);
      await request.audit(tx, { subjectType: 'intelligence' });
      return found;
    });
    return reply.page('pursue/views/intelligence-list.njk', {
      title: 'Intelligence',
      canSubmit: request.principal.permissions.has('referral:create'),
      newHref: newIntelligencePath(),
      evaluator: lists.evaluator,
      toGrade: lists.toGrade.map(listRow),
      submissions: lists.submissions.map(listRow),
    });
  });

  const renderSubmitForm = (reply: FastifyReply, form: IntelligenceForm, errors: FieldError[] = []) =>
    reply.page(
      'pursue/views/intelligence-form.njk',
      {
        title: 'Give intelligence to the police',
        action: INTELLIGENCE_PATH,
        form,
        ...errorsForPage(errors, { seenOn: 'seenOn-day' }),
      },
      errors.length ? 400 : undefined,
    );

  app.get(newIntelligencePath(), page('referral:create', 'none'), (_request, reply) =>
    renderSubmitForm(reply, blankIntelligenceForm()),
  );

  app.post(INTELLIGENCE_PATH, page('referral:create', 'INTELLIGENCE_SUBMIT'), async (request, reply) => {
    const form = intelligenceFormFrom(request.body);
    try {
      const created = await request.tx((tx) => submitIntelligence(tx, request.principal, form));
      return reply.redirect(`${intelligencePath(created.id)}?notice=submitted`, 303);
    } catch (error) {
      return renderSubmitForm(reply, form, fieldErrorsOf(error));
    }
  });

  const renderOne = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: EvaluationForm,
    errors: FieldError[] = [],
  ) => {
    const { row, as } = await request.tx(async (tx) => {
      const found = await readIntelligence(tx, request.principal, id);
      await request.audit(tx, { action: 'INTELLIGENCE_VIEW', subjectType: 'intelligence', subjectId: id });
      return found;
    });
    const evaluator = as === 'EVALUATOR';
    return reply.page(
      'pursue/views/intelligence.njk',
      {
        title: `Intelligence ${row.reference}`,
        reference: row.reference,
        agencyName: row.agency_name,
        status: statusOf(row),
        notice: noticeFrom(request.query, NOTICES),
        submission: submissionRows(row),
        evaluation: evaluator ? evaluationRows(row) : [],
        feedback: row.feedback,
        personHref: evaluator && row.person_id ? disruptionPath(row.person_id) : null,
        personName: row.person_name,
        evaluate:
          evaluator && !row.evaluated_at
            ? {
                action: evaluationPath(id),
                form,
                sourceItems: radioItems(SOURCE_GRADES, form.sourceGrade),
                intelligenceItems: radioItems(INTELLIGENCE_GRADES, form.intelligenceGrade),
                handlingItems: radioItems(HANDLING_CODES, form.handlingCode),
              }
            : null,
        backHref: INTELLIGENCE_PATH,
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>('/intelligence/:id', page(READERS, 'INTELLIGENCE_VIEW'), (request, reply) =>
    renderOne(request, reply, idOf(request.params.id), blankEvaluationForm()),
  );

  app.post<IdParams>(
    '/intelligence/:id/evaluation',
    page('case:work', 'INTELLIGENCE_EVALUATE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const form = evaluationFormFrom(request.body);
      try {
        await request.tx((tx) => evaluateIntelligence(tx, request.principal, id, form));
        return reply.redirect(`${intelligencePath(id)}?notice=evaluated`, 303);
      } catch (error) {
        return renderOne(request, reply, id, form, fieldErrorsOf(error));
      }
    },
  );
}
