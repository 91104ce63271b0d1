/**
 * The MASH API: the hub's queue, an episode with everything the caller may see of it, and every step from
 * triage to decision. Contributions reach callers outside the MASH only where their owner marked them
 * releasable (row-level security). Recording a CSE risk assessment is the risk module's API (src/risk/api.ts).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RECIPIENT_KINDS } from '../platform/access/policy-sharing.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import { type CodeEntry, labelOf } from '../platform/codes/code-list.ts';
import {
  RAG_RATINGS,
  REFERRAL_STATUSES,
  SOCIAL_CARE_OUTCOMES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import { closed, Opt, Text, Uuid } from '../platform/http/api-schemas.ts';
import {
  apiRoute,
  errorResponses,
  IdParams,
  idempotentWrite,
  plainWithCodeLabels,
} from '../platform/http/api-support.ts';
import { ListPagingQuerystring, listPagingOrFail, pagingDescription } from '../platform/http/list-paging.ts';
import { CONTACT_OUTCOMES, LEGAL_BASES, REFERRAL_OUTCOMES, SHARING_CHANNELS } from './codes.ts';
import * as dashboardService from './dashboard-service.ts';
import {
  type ContributionInput,
  type DecisionInput,
  MAX_GRANT_DAYS,
  SHARED_ITEMS,
  type SharingDecisionInput,
  type StrategyDiscussionInput,
} from './decision-rules.ts';
import * as researchService from './research-service.ts';
import * as service from './service.ts';
import * as sharingService from './sharing-service.ts';
import * as strategyService from './strategy-service.ts';

const Any = Type.Any();

const RagBody = Type.Object(
  { rag: Text(10), rationale: Text(5000), expectedCurrent: Opt(Text(10)) },
  { ...closed, description: 'expectedCurrent: the rating you saw (null at triage); a stale one is refused' },
);
const ResearchBody = Type.Object({ agencyIds: Type.Array(Uuid, { maxItems: 30 }) }, closed);
const ContributionBody = Type.Object(
  {
    summary: Text(10_000),
    relevantHistory: Opt(Text(10_000)),
    riskInformation: Opt(Text(10_000)),
    releasable: Type.Boolean(),
    handlingCode: Opt(Text(1)),
  },
  closed,
);
const SharingBody = Type.Object(
  {
    decision: Text(20),
    decidedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    purpose: Text(2000),
    information: Text(5000),
    recipients: Type.Array(
      Type.Object({ kind: Type.Union(RECIPIENT_KINDS.map((k) => Type.Literal(k))), id: Uuid }, closed),
      { maxItems: 20 },
    ),
    items: Type.Optional(
      Type.Array(Type.Union(SHARED_ITEMS.map((i) => Type.Literal(i))), { maxItems: 4, uniqueItems: true }),
    ),
    contributionIds: Type.Optional(Type.Array(Uuid, { maxItems: 40, uniqueItems: true })),
    periodDays: Opt(Type.Integer({ minimum: 1, maximum: MAX_GRANT_DAYS })),
    channel: Opt(Text(30)),
    legalBasis: Text(40),
    legalBasisOther: Opt(Text(500)),
    consentSought: Type.Boolean(),
    consentNotSoughtReason: Opt(Text(2000)),
    necessityProportionality: Text(5000),
  },
  {
    ...closed,
    description:
      'A decision to SHARE grants each recipient (an agency, team or user, by id) read access to the items ' +
      '(REFERRAL, STRATEGY, DECISION, RISK_ASSESSMENT) and contributionIds (releasable ones only) for ' +
      'periodDays (default 90); NOT_SHARE grants nothing.',
  },
);
const RevokeBody = Type.Object({ reason: Text(2000) }, closed);
const StrategyBody = Type.Object(
  {
    heldAt: Type.String({ format: 'date-time', maxLength: 40 }),
    attendees: Type.Array(
      Type.Object({ agencyId: Opt(Uuid), name: Text(200), role: Opt(Text(200)) }, closed),
      { maxItems: 40 },
    ),
    decisions: Text(10_000),
    actions: Type.Array(
      Type.Object(
        { description: Text(2000), ownerAgencyId: Opt(Uuid), ownerName: Text(200), dueDate: Text(10) },
        closed,
      ),
      { maxItems: 40 },
    ),
    section47: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  closed,
);
const DecisionBody = Type.Object(
  {
    contactOutcome: Text(40),
    referralOutcome: Opt(Text(40)),
    statutoryMeasures: Type.Array(Text(5), { maxItems: 6, uniqueItems: true }),
    cinFactors: Type.Array(Text(5), { maxItems: 30, uniqueItems: true }),
    nfaReason: Opt(Text(2000)),
    rationale: Text(10_000),
    feedbackToReferrer: Text(5000),
  },
  closed,
);

const of = (list: readonly CodeEntry[]) => (code: string) => labelOf(list, code);

/** The MASH's codes and their labels, by the property names its answers use (the API answers both). */
const LABELLERS = {
  rag: of(RAG_RATINGS),
  from_rag: of(RAG_RATINGS),
  to_rag: of(RAG_RATINGS),
  urgency: of(URGENCIES),
  status: of(REFERRAL_STATUSES),
  area: (code: string) => areaLabel(code),
  contact_outcome: of(CONTACT_OUTCOMES),
  referral_outcome: of(REFERRAL_OUTCOMES),
  social_care_outcome: of(SOCIAL_CARE_OUTCOMES),
  contactOutcome: of(CONTACT_OUTCOMES),
  referralOutcome: of(REFERRAL_OUTCOMES),
  legal_basis: of(LEGAL_BASES),
  legalBasis: of(LEGAL_BASES),
  channel: of(SHARING_CHANNELS),
};

