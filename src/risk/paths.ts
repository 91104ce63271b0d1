/** The risk module's URLs, built in one place (the reassessments list keeps its MASH address). */

export function riskAssessmentsPath(personId: string): string {
  return `/people/${personId}/risk-assessments`;
}

export function newRiskAssessmentPath(personId: string): string {
  return `${riskAssessmentsPath(personId)}/new`;
}

export function riskAssessmentPath(personId: string, assessmentId: string): string {
  return `${riskAssessmentsPath(personId)}/${assessmentId}`;
}

export function reassessmentsPath(): string {
  return '/mash/reassessments';
}
