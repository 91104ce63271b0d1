/**
 * A two-way figure (suspects by ethnic group and police division) as the grid a reader expects: a row per
 * ethnic group, a column per division, with the row and column totals. The page and the PDF both draw it.
 */
import type { Briefing, BriefingFigure } from './briefing.ts';
import type { Disclosed } from './disclosure.ts';

export interface FigureGrid {
  /** The columns' labels (the divisions), without the row label's column and the total's. */
  columns: string[];
  rows: { label: string; cells: Disclosed[]; total: Disclosed | null }[];
  totals: Disclosed[];
  grand: Disclosed | null;
}

export function figureGrid(f: BriefingFigure, briefing: Briefing): FigureGrid | null {
  const twoWay = f.twoWay;
  if (!twoWay) return null;
  const byCategory = new Map(f.rows.map((r) => [r.category, r]));
  const valueAt = (row: string, column: string): Disclosed => byCategory.get(`${row}|${column}`)?.value ?? 0;
  // A row's total is the ethnic group's total in the suspects' ethnicity figure (suppressed the same way).
  const ethnicity = briefing.figures['suspects.ethnicity'];
  const groupTotal = (code: string) =>
    ethnicity?.rows.find((r) => r.group && r.category === code)?.value ?? null;
  return {
    columns: twoWay.columns.map((c) => c.label),
    rows: twoWay.rows.map((r) => ({
      label: r.label,
      cells: twoWay.columns.map((c) => valueAt(r.code, c.code)),
      total: groupTotal(r.code),
    })),
    totals: twoWay.columns.map((c) => {
      // A column's total: the sum of its cells when none is suppressed (the suppression covers the margins).
      const cells = twoWay.rows.map((r) => valueAt(r.code, c.code));
      return cells.some((v) => v === 'c') ? 'c' : cells.reduce<number>((s, v) => s + (v as number), 0);
    }),
    grand: f.total,
  };
}
