/** The referrals the caller may see, with the hub's feedback, and each referral's page. */
import type { FastifyInstance } from 'fastify';
import { referralListScope } from '../platform/access/policy-referrals.ts';
import { pageRequest, previousNextView, withPage } from '../platform/views/pagination.ts';
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
    const { rows, more } = await request.tx((tx) => service.referralsPage(tx, request.principal, page));
    const caseReader = !referralListScope(request.principal).ownAgencyOnly;
    const first = (page - 1) * service.REFERRAL_PAGE_SIZE + 1;
    return reply.page('referrals/views/list.njk', {
      title: caseReader ? 'Referrals to your hub' : 'Your agency’s referrals',
      caseReader,
      // Previous and next only: the list is read a page at a time, without counting the rest.
      pagination: previousNextView(page, more, (n) => withPage(ROUTE.referrals, n)),
      showing: rows.length ? `Showing ${first} to ${first + rows.length - 1}, newest first` : '',
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
