/**
 * The referrals API for partner systems: submit victim and suspect referrals (idempotent with
 * `Idempotency-Key`), read them back within scope, with the feedback the hub gives the referrer.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import { apiRoute, errorResponses, IdParams, idempotentWrite } from '../platform/http/api-support.ts';
import {
  ListPagingQuerystring,
  listPagingOrFail,
  NextCursor,
  pagingDescription,
} from '../platform/http/list-paging.ts';
import {
  Created,
  Referral,
  ReferralSummary,
  SuspectReferralBody,
  SuspectReferralOut,
  VictimReferralBody,
} from './api-schemas.ts';
import { referralOut, summaryOut, suspectReferralOut } from './api-view.ts';
import type { SuspectReferralInput, VictimReferralInput } from './rules.ts';
import * as service from './service.ts';

/** Answers 201 with what the caller may see of the referral it submitted, once per Idempotency-Key. */
function submitted(
  request: FastifyRequest,
  reply: FastifyReply,
  submit: (tx: Tx) => Promise<{ id: string; reference: string; area: string | null }>,
) {
  return idempotentWrite(request, reply, async (tx) => ({
    statusCode: 201,
    body: service.createdAsSeenBy(request.principal, await submit(tx)),
  }));
}

export async function referralApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/referrals',
    {
      config: apiRoute('referral:create', 'REFERRAL_CREATE'),
      schema: {
        tags: ['Referrals'],
        summary: 'Refer a child at risk of exploitation',
        description: 'Send `Idempotency-Key` so that a retried request is applied once.',
        body: VictimReferralBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) =>
      submitted(request, reply, (tx) =>
        service.submitVictimReferral(tx, request.principal, request.body as VictimReferralInput),
      ),
  );

  app.get(
    '/api/v1/referrals',
    {
      config: apiRoute('referral:read-own-agency', 'REFERRAL_LIST'),
      schema: {
        tags: ['Referrals'],
        summary: 'Referrals in scope: your agency’s, or your hub’s',
        description: `Newest first. ${pagingDescription()}`,
        querystring: ListPagingQuerystring,
        response: {
          200: Type.Object({
            referrals: Type.Array(ReferralSummary),
            next: NextCursor,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const paging = listPagingOrFail(request.query);
      const page = await request.tx((tx) => service.listReferralsPage(tx, request.principal, paging));
      return { referrals: page.rows.map(summaryOut), next: page.next };
    },
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      config: apiRoute('referral:read-own-agency', 'REFERRAL_VIEW'),
      schema: {
        tags: ['Referrals'],
        summary: 'A referral, its status and outcome',
        params: IdParams,
        response: { 200: Referral, ...errorResponses },
      },
    },
    async (request) =>
      request.tx(async (tx) =>
        referralOut(await service.viewVictimReferral(tx, request.principal, request.params.id)),
      ),
  );

  app.post(
    '/api/v1/suspect-referrals',
    {
      config: apiRoute('referral:create', 'SUSPECT_REFERRAL_CREATE'),
      schema: {
        tags: ['Referrals'],
        summary: 'Refer a suspect or offender, linked to the children concerned',
        body: SuspectReferralBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) =>
      submitted(request, reply, (tx) =>
        service.submitSuspectReferral(tx, request.principal, request.body as SuspectReferralInput),
      ),
  );

  app.get(
    '/api/v1/suspect-referrals/:id',
    {
      config: apiRoute('referral:read-own-agency', 'SUSPECT_REFERRAL_VIEW'),
      schema: {
        tags: ['Referrals'],
        summary: 'A suspect referral',
        params: IdParams,
        response: { 200: SuspectReferralOut, ...errorResponses },
      },
    },
    async (request) =>
      request.tx(async (tx) => suspectReferralOut(await service.viewSuspectReferral(tx, request.params.id))),
  );
}
