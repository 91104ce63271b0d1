/**
 * MASH pages: the hub's queue against the clock, each episode from triage to decision (RAG with its history,
 * research and contributions as their owners marked them, sharing decisions, strategy discussions and the
 * decision with feedback), and the managers' dashboard. Each form posts to its own route; the service
 * validates, writes and audits, and a page never writes a second event for the same action. A failed form
 * shows the page again with its errors (400). CSE risk assessments and the child's flag are the risk
 * module's pages (src/risk/routes.ts).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import { episodeControls, inMashHub, mayAssessRisk } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { noticeFrom, pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import * as dashboardService from './dashboard-service.ts';
import { episodePageView, type FormState } from './episode-view.ts';
import {
  contributionFrom,
  decisionFrom,
  type EpisodeForm,
  formText,
  icpcFrom,
  ragFrom,
  researchFrom,
  reviewFrom,
  sharingFrom,
  strategyFrom,
} from './form.ts';
import { EPISODE_FORM_PATHS, episodeNoticePath, queuePath } from './paths.ts';
import { queuePageRoutes } from './queue-routes.ts';
import * as researchService from './research-service.ts';
import * as rolesService from './roles-service.ts';
import * as service from './service.ts';
import * as sharingService from './sharing-service.ts';
import * as strategyService from './strategy-service.ts';
import { dashboardPageView } from './view-models.ts';

const page = pageRoute;

/** The audit actions: the services write the ones marked so; the pages write the rest. */
const AUDIT = {
  QUEUE_VIEW: 'MASH_QUEUE_VIEW', // service.queueView
  EPISODE_VIEW: 'MASH_EPISODE_VIEW', // service.viewEpisode
  RAG_CHANGE: 'MASH_RAG_CHANGE', // service.setRag
  RESEARCH_REQUEST: 'MASH_RESEARCH_REQUEST', // service.requestResearch
  CONTRIBUTION: 'MASH_CONTRIBUTION', // service.contribute
  SHARING_DECISION: 'SHARING_DECISION', // service.recordSharingDecision
  STRATEGY_DISCUSSION: 'MASH_STRATEGY_DISCUSSION', // strategyService.recordStrategyDiscussion
  ACTION_COMPLETE: 'MASH_ACTION_COMPLETE', // strategyService.completeAction
  DECISION: 'MASH_DECISION', // service.decide
  PROPOSAL: 'MASH_DECISION_PROPOSED', // rolesService.proposeDecision
  APPROVAL: 'MASH_DECISION_APPROVED', // rolesService.approveProposal (and MASH_DECISION by service.decide)
  RETURN: 'MASH_DECISION_RETURNED', // rolesService.returnProposal
  ALLOCATION: 'MASH_ALLOCATION', // rolesService.allocateEpisode
  ICPC: 'MASH_ICPC_RECORDED', // rolesService.recordIcpc
  DASHBOARD_VIEW: 'MASH_DASHBOARD_VIEW', // page
} as const;

const NOTICES: Record<string, string> = {
  'rag-set': 'RAG rating saved',
  'research-requested': 'Research requested',
  contributed: 'Your agency’s research has been recorded',
  'sharing-recorded': 'Information sharing decision recorded',
  'access-ended': 'Access ended: the recipient can no longer see what was shared',
  'strategy-recorded': 'Strategy discussion recorded',
  'action-completed': 'Action marked as done',
  decided: 'Decision recorded. The referrer can now see the feedback.',
  'hub-confirmed': 'This hub is confirmed as the right one for the referral',
  proposed: 'Decision proposed. A MASH manager will approve or return it.',
  approved: 'Decision approved. The referrer can now see the feedback.',
  returned: 'Proposal returned to the practitioner with your reason',
  allocated: 'Referral allocated',
  'icpc-recorded': 'Conference date recorded',
};

function noticeOf(query: unknown): string | null {
  return noticeFrom(query, NOTICES);
}

const idOf = recordIdOf;

