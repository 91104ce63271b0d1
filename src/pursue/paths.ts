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
