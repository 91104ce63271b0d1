/**
 * Moving an episode between hubs (decision 0014): the transfer page (the hubs to choose from, a reason and
 * the episode's transfers so far) and its post, the holding hub's confirmation of a referral flagged "hub
 * to confirm", and the API's transfer. The routes declare `mash:triage`; whether the caller is in the hub
 * holding the episode is the access policy's (mayActOnEpisode 'transfer'), asked by the transfer service.
 */

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayActOnEpisode } from '../platform/access/policy-mash.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import { apiRoute, errorResponses, IdParams, idempotentWrite } from '../platform/http/api-support.ts';
import { type FieldError, ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { recordIdOf } from '../platform/http/page-route.ts';
import { ukDateTime } from '../platform/time/display.ts';
import { episodeNoticePath, episodePath, queuePath, TRANSFER_ROUTES } from './paths.ts';
import { openEpisode } from './service.ts';
import * as transfers from './transfer-service.ts';

const page = (audit: string) => ({
  config: { access: { permission: 'mash:triage' as const, audit, surface: 'page' as const } },
});

const AUDIT = {
  TRANSFER_VIEW: 'MASH_EPISODE_VIEW', // page
  TRANSFER: 'MASH_EPISODE_TRANSFER', // transfers.transferEpisode
  CONFIRM: 'MASH_HUB_CONFIRM', // transfers.confirmHub
} as const;

const idOf = recordIdOf;

interface TransferForm {
  toArea: string;
  reason: string;
}

async function renderTransfer(
  request: FastifyRequest,
  reply: FastifyReply,
  tx: Tx,
  id: string,
  values: TransferForm | null,
  errors: FieldError[] = [],
) {
  const episode = await openEpisode(tx, id);
  const facts = { area: episode.area, open: !episode.closed_at, agencyKnown: true };
  if (!mayActOnEpisode(request.principal, 'transfer', facts))
    throw new ForbiddenError('Only a member of the hub holding this referral can transfer it');
  const targets = await transfers.transferTargets(tx, episode);
  const history = await transfers.transferHistory(tx, id);
  return reply.page(
    'mash/views/transfer.njk',
    {
      title: `Transfer ${episode.reference} to another hub`,
      reference: episode.reference,
      back: episodePath(id),
      hubName: areaLabel(episode.area),
      hubItems: [
        { value: '', text: 'Select a hub' },
        ...targets.map((a) => ({ value: a, text: areaLabel(a), selected: a === values?.toArea })),
      ],
      reason: values?.reason ?? '',
      history: history.map((h) => ({
        from: areaLabel(h.from_area),
        to: areaLabel(h.to_area),
        reason: h.reason,
        by: h.transferred_by_label,
        at: ukDateTime(h.transferred_at),
      })),
      ...errorsForPage(errors),
    },
    errors.length ? 400 : 200,
  );
}

export async function transferRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get<{ Params: { id: string } }>(
    TRANSFER_ROUTES.transfer,
    page(AUDIT.TRANSFER_VIEW),
    async (request, reply) => {
      const id = idOf(request.params.id);
      return request.tx(async (tx) => {
        const result = await renderTransfer(request, reply, tx, id, null);
        await request.audit(tx, { subjectType: 'mash_episode', subjectId: id });
        return result;
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    TRANSFER_ROUTES.transfer,
    page(AUDIT.TRANSFER),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const values = {
        toArea: formText(request.body, 'toArea', 100).trim(),
        reason: formText(request.body, 'reason', 2100).trim(),
      };
      try {
        await request.tx((tx) => transfers.transferEpisode(tx, request.principal, id, values));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          await request.audit(tx, {
            subjectType: 'mash_episode',
            subjectId: id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return renderTransfer(request, reply, tx, id, values, error.details);
        });
      }
      // The episode has left the caller's hub: back to the queue, which no longer shows it.
      return reply.redirect(queuePath(), 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    TRANSFER_ROUTES.confirmHub,
    page(AUDIT.CONFIRM),
    async (request, reply) => {
      const id = idOf(request.params.id);
      await request.tx((tx) => transfers.confirmHub(tx, request.principal, id));
      return reply.redirect(episodeNoticePath(id, 'hub-confirmed'), 303);
    },
  );

  app.post(
    '/api/v1/mash/episodes/:id/transfer',
    {
      config: apiRoute('mash:triage', AUDIT.TRANSFER),
      schema: {
        tags: ['MASH'],
        summary: 'Transfer an episode to another hub, with a reason',
        params: IdParams,
        body: Type.Object(
          { toArea: Type.String({ maxLength: 100 }), reason: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ fromArea: Type.String(), toArea: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => ({
        statusCode: 200,
        body: await transfers.transferEpisode(tx, request.principal, request.params.id, request.body),
      })),
  );
}
