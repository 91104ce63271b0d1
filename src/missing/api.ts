/**
 * The missing children API: record an episode (idempotent with `Idempotency-Key`), read it back within scope,
 * record the return, change the police risk grade with a rationale, record the return home interview, and
 * list the interviews due and overdue. Writes need case:work, reads case:read; row-level security keeps both
 * to the children the caller may see.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../platform/access/principal.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { closed, Opt, Text, Uuid } from '../platform/http/api-schemas.ts';
import {
  apiRoute,
  type CodeLabellers,
  errorResponses,
  IdParams,
  idempotentWrite,
  plainWithCodeLabels,
} from '../platform/http/api-support.ts';
import { ListPagingQuerystring, listPagingOrFail, pagingDescription } from '../platform/http/list-paging.ts';
import {
  EPISODE_TYPE_LABELS,
  FROM_KIND_LABELS,
  FROM_KINDS,
  INTERVIEW_RESPONSE_LABELS,
  RISK_GRADE_LABELS,
} from './codes.ts';
import { MISSING_EPISODE_TYPES, MISSING_RISK_GRADES } from './episode.ts';
import type { EpisodeInput, ReturnInput } from './input.ts';
import * as service from './service.ts';
import { INTERVIEW_STATUS_LABELS } from './view-models.ts';

const When = (description?: string) =>
  Type.String({
    maxLength: 40,
    description: description ?? 'ISO 8601 date and time, e.g. 2026-05-01T21:30:00Z',
  });
const Any = Type.Any();

const PersonFoundWith = Type.Object(
  { personId: Uuid, relation: Text(200, 'Who they are to the child, e.g. friend, suspect, mother') },
  closed,
);

const ReturnBody = Type.Object(
  {
    returnedAt: When('When the child was found or returned'),
    foundWhere: Text(500),
    foundPostcode: Opt(Text(10)),
    withPeople: Type.Optional(Type.Array(PersonFoundWith, { maxItems: 20 })),
  },
  closed,
);

const EpisodeBody = Type.Object(
  {
    personId: Uuid,
    type: Text(60, `One of: ${MISSING_EPISODE_TYPES.join(', ')}`),
    from: Type.Object(
      {
        kind: Text(20, `One of: ${FROM_KINDS.join(', ')}`),
        placementId: Opt(Uuid),
        placementCode: Opt(Text(32)),
        postcode: Opt(Text(10)),
      },
      closed,
    ),
    reportedAt: When('When the child was reported missing'),
    reportedBy: Text(200, 'Who reported the child missing, e.g. residential staff, mother'),
    reporterName: Opt(Text(200)),
    lastSeenAt: Opt(When()),
    riskGrade: Text(30, `Police risk grade, one of: ${MISSING_RISK_GRADES.join(', ')}`),
    circumstances: Opt(Text(10_000)),
    exploitationSuspected: Type.Boolean(),
    area: Opt(Text(100, 'The safeguarding area; defaults to the placement’s or the child’s')),
    externalRef: Opt(Text(60, 'The police report number: unique for your agency')),
    returned: Opt(ReturnBody),
  },
  closed,
);

const GradeBody = Type.Object(
  {
    riskGrade: Text(30, `One of: ${MISSING_RISK_GRADES.join(', ')}`),
    rationale: Text(5000),
    expectedCurrent: Opt(Text(30, 'The grade you saw; a stale one is refused')),
  },
  closed,
);

const InterviewBody = Type.Object(
  {
    offered: Type.Boolean(),
    offeredAt: Opt(When()),
    notOfferedReason: Opt(Text(2000, 'Required when the interview is not offered')),
    response: Opt(Text(10, 'ACCEPTED or DECLINED')),
    respondedAt: Opt(When()),
    completedAt: Opt(When()),
    byAgencyId: Opt(Uuid),
    byName: Opt(Text(200)),
    disclosures: Opt(Text(10_000)),
  },
  closed,
);

const grade = (code: string) => RISK_GRADE_LABELS[code as keyof typeof RISK_GRADE_LABELS];

/** The missing module's codes and their labels, by the property names its answers use. */
const LABELLERS: CodeLabellers = {
  type: (code) => EPISODE_TYPE_LABELS[code as keyof typeof EPISODE_TYPE_LABELS],
  risk_grade: grade,
  initial_risk_grade: grade,
  from_grade: grade,
  to_grade: grade,
  riskGrade: grade,
  from_kind: (code) => FROM_KIND_LABELS[code as keyof typeof FROM_KIND_LABELS],
  area: (code) => areaLabel(code),
  response: (code) => INTERVIEW_RESPONSE_LABELS[code as keyof typeof INTERVIEW_RESPONSE_LABELS],
  status: (code) => INTERVIEW_STATUS_LABELS[code],
};

