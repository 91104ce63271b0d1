/**
 * The practitioners' queue of possible matches: confirm merges the two people, reject keeps them apart;
 * both need a reason and are audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/transaction.ts';
import { type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { MATCH_THRESHOLDS } from './identity/index.ts';
import { type MatchView, matchQueueView, noticeOf, percent } from './identity-view.ts';
import { pendingMatches, restrictedAmong } from './matching-store.ts';
import { matchesPath } from './paths.ts';
import { decideMatch } from './review.ts';
import { idOf, page, reasonProblem, text } from './route-support.ts';

async function queueOf(tx: Tx): Promise<MatchView[]> {
  const rows = await pendingMatches(tx);
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.candidate_person_id]))];
  return matchQueueView(rows, await restrictedAmong(tx, ids));
}

export async function matchRoutes(app: FastifyInstance): Promise<void> {
  const renderQueue = (
    request: FastifyRequest,
    reply: FastifyReply,
    matches: MatchView[],
    failed: { id: string; reason: string; errors: FieldError[] } | null = null,
  ) => {
    const errors = failed?.errors.map((e) => ({ ...e, field: `reason-${failed.id}` })) ?? [];
    return reply.page(
      'people/views/matches.njk',
      {
        title: 'Possible matches to review',
        matches,
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
    const matches = await request.tx(async (tx) => {
      const rows = await queueOf(tx);
      await request.audit(tx, { subjectType: 'match_candidate', details: { shown: rows.length } });
      return rows;
    });
    return renderQueue(request, reply, matches);
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
        try {
          const problems = reasonProblem(reason);
          if (problems.length) throw new ValidationError(problems);
          // decideMatch writes MATCH_CONFIRM or MATCH_REJECT (and PERSON_MERGE on confirming).
          await request.tx((tx) => decideMatch(tx, request.principal, { matchId: id, decision, reason }));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return request.tx(async (tx) => {
            const matches = await queueOf(tx);
            // A match the caller may not see answers like a missing one, whatever was wrong with the form.
            if (!matches.some((m) => m.id === id)) throw new NotFoundError();
            await request.audit(tx, {
              subjectType: 'match_candidate',
              subjectId: id,
              outcome: 'FAILURE',
              details: { errors: error.details.map((e) => e.field) },
            });
            return renderQueue(request, reply, matches, { id, reason, errors: error.details });
          });
        }
        return reply.redirect(matchesPath(notice), 303);
      },
    );
  }
}
