/** The managers' dashboard: the queue by RAG, breaches, and a period's timeliness and outcomes. */
import type { Tx } from '../platform/db/transaction.ts';
import * as dashboardStore from './dashboard-store.ts';

export interface DashboardFigures {
  openByRag: Record<string, number>;
  breached: number;
  decided: number;
  decidedWithinStandard: number;
  outcomes: Record<string, number>;
}

/** The managers' dashboard over a period, within the caller's hubs. */
export async function dashboard(tx: Tx, period: { from: Date; to: Date }): Promise<DashboardFigures> {
  const open = await dashboardStore.openByRag(tx);
  const breached = await dashboardStore.breachedOpen(tx);
  const decisions = await dashboardStore.decisionsByOutcome(tx, period);
  const outcomes: Record<string, number> = {};
  let decided = 0;
  let within = 0;
  for (const row of decisions) {
    outcomes[row.social_care_outcome] = (outcomes[row.social_care_outcome] ?? 0) + row.n;
    decided += row.n;
    if (row.within_standard) within += row.n;
  }
  return {
    openByRag: Object.fromEntries(open.map((r) => [r.rag, r.n])),
    breached,
    decided,
    decidedWithinStandard: within,
    outcomes,
  };
}

// ---------------------------------------------------------------- for the pages (additive)

/** Open episodes past their RAG deadline now (the dashboard's live figure; no audit of its own). */
export function breachedNow(tx: Tx, now: Date = new Date()): Promise<number> {
  return dashboardStore.openPastRagDeadline(tx, now);
}
