/** The hub marks a MASH task done (the control is on My work); the service audits it. */
import type { FastifyInstance } from 'fastify';
import { completeMashTask } from './work-service.ts';

export async function mashTaskRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string } }>(
    '/mash-tasks/:id/complete',
    { config: { access: { permission: 'mash:triage', audit: 'MASH_TASK_COMPLETE', surface: 'page' } } },
    async (request, reply) => {
      await request.tx((tx) => completeMashTask(tx, request.principal, request.params.id));
      return reply.redirect('/my-work?notice=task-done', 303);
    },
  );
}
