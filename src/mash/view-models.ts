/**
 * How the MASH pages read: RAG tags, the clock, UK dates, labels for codes, and the queue and dashboard as
 * plain view objects made from the service's rows. Pure: `now` is a parameter. The episode page's view is
 * in `episode-view.ts`.
 */

import type { CodeEntry } from '../platform/codes/code-list.ts';
import { SOCIAL_CARE_OUTCOMES, URGENCIES } from '../platform/codes/referral.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import type { DashboardFigures } from './dashboard-service.ts';
import { episodePath } from './paths.ts';
import { RAG_RATINGS } from './rag.ts';
import type { OverdueResearchRow } from './research-store.ts';
import type { OverdueActionRow, QueueEntry } from './service.ts';

export const RAG_LABELS: Record<string, string> = {
  RED: 'Red',
  AMBER: 'Amber',
  GREEN: 'Green',
  BLUE: 'Blue',
};

const RAG_TAGS: Record<string, string> = {
  RED: 'govuk-tag--red',
  AMBER: 'govuk-tag--yellow',
  GREEN: 'govuk-tag--green',
  BLUE: 'govuk-tag--blue',
};

/** A RAG rating as a GOV.UK tag: colour and text (never colour alone). */
export function ragTag(rag: string | null): { text: string; classes: string } {
  if (!rag) return { text: 'Not triaged', classes: 'govuk-tag--grey' };
  return { text: RAG_LABELS[rag] ?? rag, classes: RAG_TAGS[rag] ?? 'govuk-tag--grey' };
}

/** "3 h 20 min", "45 min", "2 h"; two days or more as days. */
export function durationText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m >= 48 * 60) {
    const days = Math.floor(m / (24 * 60));
    return `${days} days`;
  }
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

export interface SlaLike {
  deadline: Date | null;
  workingMinutesLeft: number | null;
  breached: boolean;
  completed?: boolean;
}

/**
 * What the queue says about the clock: working time left while in time (the clock stops out of hours), and
 * how long ago, in real time, an open referral breached its deadline.
 */
export function timeLeftText(sla: SlaLike | null, now: Date): string {
  if (!sla) return 'Not triaged';
  if (!sla.deadline || sla.workingMinutesLeft === null) return 'No target';
  if (sla.breached) {
    if (sla.completed) return 'Completed after the deadline';
    return `Breached ${durationText((now.getTime() - sla.deadline.getTime()) / 60_000)} ago`;
  }
  if (sla.completed) return 'Completed in time';
  return `${durationText(sla.workingMinutesLeft)} working time left`;
}

/** Today's date in the UK as YYYY-MM-DD. */
export function todayIso(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

export function labelIn(list: readonly CodeEntry[], code: string | null | undefined): string {
  if (!code) return '';
  return list.find((e) => e.code === code)?.label ?? code;
}

export function items(
  list: readonly CodeEntry[],
  chosen: string | readonly string[],
  key: 'checked' | 'selected',
) {
  const set = new Set(typeof chosen === 'string' ? [chosen] : chosen);
  return list.map((e) => ({ value: e.code, text: e.label, [key]: set.has(e.code) }));
}

export function childName(p: { child_forename: string | null; child_surname: string | null }): string {
  return [p.child_forename, p.child_surname].filter(Boolean).join(' ') || 'Name not known';
}

/** The queue page: each open episode against its clock, the breaches, and the strategy actions overdue. */
export function queuePageView(
  entries: readonly QueueEntry[],
  overdue: readonly OverdueActionRow[],
  now: Date,
  research: readonly OverdueResearchRow[] = [],
) {
  const episodes = entries.map(({ episode, sla, decisionDue, decisionOverdue }) => ({
    id: episode.id,
    href: episodePath(episode.id),
    reference: episode.reference,
    child: childName(episode),
    agency: episode.referring_agency_name,
    urgency: labelIn(URGENCIES, episode.urgency),
    tag: ragTag(episode.rag),
    timeLeft: timeLeftText(sla, now),
    breached: sla?.breached ?? false,
    redOutOfHours: episode.rag === 'RED',
    deadline: sla?.deadline ? ukDateTime(sla.deadline) : '',
    decisionDue: ukDateTime(decisionDue),
    decisionOverdue,
    received: ukDateTime(episode.received_at),
    hubToConfirm: episode.hub_to_confirm,
  }));
  return {
    title: 'MASH queue',
    episodes,
    breaches: episodes.filter((e) => e.breached).length,
    overdue: overdue.map((a) => ({
      id: a.id,
      description: a.description,
      owner_name: a.owner_name,
      episode_id: a.episode_id,
      href: episodePath(a.episode_id),
      reference: a.reference,
      due_date: a.due_date,
      due: ukDate(a.due_date),
    })),
    // Research not given by its due time: the manager chases the agencies named.
    researchOverdue: research.map((r) => ({
      agency: r.agency_name,
      reference: r.reference,
      href: episodePath(r.episode_id),
      due: ukDateTime(r.due_at),
    })),
  };
}

/** The managers' dashboard: the queue by RAG, breaches now, this month's timeliness and outcomes. */
export function dashboardPageView(figures: DashboardFigures, breached: number, now: Date) {
  const rags = [...RAG_RATINGS, 'UNTRIAGED'] as const;
  const percent =
    figures.decided > 0 ? `${((figures.decidedWithinStandard / figures.decided) * 100).toFixed(1)}%` : '–';
  return {
    title: 'MASH dashboard',
    period: now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    queue: rags.map((r) => ({
      tag: ragTag(r === 'UNTRIAGED' ? null : r),
      count: figures.openByRag[r] ?? 0,
    })),
    openTotal: Object.values(figures.openByRag).reduce((a, b) => a + b, 0),
    breached,
    decided: figures.decided,
    within: figures.decidedWithinStandard,
    percent,
    outcomes: SOCIAL_CARE_OUTCOMES.map((o) => ({ label: o.label, count: figures.outcomes[o.code] ?? 0 })),
  };
}
