/**
 * The partnership briefing: every figure of the registry over a period and a scope, beside the same
 * figure for the previous period, with disclosure control in published mode. The counts come from
 * `lantern_briefing_counts` (aggregates only); everything else here is pure.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { briefingCountRows } from './briefing-store.ts';
import { type Disclosed, type Equation, percentage, SUPPRESSED, suppressedCells } from './disclosure.ts';
import {
  type Cell,
  type CodeLabel,
  type Counts,
  countsFrom,
  FIGURES,
  type FigureDefinition,
  type FigureTable,
  type Section,
} from './figures.ts';
import { type Period, previousPeriod } from './period.ts';

export type Mode = 'published' | 'operational';
export const MODES: readonly Mode[] = ['published', 'operational'];

export interface Scope {
  /** A safeguarding partnership area code, or null for the whole partnership. */
  readonly area: string | null;
  /** A police division code, or null. */
  readonly division: string | null;
}

export type Share = number | typeof SUPPRESSED | null;

export interface BriefingRow {
  category: string;
  label: string;
  value: Disclosed;
  share: Share;
  group?: boolean;
}

export interface BriefingFigure {
  label: string;
  section: Section;
  description: string;
  unit: 'count' | 'years';
  chart: boolean;
  rows: BriefingRow[];
  total: Disclosed | null;
  previous: { rows: { category: string; value: Disclosed; share: Share }[]; total: Disclosed | null };
  /** The change in the total (or, for a table without one, in its first row) from the previous period. */
  change: Disclosed | null;
  twoWay?: { rows: readonly CodeLabel[]; columns: readonly CodeLabel[] };
}

export interface Briefing {
  period: Period;
  previousPeriod: Period;
  scope: Scope;
  mode: Mode;
  generatedAt: string;
  /** Figures by stable name, in the order of the registry. */
  figures: Record<string, BriefingFigure>;
}

/** Every count for one period and scope, from the aggregate function (exact). */
export async function fetchCounts(tx: Tx, period: Period, scope: Scope): Promise<Counts> {
  const rows = await briefingCountRows(tx, period, scope);
  return countsFrom(rows);
}

interface Computed {
  definition: FigureDefinition;
  table: FigureTable;
}

/** The cells to show as 'c' over the whole briefing (empty in operational mode). */
function suppressionFor(computed: readonly Computed[], mode: Mode): Set<string> {
  if (mode === 'operational') return new Set();
  const cells = new Map<string, number>();
  const equations: Equation[] = [];
  const add = (c: Cell | null | undefined) => {
    if (c && !c.id.startsWith('disposal.sentence_years')) cells.set(c.id, c.value);
  };
  for (const { table } of computed) {
    add(table.total);
    for (const row of table.rows) {
      add(row.cell);
      add(row.denominator);
      add(row.guardedBy);
    }
    equations.push(...table.equations);
  }
  return suppressedCells(cells, equations);
}

function disclose(cell: Cell, hidden: ReadonlySet<string>): Disclosed {
  return hidden.has(cell.id) ? SUPPRESSED : cell.value;
}

function shareOf(row: FigureTable['rows'][number], total: Cell | null, hidden: ReadonlySet<string>): Share {
  const of = row.denominator ?? total;
  if (!of || row.guardedBy) return null;
  if (hidden.has(row.cell.id) || hidden.has(of.id)) return SUPPRESSED;
  return percentage(row.cell.value, of.value);
}

function rowValue(row: FigureTable['rows'][number], hidden: ReadonlySet<string>): Disclosed {
  if (row.guardedBy && hidden.has(row.guardedBy.id)) return SUPPRESSED;
  return disclose(row.cell, hidden);
}

function difference(a: Disclosed | null, b: Disclosed | null): Disclosed | null {
  if (a === null || b === null) return null;
  if (a === SUPPRESSED || b === SUPPRESSED) return SUPPRESSED;
  return Math.round((a - b) * 10) / 10;
}

/** Assembles the briefing from the two periods' counts: pure. */
export function buildBriefing(
  request: { period: Period; scope: Scope; mode: Mode },
  current: Counts,
  previous: Counts,
  now = new Date(),
): Briefing {
  const now_ = FIGURES.map((definition) => ({ definition, table: definition.compute(current) }));
  const before = FIGURES.map((definition) => ({ definition, table: definition.compute(previous) }));
  const hiddenNow = suppressionFor(now_, request.mode);
  const hiddenBefore = suppressionFor(before, request.mode);
  const figures: Record<string, BriefingFigure> = {};
  now_.forEach(({ definition: d, table }, i) => {
    const prev = before[i]!.table;
    const rows = table.rows.map((row) => ({
      category: row.category,
      label: row.label,
      value: rowValue(row, hiddenNow),
      share: shareOf(row, table.total, hiddenNow),
      ...(row.group ? { group: true } : {}),
    }));
    const prevRows = prev.rows.map((row) => ({
      category: row.category,
      value: rowValue(row, hiddenBefore),
      share: shareOf(row, prev.total, hiddenBefore),
    }));
    const total = table.total ? disclose(table.total, hiddenNow) : null;
    const prevTotal = prev.total ? disclose(prev.total, hiddenBefore) : null;
    const change =
      total !== null
        ? difference(total, prevTotal)
        : difference(
            rows[0]?.value ?? null,
            prevRows.find((r) => r.category === rows[0]?.category)?.value ?? null,
          );
    figures[d.name] = {
      label: d.label,
      section: d.section,
      description: d.description,
      unit: d.unit,
      chart: d.chart,
      rows,
      total,
      previous: { rows: prevRows, total: prevTotal },
      change,
      ...(table.twoWay ? { twoWay: table.twoWay } : {}),
    };
  });
  return {
    period: request.period,
    previousPeriod: previousPeriod(request.period),
    scope: request.scope,
    mode: request.mode,
    generatedAt: now.toISOString(),
    figures,
  };
}

/** Runs the briefing in the caller's transaction (which must be allowed statistics). */
export async function runBriefing(
  tx: Tx,
  request: { period: Period; scope: Scope; mode: Mode },
  now = new Date(),
): Promise<Briefing> {
  const current = await fetchCounts(tx, request.period, request.scope);
  const previous = await fetchCounts(tx, previousPeriod(request.period), request.scope);
  return buildBriefing(request, current, previous, now);
}
