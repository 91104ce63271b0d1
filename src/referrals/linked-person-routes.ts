/**
 * Suspects and associates already known (issue 14, item 4): on the suspects step, whoever may search finds a
 * person by name among the people they may see (the people module's search, under row-level security) and
 * picks one. Both buttons post the whole "add a person" form, which comes back with every answer kept. A pick
 * that is not a person, or one the caller may not see, is a field error (the latter an audited denial), never
 * a 404. Names travel only in POST bodies; the audit records how many were shown, not what was searched for.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseSearch, searchPeople } from '../people/search-service.ts';
import { isUuid, openPerson } from '../people/service.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { AccessDeniedError, type FieldError, NotFoundError } from '../platform/http/errors.ts';
import { auditDenial } from '../platform/http/errors-handler.ts';
import * as drafts from './draft-store.ts';
import { personFormFrom, type VictimDraft } from './form.ts';
import { draftStepPath, ROUTE } from './paths.ts';
import { AUDIT, type DraftParams, type LoadedDraft, loadDraft, page } from './route-support.ts';
import { renderStep } from './step-router.ts';
import { MAX_PEOPLE, stepErrors } from './steps/step.ts';
import { suspectsStep } from './steps/suspects.ts';
import { chosenPersonLabel } from './view-models.ts';

const LINK_RESULTS = 10;
const PICK_AGAIN = 'Choose a person from the search results, or add someone not yet known below';

function valuesFrom(body: unknown) {
  return {
    person: personFormFrom(body),
    role: formText(body, 'role', 20),
    relationship: formText(body, 'relationship', 250).trim(),
    linkName: formText(body, 'linkName', 201).trim(),
    linkedPersonId: formText(body, 'linkedPersonId', 60).trim(),
  };
}

/** People the caller may see by the name searched for, the draft's child left out; null when none typed. */
async function linkSearch(tx: Tx, draft: LoadedDraft, name: string) {
  if (!name) return { results: null, errors: [{ field: 'linkName', message: 'Enter a name to search for' }] };
  const { query, errors } = parseSearch({ name });
  if (errors.length) return { results: null, errors: errors.map((e) => ({ ...e, field: 'linkName' })) };
  const found = await searchPeople(tx, query, LINK_RESULTS + 1);
  const childId = (draft.data as VictimDraft).child?.personId;
  return {
    results: found.filter((p) => p.id !== childId).slice(0, LINK_RESULTS),
    errors: [] as FieldError[],
  };
}

export async function linkedPersonRoutes(app: FastifyInstance): Promise<void> {
  const show = async (
    request: FastifyRequest,
    reply: Parameters<typeof renderStep>[1],
    tx: Tx,
    draft: LoadedDraft,
    values: ReturnType<typeof valuesFrom>,
    errors: FieldError[],
  ) => {
    const found = values.linkName
      ? await linkSearch(tx, draft, values.linkName)
      : { results: null, errors: [] };
    const all = [...errors, ...found.errors];
    await request.audit(tx, {
      action: AUDIT.PERSON_SEARCH,
      subjectType: 'person',
      details: { kind: 'linked-person', shown: found.results?.length ?? 0, draftId: draft.id },
    });
    return renderStep(request, reply, tx, draft, suspectsStep, {
      values,
      search: { terms: { name: values.linkName }, results: found.results },
      errors: stepErrors(suspectsStep, all),
      status: all.length ? 400 : undefined,
    });
  };

  app.post<{ Params: DraftParams }>(
    ROUTE.draftPeopleSearch,
    page('case:search', AUDIT.PERSON_SEARCH),
    async (request, reply) => {
      const values = valuesFrom(request.body);
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const errors = values.linkName ? [] : [{ field: 'linkName', message: 'Enter a name to search for' }];
        return show(request, reply, tx, draft, values, errors);
      });
    },
  );

  app.post<{ Params: DraftParams }>(
    ROUTE.draftPeopleExisting,
    page('case:search', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const values = valuesFrom(request.body);
      let denial: AccessDeniedError | null = null;
      const answered = await request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const people = draft.data.people ?? [];
        const errors: FieldError[] = [];
        if (values.role !== 'SUSPECT' && values.role !== 'ASSOCIATE')
          errors.push({ field: 'role', message: 'Select whether the person is a suspect or an associate' });
        else if (people.filter((p) => p.role === values.role).length >= MAX_PEOPLE)
          errors.push({
            field: 'role',
            message: `Name up to ${MAX_PEOPLE} suspects and ${MAX_PEOPLE} associates`,
          });
        if (values.relationship.length > 200)
          errors.push({ field: 'relationship', message: 'Relationship must be 200 characters or fewer' });
        let label: string | null = null;
        if (!isUuid(values.linkedPersonId)) errors.push({ field: 'linkedPersonId', message: PICK_AGAIN });
        else if (people.some((p) => p.personId === values.linkedPersonId))
          errors.push({ field: 'linkedPersonId', message: 'This person is already added' });
        else {
          try {
            label = chosenPersonLabel(await openPerson(tx, request.principal, values.linkedPersonId));
          } catch (error) {
            if (error instanceof AccessDeniedError) denial = error;
            else if (!(error instanceof NotFoundError)) throw error;
            errors.push({ field: 'linkedPersonId', message: PICK_AGAIN });
          }
        }
        if (errors.length) {
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { page: 'suspects', errors: errors.map((e) => e.field) },
          });
          return { draft, errors };
        }
        const data: VictimDraft = {
          ...draft.data,
          people: [
            ...people,
            {
              role: values.role as 'SUSPECT' | 'ASSOCIATE',
              relationship: values.relationship,
              details: personFormFrom({}),
              personId: values.linkedPersonId.toLowerCase(),
              personLabel: label,
            },
          ],
        };
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'suspects', linked: values.role },
        });
        return null;
      });
      if (!answered) return reply.redirect(draftStepPath(request.params.id, 'suspects'), 303);
      // The refused pick is a denial, recorded on its own; the page comes back with every answer kept.
      if (denial) await auditDenial(request, denial);
      return request.tx(async (tx) => show(request, reply, tx, answered.draft, values, answered.errors));
    },
  );
}
