/**
 * The queue's pages: the hub's queue and decided list with filters and pages (GET, codes only in the query
 * string), the search by reference (POST: a reference goes in the body, never the URL) and the managers'
 * caseload. Registered by the MASH pages (routes.ts).
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayUseRoute } from '../platform/access/policy.ts';
import { formText } from '../platform/forms/body.ts';
import { pageRoute } from '../platform/http/page-route.ts';
import { caseloadPath, episodePath } from './paths.ts';
import * as queueService from './queue-service.ts';
import { caseloadView, queueListView } from './queue-view.ts';
import * as researchService from './research-service.ts';
import * as rolesService from './roles-service.ts';
import * as strategyService from './strategy-service.ts';

const page = pageRoute;

export async function queuePageRoutes(app: FastifyInstance): Promise<void> {
  const renderQueue = async (
    request: FastifyRequest,
    search: { error: string; reference: string } | null,
  ) => {
    const now = new Date();
    const query = queueService.parseQueueQuery(search ? {} : request.query, request.principal);
    return request.tx(async (tx) => {
      // queuePage writes the MASH_QUEUE_VIEW event.
      const result = await queueService.queuePage(tx, request.principal, query, now);
      const overdue = await strategyService.overdueActions(tx, now);
      const research = await researchService.overdueResearch(tx, now);
      const view = queueListView({
        query,
        areas: request.principal.areas,
        total: result.total,
        entries: result.entries,
        members: result.members,
        overdue,
        research,
        now,
        searchError: search?.error ?? null,
        searchReference: search?.reference ?? '',
      });
      // The caseload is the managers' page: a link only for those its route admits.
      return {
        ...view,
        overdueShownMax: strategyService.OVERDUE_ACTIONS_SHOWN,
        caseloadHref: mayUseRoute(request.principal, 'mash:decide') ? caseloadPath() : null,
      };
    });
  };

  app.get('/mash', page('mash:triage', 'MASH_QUEUE_VIEW'), async (request, reply) =>
    reply.page('mash/views/queue.njk', await renderQueue(request, null)),
  );

  app.post('/mash/search', page('mash:triage', 'MASH_REFERENCE_SEARCH'), async (request, reply) => {
    const reference = formText(request.body, 'reference', 40).trim();
    // findByReference writes MASH_REFERENCE_SEARCH, found or not.
    const id = await request.tx((tx) => queueService.findByReference(tx, reference));
    if (id) return reply.redirect(episodePath(id), 303);
    const error = reference
      ? 'No referral with that reference in your hubs'
      : 'Enter a referral reference, like VR-2026-000123';
    return reply.page('mash/views/queue.njk', await renderQueue(request, { error, reference }), 400);
  });

  app.get(caseloadPath(), page('mash:decide', 'MASH_CASELOAD_VIEW'), async (request, reply) => {
    // caseload writes MASH_CASELOAD_VIEW.
    const rows = await request.tx((tx) => rolesService.caseload(tx, new Date()));
    return reply.page('mash/views/caseload.njk', caseloadView(rows, request.principal.areas.length > 1));
  });
}
