/** The referrals the caller may see, with the hub's feedback, and each referral's page. */
import type { FastifyInstance } from 'fastify';
import { referralListScope } from '../platform/access/policy-referrals.ts';
import { pageRequest, paginationView } from '../platform/views/pagination.ts';
import { ROUTE } from './paths.ts';
import { AUDIT, page } from './route-support.ts';
import * as routing from './routing-service.ts';
import * as service from './service.ts';
import { referralListItem, referralPageView } from './view-models.ts';

export async function referralViewRoutes(app: FastifyInstance): Promise<void> {
  app.get(ROUTE.referrals, page('referral:read-own-agency', AUDIT.REFERRAL_LIST), async (request, reply) => {
    // A page number in the query (a number only); a bad one falls back to page 1. referralsPage writes the
    // REFERRAL_LIST event.
    const { page } = pageRequest(request.query);
    const { rows, total } = await request.tx((tx) => service.referralsPage(tx, request.principal, page));
    const caseReader = !referralListScope(request.principal).ownAgencyOnly;
    return reply.page('referrals/views/list.njk', {
      title: caseReader ? 'Referrals to your hub' : 'Your agency’s referrals',
      caseReader,
      total,
      ...paginationView(
        page,
        total,
        (n) => (n > 1 ? `${ROUTE.referrals}?page=${n}` : ROUTE.referrals),
        service.REFERRAL_PAGE_SIZE,
      ),
      referrals: rows.map((r) => referralListItem(r, request.principal.agencyId)),
    });
  });

  app.get<{ Params: { id: string } }>(
    ROUTE.referral,
    page('referral:read-own-agency', AUDIT.REFERRAL_VIEW),
    async (request, reply) => {
      // viewVictimReferral writes the REFERRAL_VIEW event.
      const { view, mayCorrectDivision } = await request.tx(async (tx) => ({
        view: await service.viewVictimReferral(tx, request.principal, request.params.id),
        mayCorrectDivision: await routing.mayCorrectDivision(tx, request.principal),
      }));
      return reply.page('referrals/views/referral.njk', {
        ...referralPageView(view),
        mayCorrectDivision: mayCorrectDivision && view.caseReader,
      });
    },
  );
}
