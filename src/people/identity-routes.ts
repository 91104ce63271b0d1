/**
 * Identity pages: the practitioners' queue of possible matches (./match-routes.ts) and merging people
 * from the person page, or undoing a merge (./merge-routes.ts). Candidates are only ever shown for people
 * the viewer may see (./candidates-service.ts).
 */
import type { FastifyInstance } from 'fastify';
import { matchRoutes } from './match-routes.ts';
import { mergeRoutes } from './merge-routes.ts';

export async function identityPageRoutes(app: FastifyInstance): Promise<void> {
  await matchRoutes(app);
  await mergeRoutes(app);
}
