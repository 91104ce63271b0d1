/**
 * When an agency's research is due, and which agencies can be asked. Pure: the hours are a code list a
 * partnership may change here (decision 0016), counted in working hours from the request.
 */
import { ROLE_NAMES, ROLES, type Role } from '../platform/access/permissions.ts';
import {
  addWorkingMinutes,
  DEFAULT_WORKING_CALENDAR,
  type WorkingCalendar,
} from '../platform/time/working-time.ts';
import type { Rag } from './rag.ts';

/**
 * Working hours an asked agency has to answer, by the episode's RAG at the time of asking. Blue has no
 * decision target but an agency still needs a date: it gets Green's. An episode not yet triaged is treated
 * as Amber, the middle rating: research asked for before triage is asked because the hub is not sure.
 */
export const RESEARCH_DUE_HOURS: Readonly<Record<Rag, number>> = { RED: 4, AMBER: 24, GREEN: 72, BLUE: 72 };
export const RESEARCH_DUE_HOURS_UNTRIAGED = 24;

export function researchDueHours(rag: string | null): number {
  return rag && rag in RESEARCH_DUE_HOURS ? RESEARCH_DUE_HOURS[rag as Rag] : RESEARCH_DUE_HOURS_UNTRIAGED;
}

export function researchDueAt(
  requestedAt: Date,
  rag: string | null,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Date {
  return addWorkingMinutes(requestedAt, researchDueHours(rag) * 60, calendar);
}

/** The roles whose holders record their agency's research: an agency with one of them in the area can research. */
export const CONTRIBUTING_ROLES: readonly Role[] = ROLE_NAMES.filter((r) =>
  (ROLES[r].permissions as readonly string[]).includes('mash:contribute'),
);
