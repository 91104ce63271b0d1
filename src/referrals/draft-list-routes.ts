/**
 * The referrer's unfinished referrals: the start page lists their own drafts (the child's name when given,
 * when last saved) with Resume and Discard; discarding asks for confirmation and is audited. Row-level
 * security lets only the owner read a draft; another's is an audited denial (loadDraft).
 */
import type { FastifyInstance } from 'fastify';
import { ukDateTime } from '../platform/time/display.ts';
import * as drafts from './draft-store.ts';
import { firstUnanswered, type VictimDraft } from './form.ts';
import { draftStepPath, newReferralPath, ROUTE } from './paths.ts';
import { type DraftParams, loadDraft, page } from './route-support.ts';

const DISCARD_ROUTE = '/referrals/drafts/:id/discard';
export const draftDiscardPath = (id: string): string => `/referrals/drafts/${id}/discard`;

function childOf(data: VictimDraft): string {
  const details = data.child?.details;
  const typed = [details?.forename, details?.surname].filter(Boolean).join(' ');
  return data.child?.personLabel || typed || 'Child not yet named';
}

/** Resume where the referrer stopped: the first unanswered step, or "Check your answers". */
function resumePath(id: string, data: VictimDraft): string {
  return draftStepPath(id, firstUnanswered(data) ?? 'check');
}

export async function draftListRoutes(app: FastifyInstance): Promise<void> {
  app.get(ROUTE.newReferral, page('referral:create', 'REFERRAL_DRAFT_LIST'), async (request, reply) => {
    const userId = request.principal.userId;
    const rows = await request.tx(async (tx) => {
      const found = userId ? await drafts.ownDrafts(tx, userId) : [];
      await request.audit(tx, { details: { drafts: found.length } });
      return found;
    });
    const discarded = (request.query as Record<string, unknown> | undefined)?.['discarded'] === '1';
    return reply.page('referrals/views/start.njk', {
      title: 'Refer a child at risk of exploitation',
      notice: discarded ? 'Unfinished referral discarded' : null,
      drafts: rows.map((d) => ({
        child: childOf(d.data ?? {}),
        started: ukDateTime(d.created_at),
        saved: ukDateTime(d.updated_at),
        resumeHref: resumePath(d.id, d.data ?? {}),
        discardHref: draftDiscardPath(d.id),
      })),
    });
  });

  app.get<{ Params: DraftParams }>(
    DISCARD_ROUTE,
    page('referral:create', 'REFERRAL_DRAFT_VIEW'),
    async (request, reply) => {
      const draft = await request.tx(async (tx) => {
        const loaded = await loadDraft(tx, request.params.id);
        await request.audit(tx, { subjectType: 'referral_draft', subjectId: loaded.id });
        return loaded;
      });
      return reply.page('referrals/views/draft-discard.njk', {
        title: 'Discard this unfinished referral?',
        child: childOf(draft.data),
        action: draftDiscardPath(draft.id),
        backHref: newReferralPath(),
      });
    },
  );

  app.post<{ Params: DraftParams }>(
    DISCARD_ROUTE,
    page('referral:create', 'REFERRAL_DRAFT_DISCARD'),
    async (request, reply) => {
      await request.tx(async (tx) => {
        const loaded = await loadDraft(tx, request.params.id);
        await drafts.deleteDraft(tx, loaded.id);
        await request.audit(tx, { subjectType: 'referral_draft', subjectId: loaded.id });
      });
      return reply.redirect(`${newReferralPath()}?discarded=1`, 303);
    },
  );
}
