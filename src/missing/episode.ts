/**
 * A missing episode as recorded: what kind of absence it was, when it was reported and ended, and the police
 * risk grade with every change explained. Validation answers field-level errors for a form or the API.
 */
import { isMeaningfulRationale, isValidDate, MIN_RATIONALE_LENGTH } from '../platform/forms/rationale.ts';
import type { FieldError } from '../platform/http/errors.ts';

export const MISSING_EPISODE_TYPES = [
  'MISSING',
  'ABSENT',
  'MISSING_FROM_CARE',
  'AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION',
] as const;
export type MissingEpisodeType = (typeof MISSING_EPISODE_TYPES)[number];

/** Police risk grades (local wording may differ; the codes stay). */
export const MISSING_RISK_GRADES = ['NO_APPARENT_RISK', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type MissingRiskGrade = (typeof MISSING_RISK_GRADES)[number];

export interface RiskGradeChange {
  from: MissingRiskGrade;
  to: MissingRiskGrade;
  changedAt: Date;
  changedBy: string;
  rationale: string;
}

/** As received: codes are plain strings until validated. */
export interface MissingEpisodeInput {
  type: string;
  reportedAt: Date;
  /** When the child was last seen, if known; usually before the report. */
  lastSeenAt?: Date | null;
  returnedAt?: Date | null;
  riskGrade: string;
  /** Oldest first; each starts from the grade the previous one ended on. */
  riskGradeChanges?: readonly RiskGradeChange[];
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export function validateMissingEpisode(episode: MissingEpisodeInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!isOneOf(MISSING_EPISODE_TYPES, episode.type)) {
    errors.push({
      field: 'type',
      code: 'UNKNOWN_TYPE',
      message: `Choose one of: ${MISSING_EPISODE_TYPES.join(', ')}`,
    });
  }
  if (!isOneOf(MISSING_RISK_GRADES, episode.riskGrade)) {
    errors.push({
      field: 'riskGrade',
      code: 'UNKNOWN_GRADE',
      message: `Choose one of: ${MISSING_RISK_GRADES.join(', ')}`,
    });
  }
  errors.push(...validateTimes(episode, now));
  if (isValidDate(episode.reportedAt)) errors.push(...validateGradeChanges(episode, now));
  return errors;
}

function validateTimes(episode: MissingEpisodeInput, now: Date): FieldError[] {
  if (!isValidDate(episode.reportedAt)) {
    return [{ field: 'reportedAt', code: 'REQUIRED', message: 'Record when the child was reported missing' }];
  }
  const errors: FieldError[] = [];
  const reported = episode.reportedAt.getTime();
  if (reported > now.getTime()) {
    errors.push({
      field: 'reportedAt',
      code: 'IN_FUTURE',
      message: 'The report time cannot be in the future',
    });
  }
  if (episode.lastSeenAt != null) {
    if (!isValidDate(episode.lastSeenAt)) {
      errors.push({ field: 'lastSeenAt', code: 'INVALID_DATE', message: 'Enter a real date and time' });
    } else if (episode.lastSeenAt.getTime() > now.getTime()) {
      errors.push({ field: 'lastSeenAt', code: 'IN_FUTURE', message: 'Last seen cannot be in the future' });
    }
  }
  if (episode.returnedAt != null) {
    if (!isValidDate(episode.returnedAt)) {
      errors.push({ field: 'returnedAt', code: 'INVALID_DATE', message: 'Enter a real date and time' });
    } else if (episode.returnedAt.getTime() < reported) {
      errors.push({
        field: 'returnedAt',
        code: 'RETURN_BEFORE_REPORT',
        message: 'The return cannot be before the child was reported missing',
      });
    } else if (episode.returnedAt.getTime() > now.getTime()) {
      errors.push({ field: 'returnedAt', code: 'IN_FUTURE', message: 'The return cannot be in the future' });
    }
  }
  return errors;
}

function validateGradeChanges(episode: MissingEpisodeInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  let grade = episode.riskGrade;
  let previousAt = episode.reportedAt.getTime();
  for (const [index, change] of (episode.riskGradeChanges ?? []).entries()) {
    const field = (name: string) => `riskGradeChanges.${index}.${name}`;
    if (!isOneOf(MISSING_RISK_GRADES, change.to)) {
      errors.push({
        field: field('to'),
        code: 'UNKNOWN_GRADE',
        message: `Choose one of: ${MISSING_RISK_GRADES.join(', ')}`,
      });
    } else if (change.to === grade) {
      errors.push({ field: field('to'), code: 'UNCHANGED', message: `The grade is already ${grade}` });
    }
    if (change.from !== grade) {
      errors.push({ field: field('from'), code: 'STALE', message: `The grade at that time was ${grade}` });
    }
    if (!isMeaningfulRationale(change.rationale)) {
      errors.push({
        field: field('rationale'),
        code: 'RATIONALE_REQUIRED',
        message: `Give the reason for the new grade in at least ${MIN_RATIONALE_LENGTH} characters`,
      });
    }
    if (typeof change.changedBy !== 'string' || change.changedBy.trim() === '') {
      errors.push({ field: field('changedBy'), code: 'REQUIRED', message: 'Record who changed the grade' });
    }
    if (!isValidDate(change.changedAt)) {
      errors.push({ field: field('changedAt'), code: 'REQUIRED', message: 'Record when the grade changed' });
    } else if (change.changedAt.getTime() < previousAt || change.changedAt.getTime() > now.getTime()) {
      errors.push({
        field: field('changedAt'),
        code: 'OUT_OF_ORDER',
        message: 'A grade change must fall after the report and the previous change, and not in the future',
      });
    } else {
      previousAt = change.changedAt.getTime();
    }
    grade = change.to;
  }
  return errors;
}

/** The grade after every recorded change. */
export function currentRiskGrade(episode: {
  riskGrade: MissingRiskGrade;
  riskGradeChanges?: readonly RiskGradeChange[];
}) {
  return episode.riskGradeChanges?.at(-1)?.to ?? episode.riskGrade;
}
