/**
 * Field-level checks on an assessor's answers, in the shape a form error summary needs. An unanswered
 * required item is an error rather than "not present": silence must not lower a child's risk.
 */
import type { FieldError } from '../platform/http/errors.ts';
import { DOMAIN_RATINGS, isDomainRating } from './levels.ts';
import { type AssessmentAnswersInput, answersAllowedFor, type RiskTemplate } from './template.ts';

export function validateAssessment(template: RiskTemplate, answers: AssessmentAnswersInput): FieldError[] {
  const errors: FieldError[] = [];
  const given = answers.indicators ?? {};
  const indicators = new Map(template.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));

  for (const [id, answer] of Object.entries(given)) {
    const indicator = indicators.get(id);
    const field = `indicators.${id}`;
    if (!indicator) {
      errors.push({ field, code: 'UNKNOWN_INDICATOR', message: `"${id}" is not an indicator in this tool` });
    } else if (
      answer !== undefined &&
      !(answersAllowedFor(indicator.kind) as readonly unknown[]).includes(answer)
    ) {
      const allowed = answersAllowedFor(indicator.kind).join(', ');
      errors.push({
        field,
        code: 'INVALID_ANSWER',
        message: `Answer "${indicator.text}" with one of: ${allowed}`,
      });
    }
  }
  for (const indicator of indicators.values()) {
    if (indicator.required && given[indicator.id] === undefined) {
      errors.push({
        field: `indicators.${indicator.id}`,
        code: 'REQUIRED',
        message: `Answer "${indicator.text}"`,
      });
    }
  }
  errors.push(...validateDomainRatings(template, answers));
  return errors;
}

function validateDomainRatings(template: RiskTemplate, answers: AssessmentAnswersInput): FieldError[] {
  const ratings = answers.domainRatings ?? {};
  if (template.kind === 'SCORED') {
    return Object.keys(ratings).map((id) => ({
      field: `domainRatings.${id}`,
      code: 'NOT_APPLICABLE',
      message: 'This tool is scored: it has no domain ratings',
    }));
  }
  const errors: FieldError[] = [];
  const domains = new Map(template.sections.map((s) => [s.id, s]));
  for (const [id, rating] of Object.entries(ratings)) {
    const field = `domainRatings.${id}`;
    if (!domains.has(id)) {
      errors.push({ field, code: 'UNKNOWN_DOMAIN', message: `"${id}" is not a domain in this tool` });
    } else if (rating !== undefined && !isDomainRating(rating)) {
      errors.push({
        field,
        code: 'INVALID_RATING',
        message: `Rate with one of: ${DOMAIN_RATINGS.join(', ')}`,
      });
    }
  }
  for (const domain of domains.values()) {
    if (domain.ratingRequired && ratings[domain.id] === undefined) {
      errors.push({
        field: `domainRatings.${domain.id}`,
        code: 'REQUIRED',
        message: `Rate "${domain.title}"`,
      });
    }
  }
  return errors;
}
