/**
 * The disruption register's pages: a person's tactics and breaches, recording a tactic, a breach, and the
 * Sexual Risk Order decision after a breached notice. Every read and write runs in the user's transaction
 * under row-level security and is audited; a form shown again keeps what was typed.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayRecordDisruption } from '../platform/access/policy-pursue.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { fieldErrorsOf, noticeFrom, pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import { isUuid } from '../platform/ids.ts';
import { ukDate } from '../platform/time/display.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { SRO_DECISIONS, TACTICS } from './codes.ts';
import { identifiersOf } from './identifier-service.ts';
import { intelligenceAbout, linkIntelligence } from './intelligence-service.ts';
import { gradeWords, sanitisedView } from './intelligence-view.ts';
import { addToOperation, operationsFor } from './operation-service.ts';
import {
  breachesPath,
  disruptionPath,
  linkIntelligencePath,
  newIdentifierPath,
  newTacticPath,
  operationPath,
  personOperationsPath,
  sroDecisionPath,
  statusPath,
  tacticsPath,
} from './paths.ts';
import { PRIORITY_WEIGHTS, type Ranked } from './priority-rules.ts';
import { bringPrioritiesUpToDate, CATCH_UP_ON_READ, priorities } from './priority-service.ts';
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
  disruptionOf,
  openBreachForDecision,
  openForRecording,
  openTactic,
  recordBreach,
  recordSroDecision,
  recordTactic,
} from './service.ts';
import { standingOf } from './status-service.ts';
import {
  childLinkView,
  identifierView,
  personName,
  profileView,
  standingView,
  tacticLabel,
  tacticView,
} from './view.ts';

const page = pageRoute;

const idOf = recordIdOf;

const NOTICES: Record<string, string> = {
  tactic: 'The tactic has been recorded',
  breach: 'The breach has been recorded',
  sro: 'The decision on a Sexual Risk Order has been recorded',
  linked: 'The intelligence has been linked to this person',
  identifier: 'The identifier has been added',
  status: 'The status has been changed',
  operation: 'The person has been added to the operation',
};

type IdParams = { Params: { id: string } };
const DATE_ANCHORS = {
  startedOn: 'startedOn-day',
  courtDate: 'courtDate-day',
  expiresOn: 'expiresOn-day',
  reviewOn: 'reviewOn-day',
  breachedOn: 'breachedOn-day',
};

/** Shows a form again with its errors, or rethrows what is not a field error. */

