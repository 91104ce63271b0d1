/** OpenID Connect sign-in: registered only when LANTERN_OIDC_ISSUER is configured. */
import type { FastifyInstance } from 'fastify';

export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  if (!app.config.oidc) return;
  throw new Error('OpenID Connect sign-in is configured but not yet implemented');
}
