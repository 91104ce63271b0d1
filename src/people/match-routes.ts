/**
 * The practitioners' queue of possible matches: confirm merges the two people, reject keeps them apart;
 * both need a reason and are audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import { type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { pageNumberOf, pageRequest, pageWindow, paginationView } from '../platform/views/pagination.ts';
import { errorView } from '../platform/views/render.ts';
import { MATCH_THRESHOLDS } from './identity/index.ts';
import { type MatchView, matchQueueView, noticeOf, percent } from './identity-view.ts';
import { countPendingMatches, pendingMatches, restrictedAmong } from './matching-store.ts';
import { MATCHES_PATH, matchesPath, type PeopleNotice } from './paths.ts';
import { decideMatch } from './review.ts';
import { idOf, page, reasonProblem, text } from './route-support.ts';

/**
 * Each match is a heavy section (the two records, the model's explanation and a form), so a page holds 20:
 * about the height the whole queue had before paging in the demo.
 */
export const MATCH_PAGE_SIZE = 20;

interface QueuePage {
  matches: MatchView[];
  total: number;
  page: number;
}

async function queueOf(tx: Tx, page: number): Promise<QueuePage> {
  const total = await countPendingMatches(tx);
  const { limit, offset } = pageWindow(page, MATCH_PAGE_SIZE);
  const rows = await pendingMatches(tx, limit, offset);
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.candidate_person_id]))];
  return { matches: matchQueueView(rows, await restrictedAmong(tx, ids)), total, page };
}

/** The queue's page n, with a notice after a decision (codes and numbers only in the URL). */
function queuePagePath(n: number, notice?: PeopleNotice): string {
  if (n <= 1) return matchesPath(notice);
  return notice ? `${matchesPath(notice)}&page=${n}` : `${MATCHES_PATH}?page=${n}`;
}

export async function matchRoutes(app: FastifyInstance): Promise<void> {
  const renderQueue = (
    request: FastifyRequest,
    reply: FastifyReply,
    queue: QueuePage,
    failed: { id: string; reason: string; errors: FieldError[] } | null = null,
  ) => {
    const errors = failed?.errors.map((e) => ({ ...e, field: `reason-${failed.id}` })) ?? [];
    return reply.page(
      'people/views/matches.njk',
      {
        title: 'Possible matches to review',
        matches: queue.matches,
        total: queue.total,
        page: queue.page,
        ...paginationView(queue.page, queue.total, (n) => queuePagePath(n), MATCH_PAGE_SIZE),
        notice: failed ? null : noticeOf(request.query),
        reasons: failed ? { [failed.id]: failed.reason } : {},
        thresholds: {
          review: percent(MATCH_THRESHOLDS.review),
          autoLink: percent(MATCH_THRESHOLDS.autoLink),
        },
        ...errorView(errors),
      },
      failed ? 400 : undefined,
    );
  };

  app.get('/matches', page('people:merge', 'MATCH_QUEUE_VIEW'), async (request, reply) => {
    // A page number in the query (a number only); a bad one falls back to page 1.
    const queue = await request.tx(async (tx) => {
      const found = await queueOf(tx, pageRequest(request.query).page);
      await request.audit(tx, {
        subjectType: 'match_candidate',
        details: { shown: found.matches.length, total: found.total, page: found.page },
      });
      return found;
    });
    return renderQueue(request, reply, queue);
  });

  for (const [decision, path, audit, notice] of [
    ['CONFIRM', 'confirm', 'MATCH_CONFIRM', 'match-confirmed'],
    ['REJECT', 'reject', 'MATCH_REJECT', 'match-rejected'],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/matches/:id/${path}`,
      page('people:merge', audit),
      async (request, reply) => {
        const id = idOf(request.params.id);
        const reason = text(request.body, 'reason', 2100);
        // The form carries the page it was on, so that an error shows that page again and a decision
        // returns to it.
        const onPage = pageNumberOf((request.body as Record<string, unknown> | undefined)?.page);
        try {
          const problems = reasonProblem(reason);
          if (problems.length) throw new ValidationError(problems);
          // decideMatch writes MATCH_CONFIRM or MATCH_REJECT (and PERSON_MERGE on confirming).
          await request.tx((tx) => decideMatch(tx, request.principal, { matchId: id, decision, reason }));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return request.tx(async (tx) => {
            const queue = await queueOf(tx, onPage);
            // A match the caller may not see answers like a missing one, whatever was wrong with the form.
            if (!queue.matches.some((m) => m.id === id)) throw new NotFoundError();
            await request.audit(tx, {
              subjectType: 'match_candidate',
              subjectId: id,
              outcome: 'FAILURE',
              details: { errors: error.details.map((e) => e.field) },
            });
            return renderQueue(request, reply, queue, { id, reason, errors: error.details });
          });
        }
        return reply.redirect(queuePagePath(onPage, notice), 303);
      },
    );
  }
}