export async function pursueRoutes(app: FastifyInstance): Promise<void> {
  const renderRegister = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await disruptionOf(tx, request.principal, personId);
      const intelligence = await intelligenceAbout(tx, request.principal, personId);
      const identifiers = await identifiersOf(tx, personId);
      const standing = await standingOf(tx, personId);
      const ops = await operationsFor(tx, personId);
      await request.audit(tx, { action: 'DISRUPTION_VIEW', subjectType: 'person', subjectId: personId });
      return { ...found, intelligence, identifiers, standing, ops };
    });
    const canRecord = mayRecordDisruption(request.principal);
    const reader = { canRecord, agencyId: request.principal.agencyId };
    const name = personName(data.person);
    const today = formatLocalDate(toLocalDate(new Date()));
    return reply.page(
      'pursue/views/register.njk',
      {
        title: `Disruption: ${name}`,
        personName: name,
        personHref: `/people/${personId}`,
        notice: noticeFrom(request.query, NOTICES),
        tactics: data.tactics.map((t) =>
          tacticView(t, data.breaches, reader, {
            row: data.effects.find((e) => e.tactic_id === t.id),
            today,
          }),
        ),
        newTacticHref: canRecord ? newTacticPath(personId) : null,
        newIdentifierHref: canRecord ? newIdentifierPath(personId) : null,
        standing: standingView(data.standing),
        statusHref: canRecord ? statusPath(personId) : null,
        childLinks: data.childLinks.map(childLinkView),
        profile: profileView(data.profile),
        operations: data.ops.in.map((o) => ({
          href: operationPath(o.id),
          name: o.name,
          closed: o.closed_at !== null,
        })),
        addToOperation:
          canRecord && data.ops.open.length
            ? {
                action: personOperationsPath(personId),
                items: data.ops.open.map((o) => ({ value: o.id, text: o.name })),
              }
            : null,
        identifiers: data.identifiers.map(identifierView),
        intelligence: data.intelligence.sanitised.map(sanitisedView),
        linkable: data.intelligence.linkable.length
          ? {
              action: linkIntelligencePath(personId),
              items: data.intelligence.linkable.map((i) => ({
                value: i.id,
                text: `${i.reference}: ${i.about.length > 60 ? `${i.about.slice(0, 59)}…` : i.about}`,
                hint: { text: `${gradeWords(i)}, from ${i.agency_name}` },
              })),
            }
          : null,
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get('/pursue/priorities', page('case:work', 'PRIORITY_VIEW'), async (request, reply) => {
    // What was recorded since (a tactic just saved) is scored before the reading, as the system's work.
    const waiting = await bringPrioritiesUpToDate(app.db, CATCH_UP_ON_READ);
    const found = await request.tx(async (tx) => {
      const lists = await priorities(tx, waiting);
      await request.audit(tx, { subjectType: 'person' });
      return lists;
    });
    const row = (r: Ranked) => ({
      href: disruptionPath(r.personId),
      name: r.name,
      score: r.score,
      working: r.working,
      active: r.activeTactic ? 'Yes' : 'No',
    });
    return reply.page('pursue/views/priorities.njk', {
      title: 'Pursue priorities',
      waiting: found.waiting.toLocaleString('en-GB'),
      top: found.top.map(row),
      review: found.review.map(row),
      reviewFrom: PRIORITY_WEIGHTS.reviewFrom,
      funnel: found.funnel,
    });
  });

  app.get<IdParams>('/pursue/people/:id', page('case:read', 'DISRUPTION_VIEW'), (request, reply) =>
    renderRegister(request, reply, idOf(request.params.id)),
  );

  app.post<IdParams>(
    '/pursue/people/:id/intelligence',
    page('case:work', 'INTELLIGENCE_LINK'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const chosen = formText(request.body, 'intelligence', 40).trim().toLowerCase();
      try {
        if (!isUuid(chosen))
          throw new ValidationError([{ field: 'intelligence', message: 'Select the intelligence to link' }]);
        await request.tx((tx) => linkIntelligence(tx, request.principal, personId, chosen));
        return reply.redirect(`${disruptionPath(personId)}?notice=linked`, 303);
      } catch (error) {
        return renderRegister(request, reply, personId, fieldErrorsOf(error));
      }
    },
  );

  app.post<IdParams>(
    '/pursue/people/:id/operations',
    page('case:work', 'OPERATION_MEMBER_ADD'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const chosen = formText(request.body, 'operation', 40).trim().toLowerCase();
      try {
        if (!isUuid(chosen))
          throw new ValidationError([{ field: 'operation', message: 'Select the operation' }]);
        await request.tx((tx) => addToOperation(tx, request.principal, personId, chosen));
        return reply.redirect(`${disruptionPath(personId)}?notice=operation`, 303);
      } catch (error) {
        return renderRegister(request, reply, personId, fieldErrorsOf(error));
      }
    },
  );

  const renderTacticForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: TacticForm,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await openForRecording(tx, request.principal, personId);
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
      try {
        await request.tx((tx) => recordTactic(tx, request.principal, personId, form));
        return reply.redirect(`${disruptionPath(personId)}?notice=tactic`, 303);
      } catch (error) {
        return renderTacticForm(request, reply, personId, form, fieldErrorsOf(error));
      }
    },
  );

  const renderBreachForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tacticId: string,
    form: BreachForm,
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
      try {
        const { personId } = await request.tx((tx) => recordBreach(tx, request.principal, tacticId, form));
        return reply.redirect(`${disruptionPath(personId)}?notice=breach`, 303);
      } catch (error) {
        return renderBreachForm(request, reply, tacticId, form, fieldErrorsOf(error));
      }
    },
  );

  const renderSroForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    breachId: string,
    form: SroDecisionForm,
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
      try {
        const personId = await request.tx((tx) => recordSroDecision(tx, request.principal, breachId, form));
        return reply.redirect(`${disruptionPath(personId)}?notice=sro`, 303);
      } catch (error) {
        return renderSroForm(request, reply, breachId, form, fieldErrorsOf(error));
      }
    },
  );
}
