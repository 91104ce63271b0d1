/**
 * Who may see which figures of the partnership briefing. A route declares `stats:published` (every briefing
 * needs it); whether the exact, operational figures may be shown depends on the mode asked for in the query,
 * so it cannot be a route declaration: it is decided here, and the handler audits a refusal.
 */
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';

/** The permission operational (exact, unsuppressed) figures need beside `stats:published`. */
export const OPERATIONAL_STATISTICS: Permission = 'stats:operational';

export type BriefingModeDecision =
  | { allowed: true }
  | { allowed: false; reason: 'NO_PERMISSION'; permission: Permission };

/** Whether the principal may be offered the operational mode at all (the page's mode choice). */
export function mayChooseOperationalFigures(principal: Principal): boolean {
  return principal.permissions.has(OPERATIONAL_STATISTICS);
}

/** May the principal see the briefing in this mode? Published figures are for anyone the route admits. */
export function decideBriefingMode(
  principal: Principal,
  mode: 'published' | 'operational',
): BriefingModeDecision {
  if (mode === 'published' || mayChooseOperationalFigures(principal)) return { allowed: true };
  return { allowed: false, reason: 'NO_PERMISSION', permission: OPERATIONAL_STATISTICS };
}
