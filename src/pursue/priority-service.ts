/**
 * The ranked list of the people who pose the greatest risk, and those still posing a risk with no tactic in
 * force (issue 17 item 4), as far as the reader may see them, each score with its working; and the
 * charge → conviction → sentence funnel (item 6).
 */
import type { Tx } from '../platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { type PriorityFacts, type Ranked, rank, withoutActiveTactic } from './priority-rules.ts';
import { funnel, priorityFacts } from './priority-store.ts';

export const LIST_LENGTH = 50;

export interface Funnel {
  charged: number;
  convicted: number;
  sentenceYears: number;
}

export async function priorities(
  tx: Tx,
  now: Date = new Date(),
): Promise<{ top: Ranked[]; review: Ranked[]; people: number; funnel: Funnel }> {
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
  const f = await funnel(tx);
  return {
    top: ranked.slice(0, LIST_LENGTH),
    review: withoutActiveTactic(ranked).slice(0, LIST_LENGTH),
    people: ranked.length,
    // Years to one decimal place, as the briefing shows sentence years.
    funnel: {
      charged: f.charged,
      convicted: f.convicted,
      sentenceYears: Math.round((f.sentence_months / 12) * 10) / 10,
    },
  };
}
