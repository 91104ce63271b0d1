/**
 * Statutory timescales (Working Together to Safeguard Children; Children Act 1989 s46).
 *
 * Two kinds of "working day" are in use, deliberately:
 * - the MASH decision within 1 working day is an instant-level clock (`addWorkingDays`): received Tuesday
 *   10:30, decide by Wednesday 10:30; received out of hours, decide by the end of the next working day;
 * - assessments and conferences are date-level, as the Children in Need census measures them: the due date is
 *   the Nth working day after the day of the start, and anything on that date is in time.
 * Police protection is set in clock hours, so it runs on elapsed time across nights, weekends and clock changes.
 */
import {
  addElapsedHours,
  addWorkingDays,
  DEFAULT_WORKING_CALENDAR,
  isOnOrBeforeDueDate,
  type WorkingCalendar,
  workingDaysDueDate,
} from '../platform/time/working-time.ts';

export const DECISION_STANDARD_WORKING_DAYS = 1;
export const CHILD_AND_FAMILY_ASSESSMENT_WORKING_DAYS = 45;
export const INITIAL_CHILD_PROTECTION_CONFERENCE_WORKING_DAYS = 15;
export const POLICE_PROTECTION_MAX_HOURS = 72;

export function decisionDeadline(
  receivedAt: Date,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Date {
  return addWorkingDays(receivedAt, DECISION_STANDARD_WORKING_DAYS, calendar);
}

export function decidedWithinStandard(
  receivedAt: Date,
  decidedAt: Date,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): boolean {
  if (decidedAt.getTime() < receivedAt.getTime()) {
    throw new RangeError('A decision cannot be made before the MASH received the referral');
  }
  return decidedAt.getTime() <= decisionDeadline(receivedAt, calendar).getTime();
}

/** A date-level timescale: the 'YYYY-MM-DD' of the Nth working day after the day it starts from. */
function dueDateAfterWorkingDays(days: number) {
  return (start: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): string =>
    workingDaysDueDate(start, days, calendar);
}

/** 'YYYY-MM-DD' by which the child and family assessment must be completed (45 working days from referral). */
export const childAndFamilyAssessmentDueDate = dueDateAfterWorkingDays(
  CHILD_AND_FAMILY_ASSESSMENT_WORKING_DAYS,
);

/** 'YYYY-MM-DD' by which the initial child protection conference must be held (15 working days). */
export const initialChildProtectionConferenceDueDate = dueDateAfterWorkingDays(
  INITIAL_CHILD_PROTECTION_CONFERENCE_WORKING_DAYS,
);

/** True when a date-level timescale was met: anything on the due date is in time. */
export const completedByDueDate = isOnOrBeforeDueDate;

/** The instant police protection must end by: 72 elapsed hours after the child was taken into it. */
export function policeProtectionExpiry(startedAt: Date): Date {
  return addElapsedHours(startedAt, POLICE_PROTECTION_MAX_HOURS);
}

export function policeProtectionWithinLimit(startedAt: Date, endedAt: Date): boolean {
  if (endedAt.getTime() < startedAt.getTime())
    throw new RangeError('Police protection cannot end before it starts');
  return endedAt.getTime() <= policeProtectionExpiry(startedAt).getTime();
}