const labelled = (value: unknown) => plainWithCodeLabels(value, LABELLERS);

export async function mashApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['MASH'];

  app.get(
    '/api/v1/mash/queue',
    {
      config: apiRoute('mash:triage', 'MASH_QUEUE_VIEW'),
      schema: {
        tags,
        summary: 'The hub’s open referrals, soonest deadline first',
        description: pagingDescription(),
        querystring: ListPagingQuerystring,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) => {
      const paging = listPagingOrFail(request.query);
      const page = await request.tx((tx) => service.queueView(tx, paging));
      return { episodes: labelled(page.entries), next: page.next };
    },
  );

  app.get(
    '/api/v1/mash/episodes/:id',
    {
      config: apiRoute('case:read', 'MASH_EPISODE_VIEW'),
      schema: {
        tags,
        summary: 'An episode: RAG history, research, sharing, strategy, decision',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) => request.tx(async (tx) => labelled(await service.viewEpisode(tx, request.params.id))),
  );

  const write = <B extends TSchema>(
    url: string,
    permission: Parameters<typeof apiRoute>[0],
    audit: string,
    body: B,
    summary: string,
    run: (
      tx: Parameters<typeof service.viewEpisode>[0],
      request: { principal: Parameters<typeof service.setRag>[1]; params: { id: string }; body: unknown },
    ) => Promise<unknown>,
  ) =>
    app.post(
      url,
      {
        config: apiRoute(permission, audit),
        schema: { tags, summary, params: IdParams, body, response: { 201: Any, ...errorResponses } },
      },
      async (request, reply) =>
        idempotentWrite(request, reply, async (tx) => ({
          statusCode: 201,
          body: labelled((await run(tx, request as never)) ?? { ok: true }),
        })),
    );

  write(
    '/api/v1/mash/episodes/:id/rag',
    // A practitioner sets the first RAG; the service (the access policy) keeps a change to a manager.
    'mash:triage',
    'MASH_RAG_CHANGE',
    RagBody,
    'Set or change the RAG rating, with a rationale',
    (tx, r) =>
      service.setRag(
        tx,
        r.principal,
        r.params.id,
        r.body as { rag: string; rationale: string; expectedCurrent?: string | null },
      ),
  );
  write(
    '/api/v1/mash/episodes/:id/research-requests',
    'mash:triage',
    'MASH_RESEARCH_REQUEST',
    ResearchBody,
    'Ask partner agencies for research',
    (tx, r) =>
      researchService.requestResearch(
        tx,
        r.principal,
        r.params.id,
        (r.body as { agencyIds: string[] }).agencyIds,
      ),
  );
  write(
    '/api/v1/mash/episodes/:id/contributions',
    'mash:contribute',
    'MASH_CONTRIBUTION',
    ContributionBody,
    'Record your agency’s research',
    async (tx, r) => ({
      id: await service.contribute(tx, r.principal, r.params.id, r.body as ContributionInput),
    }),
  );
  write(
    '/api/v1/mash/episodes/:id/sharing-decisions',
    'mash:share',
    'SHARING_DECISION',
    SharingBody,
    'Record a decision to share or not to share',
    async (tx, r) => ({
      id: await service.recordSharingDecision(tx, r.principal, r.params.id, r.body as SharingDecisionInput),
    }),
  );
  write(
    '/api/v1/mash/sharing-grants/:id/revoke',
    'mash:share',
    'SHARING_GRANT_REVOKE',
    RevokeBody,
    'End access under a sharing decision, with a reason; the recipient is refused from the next request',
    async (tx, r) => ({
      episodeId: await sharingService.revokeGrant(
        tx,
        r.principal,
        r.params.id,
        (r.body as { reason: string }).reason,
      ),
    }),
  );
  write(
    '/api/v1/mash/episodes/:id/strategy-discussions',
    'mash:triage',
    'MASH_STRATEGY_DISCUSSION',
    StrategyBody,
    'Record a strategy discussion and its actions',
    async (tx, r) => ({
      id: await strategyService.recordStrategyDiscussion(
        tx,
        r.principal,
        r.params.id,
        r.body as StrategyDiscussionInput,
      ),
    }),
  );
  write(
    '/api/v1/mash/episodes/:id/decision',
    'mash:decide',
    'MASH_DECISION',
    DecisionBody,
    'Record the decision and outcome; feeds back to the referrer',
    (tx, r) => service.decide(tx, r.principal, r.params.id, r.body as DecisionInput),
  );
  write(
    '/api/v1/mash/actions/:id/complete',
    'mash:triage',
    'MASH_ACTION_COMPLETE',
    Type.Object({}, closed),
    'Mark a strategy action done',
    (tx, r) => strategyService.completeAction(tx, r.principal, r.params.id),
  );
  app.get(
    '/api/v1/mash/dashboard',
    {
      config: apiRoute('mash:decide', 'MASH_DASHBOARD_VIEW'),
      schema: {
        tags,
        summary: 'Queue by RAG, breaches, timeliness and outcomes this month',
        response: { 200: Any, ...errorResponses },
      },
    },
    async (request) =>
      request.tx(async (tx) => {
        const now = new Date();
        const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
        const figures = await dashboardService.dashboard(tx, { from, to: now });
        await request.audit(tx, { details: { from: from.toISOString() } });
        return figures;
      }),
  );
}