const labelled = (value: unknown) => plainWithCodeLabels(value, LABELLERS);

export async function missingApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Missing children'];
  const rule = () => service.repeatMissingRuleOf(base.config);

  app.post(
    '/api/v1/missing-episodes',
    {
      config: apiRoute('case:work', 'MISSING_EPISODE_CREATE'),
      schema: {
        tags,
        summary: 'Record a missing episode for a child',
        description:
          'Send `Idempotency-Key` so that a retried request is applied once. The response says whether the ' +
          'child is now repeat missing and the MASH task that raised.',
        body: EpisodeBody,
        response: { 201: Any, ...errorResponses },
      },
    },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => ({
        statusCode: 201,
        body: labelled(
          await service.recordEpisode(tx, request.principal, request.body as EpisodeInput, {
            rule: rule(),
            source: 'api',
          }),
        ),
      })),
  );

  app.get(
    '/api/v1/missing-episodes/:id',
    {
      config: apiRoute('case:read', 'MISSING_EPISODE_VIEW'),
      schema: {
        tags,
        summary: 'An episode: grade history, return, people found with, return home interview',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) => request.tx(async (tx) => labelled(await service.viewEpisode(tx, request.params.id))),
  );

  /** A write to one episode: idempotent with `Idempotency-Key`, answering 201 with the result, labelled. */
  const episodeWrite = <B extends TSchema>(
    step: string,
    audit: string,
    summary: string,
    body: B,
    run: (tx: Tx, principal: Principal, id: string, input: Static<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/missing-episodes/:id/${step}`,
      {
        config: apiRoute('case:work', audit),
        schema: { tags, summary, params: IdParams, body, response: { 201: Any, ...errorResponses } },
      },
      async (request, reply) =>
        idempotentWrite(request, reply, async (tx) => ({
          statusCode: 201,
          body: labelled(
            await run(
              tx,
              request.principal,
              (request.params as { id: string }).id,
              request.body as Static<B>,
            ),
          ),
        })),
    );

  episodeWrite(
    'return',
    'MISSING_RETURN',
    'Record when and where the child was found or returned, and with whom',
    ReturnBody,
    (tx, principal, id, input) =>
      service.recordReturn(tx, principal, id, input as ReturnInput, { rule: rule() }),
  );

  episodeWrite(
    'risk-grade',
    'MISSING_GRADE_CHANGE',
    'Change the police risk grade, with a rationale',
    GradeBody,
    service.changeRiskGrade,
  );

  episodeWrite(
    'return-home-interview',
    'RHI_RECORD',
    'Record the return home interview: offered or not (with the reason), the response, completion',
    InterviewBody,
    service.recordReturnHomeInterview,
  );

  app.get(
    '/api/v1/return-home-interviews/due',
    {
      config: apiRoute('case:read', 'RHI_DUE_LIST_VIEW'),
      schema: {
        tags,
        summary: 'Return home interviews due or overdue (72 hours from the return), in scope',
        description: pagingDescription(),
        querystring: ListPagingQuerystring,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) => {
      const paging = listPagingOrFail(request.query);
      const list = await request.tx((tx) => service.rhiDueList(tx, paging));
      return { interviews: labelled(list.due), next: list.next };
    },
  );
}
