/**
 * The practitioners' queue of possible matches: confirm merges the two people, reject keeps them apart;
 * both need a reason and are audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import { type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { pageNumberOf, pageRequest, pageWindow, previousNextView } from '../platform/views/pagination.ts';
import { errorView } from '../platform/views/render.ts';
import { MATCH_THRESHOLDS } from './identity/index.ts';
import { type MatchView, matchQueueView, noticeOf, percent } from './identity-view.ts';
import { pendingMatches, restrictedAmong } from './matching-store.ts';
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
  /** Whether another page follows. */
  more: boolean;
  page: number;
}

/**
 * A page of the queue and whether another follows, without counting the rest: counting checks row-level
 * security on every pending match (half a second at scale 20), while the page, read best first through
 * its index, checks only the rows it shows (decision 0024, as the referrals list).
 */
async function queueOf(tx: Tx, page: number): Promise<QueuePage> {
  const { limit, offset } = pageWindow(page, MATCH_PAGE_SIZE);
  const read = await pendingMatches(tx, limit + 1, offset);
  const rows = read.slice(0, limit);
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.candidate_person_id]))];
  return { matches: matchQueueView(rows, await restrictedAmong(tx, ids)), more: read.length > limit, page };
}

function showingOf(queue: QueuePage): string {
  if (!queue.matches.length) return '';
  const first = (queue.page - 1) * MATCH_PAGE_SIZE + 1;
  return `Showing ${first} to ${first + queue.matches.length - 1}, most likely first`;
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
        page: queue.page,
        pagination: previousNextView(queue.page, queue.more, (n) => queuePagePath(n)),
        showing: showingOf(queue),
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
        details: { shown: found.matches.length, more: found.more, page: found.page },
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
