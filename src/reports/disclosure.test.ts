import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseShare, type Equation, percentage, pinnedCells } from './disclosure.ts';
import { checkRules, oneWay, recoverable, twoWay } from './disclosure-attacker.test-helper.ts';
import { suppressedCells } from './secondary-suppression.ts';

describe('the attacker used by these tests', () => {
  it('works out a lone suppressed cell, and two hidden cells whose sum is 0', () => {
    const { cells, equations } = oneWay([3, 10, 7, 200]);
    expect(recoverable(cells, equations, new Set(['r0']))).toEqual(['r0']);
    const zeros = oneWay([0, 0, 9, 100]);
    expect(recoverable(zeros.cells, zeros.equations, new Set(['r0', 'r1']))).toEqual(['r0', 'r1']);
    // Two ones under a shown total are safe: 0 + 2 and 2 + 0 fit as well.
    const ones = oneWay([1, 1, 9, 100]);
    expect(recoverable(ones.cells, ones.equations, new Set(['r0', 'r1']))).toEqual([]);
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

  it('hides two ones under a shown total and nothing more', () => {
    const { cells, equations } = oneWay([1, 1, 9, 100]);
    const hidden = suppressedCells(cells, equations);
    expect(hidden).toEqual(new Set(['r0', 'r1']));
    expect(recoverable(cells, equations, hidden)).toEqual([]);
  });

  it('hides a zero beside a lone small count rather than a larger row or the total', () => {
    const { cells, equations } = oneWay([4, 0, 10]);
    const hidden = suppressedCells(cells, equations);
    expect(hidden).toEqual(new Set(['r0', 'r1']));
    expect(recoverable(cells, equations, hidden)).toEqual([]);
  });

  it('hides the total when it is itself a small count', () => {
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
    // Hidden cells whose sums leave them no room are pinned, and both see it.
    const zeros = oneWay([0, 0, 2, 9, 100]);
    const tight = new Set(['r0', 'r1', 'r2', 'r3']);
    const zeroValue = (id: string) => zeros.cells.get(id) ?? 0;
    const withZeros = [...zeros.equations, { total: 'r2', parts: ['r0', 'r1', 'r2'] }];
    expect(pinnedCells(zeroValue, withZeros, tight)).toEqual(['r0', 'r1']);
    expect(recoverable(zeros.cells, withZeros, tight).sort()).toEqual(['r0', 'r1']);
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
