/** Typed addresses of the disruption register's pages (ids only: no personal data). */

export function disruptionPath(personId: string): string {
  return `/pursue/people/${personId}`;
}

export function newTacticPath(personId: string): string {
  return `/pursue/people/${personId}/tactics/new`;
}

export function tacticsPath(personId: string): string {
  return `/pursue/people/${personId}/tactics`;
}

export function newBreachPath(tacticId: string): string {
  return `/pursue/tactics/${tacticId}/breaches/new`;
}

export function breachesPath(tacticId: string): string {
  return `/pursue/tactics/${tacticId}/breaches`;
}

export function sroDecisionPath(breachId: string): string {
  return `/pursue/breaches/${breachId}/sro-decision`;
}

export const INTELLIGENCE_PATH = '/intelligence';

export function newIntelligencePath(): string {
  return '/intelligence/new';
}

export function intelligencePath(id: string): string {
  return `/intelligence/${id}`;
}

export function evaluationPath(id: string): string {
  return `/intelligence/${id}/evaluation`;
}

export function linkIntelligencePath(personId: string): string {
  return `/pursue/people/${personId}/intelligence`;
}

export function newIdentifierPath(personId: string): string {
  return `/pursue/people/${personId}/identifiers/new`;
}

export function identifiersPath(personId: string): string {
  return `/pursue/people/${personId}/identifiers`;
}

export function identifierSearchPath(): string {
  return '/pursue/identifier-search';
}

export function statusPath(personId: string): string {
  return `/pursue/people/${personId}/status`;
}

export const OPERATIONS_PATH = '/pursue/operations';

export function operationPath(id: string): string {
  return `/pursue/operations/${id}`;
}

export function personOperationsPath(personId: string): string {
  return `/pursue/people/${personId}/operations`;
}

export function profilePath(personId: string): string {
  return `/pursue/people/${personId}/profile`;
}

export const COMPLETENESS_PATH = '/pursue/completeness';

export function operationTasksPath(operationId: string): string {
  return `/pursue/operations/${operationId}/tasks`;
}

export function operationTaskDonePath(operationId: string, taskId: string): string {
  return `/pursue/operations/${operationId}/tasks/${taskId}/done`;
}
