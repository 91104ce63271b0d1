/**
 * The assessor's professional judgement over the computed level. Both are kept: the computed level shows what
 * the tool said, the final level what the partnership acts on. Moving away from the computed level needs a
 * written rationale, and nobody may go below the floor the override rules set ("never rated low").
 */
import { isMeaningfulRationale, MIN_RATIONALE_LENGTH } from '../platform/forms/rationale.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { addLocalMonths, formatLocalDate, LONDON, toLocalDate } from '../platform/time/zoned-time.ts';
import { isRiskLevel, type RiskLevel, riskLevelRank } from './levels.ts';
import type { RiskTemplate } from './template.ts';

export type FinalLevelResult =
  | {
      ok: true;
      computedLevel: RiskLevel;
      finalLevel: RiskLevel;
      assessorChangedLevel: boolean;
      rationale: string | null;
    }
  | { ok: false; errors: FieldError[] };

export function finalLevel(
  computed: RiskLevel,
  assessorLevel?: RiskLevel | null,
  rationale?: string | null,
  minimumLevel: RiskLevel = 'NOT_AT_RISK',
): FinalLevelResult {
  if (assessorLevel == null || assessorLevel === computed) {
    const trimmed = rationale?.trim();
    return {
      ok: true,
      computedLevel: computed,
      finalLevel: computed,
      assessorChangedLevel: false,
      rationale: trimmed || null,
    };
  }
  const errors: FieldError[] = [];
  if (!isRiskLevel(assessorLevel)) {
    errors.push({
      field: 'assessorLevel',
      code: 'INVALID_LEVEL',
      message: 'Choose not at risk, low, medium or high',
    });
  } else if (riskLevelRank(assessorLevel) < riskLevelRank(minimumLevel)) {
    errors.push({
      field: 'assessorLevel',
      code: 'BELOW_MINIMUM',
      message: `An override rule applies to this child: the level cannot be lower than ${minimumLevel}`,
    });
  }
  if (!isMeaningfulRationale(rationale)) {
    errors.push({
      field: 'rationale',
      code: 'RATIONALE_REQUIRED',
      message: `Explain in at least ${MIN_RATIONALE_LENGTH} characters why the level differs from the computed ${computed}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    computedLevel: computed,
    finalLevel: assessorLevel,
    assessorChangedLevel: true,
    rationale: (rationale as string).trim(),
  };
}

/** The local date ('YYYY-MM-DD') by which the child must be reassessed: assessment date + review interval. */
export function reviewDue(
  assessedAt: Date,
  template: Pick<RiskTemplate, 'reviewIntervalMonths'>,
  timeZone = LONDON,
): string {
  return formatLocalDate(addLocalMonths(toLocalDate(assessedAt, timeZone), template.reviewIntervalMonths));
}

/** True once the local date of `now` is after the review due date. */
export function reviewOverdue(
  assessedAt: Date,
  template: Pick<RiskTemplate, 'reviewIntervalMonths'>,
  now: Date,
  timeZone = LONDON,
): boolean {
  return formatLocalDate(toLocalDate(now, timeZone)) > reviewDue(assessedAt, template, timeZone);
}
