/**
 * Merging a person with another record from the person page, and undoing a merge from its history. The
 * other records are found by search and shown with their match probability against the page person.
 */

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { partsFromIso } from '../platform/forms/date-parts.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { activeModel, latestRecords, probabilitiesFor, searchRecord } from './candidates-service.ts';
import { dobFromBody, dobItems } from './dob-input.ts';
import { mergeHistoryView, mergePeople, unmergePeople } from './merge.ts';
import { type MergeFormState, mergeFormView, undoMergeView } from './merge-view.ts';
import { personPath } from './paths.ts';
import { idOf, page, reasonProblem, text } from './route-support.ts';
import { parseSearch, type SearchInput, searchPeople } from './search-service.ts';
import { openPerson } from './service.ts';
import type { PersonRow } from './store.ts';

/** The page person, who must be in scope for merging and not already merged into someone else. */
async function openSurvivor(tx: Tx, principal: Principal, rawId: string): Promise<PersonRow> {
  const person = await openPerson(tx, principal, idOf(rawId));
  if (person.merged_into) throw new ConflictError('This record has been merged into another');
  return person;
}

function termsFrom(body: unknown): SearchInput {
  return {
    name: text(body, 'name', 250),
    dob: dobFromBody(body).dob,
    identifier: text(body, 'identifier', 60),
  };
}

/** People found by the terms, without the page person, each with its match probability against them. */
async function mergeSearch(tx: Tx, person: PersonRow, terms: SearchInput) {
  const { query, errors } = parseSearch(terms);
  if (errors.length) return { errors, results: null };
  const found = (await searchPeople(tx, query, 20)).filter((r) => r.id !== person.id);
  const model = await activeModel(tx);
  const probabilities = model
    ? await probabilitiesFor(
        tx,
        model.model,
        (await latestRecords(tx, [person.id])).get(person.id) ?? searchRecord(terms),
        found.map((r) => r.id),
      )
    : new Map<string, { percent: string }>();
  return {
    errors: [],
    results: found.map((r) => ({ ...r, probability: probabilities.get(r.id)?.percent ?? null })),
  };
}

/** A merge in the page person's history, which they survived, still in place and not merged on since. */
async function openMerge(tx: Tx, principal: Principal, rawId: string, rawMergeId: string) {
  const person = await openPerson(tx, principal, idOf(rawId));
  const mergeId = idOf(rawMergeId);
  const history = await mergeHistoryView(tx, principal, person);
  const merge = history.merges.find((m) => m.id === mergeId && m.direction === 'IN');
  if (!merge) throw new NotFoundError();
  if (merge.undone) throw new ConflictError('This merge has already been undone');
  if (person.merged_into)
    throw new ConflictError('This record has since been merged into another: undo that merge first');
  return { person, merge };
}

function renderMerge(reply: FastifyReply, person: PersonRow, state: MergeFormState = {}) {
  const errors = state.errors ?? [];
  return reply.page(
    'people/views/merge.njk',
    {
      ...mergeFormView(person, state),
      dobItems: dobItems(
        partsFromIso(state.terms?.dob),
        errors.some((e) => e.field === 'dob'),
      ),
      ...errorView(errors),
    },
    errors.length ? 400 : undefined,
  );
}

export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/people/:id/merge',
    page('people:merge', 'PERSON_VIEW'),
    async (request, reply) => {
      const person = await request.tx(async (tx) => {
        const p = await openSurvivor(tx, request.principal, request.params.id);
        await request.audit(tx, { subjectType: 'person', subjectId: p.id, details: { page: 'merge' } });
        return p;
      });
      return renderMerge(reply, person);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/merge/search',
    page('people:merge', 'PERSON_SEARCH'),
    async (request, reply) => {
      const terms = termsFrom(request.body);
      return request.tx(async (tx) => {
        const person = await openSurvivor(tx, request.principal, request.params.id);
        const { errors, results } = await mergeSearch(tx, person, terms);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: person.id,
          ...(errors.length ? { outcome: 'FAILURE' as const } : {}),
          details: { purpose: 'merge', terms, shown: results?.length ?? 0 },
        });
        return renderMerge(reply, person, { terms, results, errors });
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/merge',
    page('people:merge', 'PERSON_MERGE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const otherId = text(request.body, 'otherId', 60);
      const reason = text(request.body, 'reason', 2100);
      const terms = termsFrom(request.body);
      try {
        await request.tx(async (tx) => {
          await openSurvivor(tx, request.principal, id);
          const problems: FieldError[] = [];
          if (!otherId)
            problems.push({ field: 'otherId', message: 'Choose the record to merge into this one' });
          problems.push(...reasonProblem(reason));
          if (problems.length) throw new ValidationError(problems);
          // mergePeople checks both people are in scope and writes PERSON_MERGE.
          await mergePeople(tx, request.principal, {
            survivorId: id,
            mergedId: otherId.toLowerCase(),
            reason,
          });
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const person = await openSurvivor(tx, request.principal, id);
          const search =
            terms.name || terms.dob || terms.identifier ? await mergeSearch(tx, person, terms) : null;
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return renderMerge(reply, person, {
            terms,
            results: search?.results ?? null,
            otherId,
            reason,
            errors: error.details.map((e) => (e.field === 'mergedId' ? { ...e, field: 'otherId' } : e)),
          });
        });
      }
      return reply.redirect(personPath(id, 'merged'), 303);
    },
  );

  app.post<{ Params: { id: string; mergeId: string } }>(
    '/people/:id/merges/:mergeId/undo',
    page('people:merge', 'PERSON_UNMERGE'),
    async (request, reply) => {
      const reason = text(request.body, 'reason', 2100);
      const { id, mergeId } = request.params;
      try {
        await request.tx(async (tx) => {
          const { merge } = await openMerge(tx, request.principal, id, mergeId);
          const problems = reasonProblem(reason);
          if (problems.length) throw new ValidationError(problems);
          // unmergePeople moves every record back and writes PERSON_UNMERGE.
          await unmergePeople(tx, request.principal, { mergeId: merge.id, reason });
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const { person, merge } = await openMerge(tx, request.principal, id, mergeId);
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { mergeId: merge.id, errors: error.details.map((e) => e.field) },
          });
          return reply.page(
            'people/views/undo-merge.njk',
            { ...undoMergeView(person, merge, reason), ...errorView(error.details) },
            400,
          );
        });
      }
      return reply.redirect(personPath(idOf(id), 'unmerged'), 303);
    },
  );
}
