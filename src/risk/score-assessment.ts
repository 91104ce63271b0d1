/**
 * Turns validated answers into a computed level with an explanation a practitioner can check line by line.
 * The child's facts reach only the override rules, and only the four fields of ChildRiskFacts are read.
 */
import type { FieldError } from '../platform/http/errors.ts';
import { type DomainRating, higherRiskLevel, type RiskLevel } from './levels.ts';
import { type AppliedOverride, applyOverrideRules, type ChildRiskFacts } from './override-rules.ts';
import type {
  AssessmentAnswersInput,
  BandedTemplate,
  IndicatorAnswer,
  PresenceAnswer,
  RecencyAnswer,
  RiskTemplate,
  ScoredTemplate,
  Section,
} from './template.ts';
import { validateAssessment } from './validate-assessment.ts';

export class InvalidAssessmentError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The assessment cannot be scored: ${errors.map((e) => `${e.field} ${e.code}`).join('; ')}`);
    this.name = 'InvalidAssessmentError';
  }
}

export interface IndicatorExplanation {
  indicatorId: string;
  text: string;
  answer: IndicatorAnswer;
  /** Scored tools only. */
  points?: number;
}

export interface SectionExplanation {
  sectionId: string;
  title: string;
  /** Indicators answered as present in some form; absent ones are left out to keep the summary readable. */
  present: IndicatorExplanation[];
  points?: number;
  rating?: DomainRating;
  summary: string;
}

export interface ScoreResult {
  templateId: string;
  templateVersion: number;
  /** Total points for a scored tool; null for a banded one. */
  score: number | null;
  /** The level from the bands alone, before override rules. */
  bandLevel: RiskLevel;
  computedLevel: RiskLevel;
  appliedOverrides: AppliedOverride[];
  /** The lowest level the override rules allow; pass it to `finalLevel` so an assessor cannot go under it. */
  minimumLevel: RiskLevel;
  sections: SectionExplanation[];
}

export function scoreAssessment(
  template: RiskTemplate,
  answers: AssessmentAnswersInput,
  child: ChildRiskFacts,
): ScoreResult {
  const errors = [...validateAssessment(template, answers), ...validateChildFacts(child)];
  if (errors.length > 0) throw new InvalidAssessmentError(errors);
  // Copy only the permitted facts so that nothing else on the object can ever influence the result.
  const facts: ChildRiskFacts = {
    ageYears: child.ageYears,
    learningDisability: child.learningDisability,
    cseConcerns: child.cseConcerns,
    disclosure: child.disclosure,
  };
  const given = (answers.indicators ?? {}) as Readonly<Record<string, IndicatorAnswer>>;
  const banded =
    template.kind === 'SCORED'
      ? scoreByPoints(template, given)
      : rateByDomains(
          template,
          given,
          (answers.domainRatings ?? {}) as Readonly<Record<string, DomainRating>>,
        );
  const overrides = applyOverrideRules(banded.bandLevel, template.overrideRules, facts);
  return {
    templateId: template.id,
    templateVersion: template.version,
    score: banded.score,
    bandLevel: banded.bandLevel,
    computedLevel: overrides.level,
    appliedOverrides: overrides.applied,
    minimumLevel: overrides.minimumLevel,
    sections: banded.sections,
  };
}

function validateChildFacts(child: ChildRiskFacts): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isFinite(child.ageYears) || child.ageYears < 0) {
    errors.push({
      field: 'child.ageYears',
      code: 'INVALID_AGE',
      message: 'Age must be a number of years from 0',
    });
  }
  for (const key of ['learningDisability', 'cseConcerns', 'disclosure'] as const) {
    if (typeof child[key] !== 'boolean') {
      errors.push({ field: `child.${key}`, code: 'REQUIRED', message: `Say whether ${key} applies` });
    }
  }
  return errors;
}

interface Banding {
  score: number | null;
  bandLevel: RiskLevel;
  sections: SectionExplanation[];
}

function answerOf(given: Readonly<Record<string, IndicatorAnswer>>, id: string): IndicatorAnswer {
  return given[id] ?? 'NOT_PRESENT';
}

function pointsFor(
  template: ScoredTemplate,
  kind: Section['indicators'][number]['kind'],
  answer: IndicatorAnswer,
) {
  return kind === 'VULNERABILITY'
    ? template.points.VULNERABILITY[answer as PresenceAnswer]
    : template.points[kind][answer as RecencyAnswer];
}

function scoreByPoints(template: ScoredTemplate, given: Readonly<Record<string, IndicatorAnswer>>): Banding {
  let total = 0;
  const sections = template.sections.map((section): SectionExplanation => {
    const items = section.indicators.map((indicator) => {
      const answer = answerOf(given, indicator.id);
      const points = pointsFor(template, indicator.kind, answer);
      return { indicatorId: indicator.id, text: indicator.text, answer, points };
    });
    const points = items.reduce((sum, item) => sum + item.points, 0);
    total += points;
    const present = items.filter((item) => item.answer !== 'NOT_PRESENT');
    return {
      sectionId: section.id,
      title: section.title,
      present,
      points,
      summary: `${points} point${points === 1 ? '' : 's'} from ${present.length} of ${items.length} indicators present`,
    };
  });
  const band = template.bands.find(
    (b) => total >= b.minScore && (b.maxScore === null || total <= b.maxScore),
  );
  if (!band)
    throw new RangeError(`Template ${template.id} v${template.version} has no band for score ${total}`);
  return { score: total, bandLevel: band.level, sections };
}

function rateByDomains(
  template: BandedTemplate,
  given: Readonly<Record<string, IndicatorAnswer>>,
  ratings: Readonly<Record<string, DomainRating>>,
): Banding {
  const levelFor = new Map(template.bands.map((b) => [b.rating, b.level]));
  let highest: RiskLevel = 'NOT_AT_RISK';
  const sections = template.sections.map((section): SectionExplanation => {
    // An optional domain left unrated has no concern recorded.
    const rating = ratings[section.id] ?? 'NONE';
    const level = levelFor.get(rating);
    if (!level)
      throw new RangeError(`Template ${template.id} v${template.version} has no level for ${rating}`);
    highest = higherRiskLevel(highest, level);
    const present = section.indicators
      .map((indicator) => ({
        indicatorId: indicator.id,
        text: indicator.text,
        answer: answerOf(given, indicator.id),
      }))
      .filter((item) => item.answer !== 'NOT_PRESENT');
    return {
      sectionId: section.id,
      title: section.title,
      present,
      rating,
      summary: `Rated ${rating} (${level})`,
    };
  });
  return { score: null, bandLevel: highest, sections };
}
