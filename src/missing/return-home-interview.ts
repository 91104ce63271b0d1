/**
 * Return home interviews: offered after every return, by someone independent, within 72 hours of the return.
 * The 72 hours are elapsed clock hours (nights, weekends and bank holidays count), so a return at 18:00 on
 * Friday is due by 18:00 on Monday, whatever the clocks did in between.
 *
 * A completed interview is judged by when it was completed. A declined offer closes the interview (the child's
 * choice), with its own status beside the five in the brief so it is neither "due" forever nor "completed".
 */
import { isValidDate } from '../platform/forms/rationale.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { addElapsedHours } from '../platform/time/working-time.ts';

export const RETURN_HOME_INTERVIEW_HOURS = 72;

export type ReturnHomeInterviewStatus =
  | 'DUE'
  | 'OVERDUE'
  | 'COMPLETED_IN_TIME'
  | 'COMPLETED_LATE'
  | 'DECLINED'
  | 'NOT_OFFERED';

export interface ReturnHomeInterviewRecord {
  offeredAt?: Date | null;
  offeredBy?: string | null;
  declinedAt?: Date | null;
  completedAt?: Date | null;
  completedBy?: string | null;
  /** A decision not to offer an interview, which must say why. */
  notOffered?: { reason: string; decidedBy: string; decidedAt: Date } | null;
}

export function returnHomeInterviewDeadline(returnedAt: Date): Date {
  return addElapsedHours(returnedAt, RETURN_HOME_INTERVIEW_HOURS);
}

export function returnHomeInterviewStatus(
  returnedAt: Date,
  record: ReturnHomeInterviewRecord,
  now: Date,
): ReturnHomeInterviewStatus {
  const deadline = returnHomeInterviewDeadline(returnedAt).getTime();
  if (record.notOffered) return 'NOT_OFFERED';
  if (record.completedAt)
    return record.completedAt.getTime() <= deadline ? 'COMPLETED_IN_TIME' : 'COMPLETED_LATE';
  if (record.declinedAt) return 'DECLINED';
  return now.getTime() <= deadline ? 'DUE' : 'OVERDUE';
}

export function validateReturnHomeInterview(
  returnedAt: Date,
  record: ReturnHomeInterviewRecord,
): FieldError[] {
  const errors: FieldError[] = [];
  const afterReturn = (field: string, value: Date | null | undefined, what: string) => {
    if (value == null) return;
    if (!isValidDate(value))
      errors.push({ field, code: 'INVALID_DATE', message: 'Enter a real date and time' });
    else if (value.getTime() < returnedAt.getTime()) {
      errors.push({ field, code: 'BEFORE_RETURN', message: `${what} cannot be before the child returned` });
    }
  };
  afterReturn('offeredAt', record.offeredAt, 'The offer');
  afterReturn('declinedAt', record.declinedAt, 'Declining');
  afterReturn('completedAt', record.completedAt, 'The interview');
  if (record.completedAt && !record.completedBy?.trim()) {
    errors.push({ field: 'completedBy', code: 'REQUIRED', message: 'Record who completed the interview' });
  }
  if (record.declinedAt && !record.offeredAt) {
    errors.push({
      field: 'offeredAt',
      code: 'REQUIRED',
      message: 'Record when the declined interview was offered',
    });
  }
  if (record.notOffered) {
    if (!record.notOffered.reason?.trim()) {
      errors.push({
        field: 'notOffered.reason',
        code: 'REASON_REQUIRED',
        message: 'Say why an interview is not offered',
      });
    }
    if (!record.notOffered.decidedBy?.trim()) {
      errors.push({
        field: 'notOffered.decidedBy',
        code: 'REQUIRED',
        message: 'Record who decided not to offer it',
      });
    }
    if (!isValidDate(record.notOffered.decidedAt)) {
      errors.push({ field: 'notOffered.decidedAt', code: 'REQUIRED', message: 'Record when it was decided' });
    }
    if (record.offeredAt || record.completedAt || record.declinedAt) {
      errors.push({
        field: 'notOffered',
        code: 'CONTRADICTORY',
        message:
          'An interview that was offered, declined or completed cannot also be recorded as not offered',
      });
    }
  }
  return errors;
}
