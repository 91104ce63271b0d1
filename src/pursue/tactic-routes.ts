/**
 * Recording on the disruption register: a tactic, the breach of a notice or order, and the Sexual Risk
 * Order decision after a breached notice. Every read and write runs in the user's transaction under
 * row-level security and is audited; a form shown again keeps what was typed. On a restricted person each
 * form carries "Why you need to record this" (SECURITY 3), checked with the form's own fields and recorded
 * on the write's audit event.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { justificationFrom, reasonField } from '../platform/http/justification.ts';
import { fieldErrorsOf, recordIdOf as idOf, pageRoute as page } from '../platform/http/page-route.ts';
import { ukDate } from '../platform/time/display.ts';
import { SRO_DECISIONS, TACTICS } from './codes.ts';
import { breachesPath, disruptionPath, sroDecisionPath, tacticsPath } from './paths.ts';
import {
  type BreachForm,
  blankBreachForm,
  blankTacticForm,
  breachFormFrom,
  type SroDecisionForm,
  sroDecisionFormFrom,
  type TacticForm,
  tacticFormFrom,
} from './rules.ts';
import {
  openBreachForDecision,
  openTactic,
  openToRecord,
  recordBreach,
  recordSroDecision,
  recordTactic,
} from './service.ts';
import { personName, tacticLabel } from './view.ts';

type IdParams = { Params: { id: string } };
const DATE_ANCHORS = {
  startedOn: 'startedOn-day',
  courtDate: 'courtDate-day',
  expiresOn: 'expiresOn-day',
  reviewOn: 'reviewOn-day',
  breachedOn: 'breachedOn-day',
};

export async function tacticRoutes(app: FastifyInstance): Promise<void> {
  /**
   * The forms open the person as a write does (a restricted person to their case team only) but without
   * a reason yet: the reason box is theirs to fill, and the write checks it.
   */
  const renderTacticForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: TacticForm,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await openToRecord(tx, request.principal, personId);
      await request.audit(tx, { action: 'DISRUPTION_FORM_VIEW', subjectType: 'person', subjectId: personId });
      return found;
    });
    const name = personName(data.person);
    return reply.page(
      'pursue/views/tactic-form.njk',
      {
        title: `Record a tactic: ${name}`,
        personName: name,
        backHref: disruptionPath(personId),
        action: tacticsPath(personId),
        form,
        reasonBox: reasonField(data.person.restricted, justification),
        tacticItems: radioItems(TACTICS, form.tactic),
        childItems: [
          ...data.children.map((c) => ({ value: c.id, text: c.name, checked: form.child === c.id })),
          ...(data.children.length ? [{ divider: 'or' }] : []),
          { value: '', text: 'No child named', checked: form.child === '' },
        ],
        ...errorsForPage(errors, DATE_ANCHORS),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/people/:id/tactics/new',
    page('case:work', 'DISRUPTION_FORM_VIEW'),
    (request, reply) => renderTacticForm(request, reply, idOf(request.params.id), blankTacticForm()),
  );

  app.post<IdParams>(
    '/pursue/people/:id/tactics',
    page('case:work', 'DISRUPTION_RECORD'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const form = tacticFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        await request.tx((tx) => recordTactic(tx, request.principal, personId, form, justification));
        return reply.redirect(`${disruptionPath(personId)}?notice=tactic`, 303);
      } catch (error) {
        return renderTacticForm(request, reply, personId, form, justification, fieldErrorsOf(error));
      }
    },
  );

  const renderBreachForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tacticId: string,
    form: BreachForm,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await openTactic(tx, request.principal, tacticId);
      await request.audit(tx, {
        action: 'DISRUPTION_BREACH_FORM_VIEW',
        subjectType: 'disposal',
        subjectId: tacticId,
      });
      return found;
    });
    const name = personName(data.person);
    return reply.page(
      'pursue/views/breach-form.njk',
      {
        title: `Record a breach: ${name}`,
        personName: name,
        tacticLabel: tacticLabel(data.tactic.type),
        backHref: disruptionPath(data.person.id),
        action: breachesPath(tacticId),
        form,
        reasonBox: reasonField(data.person.restricted, justification),
        ...errorsForPage(errors, DATE_ANCHORS),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/tactics/:id/breaches/new',
    page('case:work', 'DISRUPTION_BREACH_FORM_VIEW'),
    (request, reply) => renderBreachForm(request, reply, idOf(request.params.id), blankBreachForm()),
  );

  app.post<IdParams>(
    '/pursue/tactics/:id/breaches',
    page('case:work', 'DISRUPTION_BREACH_RECORD'),
    async (request, reply) => {
      const tacticId = idOf(request.params.id);
      const form = breachFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        const { personId } = await request.tx((tx) =>
          recordBreach(tx, request.principal, tacticId, form, justification),
        );
        return reply.redirect(`${disruptionPath(personId)}?notice=breach`, 303);
      } catch (error) {
        return renderBreachForm(request, reply, tacticId, form, justification, fieldErrorsOf(error));
      }
    },
  );

  const renderSroForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    breachId: string,
    form: SroDecisionForm,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await openBreachForDecision(tx, request.principal, breachId);
      await request.audit(tx, {
        action: 'SRO_DECISION_FORM_VIEW',
        subjectType: 'disruption_breach',
        subjectId: breachId,
      });
      return found;
    });
    const name = personName(data.person);
    return reply.page(
      'pursue/views/sro-form.njk',
      {
        title: `Consider a Sexual Risk Order: ${name}`,
        personName: name,
        tacticLabel: tacticLabel(data.tactic.type),
        breach: { details: data.breach.details, date: ukDate(data.breach.breached_on) },
        backHref: disruptionPath(data.person.id),
        action: sroDecisionPath(breachId),
        form,
        reasonBox: reasonField(data.person.restricted, justification),
        decisionItems: radioItems(SRO_DECISIONS, form.decision),
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/breaches/:id/sro-decision',
    page('case:work', 'SRO_DECISION_FORM_VIEW'),
    (request, reply) => renderSroForm(request, reply, idOf(request.params.id), { decision: '', reason: '' }),
  );

  app.post<IdParams>(
    '/pursue/breaches/:id/sro-decision',
    page('case:work', 'SRO_DECISION_RECORD'),
    async (request, reply) => {
      const breachId = idOf(request.params.id);
      const form = sroDecisionFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        const personId = await request.tx((tx) =>
          recordSroDecision(tx, request.principal, breachId, form, justification),
        );
        return reply.redirect(`${disruptionPath(personId)}?notice=sro`, 303);
      } catch (error) {
        return renderSroForm(request, reply, breachId, form, justification, fieldErrorsOf(error));
      }
    },
  );
}
