/**
 * CSE risk pages: a child's assessments and flag, a new assessment with the tool chosen, one assessment, and
 * the reassessments due (at its MASH address). The service validates, saves and audits an assessment; the
 * pages audit what they show. A failed form shows the form again with its errors (400).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAdultOn } from '../people/rules.ts';
import { openPerson } from '../people/service.ts';
import { mayAssessRisk } from '../platform/access/policy-mash.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import { ukDate } from '../platform/time/display.ts';
import { pageRequest, paginationView, withPage } from '../platform/views/pagination.ts';
import { levelTag } from './codes.ts';
import { type AssessmentValues, assessmentErrors, assessmentFrom, blankAssessment } from './form.ts';
import { reassessmentsPath, riskAssessmentPath } from './paths.ts';
import * as service from './service.ts';
import type { RiskTemplate } from './template.ts';
import { RISK_TEMPLATES, riskTemplate } from './templates/index.ts';
import {
  assessmentChoices,
  assessmentView,
  personName,
  reassessmentView,
  templateView,
  todayIso,
} from './view-models.ts';

export interface RiskRouteOptions {
  /** What the missing module knows: repeat missing feeds the tools' missing indicator. */
  repeatMissingFeed: service.RepeatMissingFeed;
}

const page = pageRoute;

/** The audit actions: the service writes RISK_ASSESSMENT; the pages write the rest. */
const AUDIT = {
  RISK_ASSESSMENT: 'RISK_ASSESSMENT',
  RISK_ASSESSMENT_VIEW: 'RISK_ASSESSMENT_VIEW',
  REASSESSMENTS_VIEW: 'MASH_REASSESSMENTS_VIEW',
} as const;

const idOf = recordIdOf;

/** Reading the child is the routes' need; assessing takes an assessor too (an audited 403 otherwise). */
function requireAssessor(request: FastifyRequest): void {
  if (!mayAssessRisk(request.principal)) throw new ForbiddenError();
}

export async function riskPageRoutes(app: FastifyInstance, options: RiskRouteOptions): Promise<void> {
  const personFor = async (tx: Tx, request: FastifyRequest, rawId: string) => {
    // openPerson decides scope: out of scope is 404 with ACCESS_DENIED.
    const person = await openPerson(tx, request.principal, idOf(rawId));
    return { id: person.id, name: personName(person), adult: isAdultOn(person, new Date()) };
  };

  const renderAssessmentForm = (
    reply: FastifyReply,
    person: { id: string; name: string },
    template: RiskTemplate,
    values: AssessmentValues,
    errors: FieldError[] = [],
  ) => {
    const view = assessmentErrors(errors);
    return reply.page(
      'risk/views/assessment-form.njk',
      {
        title: `${template.name}: ${person.name}`,
        person,
        template: templateView(template, values, view.fieldErrors),
        values,
        ...assessmentChoices(values),
        ...view,
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { template?: string } }>(
    '/people/:id/risk-assessments/new',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      requireAssessor(request);
      const template = riskTemplate(formText(request.query, 'template', 40));
      const person = await request.tx(async (tx) => {
        const p = await personFor(tx, request, request.params.id);
        // An adult is refused before any form is shown (the service refuses a posted one too).
        if (p.adult) throw new ConflictError(service.ADULT_REFUSAL);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: p.id,
          details: { page: 'new', template: template?.id ?? null },
        });
        return p;
      });
      if (!template) {
        return reply.page('risk/views/assessment-choose.njk', {
          title: `Assess CSE risk: ${person.name}`,
          person,
          templates: RISK_TEMPLATES.map((t, i) => ({ value: t.id, text: t.name, checked: i === 0 })),
        });
      }
      return renderAssessmentForm(reply, person, template, blankAssessment());
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/risk-assessments',
    page('case:read', AUDIT.RISK_ASSESSMENT),
    async (request, reply) => {
      requireAssessor(request);
      const template = riskTemplate(formText(request.body, 'templateId', 40));
      if (!template) throw new NotFoundError();
      const { values, input, errors } = assessmentFrom(request.body, template);
      try {
        const result = await request.tx(async (tx) => {
          const person = await personFor(tx, request, request.params.id);
          // assessRisk validates (after feeding what other modules know, e.g. repeat missing), saves and writes
          // the RISK_ASSESSMENT event. The form's own problems are reported with the tool's, all at once, and
          // roll back anything the service wrote.
          let saved: Awaited<ReturnType<typeof service.assessRisk>>;
          try {
            saved = await service.assessRisk(
              tx,
              request.principal,
              person.id,
              input,
              options.repeatMissingFeed,
            );
          } catch (error) {
            if (error instanceof ValidationError && errors.length)
              throw new ValidationError([...errors, ...error.details]);
            throw error;
          }
          if (errors.length) throw new ValidationError(errors);
          return { person, saved };
        });
        return reply.redirect(riskAssessmentPath(result.person.id, result.saved.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const person = await personFor(tx, request, request.params.id);
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return renderAssessmentForm(reply, person, template, values, error.details);
        });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/people/:id/risk-assessments',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      const { person, rows, flag } = await request.tx(async (tx) => {
        const person = await personFor(tx, request, request.params.id);
        const rows = await service.assessmentsOf(tx, person.id);
        const flag = await service.cseFlag(tx, person.id);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: person.id,
          details: { page: 'history', shown: rows.length },
        });
        return { person, rows, flag };
      });
      return reply.page('risk/views/assessments.njk', {
        title: `CSE risk assessments: ${person.name}`,
        person,
        cseFlag: flag ? { ...flag, tag: levelTag(flag.level), due: ukDate(flag.reviewDue) } : null,
        canAssess: mayAssessRisk(request.principal) && !person.adult,
        adult: person.adult,
        assessments: rows.map((r) => assessmentView(person.id, r)),
      });
    },
  );

  app.get<{ Params: { id: string; assessmentId: string } }>(
    '/people/:id/risk-assessments/:assessmentId',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      const assessmentId = idOf(request.params.assessmentId);
      const { person, row } = await request.tx(async (tx) => {
        const person = await personFor(tx, request, request.params.id);
        const row = await service.assessmentOf(tx, person.id, assessmentId);
        if (!row) throw new NotFoundError();
        await request.audit(tx, { subjectType: 'person', subjectId: person.id, details: { assessmentId } });
        return { person, row };
      });
      return reply.page('risk/views/assessment.njk', {
        title: `CSE risk assessment: ${person.name}`,
        person,
        assessment: assessmentView(person.id, row),
      });
    },
  );

  app.get('/mash/reassessments', page('case:read', AUDIT.REASSESSMENTS_VIEW), async (request, reply) => {
    const now = new Date();
    const today = todayIso(now);
    const horizon = new Date(now.getTime() + 14 * 86_400_000);
    const paging = pageRequest(request.query);
    const { rows, total } = await request.tx(async (tx) => {
      const due = await service.reassessmentsDuePage(tx, horizon, paging);
      await request.audit(tx, {
        subjectType: 'person',
        details: { shown: due.rows.length, total: due.total, page: paging.page, withinDays: 14 },
      });
      return due;
    });
    return reply.page('risk/views/reassessments.njk', {
      title: 'CSE risk reassessments due',
      children: rows.map((r) => reassessmentView(r, today)),
      total,
      ...paginationView(paging.page, total, (n) => withPage(reassessmentsPath(), n)),
      canAssess: mayAssessRisk(request.principal),
    });
  });
}
