/**
 * Statistical disclosure control for published figures (DOMAIN.md "Statistics and disclosure control"):
 * the rules and the exact audit. Pure, no I/O. Which cells to suppress is chosen in
 * `secondary-suppression.ts`; the briefing's linked scopes and periods are joined in `joint-suppression.ts`.
 *
 * A briefing is a set of published cells (counts) and the sums that tie them together: a table's total is
 * the sum of its rows, a group subtotal the sum of its members, a two-way table's margins the sums of its
 * rows and columns, a partnership's count the sum of its areas'. Cells that stand for the same quantity in
 * several figures share one id, so the sums of every figure are checked together.
 *
 * - Primary suppression: a count from 1 to `threshold` (5) is shown as 'c'. Zeros are not sensitive.
 * - The exact audit (`pinnedCells`) looks at every suppressed cell against all the published sums together:
 *   a cell is pinned when every filling of the suppressed cells (each at least 0: a zero may be hidden
 *   beside a small count, so a reader cannot assume that 'c' is never 0) that agrees with the published cells and sums gives it the same value. It asks, by linear programming
 *   (`canMove`), whether the cell can be one higher or one lower. Dense two-way tables with small cells and
 *   zeros (e.g. [[1,1,0],[1,0,4],[0,0,2]], where rows, columns and shown zeros together pin values) are
 *   what rules applied sum by sum miss.
 *   The audit is exact for systems whose sums form a network (one-way, hierarchical and two-way tables
 *   with their margins): there the linear programme has whole-number solutions, and any second filling
 *   implies one that moves each cell by at most 1. For other systems it checks the real relaxation.
 * - Shares are percentages to one decimal place; a share whose numerator or denominator is suppressed is
 *   'c' too.
 */

export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED = 'c' as const;
export type Disclosed = number | typeof SUPPRESSED;

/** `total` is published as the sum of `parts` (cell ids). */
export interface Equation {
  readonly total: string;
  readonly parts: readonly string[];
}

export function isPrimarySensitive(value: number, threshold = SUPPRESSION_THRESHOLD): boolean {
  return value >= 1 && value <= threshold;
}

/**
 * The suppressed cells whose value the published cells and sums fix (see the audit above), sorted by id.
 */
export function pinnedCells(
  value: (id: string) => number,
  equations: readonly Equation[],
  suppressed: ReadonlySet<string>,
): string[] {
  const rows = linearRows(value, equations, suppressed);
  const free = new Set<string>();
  const pinned: string[] = [];
  for (const target of [...suppressed].sort()) {
    if (free.has(target)) continue;
    if (!movable(rows, value, target, free)) pinned.push(target);
  }
  return pinned;
}

/** Whether the published cells and sums fix the value of one suppressed cell (see `pinnedCells`). */
export function isPinned(
  value: (id: string) => number,
  equations: readonly Equation[],
  suppressed: ReadonlySet<string>,
  target: string,
): boolean {
  return !movable(linearRows(value, equations, suppressed), value, target, new Set());
}

type Row = { coef: Map<string, number>; rhs: number };

/** Each sum as a linear row over the suppressed cells: Σ coef·x = rhs, with the published cells moved over. */
function linearRows(
  value: (id: string) => number,
  equations: readonly Equation[],
  suppressed: ReadonlySet<string>,
): Row[] {
  const rows: Row[] = [];
  for (const eq of equations) {
    const coef = new Map<string, number>();
    let rhs = 0;
    const add = (id: string, k: number) => {
      if (suppressed.has(id)) coef.set(id, (coef.get(id) ?? 0) + k);
      else rhs -= k * value(id);
    };
    add(eq.total, 1);
    for (const p of eq.parts) add(p, -1);
    for (const [id, k] of coef) if (k === 0) coef.delete(id);
    if (coef.size > 0) rows.push({ coef, rhs });
  }
  return rows;
}

function movable(rows: readonly Row[], value: (id: string) => number, target: string, free: Set<string>) {
  const v = value(target);
  return canMove(rows, value, target, v + 1, free) || (v >= 1 && canMove(rows, value, target, v - 1, free));
}

/**
 * Whether some filling of the suppressed cells linked to `target` (each at least 0) satisfies every row
 * with `target` at `to`. Every cell that such a filling moves is added to `free`.
 */
function canMove(
  rows: readonly Row[],
  value: (id: string) => number,
  target: string,
  to: number,
  free: Set<string>,
): boolean {
  // The cells linked to the target through the rows (the others keep their values).
  const linked = new Set([target]);
  const used: Row[] = [];
  const pending = [...rows];
  let grew = true;
  while (grew) {
    grew = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const row = pending[i]!;
      if ([...row.coef.keys()].some((id) => linked.has(id))) {
        for (const id of row.coef.keys()) linked.add(id);
        used.push(row);
        pending.splice(i, 1);
        grew = true;
      }
    }
  }
  const vars = [...linked];
  const index = new Map(vars.map((id, i) => [id, i]));
  // Variables y = x ≥ 0; rows A·y = b, plus y[target] = to.
  const a: number[][] = [];
  const b: number[] = [];
  for (const row of used) {
    const line = new Array<number>(vars.length).fill(0);
    for (const [id, k] of row.coef) line[index.get(id)!] = k;
    a.push(line);
    b.push(row.rhs);
  }
  const fix = new Array<number>(vars.length).fill(0);
  fix[index.get(target)!] = 1;
  a.push(fix);
  b.push(to);
  const y = feasiblePoint(a, b);
  if (y === null) return false;
  for (const [i, id] of vars.entries()) if (Math.abs(y[i]! - value(id)) > 1e-7) free.add(id);
  return true;
}

