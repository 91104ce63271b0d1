/**
 * The ranked list of the people who pose the greatest risk, and those still posing a risk with no tactic in
 * force (issue 17 item 4), as far as the reader may see them. Each score comes with its working.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { type PriorityFacts, type Ranked, rank, withoutActiveTactic } from './priority-rules.ts';
import { priorityFacts } from './priority-store.ts';

export const LIST_LENGTH = 50;

export async function priorities(
  tx: Tx,
  now: Date = new Date(),
): Promise<{ top: Ranked[]; review: Ranked[]; people: number }> {
  const today = formatLocalDate(toLocalDate(now));
  const rows = await priorityFacts(tx, today);
  const facts: PriorityFacts[] = rows.map((r) => ({
    personId: r.person_id,
    name: r.name ?? 'Name not recorded',
    lastEventOn: r.last_event_on,
    eventsInYear: r.events_in_year,
    linkedChildren: r.linked_children,
    kinds: r.kinds,
    activeTactic: r.active_tactic,
  }));
  const ranked = rank(facts, today);
  return {
    top: ranked.slice(0, LIST_LENGTH),
    review: withoutActiveTactic(ranked).slice(0, LIST_LENGTH),
    people: ranked.length,
  };
}
