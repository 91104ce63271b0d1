/**
 * Statistical disclosure control for published figures (DOMAIN.md "Statistics and disclosure control").
 * Pure rules, no I/O.
 *
 * A briefing is a set of published cells (counts) and the sums that tie them together: a table's total is
 * the sum of its rows, a group subtotal the sum of its members, a two-way table's margins the sums of its
 * rows and columns. Cells that stand for the same quantity in several figures share one id, so the sums of
 * every figure are checked together.
 *
 * - Primary suppression: a count from 1 to `threshold` (5) is shown as 'c'. Zeros are not sensitive.
 * - Secondary suppression, iterated to a fixed point, for every published sum:
 *     1. it holds no suppressed cell or at least two (one alone is the total minus the others);
 *     2. when its total is shown, its suppressed cells are not all 1 (a reader who knows that zeros are
 *        shown and 'c' is never 0 could otherwise work each of them out as 1).
 *   The cell added is the smallest non-zero one not yet suppressed (least information lost), else the total.
 * - An exact audit then looks at every suppressed cell against all the published sums together: a cell is
 *   pinned when every filling of the suppressed cells (each at least 1, since zeros are shown) that agrees
 *   with the published cells and sums gives it the same value. The audit asks, by linear programming
 *   (`canMove`), whether the cell can be one higher or one lower; a pinned cell gets the smallest non-zero
 *   cell not yet suppressed from the sums it is in (else from anywhere) added beside it, and the per-sum
 *   rules and the audit run again until no cell is pinned. It always ends: once every non-zero cell is
 *   suppressed, doubling every suppressed value is another filling. Dense two-way tables with small cells
 *   and zeros (e.g. [[1,1,0],[1,0,4],[0,0,2]], where rows, columns and shown zeros together pin values)
 *   are what the per-sum rules alone miss.
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
 * The ids of the cells to show as 'c'. `cells` holds every published count (exact); equations name cells
 * by id (an id missing from `cells` counts as 0 and is never suppressed).
 */
export function suppressedCells(
  cells: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  threshold = SUPPRESSION_THRESHOLD,
): Set<string> {
  const value = (id: string) => cells.get(id) ?? 0;
  const suppressed = new Set<string>();
  for (const [id, v] of cells) if (isPrimarySensitive(v, threshold)) suppressed.add(id);

  // The smallest non-zero part not yet suppressed (ties by id, so the result is deterministic), else the total.
  const nextCandidate = (eq: Equation): string | null => {
    const open = eq.parts
      .filter((p) => !suppressed.has(p) && value(p) > 0)
      .sort((a, b) => value(a) - value(b) || a.localeCompare(b));
    if (open.length > 0) return open[0]!;
    return suppressed.has(eq.total) ? null : eq.total;
  };

  let guard = 0;
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      if (++guard > 10_000) throw new Error('secondary suppression did not settle');
      for (const eq of equations) {
        const members = [eq.total, ...eq.parts];
        const hidden = members.filter((m) => suppressed.has(m));
        if (hidden.length === 0) continue;
        let needMore = hidden.length === 1;
        if (!needMore && !suppressed.has(eq.total)) {
          const hiddenParts = eq.parts.filter((p) => suppressed.has(p));
          const sum = hiddenParts.reduce((s, p) => s + value(p), 0);
          needMore = hiddenParts.length > 0 && sum === hiddenParts.length;
        }
        if (!needMore) continue;
        const next = nextCandidate(eq);
        if (next !== null) {
          suppressed.add(next);
          changed = true;
        }
      }
    }
    const pinned = pinnedCells(value, equations, suppressed);
    if (pinned.length === 0) return suppressed;
    const next = cellToFree(pinned[0]!, value, equations, suppressed);
    if (next === null)
      throw new Error('secondary suppression found a pinned cell and nothing left to suppress');
    suppressed.add(next);
  }
}

/**
 * The smallest non-zero cell not yet suppressed: a part of the sums that hold `cell`, else any part, else a
 * total (ties by id).
 */
function cellToFree(
  cell: string,
  value: (id: string) => number,
  equations: readonly Equation[],
  suppressed: ReadonlySet<string>,
): string | null {
  const pick = (ids: Iterable<string>) =>
    [...new Set(ids)]
      .filter((id) => !suppressed.has(id) && value(id) > 0)
      .sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0] ?? null;
  const near = equations.filter((eq) => eq.total === cell || eq.parts.includes(cell));
  // Totals are what a reader looks for first: parts anywhere are hidden before any total is.
  return (
    pick(near.flatMap((eq) => eq.parts)) ??
    pick(equations.flatMap((eq) => eq.parts)) ??
    pick(near.map((eq) => eq.total)) ??
    pick(equations.map((eq) => eq.total))
  );
}

/**
 * The suppressed cells whose value the published cells and sums fix (see the audit above), sorted by id.
 */
export function pinnedCells(
  value: (id: string) => number,
  equations: readonly Equation[],
  suppressed: ReadonlySet<string>,
): string[] {
  // Each sum as a linear row over the suppressed cells: Σ coef·x = rhs, with the published cells moved over.
  const rows: { coef: Map<string, number>; rhs: number }[] = [];
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
  const free = new Set<string>();
  const pinned: string[] = [];
  for (const target of [...suppressed].sort()) {
    if (free.has(target)) continue;
    const v = value(target);
    const moved =
      canMove(rows, value, target, v + 1, free) || (v >= 2 && canMove(rows, value, target, v - 1, free));
    if (!moved) pinned.push(target);
  }
  return pinned;
}

/**
 * Whether some filling of the suppressed cells linked to `target` (each at least 1) satisfies every row
 * with `target` at `to`. Every cell that such a filling moves is added to `free`.
 */
function canMove(
  rows: readonly { coef: Map<string, number>; rhs: number }[],
  value: (id: string) => number,
  target: string,
  to: number,
  free: Set<string>,
): boolean {
  // The cells linked to the target through the rows (the others keep their values).
  const linked = new Set([target]);
  const used: { coef: Map<string, number>; rhs: number }[] = [];
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
  // Variables y = x − 1 ≥ 0; rows A·y = b, plus y[target] = to − 1.
  const a: number[][] = [];
  const b: number[] = [];
  for (const row of used) {
    const line = new Array<number>(vars.length).fill(0);
    let rhs = row.rhs;
    for (const [id, k] of row.coef) {
      line[index.get(id)!] = k;
      rhs -= k;
    }
    a.push(line);
    b.push(rhs);
  }
  const fix = new Array<number>(vars.length).fill(0);
  fix[index.get(target)!] = 1;
  a.push(fix);
  b.push(to - 1);
  const y = feasiblePoint(a, b);
  if (y === null) return false;
  for (const [i, id] of vars.entries()) if (Math.abs(y[i]! + 1 - value(id)) > 1e-7) free.add(id);
  return true;
}

/** A point y ≥ 0 with A·y = b, or null: phase one of the simplex method, Bland's rule. */
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
  for (let iter = 0; iter < 10_000; iter++) {
    let enter = -1;
    for (let j = 0; j < n + m; j++)
      if (cost[j]! < -eps) {
        enter = j;
        break;
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
    for (let j = 0; j <= n + m; j++) pivot[j]! /= k;
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const f = t[i]![enter]!;
      if (f !== 0) for (let j = 0; j <= n + m; j++) t[i]![j]! -= f * pivot[j]!;
    }
    const f = cost[enter]!;
    for (let j = 0; j <= n + m; j++) cost[j]! -= f * pivot[j]!;
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
