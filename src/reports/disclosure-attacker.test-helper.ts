/** The tests' attacker and small tables, shared by the disclosure unit tests. */
import { expect } from 'vitest';
import { type Equation, oneWayEquations, twoWayEquations } from './disclosure.ts';

/**
 * The attacker: knows every published cell and every published sum, and that a suppressed cell is a whole
 * number of at least 0 (a zero may be hidden beside a small count, so 'c' may be 0). A suppressed value is recovered when every filling of the
 * suppressed cells consistent with that knowledge gives it the same value. The search looks for a second
 * filling near the true one (each suppressed cell within ±3 of its value, and at least 0). Finding one proves
 * that the value cannot be worked out; not finding one is exact for the tables tested here, whose sums form
 * a network (totally unimodular): any second filling decomposes into conformal ±1 cycles, so one exists
 * that moves the target by 1 and every other cell by at most 1, staying at or above 0.
 */
export function recoverable(
  cells: Map<string, number>,
  equations: readonly Equation[],
  hidden: Set<string>,
): string[] {
  const unknowns = [...hidden];
  const truth = (id: string) => cells.get(id) ?? 0;
  const recovered: string[] = [];
  for (const target of unknowns) {
    const order = [target, ...unknowns.filter((u) => u !== target)];
    const assigned = new Map<string, number>();
    const valueAt = (id: string) => (hidden.has(id) ? assigned.get(id) : truth(id));
    const consistent = () =>
      equations.every((eq) => {
        const t = valueAt(eq.total);
        const parts = eq.parts.map(valueAt);
        if (t === undefined || parts.some((p) => p === undefined)) return true;
        return parts.reduce((a, b) => a! + b!, 0) === t;
      });
    const search = (i: number): boolean => {
      if (i === order.length) return true;
      const id = order[i]!;
      const v = truth(id);
      for (let x = Math.max(0, v - 3); x <= v + 3; x++) {
        if (i === 0 && x === v) continue;
        assigned.set(id, x);
        if (consistent() && search(i + 1)) return true;
        assigned.delete(id);
      }
      return false;
    };
    if (!search(0)) recovered.push(target);
  }
  return recovered;
}

export function oneWay(values: number[]) {
  const cells = new Map<string, number>();
  for (const [i, v] of values.entries()) cells.set(`r${i}`, v);
  cells.set(
    'total',
    values.reduce((a, b) => a + b, 0),
  );
  const equations = oneWayEquations(
    'total',
    values.map((_, i) => `r${i}`),
  );
  return { cells, equations };
}

export function twoWay(grid: number[][]) {
  const rows = grid.length;
  const cols = grid[0]!.length;
  const cells = new Map<string, number>();
  let grand = 0;
  for (let r = 0; r < rows; r++) {
    let rt = 0;
    for (let c = 0; c < cols; c++) {
      cells.set(`c${r}_${c}`, grid[r]![c]!);
      rt += grid[r]![c]!;
    }
    cells.set(`R${r}`, rt);
    grand += rt;
  }
  for (let c = 0; c < cols; c++)
    cells.set(
      `C${c}`,
      grid.reduce((s, row) => s + row[c]!, 0),
    );
  cells.set('G', grand);
  const equations = twoWayEquations(
    (r, c) => `c${r}_${c}`,
    (r) => `R${r}`,
    (c) => `C${c}`,
    'G',
    rows,
    cols,
  );
  return { cells, equations };
}

/** Counts of 1 to 5 are hidden; every sum holds no hidden cell or at least two. */
export function checkRules(cells: Map<string, number>, equations: readonly Equation[], hidden: Set<string>) {
  for (const [id, v] of cells) if (v >= 1 && v <= 5) expect(hidden.has(id)).toBe(true);
  for (const eq of equations) {
    const n = [eq.total, ...eq.parts].filter((m) => hidden.has(m)).length;
    expect(n === 0 || n >= 2).toBe(true);
  }
}
