import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  discloseShare,
  type Equation,
  oneWayEquations,
  percentage,
  pinnedCells,
  suppressedCells,
  twoWayEquations,
} from './disclosure.ts';

/**
 * The attacker: knows every published cell and every published sum, and that a suppressed cell is a whole
 * number of at least 1 (zeros are shown). A suppressed value is recovered when every filling of the
 * suppressed cells consistent with that knowledge gives it the same value. The search looks for a second
 * filling near the true one (each suppressed cell within ±3 of its value, and at least 1). Finding one proves
 * that the value cannot be worked out; not finding one is exact for the tables tested here, whose sums form
 * a network (totally unimodular): any second filling decomposes into conformal ±1 cycles, so one exists
 * that moves the target by 1 and every other cell by at most 1, staying at or above 1.
 */
function recoverable(
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
      for (let x = Math.max(1, v - 3); x <= v + 3; x++) {
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

function oneWay(values: number[]) {
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

function twoWay(grid: number[][]) {
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

function checkRules(cells: Map<string, number>, equations: readonly Equation[], hidden: Set<string>) {
  for (const [id, v] of cells) if (v >= 1 && v <= 5) expect(hidden.has(id)).toBe(true);
  for (const [id, v] of cells) if (v === 0) expect(hidden.has(id)).toBe(false);
  for (const eq of equations) {
    const n = [eq.total, ...eq.parts].filter((m) => hidden.has(m)).length;
    expect(n === 0 || n >= 2).toBe(true);
  }
}

describe('the attacker used by these tests', () => {
  it('works out a lone suppressed cell, and two ones under a shown total', () => {
    const { cells, equations } = oneWay([3, 10, 7, 200]);
    expect(recoverable(cells, equations, new Set(['r0']))).toEqual(['r0']);
    const ones = oneWay([1, 1, 9, 100]);
    expect(recoverable(ones.cells, ones.equations, new Set(['r0', 'r1']))).toEqual(['r0', 'r1']);
  });
});

describe('primary and secondary suppression', () => {
  it('shows 1 to 5 as c, never 0 or 6', () => {
    const { cells, equations } = oneWay([0, 1, 5, 6, 40, 45]);
    const hidden = suppressedCells(cells, equations);
    expect(hidden.has('r0')).toBe(false);
    expect(hidden.has('r1')).toBe(true);
    expect(hidden.has('r2')).toBe(true);
    expect(hidden.has('r3')).toBe(false);
  });

  it('suppresses the next smallest cell when one cell alone is suppressed in a table with a total', () => {
    const { cells, equations } = oneWay([3, 10, 7, 200]);
    const hidden = suppressedCells(cells, equations);
    expect([...hidden].sort()).toEqual(['r0', 'r2']);
  });

  it('does not leave two suppressed ones that the total pins down', () => {
    const { cells, equations } = oneWay([1, 1, 9, 100]);
    const hidden = suppressedCells(cells, equations);
    expect(hidden).toEqual(new Set(['r0', 'r1', 'r2']));
    expect(recoverable(cells, equations, hidden)).toEqual([]);
  });

  it('suppresses the total when nothing else can hide a lone suppressed cell', () => {
    const { cells, equations } = oneWay([4, 0, 0]);
    const hidden = suppressedCells(cells, equations);
    expect(hidden).toEqual(new Set(['r0', 'total']));
  });

  it('protects a two-way table in rows and columns', () => {
    const { cells, equations } = twoWay([
      [20, 3, 15],
      [12, 30, 40],
      [9, 11, 50],
    ]);
    const hidden = suppressedCells(cells, equations);
    checkRules(cells, equations, hidden);
    expect(hidden.size).toBeGreaterThanOrEqual(4);
    expect(recoverable(cells, equations, hidden)).toEqual([]);
  });

  it('property: no suppressed cell of a one-way table can be worked out', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 7 }), (values) => {
        const { cells, equations } = oneWay(values);
        const hidden = suppressedCells(cells, equations);
        checkRules(cells, equations, hidden);
        expect(recoverable(cells, equations, hidden)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      [1, 1, 0],
      [1, 0, 4],
      [0, 0, 2],
    ],
    [
      [3, 0],
      [0, 10],
    ],
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    [
      [0, 6, 0],
      [2, 0, 9],
    ],
  ])('protects a two-way table dense with small cells and zeros: %j', (...grid) => {
    const { cells, equations } = twoWay(grid);
    const hidden = suppressedCells(cells, equations);
    checkRules(cells, equations, hidden);
    expect(recoverable(cells, equations, hidden)).toEqual([]);
    expect(pinnedCells((id) => cells.get(id) ?? 0, equations, hidden)).toEqual([]);
  });

  it('the audit finds what the attacker works out', () => {
    // A pattern with two or more suppressed cells in every sum, yet the zeros and margins pin cells.
    const { cells, equations } = twoWay([
      [1, 1, 0],
      [1, 0, 4],
      [0, 0, 2],
    ]);
    const perSum = new Set(['c0_0', 'c0_1', 'c1_0', 'c1_2', 'c2_2', 'R0', 'C0', 'C1', 'R2']);
    const value = (id: string) => cells.get(id) ?? 0;
    expect(pinnedCells(value, equations, perSum)).toEqual(recoverable(cells, equations, perSum).sort());
    expect(pinnedCells(value, equations, perSum).length).toBeGreaterThan(0);
  });

  it('property: the audit pins exactly the cells the attacker works out', () => {
    const case_ = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 })).chain(([r, c]) =>
      fc.tuple(
        fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: c, maxLength: c }), {
          minLength: r,
          maxLength: r,
        }),
        fc.array(fc.boolean(), { minLength: r * c + r + c + 1, maxLength: r * c + r + c + 1 }),
      ),
    );
    fc.assert(
      fc.property(case_, ([g, pick]) => {
        const { cells, equations } = twoWay(g);
        const ids = [...cells.keys()];
        const hidden = new Set(ids.filter((id, i) => pick[i] && cells.get(id)! > 0));
        const value = (id: string) => cells.get(id) ?? 0;
        expect(pinnedCells(value, equations, hidden)).toEqual(recoverable(cells, equations, hidden).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('property: no suppressed cell of a two-way table can be worked out', () => {
    const grid = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 })).chain(([r, c]) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 25 })), {
          minLength: c,
          maxLength: c,
        }),
        { minLength: r, maxLength: r },
      ),
    );
    fc.assert(
      fc.property(grid, (g) => {
        const { cells, equations } = twoWay(g);
        const hidden = suppressedCells(cells, equations);
        checkRules(cells, equations, hidden);
        expect(recoverable(cells, equations, hidden)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('property: hierarchical tables (members, group subtotals, total) are protected too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        (groups) => {
          const cells = new Map<string, number>();
          const equations: Equation[] = [];
          let total = 0;
          groups.forEach((members, g) => {
            const ids = members.map((_, m) => `g${g}m${m}`);
            for (const [m, v] of members.entries()) cells.set(`g${g}m${m}`, v);
            const sub = members.reduce((a, b) => a + b, 0);
            cells.set(`g${g}`, sub);
            equations.push({ total: `g${g}`, parts: ids });
            total += sub;
          });
          cells.set('T', total);
          equations.push({ total: 'T', parts: groups.map((_, g) => `g${g}`) });
          equations.push({
            total: 'T',
            parts: groups.flatMap((members, g) => members.map((_, m) => `g${g}m${m}`)),
          });
          const hidden = suppressedCells(cells, equations);
          checkRules(cells, equations, hidden);
          expect(recoverable(cells, equations, hidden)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('shares', () => {
  it('rounds to one decimal place', () => {
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(0, 0)).toBeNull();
  });

  it('is c when the numerator or the denominator is suppressed', () => {
    const hidden = new Set(['a']);
    expect(discloseShare({ id: 'a', value: 3 }, { id: 'b', value: 90 }, hidden)).toBe('c');
    expect(discloseShare({ id: 'b', value: 90 }, { id: 'a', value: 3 }, hidden)).toBe('c');
    expect(discloseShare({ id: 'd', value: 9 }, { id: 'b', value: 90 }, hidden)).toBe(10);
  });
});
