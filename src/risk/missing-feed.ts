/**
 * The missing module knows whether a child is repeatedly missing; the assessor may not. This sets the
 * template's fed indicator from that fact, adding to (never taking from) what the assessor recorded: an answer
 * of "6–12 months ago" becomes "both periods". A false flag leaves the answer alone, because absence from
 * our records is not evidence that it never happened.
 */
import type { AssessmentAnswers, IndicatorAnswer, RiskTemplate } from './template.ts';

const RECENT = 1;
const OLDER = 2;
const PERIODS: Record<IndicatorAnswer, number> = {
  NOT_PRESENT: 0,
  PRESENT: RECENT,
  WITHIN_6_MONTHS: RECENT,
  ONLY_6_TO_12_MONTHS_AGO: OLDER,
  WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO: RECENT | OLDER,
};

function unionOf(existing: IndicatorAnswer | undefined, fed: IndicatorAnswer): IndicatorAnswer {
  if (fed === 'PRESENT') return 'PRESENT';
  switch (PERIODS[existing ?? 'NOT_PRESENT'] | PERIODS[fed]) {
    case RECENT | OLDER:
      return 'WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO';
    case OLDER:
      return 'ONLY_6_TO_12_MONTHS_AGO';
    case RECENT:
      return 'WITHIN_6_MONTHS';
    default:
      return 'NOT_PRESENT';
  }
}

export interface FedAnswers {
  answers: AssessmentAnswers;
  /** Indicator ids whose answer the feed changed, for the assessment's audit trail. */
  changed: string[];
}

export function applyRepeatMissingFeed(
  template: RiskTemplate,
  answers: AssessmentAnswers,
  repeatMissing: boolean,
): FedAnswers {
  const indicators: Record<string, IndicatorAnswer> = { ...answers.indicators };
  const changed: string[] = [];
  if (repeatMissing) {
    for (const indicator of template.sections.flatMap((s) => s.indicators)) {
      if (indicator.feed?.source !== 'REPEAT_MISSING') continue;
      const next = unionOf(indicators[indicator.id], indicator.feed.answerWhenPresent);
      if (indicators[indicator.id] !== next) changed.push(indicator.id);
      indicators[indicator.id] = next;
    }
  }
  return { answers: { ...answers, indicators }, changed };
}
