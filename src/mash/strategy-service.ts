/**
 * Strategy discussions (who attended, what was decided, the actions with owners and due dates) and the
 * completion of their actions: validated with the pure rules, written through the store and audited, in the
 * caller's transaction.
 */
import { isUuid } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { type StrategyDiscussionInput, validateStrategyDiscussion } from './decision-rules.ts';
import { openEpisode, requireOpen } from './service.ts';
import * as store from './store.ts';
import { todayIso } from './view-models.ts';

export async function recordStrategyDiscussion(
  tx: Tx,
  principal: Principal,
  id: string,
  input: StrategyDiscussionInput,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const errors = validateStrategyDiscussion(input, now);
  if (errors.length) throw new ValidationError(errors);
  const discussionId = await store.insertStrategyDiscussion(tx, {
    episodeId: id,
    area: episode.area,
    heldAt: new Date(input.heldAt),
    attendees: input.attendees.filter((a) => a.name.trim()),
    decisions: input.decisions.trim(),
    label: principal.label,
    section47: typeof input.section47 === 'boolean' ? input.section47 : null,
  });
  for (const action of input.actions ?? []) {
    await store.insertAction(tx, {
      discussionId,
      episodeId: id,
      area: episode.area,
      description: action.description.trim(),
      ownerAgencyId: action.ownerAgencyId && isUuid(action.ownerAgencyId) ? action.ownerAgencyId : null,
      ownerName: action.ownerName.trim(),
      dueDate: action.dueDate,
    });
  }
  await store.setStage(tx, id, 'DISCUSSION');
  await appendAuditEvent(tx, {
    action: 'MASH_STRATEGY_DISCUSSION',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { discussionId, actions: input.actions?.length ?? 0 },
  });
  return discussionId;
}

export async function completeAction(tx: Tx, principal: Principal, actionId: string) {
  if (!isUuid(actionId) || !(await store.completeAction(tx, actionId, principal.label)))
    throw new NotFoundError();
  await appendAuditEvent(tx, {
    action: 'MASH_ACTION_COMPLETE',
    subjectType: 'strategy_action',
    subjectId: actionId,
  });
}

/** How many overdue actions the queue lists: the oldest; the owners find all of theirs in My work. */
export const OVERDUE_ACTIONS_SHOWN = 50;

/** Actions past their due date (a UK calendar day), the most overdue first. */
export function overdueActions(tx: Tx, now: Date = new Date(), limit = OVERDUE_ACTIONS_SHOWN) {
  return store.overdueActions(tx, todayIso(now), limit);
}
