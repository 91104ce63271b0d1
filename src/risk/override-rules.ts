/**
 * Override rules shared by both shipped tools. They only ever raise a level: a young child, or a child with a
 * learning disability, about whom there are CSE concerns may not be rated low on points alone, because the
 * indicators under-record what such children can tell us; a disclosure of exploitation is high whatever the
 * score.
 */
import { higherRiskLevel, type RiskLevel, riskLevelRank } from './levels.ts';
import type { ChildCondition, OverrideRule } from './template.ts';

/**
 * What the rules may know about the child. Ethnicity, religion and nationality are deliberately absent: they
 * are recorded for equality monitoring only and are never an input to a risk level.
 */
export interface ChildRiskFacts {
  readonly ageYears: number;
  readonly learningDisability: boolean;
  readonly cseConcerns: boolean;
  readonly disclosure: boolean;
}

export const STANDARD_OVERRIDE_RULES: readonly OverrideRule[] = [
  {
    id: 'UNDER_13_WITH_CSE_CONCERNS',
    description: 'A child under 13 with CSE concerns is never rated low or not at risk',
    when: { ageUnder: 13, cseConcerns: true },
    minimumLevel: 'MEDIUM',
  },
  {
    id: 'LEARNING_DISABILITY_WITH_CSE_CONCERNS',
    description: 'A child with a learning disability and CSE concerns is never rated low or not at risk',
    when: { learningDisability: true, cseConcerns: true },
    minimumLevel: 'MEDIUM',
  },
  {
    id: 'DISCLOSURE_OF_EXPLOITATION',
    description: 'A disclosure of exploitation is high risk',
    when: { disclosure: true },
    minimumLevel: 'HIGH',
  },
];

export function ruleApplies(condition: ChildCondition, child: ChildRiskFacts): boolean {
  if (condition.ageUnder !== undefined && !(child.ageYears < condition.ageUnder)) return false;
  if (condition.learningDisability && !child.learningDisability) return false;
  if (condition.cseConcerns && !child.cseConcerns) return false;
  if (condition.disclosure && !child.disclosure) return false;
  return true;
}

export interface AppliedOverride {
  rule: string;
  from: RiskLevel;
  to: RiskLevel;
}

export interface OverrideOutcome {
  level: RiskLevel;
  applied: AppliedOverride[];
  /** The lowest level any applicable rule allows: an assessor may not go below it either. */
  minimumLevel: RiskLevel;
}

/** Applies rules in order; a rule is listed as applied only when it actually raised the level. */
export function applyOverrideRules(
  level: RiskLevel,
  rules: readonly OverrideRule[],
  child: ChildRiskFacts,
): OverrideOutcome {
  let current = level;
  let minimumLevel: RiskLevel = 'NOT_AT_RISK';
  const applied: AppliedOverride[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule.when, child)) continue;
    minimumLevel = higherRiskLevel(minimumLevel, rule.minimumLevel);
    if (riskLevelRank(rule.minimumLevel) > riskLevelRank(current)) {
      applied.push({ rule: rule.id, from: current, to: rule.minimumLevel });
      current = rule.minimumLevel;
    }
  }
  return { level: current, applied, minimumLevel };
}
