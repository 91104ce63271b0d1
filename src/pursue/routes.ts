/**
 * The disruption register's pages: the priorities, a person's register (tactics and breaches, status,
 * profile, operations, identifiers and intelligence) and the register's own small forms (linking
 * intelligence, adding to an operation). Recording a tactic, a breach or a Sexual Risk Order decision is
 * `tactic-routes.ts`. Every read and write runs in the user's transaction under row-level security and is
 * audited. A restricted person's register opens only to their case team, who say why on every opening
 * (SECURITY 3), as the person page and the chronology ask.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayRecordDisruption, PRIORITY_READERS, priorityReaderOf } from '../platform/access/policy-pursue.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import { AccessDeniedError, type FieldError, ValidationError } from '../platform/http/errors.ts';
import { justificationErrors, justificationFrom, replyJustify } from '../platform/http/justification.ts';
import { fieldErrorsOf, noticeFrom, pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import { isUuid } from '../platform/ids.ts';
import { ukDate } from '../platform/time/display.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { identifiersOf } from './identifier-service.ts';
import { intelligenceAbout, linkIntelligence } from './intelligence-service.ts';
import { gradeWords, sanitisedView } from './intelligence-view.ts';
import { addToOperation, operationsFor } from './operation-service.ts';
import {
  disruptionPath,
  linkIntelligencePath,
  newIdentifierPath,
  newTacticPath,
  operationPath,
  personOperationsPath,
  profilePath,
  statusPath,
} from './paths.ts';
import { PRIORITY_WEIGHTS, type Ranked } from './priority-rules.ts';
import { bringPrioritiesUpToDate, CATCH_UP_ON_READ, priorities } from './priority-service.ts';
import { profileOf } from './profile-service.ts';
import { monitoringView } from './profile-view.ts';
import { disruptionOf } from './service.ts';
import { standingOf } from './status-service.ts';
import { childLinkView, identifierView, personName, profileView, standingView, tacticView } from './view.ts';

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
  profile: 'The ethnicity and nationality have been recorded',
};

type IdParams = { Params: { id: string } };

const JUSTIFY_WORDS = {
  title: 'Why are you opening this disruption register?',
  warning:
    "This person's record is restricted. Only its case team may open it, and every opening is recorded with its reason.",
  label: 'Reason for opening the register',
  button: 'Open the register',
};

export async function pursueRoutes(app: FastifyInstance): Promise<void> {
  /** Asks a restricted person's case team why; posted to the same page (its notice, a code, kept). */
  const renderJustify = (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    text = '',
  ) => replyJustify(reply, JUSTIFY_WORDS, request.url, text, errors);

  /**
   * The register's person and records; null, with the asking audited, when the person is restricted and
   * the caller, on their case team, has not yet said why (anyone else: an audited 404). No reason is
   * remembered: every opening asks again.
   */
  const openRegister = async (tx: Tx, request: FastifyRequest, personId: string, reason: string | null) => {
    try {
      return await disruptionOf(tx, request.principal, personId, reason);
    } catch (error) {
      if (!(error instanceof AccessDeniedError) || error.reason !== 'JUSTIFICATION_REQUIRED' || reason)
        throw error;
      await request.audit(tx, {
        action: 'PERSON_JUSTIFICATION_ASKED',
        subjectType: 'person',
        subjectId: personId,
      });
      return null;
    }
  };

  const renderRegister = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    errors: FieldError[] = [],
    justification: string | null = null,
  ) => {
    const data = await request.tx(async (tx) => {
      const found = await openRegister(tx, request, personId, justification);
      if (!found) return null;
      const intelligence = await intelligenceAbout(tx, request.principal, personId);
      const identifiers = await identifiersOf(tx, personId);
      const standing = await standingOf(tx, personId);
      const ops = await operationsFor(tx, personId);
      const monitoring = await profileOf(tx, personId);
      await request.audit(tx, {
        action: 'DISRUPTION_VIEW',
        subjectType: 'person',
        subjectId: personId,
        justification: found.person.restricted ? justification : null,
      });
      return { ...found, intelligence, identifiers, standing, ops, monitoring };
    });
    if (!data) return renderJustify(request, reply);
    const canRecord = mayRecordDisruption(request.principal);
    // The register's own small forms carry no reason box: a restricted person is not offered them.
    const inlineForms = canRecord && !data.person.restricted;
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
        monitoring: monitoringView(data.monitoring, ukDate),
        profileHref: canRecord ? profilePath(personId) : null,
        operations: data.ops.in.map((o) => ({
          href: operationPath(o.id),
          name: o.name,
          closed: o.closed_at !== null,
        })),
        addToOperation:
          inlineForms && data.ops.open.length
            ? {
                action: personOperationsPath(personId),
                items: data.ops.open.map((o) => ({ value: o.id, text: o.name })),
              }
            : null,
        identifiers: data.identifiers.map(identifierView),
        intelligence: data.intelligence.sanitised.map(sanitisedView),
        linkable:
          inlineForms && data.intelligence.linkable.length
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

  app.get('/pursue/priorities', page([...PRIORITY_READERS], 'PRIORITY_VIEW'), async (request, reply) => {
    // What was recorded since (a tactic just saved) is scored before the reading, as the system's work.
    const waiting = await bringPrioritiesUpToDate(app.db, CATCH_UP_ON_READ);
    const reader = priorityReaderOf(request.principal);
    const found = await request.tx(async (tx) => {
      const lists = await priorities(tx, new Date(), reader);
      await request.audit(tx, { subjectType: 'person', details: { reader } });
      return lists;
    });
    const caseWorker = reader === 'CASE_WORKER';
    const row = (r: Ranked) => ({
      href: caseWorker ? disruptionPath(r.personId) : null,
      name: r.name,
      score: r.score,
      working: r.working,
      active: r.activeTactic ? 'Yes' : 'No',
    });
    return reply.page('pursue/views/priorities.njk', {
      title: 'Pursue priorities',
      caseWorker,
      waiting: waiting.toLocaleString('en-GB'),
      top: found.top.map(row),
      review: found.review.map(row),
      reviewFrom: PRIORITY_WEIGHTS.reviewFrom,
      funnel: found.funnel,
    });
  });

  app.get<IdParams>('/pursue/people/:id', page('case:read', 'DISRUPTION_VIEW'), (request, reply) =>
    renderRegister(request, reply, idOf(request.params.id)),
  );

  // The same page, opened with a justification (a restricted person's case team).
  app.post<IdParams>('/pursue/people/:id', page('case:read', 'DISRUPTION_VIEW'), (request, reply) => {
    const personId = idOf(request.params.id);
    const justification = justificationFrom(request.body);
    const errors = justificationErrors(justification, 'open this register');
    if (errors.length) return renderJustify(request, reply, errors, justification);
    return renderRegister(request, reply, personId, [], justification);
  });

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
}