const BLAND_AFTER = 2_000;

/** A point y ≥ 0 with A·y = b, or null: phase one of the simplex method. */
function feasiblePoint(a: readonly number[][], b: readonly number[]): number[] | null {
  const m = a.length;
  const n = a[0]?.length ?? 0;
  const eps = 1e-9;
  // Tableau over the n variables and m artificials; the last column is the right-hand side.
  const t: number[][] = a.map((line, i) => {
    const sign = b[i]! < 0 ? -1 : 1;
    const row = new Array<number>(n + m + 1).fill(0);
    for (let j = 0; j < n; j++) row[j] = sign * line[j]!;
    row[n + i] = 1;
    row[n + m] = sign * b[i]!;
    return row;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  // The objective: minimise the sum of the artificials, as reduced costs.
  const cost = new Array<number>(n + m + 1).fill(0);
  for (const row of t) for (let j = 0; j <= n + m; j++) if (j < n || j === n + m) cost[j]! -= row[j]!;
  // An artificial that has left the basis is never needed again (phase one only looks for a feasible point).
  const dropped = new Array<boolean>(n + m).fill(false);
  for (let iter = 0; iter < 10_000; iter++) {
    // Dantzig's rule (the most negative reduced cost) takes far fewer pivots; Bland's rule (the first)
    // after a while, because it cannot cycle.
    const bland = iter >= BLAND_AFTER;
    let enter = -1;
    for (let j = 0; j < n + m; j++) {
      if (dropped[j] || cost[j]! >= -eps) continue;
      if (enter < 0 || (!bland && cost[j]! < cost[enter]!)) enter = j;
      if (bland) break;
    }
    if (enter < 0) break;
    let leave = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const k = t[i]![enter]!;
      if (k > eps) {
        const ratio = t[i]![n + m]! / k;
        if (ratio < best - eps || (Math.abs(ratio - best) <= eps && basis[i]! < basis[leave]!)) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) break; // unbounded cannot happen: the objective is at least 0
    const pivot = t[leave]!;
    const k = pivot[enter]!;
    // The rows are sparse (coefficients of ±1 over a few cells each): only the pivot row's non-zero
    // columns change the others.
    const nonZero: number[] = [];
    for (let j = 0; j <= n + m; j++) {
      if (pivot[j] === 0) continue;
      pivot[j]! /= k;
      nonZero.push(j);
    }
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const row = t[i]!;
      const f = row[enter]!;
      if (f !== 0) for (const j of nonZero) row[j]! -= f * pivot[j]!;
    }
    const f = cost[enter]!;
    for (const j of nonZero) cost[j]! -= f * pivot[j]!;
    if (basis[leave]! >= n) dropped[basis[leave]!] = true;
    basis[leave] = enter;
  }
  if (-cost[n + m]! > 1e-7) return null;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < m; i++) if (basis[i]! < n) y[basis[i]!] = t[i]![n + m]!;
  return y;
}

/** A share as a percentage to one decimal place; null when there is nothing to divide by. */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

export function discloseCount(id: string, value: number, suppressed: ReadonlySet<string>): Disclosed {
  return suppressed.has(id) ? SUPPRESSED : value;
}

/** The published share: 'c' when either side is suppressed. */
export function discloseShare(
  numerator: { id: string; value: number },
  denominator: { id: string; value: number },
  suppressed: ReadonlySet<string>,
): number | typeof SUPPRESSED | null {
  if (suppressed.has(numerator.id) || suppressed.has(denominator.id)) return SUPPRESSED;
  return percentage(numerator.value, denominator.value);
}

/** The equations of a one-way table: the total is the sum of its rows. */
export function oneWayEquations(total: string, rows: readonly string[]): Equation[] {
  return [{ total, parts: rows }];
}

/** The equations of a two-way table with row, column and grand totals. */
export function twoWayEquations(
  cell: (r: number, c: number) => string,
  rowTotal: (r: number) => string,
  colTotal: (c: number) => string,
  grand: string,
  rows: number,
  cols: number,
): Equation[] {
  const eqs: Equation[] = [];
  for (let r = 0; r < rows; r++)
    eqs.push({ total: rowTotal(r), parts: Array.from({ length: cols }, (_, c) => cell(r, c)) });
  for (let c = 0; c < cols; c++)
    eqs.push({ total: colTotal(c), parts: Array.from({ length: rows }, (_, r) => cell(r, c)) });
  eqs.push({ total: grand, parts: Array.from({ length: rows }, (_, r) => rowTotal(r)) });
  eqs.push({ total: grand, parts: Array.from({ length: cols }, (_, c) => colTotal(c)) });
  return eqs;
}
