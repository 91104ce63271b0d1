/**
 * How CSE risk levels, domain ratings and indicator answers read, and a level's tag colour: the risk
 * module's code lists, which other modules' pages (the MASH episode's flag) may use.
 */
import { DOMAIN_RATINGS, RISK_LEVELS } from './levels.ts';
import type { IndicatorAnswer } from './template.ts';

export const ANSWER_LABELS: Record<IndicatorAnswer, string> = {
  NOT_PRESENT: 'Not present',
  PRESENT: 'Present',
  WITHIN_6_MONTHS: 'In the last 6 months',
  ONLY_6_TO_12_MONTHS_AGO: 'Only 6 to 12 months ago',
  WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO: 'Both in the last 6 months and 6 to 12 months ago',
};

export const RISK_LEVEL_LABELS: Record<string, string> = {
  NOT_AT_RISK: 'Not at risk',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const DOMAIN_RATING_LABELS: Record<string, string> = {
  NONE: 'None',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const RISK_LEVEL_ITEMS = RISK_LEVELS.map((l) => ({ code: l, label: RISK_LEVEL_LABELS[l]! }));
export const DOMAIN_RATING_ITEMS = DOMAIN_RATINGS.map((r) => ({ code: r, label: DOMAIN_RATING_LABELS[r]! }));

const LEVEL_TAGS: Record<string, string> = {
  HIGH: 'govuk-tag--red',
  MEDIUM: 'govuk-tag--orange',
  LOW: 'govuk-tag--yellow',
  NOT_AT_RISK: 'govuk-tag--grey',
};

/** A CSE risk level as a GOV.UK tag: colour and text (never colour alone). */
export function levelTag(level: string | null): { text: string; classes: string } {
  if (!level) return { text: 'Not assessed', classes: 'govuk-tag--grey' };
  return { text: RISK_LEVEL_LABELS[level] ?? level, classes: LEVEL_TAGS[level] ?? 'govuk-tag--grey' };
}
