/**
 * The Pursue API (issue 17 item 7, in part): a person's disruption register; recording a tactic and a
 * breach (idempotent with `Idempotency-Key`); giving intelligence and reading it back as the submitter (or,
 * for the police, whole). The same services, rules, access decisions and audit as the pages; dates are
 * 'YYYY-MM-DD' UK calendar days. A restricted person is opened and recorded on as the people API opens one:
 * with the `Lantern-Justification` header, by their case team only (SECURITY 3). A token acts for its
 * agency, not for anyone on a case team, so in practice it is answered 404, audited as a denial.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MIN_JUSTIFICATION_LENGTH, type RoutePermission } from '../platform/access/policy.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { blankDate, partsFromIso } from '../platform/forms/date-parts.ts';
import { closed, coded, Opt, Text, Uuid } from '../platform/http/api-schemas.ts';
import {
  apiRoute,
  type CodeLabellers,
  errorResponses,
  IdParams,
  idempotentWrite,
  plainWithCodeLabels,
} from '../platform/http/api-support.ts';
import { justificationHeaderOf } from '../platform/http/justification.ts';
import { TACTICS } from './codes.ts';
import { readIntelligence, submitIntelligence } from './intelligence-service.ts';
import { gradeWords, statusOf } from './intelligence-view.ts';
import { disruptionOf, recordBreach, recordTactic } from './service.ts';

const Day = (description: string) =>
  Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Any = Type.Any();
const RESTRICTED = `A restricted person needs the \`Lantern-Justification\` header (at least ${MIN_JUSTIFICATION_LENGTH} characters), and opens only to their case team.`;

const TacticBody = Type.Object(
  {
    tactic: coded(TACTICS),
    startedOn: Day('When it was issued or happened'),
    childPersonId: Opt(Uuid),
    courtDate: Opt(Day('Required for an order')),
    expiresOn: Opt(Day('On or after the start')),
    reviewOn: Opt(Day('On or after the start')),
    sentenceYears: Opt(Type.Integer({ minimum: 0, maximum: 99 })),
    sentenceMonths: Opt(Type.Integer({ minimum: 0, maximum: 11 })),
    conditions: Opt(Text(4000)),
  },
  closed,
);

const BreachBody = Type.Object({ breachedOn: Day('When it was breached'), details: Text(4000) }, closed);

const IntelligenceBody = Type.Object(
  {
    about: Text(2000, 'Who it is about'),
    what: Text(4000, 'What is known, and how'),
    whereSeen: Opt(Text(1000)),
    seenOn: Opt(Day('When')),
    vehicles: Opt(Text(1000)),
    phones: Opt(Text(1000)),
    handles: Opt(Text(1000)),
  },
  closed,
);

const LABELLERS: CodeLabellers = { type: (code) => labelOf(TACTICS, code) };
const labelled = (value: unknown) => plainWithCodeLabels(value, LABELLERS);
const parts = (day: string | null | undefined) => (day ? partsFromIso(day) : blankDate());
const text = (value: string | null | undefined) => (value ?? '').trim();
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export async function pursueApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Pursue'];

  app.get(
    '/api/v1/people/:id/disruption',
    {
      config: apiRoute('case:read', 'DISRUPTION_VIEW'),
      schema: {
        tags,
        summary: 'A person’s tactics, breaches and their effect on linked children',
        description: RESTRICTED,
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) => {
      const justification = justificationHeaderOf(request.headers);
      return request.tx(async (tx) => {
        const { person, tactics, breaches, effects, childLinks } = await disruptionOf(
          tx,
          request.principal,
          request.params.id,
          justification,
        );
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: request.params.id,
          justification: person.restricted ? justification : null,
        });
        return labelled({ tactics, breaches, effects, childLinks });
      });
    },
  );

  app.post(
    '/api/v1/people/:id/tactics',
    {
      config: apiRoute('case:work', 'DISRUPTION_RECORD'),
      schema: {
        tags,
        summary: 'Record a tactic against a person',
        description: RESTRICTED,
        params: IdParams,
        body: TacticBody,
        response: { 201: Any, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof TacticBody>;
      return idempotentWrite(request, reply, async (tx) => ({
        statusCode: 201,
        body: {
          id: await recordTactic(
            tx,
            request.principal,
            request.params.id,
            {
              tactic: b.tactic,
              startedOn: parts(b.startedOn),
              child: text(b.childPersonId),
              courtDate: parts(b.courtDate),
              expiresOn: parts(b.expiresOn),
              reviewOn: parts(b.reviewOn),
              sentenceYears: number(b.sentenceYears),
              sentenceMonths: number(b.sentenceMonths),
              conditions: text(b.conditions),
            },
            justificationHeaderOf(request.headers),
          ),
        },
      }));
    },
  );

  app.post(
    '/api/v1/tactics/:id/breaches',
    {
      config: apiRoute('case:work', 'DISRUPTION_BREACH_RECORD'),
      schema: {
        tags,
        summary: 'Record the breach of a notice or order',
        description: RESTRICTED,
        params: IdParams,
        body: BreachBody,
        response: { 201: Any, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof BreachBody>;
      return idempotentWrite(request, reply, async (tx) => {
        const { breachId } = await recordBreach(
          tx,
          request.principal,
          request.params.id,
          { breachedOn: parts(b.breachedOn), details: text(b.details) },
          justificationHeaderOf(request.headers),
        );
        return { statusCode: 201, body: { id: breachId } };
      });
    },
  );

  app.post(
    '/api/v1/intelligence',
    {
      config: apiRoute('referral:create', 'INTELLIGENCE_SUBMIT'),
      schema: {
        tags,
        summary: 'Give the police intelligence',
        body: IntelligenceBody,
        response: { 201: Any, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof IntelligenceBody>;
      return idempotentWrite(request, reply, async (tx) => ({
        statusCode: 201,
        body: await submitIntelligence(tx, request.principal, {
          about: text(b.about),
          what: text(b.what),
          whereSeen: text(b.whereSeen),
          seenOn: parts(b.seenOn),
          vehicles: text(b.vehicles),
          phones: text(b.phones),
          handles: text(b.handles),
        }),
      }));
    },
  );

  const readers: RoutePermission = ['referral:create', 'referral:read-own-agency', 'case:work'];
  app.get(
    '/api/v1/intelligence/:id',
    {
      config: { access: { permission: readers, audit: 'INTELLIGENCE_VIEW', surface: 'api' as const } },
      schema: {
        tags,
        summary: 'Intelligence: the submitter sees what it sent and the feedback; the police all of it',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const { row, as } = await readIntelligence(tx, request.principal, request.params.id);
        await request.audit(tx, { subjectType: 'intelligence', subjectId: request.params.id });
        const shared = {
          id: row.id,
          reference: row.reference,
          submittedAt: row.submitted_at,
          about: row.about,
          what: row.what,
          status: statusOf(row),
          feedback: row.feedback,
        };
        if (as === 'SUBMITTER') return shared;
        return {
          ...shared,
          agencyName: row.agency_name,
          grading: row.evaluated_at
            ? `${row.source_grade}/${row.intelligence_grade}/${row.handling_code}`
            : null,
          gradingLabel: gradeWords(row),
          handlingConditions: row.handling_conditions,
          sanitised: row.sanitised,
          personId: row.person_id,
        };
      }),
  );
}