export async function mashPageRoutes(app: FastifyInstance): Promise<void> {
  // The queue, its filters, the search by reference and the caseload.
  await queuePageRoutes(app);

  // ---------------------------------------------------------------- an episode

  const renderEpisode = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tx: Tx,
    id: string,
    state: FormState | null = null,
  ) => {
    const now = new Date();
    const principal = request.principal;
    // viewEpisode decides scope (404 and ACCESS_DENIED outside it) and writes MASH_EPISODE_VIEW.
    const view = await service.viewEpisode(tx, id, now);
    const agencies = await service.agencies(tx);
    const own = agencies.find((a) => a.id === principal.agencyId) ?? null;
    const facts = {
      area: view.episode.area,
      open: !view.episode.closed_at,
      agencyKnown: own !== null,
      rated: view.episode.rag !== null,
    };
    const can = { ...episodeControls(principal, facts), assess: mayAssessRisk(principal) };
    const roles = await rolesService.episodeRoles(tx, view.episode, can.allocate);
    const researchAgencies = await researchService.researchAgencies(tx, view.episode.area);
    // The sharing form's recipients are chosen from the partnership's agencies, teams and staff.
    const recipients = can.share ? await sharingService.recipientChoices(tx) : null;
    return reply.page(
      'mash/views/episode.njk',
      episodePageView({
        view,
        agencies,
        researchAgencies,
        own,
        hub: inMashHub(principal, facts.area),
        can,
        recipients,
        state,
        roles: { ...roles, userId: principal.userId },
        notice: noticeOf(request.query),
        now,
      }),
      state?.status,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/mash/episodes/:id',
    page('case:read', AUDIT.EPISODE_VIEW),
    async (request, reply) => {
      const id = idOf(request.params.id);
      return request.tx((tx) => renderEpisode(request, reply, tx, id));
    },
  );

  /**
   * A form of the episode page: parse, let the service validate, write and audit, then redirect with a
   * notice. A validation (or conflict) error shows the episode again with the form open and its values
   * kept; the failure is audited once, under the route's action, as FAILURE.
   */
  const episodeForm = <V>(
    path: string,
    permission: Permission,
    audit: string,
    form: EpisodeForm,
    notice: string,
    parse: (body: unknown) => { values: V; input: unknown },
    run: (tx: Tx, principal: Principal, id: string, input: never) => Promise<unknown>,
  ) =>
    app.post<{ Params: { id: string } }>(path, page(permission, audit), async (request, reply) => {
      const id = idOf(request.params.id);
      const { values, input } = parse(request.body);
      try {
        await request.tx((tx) => run(tx, request.principal, id, input as never));
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
        const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
        return request.tx(async (tx) => {
          await request.audit(tx, {
            subjectType: 'mash_episode',
            subjectId: id,
            outcome: 'FAILURE',
            details: { errors: details.map((e) => e.field) },
          });
          return renderEpisode(request, reply, tx, id, {
            form,
            values,
            errors: details,
            status: error.statusCode,
          });
        });
      }
      return reply.redirect(episodeNoticePath(id, notice), 303);
    });

  episodeForm(
    EPISODE_FORM_PATHS.rag,
    // A practitioner sets the first RAG; the service keeps a change to a manager (the access policy).
    'mash:triage',
    AUDIT.RAG_CHANGE,
    'rag',
    'rag-set',
    (body) => {
      const values = ragFrom(body);
      return { values, input: { ...values, expectedCurrent: values.expectedCurrent || null } };
    },
    (tx, principal, id, input: { rag: string; rationale: string; expectedCurrent: string | null }) => {
      // The API's schema caps the rationale; a form cannot, so it is checked here before the database does.
      if (input.rationale.length > 5000)
        throw new ValidationError([
          { field: 'rationale', message: 'The reason must be 5000 characters or fewer' },
        ]);
      return service.setRag(tx, principal, id, input);
    },
  );

  episodeForm(
    EPISODE_FORM_PATHS.research,
    'mash:triage',
    AUDIT.RESEARCH_REQUEST,
    'research',
    'research-requested',
    (body) => {
      const values = researchFrom(body);
      return { values, input: values };
    },
    (tx, principal, id, input: { agencyIds: string[] }) =>
      researchService.requestResearch(tx, principal, id, input.agencyIds),
  );

  episodeForm(
    EPISODE_FORM_PATHS.contribution,
    'mash:contribute',
    AUDIT.CONTRIBUTION,
    'contribution',
    'contributed',
    contributionFrom,
    (tx, principal, id, input) => service.contribute(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.sharing,
    'mash:share',
    AUDIT.SHARING_DECISION,
    'sharing',
    'sharing-recorded',
    sharingFrom,
    (tx, principal, id, input) => service.recordSharingDecision(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.strategy,
    'mash:triage',
    AUDIT.STRATEGY_DISCUSSION,
    'strategy',
    'strategy-recorded',
    strategyFrom,
    (tx, principal, id, input) => strategyService.recordStrategyDiscussion(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.decision,
    'mash:decide',
    AUDIT.DECISION,
    'decision',
    'decided',
    decisionFrom,
    (tx, principal, id, input) => service.decide(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.proposal,
    'mash:triage',
    AUDIT.PROPOSAL,
    'decision',
    'proposed',
    decisionFrom,
    (tx, principal, id, input) => rolesService.proposeDecision(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.approve,
    'mash:decide',
    AUDIT.APPROVAL,
    'review',
    'approved',
    reviewFrom,
    (tx, principal, id, input: { proposalId: string }) =>
      rolesService.approveProposal(tx, principal, id, input.proposalId),
  );

  episodeForm(
    EPISODE_FORM_PATHS.return,
    'mash:decide',
    AUDIT.RETURN,
    'review',
    'returned',
    reviewFrom,
    (tx, principal, id, input: { proposalId: string; reason: string }) =>
      rolesService.returnProposal(tx, principal, id, input),
  );

  episodeForm(
    EPISODE_FORM_PATHS.allocation,
    'mash:decide',
    AUDIT.ALLOCATION,
    'allocation',
    'allocated',
    (body) => {
      const values = { allocatedTo: formText(body, 'allocatedTo', 40) };
      return { values, input: values };
    },
    (tx, principal, id, input: { allocatedTo: string }) =>
      rolesService.allocateEpisode(tx, principal, id, input.allocatedTo),
  );

  episodeForm(
    EPISODE_FORM_PATHS.icpc,
    'mash:triage',
    AUDIT.ICPC,
    'icpc',
    'icpc-recorded',
    icpcFrom,
    (tx, principal, id, input: { heldOn: string }) =>
      rolesService.recordIcpc(tx, principal, id, input.heldOn),
  );

  app.post<{ Params: { id: string } }>(
    '/mash/actions/:id/complete',
    page('mash:triage', AUDIT.ACTION_COMPLETE),
    async (request, reply) => {
      const actionId = idOf(request.params.id);
      const episodeId = formText(request.body, 'episodeId', 60);
      // completeAction writes MASH_ACTION_COMPLETE; an action done already or out of scope is 404.
      await request.tx((tx) => strategyService.completeAction(tx, request.principal, actionId));
      return reply.redirect(
        isUuid(episodeId) ? episodeNoticePath(episodeId.toLowerCase(), 'action-completed') : queuePath(),
        303,
      );
    },
  );

  // ---------------------------------------------------------------- the dashboard

  app.get('/mash/dashboard', page('mash:decide', AUDIT.DASHBOARD_VIEW), async (request, reply) => {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const { figures, breached } = await request.tx(async (tx) => {
      const figures = await dashboardService.dashboard(tx, { from, to: now });
      const breached = await dashboardService.breachedNow(tx, now);
      await request.audit(tx, { details: { from: from.toISOString() } });
      return { figures, breached };
    });
    return reply.page('mash/views/dashboard.njk', dashboardPageView(figures, breached, now));
  });
}
