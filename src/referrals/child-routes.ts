/**
 * Choosing a child already known on the child step: searching the registry, choosing a search result, and
 * the known children who may be the one whose details were entered.
 */

import type { FastifyInstance } from 'fastify';
import { parseSearch, searchPeople } from '../people/search-service.ts';
import { isUuid, openPerson } from '../people/service.ts';
import { formText } from '../platform/forms/body.ts';
import { datePartsEmpty, datePartsFrom, isoFromParts } from '../platform/forms/date-parts.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { intakeCandidates } from './child-candidates.ts';
import * as drafts from './draft-store.ts';
import { personSummary } from './draft-view.ts';
import type { VictimDraft } from './form.ts';
import { draftCheckPath, draftChildMatchesPath, draftStepPath, ROUTE } from './paths.ts';
import { AUDIT, type DraftParams, loadDraft, page } from './route-support.ts';
import * as service from './service.ts';
import { renderStep } from './step-router.ts';
import { childStep } from './steps/child.ts';
import { chosenPersonLabel } from './view-models.ts';

export async function childChoiceRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: DraftParams }>(
    ROUTE.draftChildSearch,
    page('case:search', AUDIT.PERSON_SEARCH),
    async (request, reply) => {
      const dobParts = datePartsFrom(request.body, 'searchDob');
      const terms = {
        name: formText(request.body, 'searchName', 250).trim(),
        dob: datePartsEmpty(dobParts)
          ? formText(request.body, 'searchDob', 20).trim()
          : isoFromParts(dobParts),
      };
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const { query, errors } = parseSearch({ name: terms.name, dob: terms.dob });
        if (errors.length) {
          return renderStep(request, reply, tx, draft, childStep, {
            errors: errorsForPage(
              errors.map((e) => ({ ...e, field: e.field === 'dob' ? 'searchDob' : 'searchName' })),
            ),
            search: { terms, dobParts, results: null },
            status: 400,
          });
        }
        const results = await searchPeople(tx, query, 20);
        await request.audit(tx, {
          subjectType: 'person',
          details: { terms, shown: results.length, draftId: draft.id },
        });
        return renderStep(request, reply, tx, draft, childStep, { search: { terms, dobParts, results } });
      });
    },
  );

  app.post<{ Params: DraftParams }>(
    ROUTE.draftChildExisting,
    page('referral:create', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const personId = formText(request.body, 'personId', 60);
      const fromCheck = formText(request.body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        if (!isUuid(personId)) {
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { page: 'child', errors: ['personId'] },
          });
          return renderStep(request, reply, tx, draft, childStep, {
            errors: errorsForPage([{ field: 'personId', message: 'Choose a child from the search results' }]),
            status: 400,
          });
        }
        // A person outside the caller's scope answers 404 and is audited as a denial.
        const { person } = await service.earlierReferralsOf(tx, request.principal, personId);
        const data: VictimDraft = {
          ...draft.data,
          child: { personId: person.id, personLabel: chosenPersonLabel(person) },
        };
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'child' },
        });
        return reply.redirect(
          fromCheck ? draftCheckPath(draft.id) : draftStepPath(draft.id, 'referrer'),
          303,
        );
      });
    },
  );

  app.get<{ Params: DraftParams }>(
    ROUTE.draftChildMatches,
    page('case:search', AUDIT.PERSON_SEARCH),
    async (request, reply) =>
      request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const details = draft.data.child?.details;
        if (!details || draft.data.child?.personId) throw new NotFoundError();
        const candidates = await intakeCandidates(tx, request.principal, details);
        await request.audit(tx, {
          subjectType: 'person',
          details: { kind: 'intake-candidates', shown: candidates.length, draftId: draft.id },
        });
        const fromCheck = formText(request.query, 'from') === 'check';
        return reply.page('referrals/views/draft-child-matches.njk', {
          title: 'Is this a child already known?',
          draftId: draft.id,
          action: draftChildMatchesPath(draft.id),
          fromCheck,
          backHref: draftStepPath(draft.id, 'child', fromCheck),
          entered: personSummary(details).split('\n'),
          candidates,
        });
      }),
  );

  app.post<{ Params: DraftParams }>(
    ROUTE.draftChildMatches,
    page('case:search', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const choice = formText(request.body, 'personId', 60);
      const fromCheck = formText(request.body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const next = fromCheck ? draftCheckPath(draft.id) : draftStepPath(draft.id, 'referrer');
        const details = draft.data.child?.details;
        if (!details) throw new NotFoundError();
        if (choice === 'none') {
          await drafts.saveDraft(tx, draft.id, { ...draft.data, child: { details, newPerson: true } });
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            details: { page: 'child', candidates: 'none chosen' },
          });
          return reply.redirect(next, 303);
        }
        // A person outside the caller's scope answers 404 and is audited as a denial.
        const person = await openPerson(tx, request.principal, choice);
        if (person.merged_into) throw new NotFoundError();
        const data: VictimDraft = {
          ...draft.data,
          child: { personId: person.id, personLabel: chosenPersonLabel(person), details },
        };
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'child', candidateChosen: person.id },
        });
        return reply.redirect(next, 303);
      });
    },
  );
}
