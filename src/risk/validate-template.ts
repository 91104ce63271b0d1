/**
 * Checks a template a partnership loads before any child is assessed with it: a gap between score bands or a
 * duplicated indicator id would otherwise surface as a wrong level on a real child.
 */
import { DOMAIN_RATINGS, isRiskLevel } from './levels.ts';
import { answersAllowedFor, type RiskTemplate } from './template.ts';

export function validateTemplate(template: RiskTemplate): string[] {
  const problems: string[] = [];
  if (template.id.trim() === '' || template.name.trim() === '')
    problems.push('Template needs an id and a name');
  if (!Number.isInteger(template.version) || template.version < 1)
    problems.push('Version must be a whole number from 1');
  if (!Number.isInteger(template.reviewIntervalMonths) || template.reviewIntervalMonths < 1) {
    problems.push('Review interval must be a whole number of months from 1');
  }
  problems.push(...duplicateIds(template), ...feedProblems(template));
  problems.push(
    ...(template.kind === 'SCORED' ? scoreBandProblems(template.bands) : ratingBandProblems(template)),
  );
  for (const rule of template.overrideRules) {
    if (!isRiskLevel(rule.minimumLevel)) problems.push(`Override rule ${rule.id} has an unknown level`);
  }
  return problems;
}

function duplicateIds(template: RiskTemplate): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const id of template.sections.flatMap((s) => [s.id, ...s.indicators.map((i) => i.id)])) {
    if (seen.has(id)) problems.push(`Id "${id}" is used more than once`);
    seen.add(id);
  }
  return problems;
}

function feedProblems(template: RiskTemplate): string[] {
  return template.sections
    .flatMap((s) => s.indicators)
    .filter((i) => i.feed && !answersAllowedFor(i.kind).includes(i.feed.answerWhenPresent))
    .map((i) => `Indicator ${i.id} is fed an answer its kind does not allow`);
}

/** Bands must start at 0, touch without gaps or overlaps, and end open-ended. */
function scoreBandProblems(bands: readonly { minScore: number; maxScore: number | null }[]): string[] {
  let expectedMin = 0;
  for (const [index, band] of bands.entries()) {
    if (band.minScore !== expectedMin) return [`Score band ${index + 1} should start at ${expectedMin}`];
    if (band.maxScore === null) {
      return index === bands.length - 1 ? [] : ['Only the last score band may be open-ended'];
    }
    if (band.maxScore < band.minScore) return [`Score band ${index + 1} ends before it starts`];
    expectedMin = band.maxScore + 1;
  }
  return ['The last score band must be open-ended'];
}

function ratingBandProblems(template: RiskTemplate & { kind: 'BANDED' }): string[] {
  const rated = new Set(template.bands.map((b) => b.rating));
  return DOMAIN_RATINGS.filter((r) => !rated.has(r)).map((r) => `No level is given for the rating ${r}`);
}
