/**
 * The reports' SQL, read-only: the aggregate counts behind the briefing (`lantern_briefing_counts`, and
 * `lantern_briefing_counts_by_scope` for many scopes and periods at once), the facts' change marker, the
 * folding of their appended deltas and of the change log, and the partnership areas offered as a scope. Reports read no table
 * directly: the database's functions return aggregates only.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { FoldUnit } from './fold-plan.ts';

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

export interface ScopeCountRow extends BriefingCountRow {
  /** 1-based: which of the periods and which of the scopes asked for. */
  period: number;
  scope: number;
}

/**
 * The same counts for every period (whole London days, first to last) and every scope asked for, each fact
 * read once (`lantern_briefing_counts_by_scope`, migration 037).
 */
export function briefingCountRowsByScope(
  tx: Tx,
  periods: readonly { from: string; to: string }[],
  scopes: readonly { area: string | null; division: string | null }[],
): Promise<ScopeCountRow[]> {
  return tx.query<ScopeCountRow>(
    `SELECT period, scope, figure, category, n
       FROM lantern_briefing_counts_by_scope($1::date[], $2::date[], $3::text[], $4::text[])`,
    [
      periods.map((p) => p.from),
      periods.map((p) => p.to),
      scopes.map((s) => s.area),
      scopes.map((s) => s.division),
    ],
  );
}

/**
 * The facts' change marker: the same text twice means the facts did not change in between (migration 037);
 * null when this transaction has changed them itself.
 */
export async function briefingFactMarker(tx: Tx): Promise<string | null> {
  const row = await tx.one<{ marker: string | null }>('SELECT lantern_briefing_fact_marker() AS marker');
  return row.marker;
}

/** Folds the facts' change log into one row; returns how many rows went. */
export async function foldBriefingFactChanges(tx: Tx): Promise<number> {
  const row = await tx.one<{ removed: number | string }>(
    'SELECT lantern_briefing_fold_fact_changes() AS removed',
  );
  return Number(row.removed);
}

/** The first and last day the counts span (null when there are none), as ISO dates. */
export async function briefingCountDays(tx: Tx): Promise<{ first: string; last: string } | null> {
  const row = await tx.one<{ first: string | null; last: string | null }>(
    'SELECT first_day::text AS first, last_day::text AS last FROM lantern_briefing_count_days()',
  );
  return row.first && row.last ? { first: row.first, last: row.last } : null;
}

/**
 * Folds the deltas of the days [from, to) whose keys fall in part `part` of `parts` (a range of the keys'
 * hashes): `read` rows were in the part, `folded` of them replaced, leaving `removed` fewer.
 */
export async function foldBriefingPart(
  tx: Tx,
  unit: FoldUnit,
): Promise<{ read: number; folded: number; removed: number }> {
  const row = await tx.one<{ rows_read: number | string; folded: number | string; removed: number | string }>(
    'SELECT rows_read, folded, removed FROM lantern_briefing_fold_part($1::date, $2::date, $3, $4)',
    [unit.from, unit.to, unit.part, unit.parts],
  );
  return { read: Number(row.rows_read), folded: Number(row.folded), removed: Number(row.removed) };
}

/** The safeguarding areas agencies belong to, for the briefing's scope choice. */
export async function partnershipAreas(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    'SELECT DISTINCT area FROM agency WHERE area IS NOT NULL ORDER BY area',
  );
  return rows.map((r) => r.area);
}
