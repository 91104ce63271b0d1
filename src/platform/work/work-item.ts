/**
 * One entry of a person's "My work": something they, their team, their agency or their hub must do, with
 * its due time and a link to where it is done. Each feature module that creates work exports a provider
 * (`<module>/*-work-service.ts`) returning the items for a principal; the work module lists them all, so
 * that nothing a module writes for someone to do goes unread.
 */
import type { Principal } from '../access/principal.ts';
import type { Tx } from '../db/transaction.ts';
import { fromLocalDateTime, MS_PER_DAY, parseLocalDate } from '../time/zoned-time.ts';

export type WorkKind =
  | 'RESEARCH_REQUEST'
  | 'STRATEGY_ACTION'
  | 'MASH_TASK'
  | 'ALLOCATED_EPISODE'
  | 'DECISION_TO_APPROVE'
  | 'RETURNED_DECISION'
  | 'AREA_TO_CONFIRM'
  | 'TRANSFERRED_IN'
  | 'SHARED_WITH_YOU'
  | 'REASSESSMENT_DUE'
  | 'RHI_DUE'
  | 'SRO_TO_CONSIDER'
  | 'DISRUPTION_DUE'
  | 'INTELLIGENCE_TO_GRADE'
  | 'OPERATION_TASK';

/** Whose work it is: the person themself, or a group they belong to. */
export type WorkOwner = 'YOU' | 'TEAM' | 'AGENCY' | 'HUB';

export interface WorkItem {
  kind: WorkKind;
  /** What to do, in words a practitioner reads ("Research requested by the Lancashire MASH"). */
  title: string;
  /** Who or what it is about: the child's name, or a reference when the principal may not see the name. */
  subject: string;
  /** Where it is done (a page path without personal data). */
  href: string;
  dueAt: Date | null;
  overdue: boolean;
  owner: WorkOwner;
  /** A control done from My work itself (a POST with the page's CSRF token), e.g. marking a task done. */
  action?: { label: string; href: string };
}

export type WorkProvider = (tx: Tx, principal: Principal, now: Date) => Promise<WorkItem[]>;

export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  RESEARCH_REQUEST: 'Research request',
  STRATEGY_ACTION: 'Strategy discussion action',
  MASH_TASK: 'MASH task',
  ALLOCATED_EPISODE: 'Allocated referral',
  DECISION_TO_APPROVE: 'Decision to approve',
  RETURNED_DECISION: 'Decision returned',
  AREA_TO_CONFIRM: 'Hub to confirm',
  TRANSFERRED_IN: 'Transferred to your hub',
  SHARED_WITH_YOU: 'Shared with you',
  REASSESSMENT_DUE: 'Risk reassessment due',
  RHI_DUE: 'Return home interview due',
  SRO_TO_CONSIDER: 'Sexual Risk Order to consider',
  DISRUPTION_DUE: 'Disruption review or expiry',
  INTELLIGENCE_TO_GRADE: 'Intelligence to evaluate',
  OPERATION_TASK: 'Operation task due',
};

/**
 * A date-only due ('YYYY-MM-DD': a strategy action, a reassessment) as the instant it lapses: 23:59 that
 * day in London, so that work due today is not overdue until the day is out (and shows as that day).
 */
export function endOfUkDay(isoDate: string): Date {
  const date = parseLocalDate(isoDate);
  if (!date) throw new RangeError(`not a date: ${isoDate}`);
  return fromLocalDateTime(date, MS_PER_DAY - 60_000);
}

/** Whether work due at `dueAt` is overdue at `now` (work without a due time never is). */
export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime();
}

/** Who or what an item is about: the child's name, or the reference when the name is not to be shown. */
export function workSubject(
  child: { forename: string | null; surname: string | null } | null,
  reference: string | null,
): string {
  const name = child ? [child.forename, child.surname].filter(Boolean).join(' ') : '';
  if (name && reference) return `${name} (${reference})`;
  return name || reference || 'Referral not visible to you';
}
