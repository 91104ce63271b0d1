/**
 * People pages: search (terms sent by POST, never in a URL, and audited) and the person page (their
 * agencies' records with provenance and a timeline of everything the viewer may see). A restricted person
 * opens only to their case team, with a justification recorded on every opening.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { decideRestrictionChange, MIN_JUSTIFICATION_LENGTH } from '../platform/access/policy.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, type FieldError, NotFoundError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { type CseFlagView, cseFlagView, cseFlagViews } from '../risk/cse-flag-view.ts';
import {
  type MergeHistoryView,
  mergeHistoryView,
  noticeOf,
  probabilitiesFor,
  searchRecord,
} from './identity-routes.ts';
import { activeModel } from './matching.ts';
import { parseSearch, type SearchInput, searchPeople } from './search.ts';
import { isUuid, personScope, viewPerson } from './service.ts';
import type { SourceRecordRow, TimelineRow } from './store.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

function text(body: unknown, name: string, max: number): string {
  const raw = (body as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.slice(0, max).trim() : '';
}

function name(p: { forename: string | null; surname: string | null }): string {
  return [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';
}

function yesNo(value: boolean | null): string {
  return value === null ? 'Not known' : value ? 'Yes' : 'No';
}

function ageText(p: { dob: string | null; estimated_age: number | null }): string {
  if (p.dob) return p.dob;
  if (p.estimated_age !== null) return `Not known (about ${p.estimated_age})`;
  return 'Not known';
}

/** A source record as rows of a summary list, with its provenance. */
function recordRows(r: SourceRecordRow) {
  const rows: Array<{ key: string; value: string }> = [
    { key: 'Recorded as', value: r.subject_role.charAt(0) + r.subject_role.slice(1).toLowerCase() },
    { key: 'Name', value: name(r) },
  ];
  if (r.aliases.length) rows.push({ key: 'Other names', value: r.aliases.join(', ') });
  rows.push({ key: 'Date of birth', value: ageText(r) });
  rows.push({ key: 'Gender', value: labelOf(GENDERS, r.gender) ?? r.gender });
  if (r.ethnicity) rows.push({ key: 'Ethnicity', value: labelOf(ETHNICITIES, r.ethnicity) ?? r.ethnicity });
  if (r.nhs_number) rows.push({ key: 'NHS number', value: r.nhs_number });
  if (r.school_upn) rows.push({ key: 'Unique pupil number', value: r.school_upn });
  if (r.police_ref) rows.push({ key: 'Police reference', value: r.police_ref });
  if (r.la_id) rows.push({ key: 'Local authority id', value: r.la_id });
  for (const a of r.addresses) {
    rows.push({ key: 'Address', value: [a.line1, a.town, a.postcode].filter(Boolean).join(', ') });
  }
  if (r.living_situation)
    rows.push({
      key: 'Living situation',
      value: labelOf(LIVING_SITUATIONS, r.living_situation) ?? r.living_situation,
    });
  if (r.subject_role === 'CHILD') {
    rows.push({ key: 'Looked after', value: yesNo(r.looked_after) });
    rows.push({ key: 'SEN or learning disability', value: yesNo(r.learning_disability_or_sen) });
    rows.push({ key: 'In contact with CAMHS', value: yesNo(r.camhs_contact) });
  }
  return rows;
}

