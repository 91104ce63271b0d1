/** The risk API: recording a child's CSE risk assessment (the computed and final level, the next review). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { mayAssessRisk } from '../platform/access/policy-mash.ts';
import { closed, Opt, Text, Uuid } from '../platform/http/api-schemas.ts';
import {
  apiRoute,
  errorResponses,
  IdParams,
  idempotentWrite,
  plain,
  withCodeLabels,
} from '../platform/http/api-support.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import { DOMAIN_RATING_LABELS, RISK_LEVEL_LABELS } from './codes.ts';
import type { RiskRouteOptions } from './routes.ts';
import * as service from './service.ts';

/** Risk levels and domain ratings with their labels beside them (the API answers both). */
const level = (code: string) => RISK_LEVEL_LABELS[code];
const LABELLERS = {
  computed_level: level,
  final_level: level,
  computedLevel: level,
  finalLevel: level,
  rating: (code: string) => DOMAIN_RATING_LABELS[code],
};

const AssessmentBody = Type.Object(
  {
    templateId: Text(40),
    answers: Type.Object(
      {
        indicators: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Text(60))),
        domainRatings: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Text(20))),
      },
      closed,
    ),
    disclosure: Type.Boolean(),
    assessorLevel: Opt(Text(20)),
    rationale: Opt(Text(5000)),
    episodeId: Opt(Uuid),
  },
  closed,
);

export async function riskApiRoutes(base: FastifyInstance, options: RiskRouteOptions): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/people/:id/risk-assessments',
    {
      config: apiRoute('case:read', 'RISK_ASSESSMENT'),
      schema: {
        tags: ['MASH'],
        summary: 'Record a CSE risk assessment',
        params: IdParams,
        body: AssessmentBody,
        response: { 201: Type.Any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => {
        // Reading the child is the route's need; assessing takes an assessor too (audited 403 otherwise).
        if (!mayAssessRisk(request.principal)) throw new ForbiddenError();
        const saved = await service.assessRisk(
          tx,
          request.principal,
          request.params.id,
          request.body as service.AssessmentInput,
          options.repeatMissingFeed,
        );
        return { statusCode: 201, body: withCodeLabels(plain(saved), LABELLERS) };
      }),
  );
}
