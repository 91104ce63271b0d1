/**
 * The reports' SQL, read-only: the aggregate counts behind the briefing (`lantern_briefing_counts`), the
 * folding of their appended deltas, and the partnership areas offered as a scope. Reports read no table
 * directly: the database's functions return aggregates only.
 */
import type { Tx } from '../platform/db/transaction.ts';

export interface BriefingCountRow {
  figure: string;
  category: string;
  n: string;
}

/** Every aggregate count for a period of London calendar days [from, to] and a scope (null: all). */
export function briefingCountRows(
  tx: Tx,
  period: { from: string; to: string },
  scope: { area: string | null; division: string | null },
): Promise<BriefingCountRow[]> {
  return tx.query<BriefingCountRow>(
    `SELECT figure, category, n FROM lantern_briefing_counts(
       ($1::date)::timestamp AT TIME ZONE 'Europe/London', ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London',
       $3, $4)`,
    [period.from, period.to, scope.area, scope.division],
  );
}

/** Folds each key's appended deltas into one row; returns how many rows went. */
export async function compactBriefingDeltas(tx: Tx): Promise<number> {
  const rows = await tx.query<{ removed: number | string }>('SELECT lantern_briefing_compact() AS removed');
  return Number(rows[0]?.removed ?? 0);
}

/** The safeguarding areas agencies belong to, for the briefing's scope choice. */
export async function partnershipAreas(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    'SELECT DISTINCT area FROM agency WHERE area IS NOT NULL ORDER BY area',
  );
  return rows.map((r) => r.area);
}
