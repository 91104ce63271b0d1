/** The people API: search the registry (terms in the body, never the URL) and read a person in scope. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { type CodeEntry, labelOf } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import { apiRoute, errorResponses, IdParams } from '../platform/http/api-support.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { justificationHeaderOf } from '../platform/http/justification.ts';
import { encodeCursor, parseListPaging } from '../platform/http/list-paging.ts';
import { parseSearch, searchPeoplePage } from './search-service.ts';
import { viewPerson } from './service.ts';

const SearchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    dob: Type.Optional(Type.String({ maxLength: 10 })),
    identifier: Type.Optional(Type.String({ maxLength: 40 })),
    postcode: Type.Optional(Type.String({ maxLength: 10 })),
    limit: Type.Optional(Type.Integer({ description: 'Results a page, 1 to 100 (default 50)' })),
    cursor: Type.Optional(Type.String({ maxLength: 40, description: 'The `next` of the previous page' })),
  },
  { additionalProperties: false },
);

/** The label beside a code (the API answers both, issue 14). */
function labelOrNull(list: readonly CodeEntry[], code: string | null | undefined): string | null {
  return code ? (labelOf(list, code) ?? code) : null;
}

const Text = Type.Union([Type.String(), Type.Null()]);
const Int = Type.Union([Type.Integer(), Type.Null()]);
const Bool = Type.Union([Type.Boolean(), Type.Null()]);

/** Who a person is, as both a search result and a person's record show them. */
const personFields = {
  id: Type.String(),
  forename: Text,
  surname: Text,
  dob: Text,
  estimatedAge: Int,
  gender: Text,
  genderLabel: Text,
};

const SearchResults = Type.Object({
  next: Type.Union([Type.String(), Type.Null()]),
  results: Type.Array(
    Type.Object({
      ...personFields,
      score: Type.Number(),
      matchedOn: Type.Array(Type.String()),
      referrals: Type.Integer(),
    }),
  ),
});

const PersonOut = Type.Object({
  ...personFields,
  sourceRecords: Type.Array(
    Type.Object({
      id: Type.String(),
      agency: Type.String(),
      submittedAt: Type.String(),
      provenance: Type.String(),
      role: Type.String(),
      forename: Text,
      surname: Text,
      aliases: Type.Array(Type.String()),
      dob: Text,
      estimatedAge: Int,
      gender: Type.String(),
      genderLabel: Text,
      ethnicity: Text,
      ethnicityLabel: Text,
      nhsNumber: Text,
      schoolUpn: Text,
      policeRef: Text,
      laId: Text,
      livingSituation: Text,
      livingSituationLabel: Text,
      lookedAfter: Bool,
      learningDisabilityOrSen: Bool,
      camhsContact: Bool,
      addresses: Type.Array(Type.Object({ line1: Text, town: Text, postcode: Text, from: Text, to: Text })),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.String(),
      agency: Type.String(),
      reference: Text,
      recordId: Type.String(),
      summary: Type.String(),
    }),
  ),
});

export async function peopleApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/people/search',
    {
      config: apiRoute('case:search', 'PERSON_SEARCH'),
      schema: {
        tags: ['People'],
        summary: 'Find people in scope by name, date of birth, identifier or postcode',
        body: SearchBody,
        response: { 200: SearchResults, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...terms } = request.body;
      const { query, errors } = parseSearch(terms);
      const { paging, errors: pagingErrors } = parseListPaging(
        { limit, cursor },
        { defaultLimit: 50, maxLimit: 100 },
      );
      if (errors.length || pagingErrors.length) throw new ValidationError([...errors, ...pagingErrors]);
      return request.tx(async (tx) => {
        const found = await searchPeoplePage(tx, query, paging);
        const results = found.rows;
        await appendAuditEvent(tx, {
          action: 'PERSON_SEARCH',
          details: { terms, results: results.length, total: found.total },
        });
        const nextOffset = paging.offset + paging.limit;
        return {
          next: nextOffset < found.total ? encodeCursor(nextOffset) : null,
          results: results.map((r) => ({
            id: r.id,
            forename: r.forename,
            surname: r.surname,
            dob: r.dob,
            estimatedAge: r.estimated_age,
            gender: r.gender,
            genderLabel: labelOrNull(GENDERS, r.gender),
            score: Math.round(r.score * 1000) / 1000,
            matchedOn: r.matched_on,
            referrals: r.referrals,
          })),
        };
      });
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      config: apiRoute('referral:read-own-agency', 'PERSON_VIEW'),
      schema: {
        tags: ['People'],
        summary: 'A person: their records and timeline as far as you may see',
        description: 'A restricted person needs the `Lantern-Justification` header (at least 10 characters).',
        params: IdParams,
        response: { 200: PersonOut, ...errorResponses },
      },
    },
    async (request) => {
      const justification = justificationHeaderOf(request.headers);
      return request.tx(async (tx) => {
        const { person, sourceRecords, timeline } = await viewPerson(
          tx,
          request.principal,
          request.params.id,
          justification,
        );
        return {
          id: person.id,
          forename: person.forename,
          surname: person.surname,
          dob: person.dob,
          estimatedAge: person.estimated_age,
          gender: person.gender,
          genderLabel: labelOrNull(GENDERS, person.gender),
          sourceRecords: sourceRecords.map((s) => ({
            id: s.id,
            agency: s.agency_name,
            submittedAt: s.submitted_at.toISOString(),
            provenance: s.provenance,
            role: s.subject_role,
            forename: s.forename,
            surname: s.surname,
            aliases: s.aliases,
            dob: s.dob,
            estimatedAge: s.estimated_age,
            gender: s.gender,
            genderLabel: labelOrNull(GENDERS, s.gender),
            ethnicity: s.ethnicity,
            ethnicityLabel: labelOrNull(ETHNICITIES, s.ethnicity),
            nhsNumber: s.nhs_number,
            schoolUpn: s.school_upn,
            policeRef: s.police_ref,
            laId: s.la_id,
            livingSituation: s.living_situation,
            livingSituationLabel: labelOrNull(LIVING_SITUATIONS, s.living_situation),
            lookedAfter: s.looked_after,
            learningDisabilityOrSen: s.learning_disability_or_sen,
            camhsContact: s.camhs_contact,
            addresses: s.addresses,
          })),
          timeline: timeline.map((e) => ({
            at: e.at.toISOString(),
            kind: e.kind,
            agency: e.agency_name,
            reference: e.reference,
            recordId: e.record_id,
            summary: e.summary,
          })),
        };
      });
    },
  );
}
