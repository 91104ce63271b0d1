/**
 * A CSE risk assessment tool as versioned data: sections of indicators, how answers become a level, override
 * rules and a review interval. Partnerships load their own wording into this structure; an assessment
 * records the template id and version it was made with, so a changed template never rewrites old results.
 */
import type { DomainRating, RiskLevel } from './levels.ts';

export type IndicatorKind = 'VULNERABILITY' | 'MODERATE' | 'SIGNIFICANT';

/** Vulnerabilities are background: present or not. */
export const PRESENCE_ANSWERS = ['NOT_PRESENT', 'PRESENT'] as const;
export type PresenceAnswer = (typeof PRESENCE_ANSWERS)[number];

/** Moderate and significant indicators also say when they were seen: recency is what weights them. */
export const RECENCY_ANSWERS = [
  'NOT_PRESENT',
  'WITHIN_6_MONTHS',
  'ONLY_6_TO_12_MONTHS_AGO',
  'WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO',
] as const;
export type RecencyAnswer = (typeof RECENCY_ANSWERS)[number];

export type IndicatorAnswer = PresenceAnswer | RecencyAnswer;

export function answersAllowedFor(kind: IndicatorKind): readonly IndicatorAnswer[] {
  return kind === 'VULNERABILITY' ? PRESENCE_ANSWERS : RECENCY_ANSWERS;
}

/** An answer another module supplies from its records instead of the assessor (e.g. repeat missing). */
export interface IndicatorFeed {
  source: 'REPEAT_MISSING';
  answerWhenPresent: IndicatorAnswer;
}

export interface Indicator {
  id: string;
  text: string;
  kind: IndicatorKind;
  required: boolean;
  feed?: IndicatorFeed;
}

export interface Section {
  id: string;
  title: string;
  indicators: readonly Indicator[];
}

/** A banded tool's section is a domain the assessor rates; its indicators are prompts for that rating. */
export interface BandedSection extends Section {
  ratingRequired: boolean;
}

/** Inclusive score range; maxScore null means "and above". */
export interface ScoreBand {
  minScore: number;
  maxScore: number | null;
  level: RiskLevel;
}

export interface RatingBand {
  rating: DomainRating;
  level: RiskLevel;
}

export interface PointsTable {
  VULNERABILITY: Readonly<Record<PresenceAnswer, number>>;
  MODERATE: Readonly<Record<RecencyAnswer, number>>;
  SIGNIFICANT: Readonly<Record<RecencyAnswer, number>>;
}

/** Facts about the child that must all hold for an override rule to apply. */
export interface ChildCondition {
  /** Applies when the child's age in whole years is below this. */
  ageUnder?: number;
  learningDisability?: true;
  cseConcerns?: true;
  disclosure?: true;
}

/** Raises the computed level to at least `minimumLevel`; overrides never lower a level. */
export interface OverrideRule {
  id: string;
  description: string;
  when: ChildCondition;
  minimumLevel: RiskLevel;
}

interface TemplateCommon {
  id: string;
  version: number;
  name: string;
  overrideRules: readonly OverrideRule[];
  reviewIntervalMonths: number;
}

export interface ScoredTemplate extends TemplateCommon {
  kind: 'SCORED';
  sections: readonly Section[];
  points: PointsTable;
  bands: readonly ScoreBand[];
}

export interface BandedTemplate extends TemplateCommon {
  kind: 'BANDED';
  sections: readonly BandedSection[];
  bands: readonly RatingBand[];
}

export type RiskTemplate = ScoredTemplate | BandedTemplate;

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 3;

/** The answers an assessor gives: indicator id → answer, and for banded tools domain (section) id → rating. */
export interface AssessmentAnswers {
  indicators: Readonly<Record<string, IndicatorAnswer>>;
  domainRatings?: Readonly<Record<string, DomainRating>>;
}

/** Answers as they arrive from a form or the API, before validation. */
export interface AssessmentAnswersInput {
  indicators?: Readonly<Record<string, unknown>>;
  domainRatings?: Readonly<Record<string, unknown>>;
}
