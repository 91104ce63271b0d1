/** CSE risk levels, lowest first: the order is what overrides and "highest domain" rules compare. */
export const RISK_LEVELS = ['NOT_AT_RISK', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

export function riskLevelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function higherRiskLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskLevelRank(a) >= riskLevelRank(b) ? a : b;
}

/** Ratings an assessor gives a domain in a banded tool. */
export const DOMAIN_RATINGS = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type DomainRating = (typeof DOMAIN_RATINGS)[number];

export function isDomainRating(value: unknown): value is DomainRating {
  return typeof value === 'string' && (DOMAIN_RATINGS as readonly string[]).includes(value);
}
