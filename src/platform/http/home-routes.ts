/** The signed-in home page: what this user can do, by role. */
import type { FastifyInstance } from 'fastify';
import { ROLES } from '../access/permissions.ts';
import { mayApprove } from '../views/navigation.ts';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/',
    { config: { access: { permission: 'authenticated', audit: 'none', surface: 'page' } } },
    async (request, reply) =>
      reply.page('platform/http/views/home.njk', {
        title: 'Home',
        roleLabels: request.principal.roles.map((r) => ROLES[r].label),
        can: Object.fromEntries([...request.principal.permissions].map((p) => [p, true])),
        canApprove: mayApprove(request.principal),
      }),
  );
}
