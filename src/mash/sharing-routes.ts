/**
 * Sharing grants' pages (SECURITY 31, decision 0017): "Shared with you" (the active grants naming the
 * signed-in user, directly, through a team or through their agency), the shared page (exactly the items one
 * grant names, audited as a disclosure read) and ending a grant (a hub member who records sharing
 * decisions, with a reason). A grant outside its recipient, period or revoked answers 404 and is audited.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isUuid } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import { SHARED_READ_PERMISSIONS } from '../platform/access/policy-sharing.ts';
import { formText } from '../platform/forms/body.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { episodeNoticePath, episodePath, revokeGrantPath } from './paths.ts';
import * as sharing from './sharing-service.ts';
import { grantsView, sharedListView, sharedPageView } from './sharing-view.ts';

function page(permission: Permission | readonly Permission[], audit: string) {
  return { config: { access: { permission, audit, surface: 'page' as const } } };
}

const PAGE_SIZE = 25;

function idOf(raw: string | undefined): string {
  if (!raw || !isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

function pageOf(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.['page'];
  const n = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}

export async function sharingPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/shared', page(SHARED_READ_PERMISSIONS, 'SHARED_LIST_VIEW'), async (request, reply) => {
    const now = new Date();
    const current = pageOf(request.query);
    const { rows, total } = await request.tx(async (tx) => {
      const found = await sharing.sharedWithYou(tx, request.principal, now, {
        limit: PAGE_SIZE,
        offset: (current - 1) * PAGE_SIZE,
      });
      await request.audit(tx, { details: { page: current, shown: found.rows.length } });
      return found;
    });
    return reply.page('mash/views/shared-list.njk', sharedListView(rows, total, current, PAGE_SIZE));
  });

  app.get<{ Params: { id: string } }>(
    '/shared/:id',
    page(SHARED_READ_PERMISSIONS, 'SHARED_RECORD_VIEW'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      // viewSharedGrant decides access (404 and ACCESS_DENIED outside the grant) and writes the event.
      const shared = await request.tx((tx) => sharing.viewSharedGrant(tx, request.principal, id));
      return reply.page('mash/views/shared.njk', sharedPageView(shared));
    },
  );

  // ---------------------------------------------------------------- ending a grant

  const renderRevoke = async (
    reply: FastifyReply,
    grant: sharing.GrantRow,
    reason: string,
    errors: FieldError[] = [],
    status?: number,
  ) => {
    const [view] = grantsView([grant], new Date(), true);
    return reply.page(
      'mash/views/revoke-grant.njk',
      {
        title: 'End access under a sharing decision',
        grant: view,
        action: revokeGrantPath(grant.id),
        back: episodePath(grant.episode_id),
        reason,
        ...errorView(errors),
      },
      status,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/mash/sharing-grants/:id/revoke',
    page('mash:share', 'SHARING_GRANT_VIEW'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const grant = await request.tx(async (tx) => {
        const found = await sharing.grantForHub(tx, request.principal, id);
        await request.audit(tx, { subjectType: 'sharing_grant', subjectId: id });
        return found;
      });
      return renderRevoke(reply, grant, '');
    },
  );

  app.post<{ Params: { id: string } }>(
    '/mash/sharing-grants/:id/revoke',
    page('mash:share', 'SHARING_GRANT_REVOKE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const reason = formText(request.body, 'reason', 2001).trim();
      try {
        // revokeGrant decides (the policy's mayRevokeGrant), writes and audits SHARING_GRANT_REVOKE.
        const episodeId = await request.tx((tx) => sharing.revokeGrant(tx, request.principal, id, reason));
        return reply.redirect(episodeNoticePath(episodeId, 'access-ended'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
        const details = error.details.length ? error.details : [{ field: 'reason', message: error.message }];
        const grant = await request.tx(async (tx) => {
          const found = await sharing.grantForHub(tx, request.principal, id);
          await request.audit(tx, {
            subjectType: 'sharing_grant',
            subjectId: id,
            outcome: 'FAILURE',
            details: { errors: details.map((e) => e.field) },
          });
          return found;
        });
        return renderRevoke(reply, grant, reason, details, error.statusCode);
      }
    },
  );
}
