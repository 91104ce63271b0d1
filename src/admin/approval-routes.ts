/**
 * The Approvals pages: requests for case permissions waiting for this person's decision, each with a
 * decision and a reason. Any signed-in user may open the pages; the policy decides, request by request, who
 * may decide what, and a refusal answers like a missing page and is audited (SECURITY 25).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorView } from '../platform/views/render.ts';
import { decide, listApprovable, openRequest } from './approval-service.ts';
import { AUDIT } from './audit-actions.ts';
import { type FormProblem, type IdParams, idOf, page, redirect, submitOrShowAgain } from './route-support.ts';
import { formText } from './rules.ts';
import { noticeFrom, permissionLabels, requestView } from './view-models.ts';

interface DecisionValues {
  decision?: string;
  reason?: string;
}

function decisionItems(selected: string | undefined) {
  return [
    { value: 'APPROVE', text: 'Approve', checked: selected === 'APPROVE' },
    { value: 'REJECT', text: 'Reject', checked: selected === 'REJECT' },
  ];
}

export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/approvals', page('authenticated', AUDIT.APPROVALS_VIEW), async (request, reply) => {
    const rows = await request.tx(async (tx) => {
      const mine = await listApprovable(tx, request.principal);
      await request.audit(tx, { subjectType: 'access_request', details: { shown: mine.length } });
      return mine;
    });
    return reply.page('admin/views/approvals.njk', {
      title: 'Approvals',
      requests: rows.map(requestView),
      notice: noticeFrom(request.query),
    });
  });

  const renderRequest = async (
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    form: { values?: DecisionValues; problem?: FormProblem } = {},
  ) => {
    const id = idOf(request);
    const row = await request.tx(async (tx) => {
      const { row: found } = await openRequest(tx, request.principal, id);
      await request.audit(tx, { action: AUDIT.APPROVALS_VIEW, subjectType: 'access_request', subjectId: id });
      return found;
    });
    const view = requestView(row);
    return reply.page(
      'admin/views/approval.njk',
      {
        title: view.title,
        request: view,
        values: form.values ?? {},
        decisionItems: decisionItems(form.values?.decision),
        ...errorView(form.problem?.errors ?? []),
      },
      form.problem?.status,
    );
  };

  app.get<{ Params: IdParams }>(
    '/approvals/:id',
    page('authenticated', AUDIT.APPROVALS_VIEW),
    (request, reply) => renderRequest(request, reply),
  );

  app.post<{ Params: IdParams }>(
    '/approvals/:id',
    page('authenticated', AUDIT.ACCESS_APPROVE),
    async (request, reply) => {
      const id = idOf(request);
      const values = {
        decision: formText(request.body, 'decision'),
        reason: formText(request.body, 'reason'),
      };
      return submitOrShowAgain(
        async () => {
          const outcome = await request.tx((tx) =>
            decide(tx, request.principal, id, { decision: values.decision, reason: values.reason }),
          );
          if (outcome.secret) {
            // Shown in this response only, to the approver: never stored, never in a URL, never shown again.
            return reply.page('admin/views/token-issued.njk', {
              title: 'Copy the token now',
              token: {
                secret: outcome.secret,
                name: outcome.request.token_name ?? '',
                agencyName: outcome.request.agency_name,
                permissions: permissionLabels(outcome.request.permissions),
                expiresAt: outcome.expiresAt,
              },
              backLink: { href: '/approvals', text: 'Back to approvals' },
            });
          }
          return redirect(
            reply,
            '/approvals',
            outcome.decision === 'APPROVE' ? 'access-approved' : 'access-rejected',
          );
        },
        (problem) => renderRequest(request, reply, { values, problem }),
      );
    },
  );
}