/** The terms a result matched: every term given must match, so these are the terms searched for. */
function matchedOn(fromQuery: string[] | null, terms: SearchInput): string {
  if (fromQuery?.length) return fromQuery.join(', ');
  return [
    terms.name ? 'name' : null,
    terms.dob ? 'date of birth' : null,
    terms.identifier ? 'identifier' : null,
    terms.postcode ? 'postcode' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function timelineHref(row: TimelineRow): string | null {
  switch (row.kind) {
    case 'VICTIM_REFERRAL':
    case 'NAMED_ON_REFERRAL':
      return `/referrals/${row.record_id}`;
    case 'SUSPECT_REFERRAL':
    case 'LINKED_BY_SUSPECT_REFERRAL':
      return `/suspect-referrals/${row.record_id}`;
    default:
      return null;
  }
}

export async function peoplePageRoutes(app: FastifyInstance): Promise<void> {
  // ---------------------------------------------------------------- search

  const renderSearch = (
    reply: FastifyReply,
    terms: SearchInput,
    results: Awaited<ReturnType<typeof searchPeople>> | null,
    errors: FieldError[] = [],
    probabilities: Map<string, { percent: string }> | null = null,
    flags: Map<string, CseFlagView> = new Map(),
  ) =>
    reply.page(
      'people/views/search.njk',
      {
        title: 'Search for a person',
        terms,
        results: results?.map((r) => ({
          ...r,
          name: name(r),
          age: ageText(r),
          gender: r.gender ? (labelOf(GENDERS, r.gender) ?? r.gender) : 'Not known',
          matched: matchedOn(r.matched_on, terms),
          probability: probabilities?.get(r.id)?.percent ?? null,
          cseFlag: flags.get(r.id) ?? null,
        })),
        showProbability: Boolean(probabilities),
        ...errorView(errors),
      },
      errors.length ? 400 : undefined,
    );

  app.get('/search', page('case:search', 'none'), async (_request, reply) => renderSearch(reply, {}, null));

  app.post('/search', page('case:search', 'PERSON_SEARCH'), async (request, reply) => {
    const terms = {
      name: text(request.body, 'name', 250),
      dob: text(request.body, 'dob', 20),
      identifier: text(request.body, 'identifier', 60),
      postcode: text(request.body, 'postcode', 20),
    };
    const { query, errors } = parseSearch(terms);
    if (errors.length) return renderSearch(reply, terms, null, errors);
    const { rows, probabilities, flags } = await request.tx(async (tx) => {
      const rows = await searchPeople(tx, query);
      const flags = await cseFlagViews(
        tx,
        rows.map((r) => r.id),
      );
      // With a matching model, each result's probability of being the person searched for.
      const model = await activeModel(tx);
      const probabilities = model
        ? await probabilitiesFor(
            tx,
            model.model,
            searchRecord(terms),
            rows.map((r) => r.id),
          )
        : null;
      await request.audit(tx, { subjectType: 'person', details: { terms, shown: rows.length } });
      return { rows, probabilities, flags };
    });
    return renderSearch(reply, terms, rows, [], probabilities, flags);
  });

  // ---------------------------------------------------------------- the person page

  type PersonView = Awaited<ReturnType<typeof viewPerson>> & {
    history: MergeHistoryView | null;
    cseFlag: CseFlagView | null;
  };

  /** The person page's data and, for those who read cases, the merges the person took part in. */
  const loadPerson = async (
    tx: Tx,
    request: FastifyRequest,
    id: string,
    justification?: string,
  ): Promise<PersonView> => {
    const view = await viewPerson(tx, request.principal, id, justification);
    const history = request.principal.permissions.has('case:read')
      ? await mergeHistoryView(tx, request.principal, view.person)
      : null;
    // The child's CSE flag is read within the same PERSON_VIEW event.
    return { ...view, history, cseFlag: await cseFlagView(tx, id) };
  };

  const renderPerson = (request: FastifyRequest, reply: FastifyReply, view: PersonView) => {
    const byAgency = new Map<string, { agency: string; records: Array<Record<string, unknown>> }>();
    for (const r of view.sourceRecords) {
      const group = byAgency.get(r.agency_id) ?? { agency: r.agency_name, records: [] };
      group.records.push({
        id: r.id,
        provenance: r.provenance,
        submittedAt: r.submitted_at,
        submittedBy: r.submitted_by_label,
        rows: recordRows(r),
      });
      byAgency.set(r.agency_id, group);
    }
    const p = view.person;
    return reply.page('people/views/person.njk', {
      title: name(p),
      cseFlag: view.cseFlag,
      showCse: request.principal.permissions.has('case:read'),
      caseWork: request.principal.permissions.has('case:work'),
      person: {
        ...p,
        name: name(p),
        age: ageText(p),
        gender: labelOf(GENDERS, p.gender ?? '') ?? 'Not known',
      },
      agencies: [...byAgency.values()],
      timeline: view.timeline.map((t) => ({ ...t, href: timelineHref(t) })),
      history: view.history,
      canMerge: request.principal.permissions.has('people:merge') && !p.merged_into,
      canRestrict: decideRestrictionChange(request.principal, personScope(p)).allowed,
      notice: noticeOf(request.query),
    });
  };

  const renderJustify = (reply: FastifyReply, id: string, errors: FieldError[] = [], justification = '') =>
    reply.page(
      'people/views/justify.njk',
      { title: 'Why are you opening this record?', id, justification, ...errorView(errors) },
      errors.length ? 400 : undefined,
    );

  app.get<{ Params: { id: string } }>(
    '/people/:id',
    page('referral:read-own-agency', 'PERSON_VIEW'),
    async (request, reply) => {
      const id = request.params.id;
      if (!isUuid(id)) throw new NotFoundError();
      const result = await request.tx(async (tx) => {
        try {
          // viewPerson decides access and writes the PERSON_VIEW event.
          return { view: await loadPerson(tx, request, id.toLowerCase()) };
        } catch (error) {
          // A restricted person, and the caller is on the case team: ask why before showing anything.
          if (error instanceof AccessDeniedError && error.reason === 'JUSTIFICATION_REQUIRED') {
            await request.audit(tx, {
              action: 'PERSON_JUSTIFICATION_ASKED',
              subjectType: 'person',
              subjectId: id.toLowerCase(),
            });
            return { view: null };
          }
          throw error;
        }
      });
      if (!result.view) return renderJustify(reply, id.toLowerCase());
      return renderPerson(request, reply, result.view);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/open',
    page('referral:read-own-agency', 'PERSON_VIEW'),
    async (request, reply) => {
      const id = request.params.id;
      if (!isUuid(id)) throw new NotFoundError();
      const justification = text(request.body, 'justification', 1100);
      if (justification.length < MIN_JUSTIFICATION_LENGTH || justification.length > 1000) {
        return renderJustify(
          reply,
          id.toLowerCase(),
          [
            {
              field: 'justification',
              message: `Explain why you need to open this record, in ${MIN_JUSTIFICATION_LENGTH} to 1000 characters`,
            },
          ],
          justification,
        );
      }
      // The justification is recorded on the PERSON_VIEW event; a caller not on the case team gets 404.
      const view = await request.tx((tx) => loadPerson(tx, request, id.toLowerCase(), justification));
      return renderPerson(request, reply, view);
    },
  );
}
