/**
 * RAG ratings and their service-level timescales. The clock always starts when the MASH receives the
 * referral; a change of rating recomputes the deadline from that same receipt, never from the change.
 *
 * Red is "within 4 working hours and worked to completion even out of hours". Its deadline is 4 WORKING
 * hours (so a Red received at 16:30 on a Friday is due at 12:30 on Monday), and it carries
 * `workedOutOfHours: true` so that the queue keeps it open and visible to the out-of-hours team instead of
 * parking it until Monday. A partnership that wants Red to run on elapsed time sets its clock to 'ELAPSED'.
 */
import {
  addElapsedHours,
  addWorkingMinutes,
  DEFAULT_WORKING_CALENDAR,
  ELAPSED_CALENDAR,
  type WorkingCalendar,
  workingMinutesBetween,
} from '../platform/time/working-time.ts';

export const RAG_RATINGS = ['RED', 'AMBER', 'GREEN', 'BLUE'] as const;
export type Rag = (typeof RAG_RATINGS)[number];

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAG_RATINGS as readonly string[]).includes(value);
}

export interface RagTimescale {
  /** Hours allowed from receipt, or null for no target (Blue). */
  hours: number | null;
  /** WORKING: hours count only inside the working calendar. ELAPSED: every hour counts. */
  clock: 'WORKING' | 'ELAPSED';
  /** The referral stays live for the out-of-hours team (the queue does not pause it overnight). */
  workedOutOfHours: boolean;
}

export interface RagConfig {
  timescales: Readonly<Record<Rag, RagTimescale>>;
  calendar: WorkingCalendar;
}

export const DEFAULT_RAG_TIMESCALES: Readonly<Record<Rag, RagTimescale>> = {
  RED: { hours: 4, clock: 'WORKING', workedOutOfHours: true },
  AMBER: { hours: 24, clock: 'WORKING', workedOutOfHours: false },
  GREEN: { hours: 72, clock: 'WORKING', workedOutOfHours: false },
  BLUE: { hours: null, clock: 'WORKING', workedOutOfHours: false },
};

export interface RagConfigOptions {
  timescales?: Partial<Record<Rag, Partial<RagTimescale>>>;
  calendar?: WorkingCalendar;
}

/** A partnership's RAG timescales: defaults with its local changes laid over them, checked once. */
export function createRagConfig(options: RagConfigOptions = {}): RagConfig {
  const timescales = {} as Record<Rag, RagTimescale>;
  for (const rag of RAG_RATINGS) {
    const merged = { ...DEFAULT_RAG_TIMESCALES[rag], ...options.timescales?.[rag] };
    if (merged.hours !== null && (!Number.isFinite(merged.hours) || merged.hours <= 0)) {
      throw new RangeError(`${rag} timescale must be a positive number of hours or null for no target`);
    }
    timescales[rag] = merged;
  }
  return { timescales, calendar: options.calendar ?? DEFAULT_WORKING_CALENDAR };
}

export const DEFAULT_RAG_CONFIG: RagConfig = createRagConfig();

/** When the referral must be completed by, counted from MASH receipt; null when the rating has no target. */
export function slaDeadline(receivedAt: Date, rag: Rag, config: RagConfig = DEFAULT_RAG_CONFIG): Date | null {
  const { hours, clock } = config.timescales[rag];
  if (hours === null) return null;
  return clock === 'ELAPSED'
    ? addElapsedHours(receivedAt, hours)
    : addWorkingMinutes(receivedAt, hours * 60, config.calendar);
}

export interface SlaStatus {
  deadline: Date | null;
  /**
   * Minutes on the rating's clock from now (or from completion) to the deadline; negative once overdue.
   * Working minutes for a WORKING clock, so the figure does not fall overnight. Null without a target.
   */
  workingMinutesLeft: number | null;
  /** Open past the deadline, or completed after it. Completing exactly at the deadline is in time. */
  breached: boolean;
  completed: boolean;
  workedOutOfHours: boolean;
}

export function slaStatus(
  receivedAt: Date,
  rag: Rag,
  now: Date,
  completedAt?: Date | null,
  config: RagConfig = DEFAULT_RAG_CONFIG,
): SlaStatus {
  if (completedAt && completedAt.getTime() < receivedAt.getTime()) {
    throw new RangeError('A referral cannot be completed before the MASH received it');
  }
  const timescale = config.timescales[rag];
  const deadline = slaDeadline(receivedAt, rag, config);
  const measuredAt = completedAt ?? now;
  const calendar = timescale.clock === 'ELAPSED' ? ELAPSED_CALENDAR : config.calendar;
  return {
    deadline,
    workingMinutesLeft: deadline === null ? null : workingMinutesBetween(measuredAt, deadline, calendar),
    breached: deadline !== null && measuredAt.getTime() > deadline.getTime(),
    completed: completedAt != null,
    workedOutOfHours: timescale.workedOutOfHours,
  };
}

export { decidedWithinStandard, decisionDeadline } from './statutory-timescales.ts';
