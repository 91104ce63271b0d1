/**
 * The API tokens pages. A token without case permissions is issued at once and its secret shown once; a
 * token with a case permission is asked for, has no secret, and waits for a case-permission holder of its
 * agency, to whom the secret is shown when they approve it (SECURITY 25).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorView } from '../platform/views/render.ts';
import { type FormProblem, type IdParams, idOf, page, redirect, submitOrShowAgain } from './route-support.ts';
import { formText, tokenFromForm } from './rules.ts';
import * as service from './service.ts';
import { AUDIT, store } from './service.ts';
import { agencyItems, noticeFrom, permissionItems, permissionLabels, tokenListView } from './view-models.ts';

/** The token form as entered: the expiry stays as typed, so a bad value is shown back. */
interface TokenFormValues {
  name?: string;
  agencyId?: string;
  permissions?: string[];
  expiresInDays?: string;
}

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  const renderTokens = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: TokenFormValues; problem?: FormProblem } = {},
  ) => {
    const { tokens, agencies } = await request.tx(async (tx) => {
      const rows = await store.listTokens(tx);
      await request.audit(tx, {
        action: AUDIT.ADMIN_VIEW,
        subjectType: 'api_token',
        details: { list: 'tokens', shown: rows.length },
      });
      return { tokens: rows, agencies: await store.listAgencies(tx) };
    });
    const values = form.values ?? { expiresInDays: '90' };
    return reply.page(
      'admin/views/tokens.njk',
      {
        title: 'API tokens',
        tokens: tokenListView(tokens),
        values,
        agencyItems: agencyItems(agencies, values.agencyId),
        permissionItems: permissionItems(values.permissions ?? []),
        notice: noticeFrom(request.query),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get('/admin/tokens', page('admin:tokens', AUDIT.ADMIN_VIEW), (request, reply) =>
    renderTokens(request, reply),
  );

  app.post('/admin/tokens', page('admin:tokens', AUDIT.TOKEN_CREATE), async (request, reply) => {
    const input = tokenFromForm(request.body);
    return submitOrShowAgain(
      async () => {
        const issued = await request.tx(async (tx) => {
          const token = await service.requestToken(tx, input, request.principal.userId);
          const agency = await store.findAgency(tx, input.agencyId);
          return { ...token, agencyName: agency?.name ?? '' };
        });
        // A token waiting for approval has no secret yet: the administrator is never shown one.
        if (issued.pending) return redirect(reply, '/admin/tokens', 'token-requested');
        // The secret is shown in this response only: never stored, never in a URL, never shown again.
        return reply.page('admin/views/token-issued.njk', {
          title: 'Copy the token now',
          token: {
            ...issued,
            name: input.name.trim(),
            permissions: permissionLabels(input.permissions),
          },
          backLink: { href: '/admin/tokens', text: 'Back to API tokens' },
        });
      },
      (problem) =>
        renderTokens(request, reply, {
          values: { ...input, expiresInDays: formText(request.body, 'expiresInDays') },
          problem,
        }),
    );
  });

  app.post<{ Params: IdParams }>(
    '/admin/tokens/:id/revoke',
    page('admin:tokens', AUDIT.TOKEN_REVOKE),
    async (request, reply) => {
      const id = idOf(request);
      await request.tx((tx) => service.revokeToken(tx, id));
      return redirect(reply, '/admin/tokens', 'token-revoked');
    },
  );
}
