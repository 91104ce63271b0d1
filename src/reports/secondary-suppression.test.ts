import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Equation, isPinned, pinnedCells } from './disclosure.ts';
import { checkRules, oneWay, recoverable } from './disclosure-attacker.test-helper.ts';
import type { FigureTable } from './figure-tables.ts';
import { jointSuppression, lossReport } from './joint-suppression.ts';
import { firstFreeing, suppress } from './secondary-suppression.ts';

/** The demo's outcome table: a total, its rows, and "further enquiries" over the statutory rows. */
function outcomes(rows: Record<string, number>) {
  const cells = new Map(Object.entries(rows));
  const statutory = ['S47', 'S17', 'S20', 'S31', 'S44', 'S46'];
  const all = ['NONE', ...statutory, 'NOT_DECIDED'];
  cells.set(
    'T',
    all.reduce((s, r) => s + (rows[r] ?? 0), 0),
  );
  cells.set(
    'FURTHER',
    statutory.reduce((s, r) => s + (rows[r] ?? 0), 0),
  );
  const equations: Equation[] = [
    { total: 'T', parts: all },
    { total: 'FURTHER', parts: statutory },
  ];
  return { cells, equations };
}

describe('secondary suppression that loses least', () => {
  it('keeps the total and the headline outcomes of the demo: a zero protects the section 31 count', () => {
    const { cells, equations } = outcomes({
      NONE: 483,
      S47: 120,
      S17: 46,
      S20: 6,
      S31: 3,
      S44: 0,
      S46: 0,
      NOT_DECIDED: 0,
    });
    const keep = new Set(['T', 'NONE', 'FURTHER', 'S47', 'S17', 'S20']);
    const { hidden, primary } = suppress(cells, equations, { keep });
    expect(primary).toEqual(new Set(['S31']));
    expect([...hidden].filter((id) => keep.has(id))).toEqual([]);
    // One cell beside it, a zero in both sums it is in (not "not decided", which is in one only).
    expect(hidden).toEqual(new Set(['S31', 'S44']));
    expect(recoverable(cells, equations, new Set(hidden))).toEqual([]);
  });

  it('prefers the smallest complementary cell', () => {
    const { cells, equations } = oneWay([3, 40, 9, 12, 200]);
    expect(suppress(cells, equations).hidden).toEqual(new Set(['r0', 'r2']));
  });

  it('hides a kept total only when nothing else protects', () => {
    // A table of one row: the row is the total.
    const one = {
      cells: new Map([
        ['r', 3],
        ['T', 3],
      ]),
      equations: [{ total: 'T', parts: ['r'] }],
    };
    expect(suppress(one.cells, one.equations, { keep: new Set(['T']) }).hidden).toEqual(new Set(['r', 'T']));
    const two = oneWay([3, 50]);
    expect(suppress(two.cells, two.equations, { keep: new Set(['total']) }).hidden).toEqual(
      new Set(['r0', 'r1']),
    );
  });

  it('property: a kept total of a table of two rows or more is never suppressed', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 7 })
          .filter((v) => v.reduce((a, b) => a + b, 0) > 5),
        (values) => {
          const { cells, equations } = oneWay(values);
          const { hidden } = suppress(cells, equations, { keep: new Set(['total']) });
          expect(hidden.has('total')).toBe(false);
          checkRules(cells, equations, new Set(hidden));
          expect(recoverable(cells, equations, new Set(hidden))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports the cells lost, primary and secondary, and their share', () => {
    const cells = new Map([
      ['a', 3],
      ['b', 7],
      ['c', 90],
      ['T', 100],
    ]);
    const report = lossReport(cells, new Set(['a', 'b']), (id) => id === 'a');
    expect(report).toEqual({
      cells: 4,
      suppressed: 2,
      primary: 1,
      secondary: 1,
      cellShare: 50,
      countShare: 5,
    });
  });
});

/** A scope's one-way table as a figure table (cells `x:<row>` and `x:ALL`). */
function table(values: number[]): FigureTable {
  const rows = values.map((v, i) => ({
    category: `R${i}`,
    label: `R${i}`,
    cell: { id: `x:R${i}`, value: v },
  }));
  const total = { id: 'x:ALL', value: values.reduce((a, b) => a + b, 0) };
  return { rows, total, equations: [{ total: total.id, parts: rows.map((r) => r.cell.id) }] };
}

describe('suppression over linked scopes', () => {
  it('property: no cell of the partnership or an area can be worked out from all their briefings together', () => {
    const areas = fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 3,
    });
    fc.assert(
      fc.property(areas, (grid) => {
        const partnership = grid[0]!.map((_, r) => grid.reduce((s, a) => s + a[r]!, 0));
        const scopes = [
          { key: 'partnership', tables: [table(partnership)] },
          ...grid.map((a, i) => ({ key: `area:${i}`, tables: [table(a)] })),
        ];
        const children = grid.map((_, i) => `area:${i}`);
        const result = jointSuppression(scopes, [{ parent: 'partnership', children }], new Set());
        // The attacker's system: every scope's table, and the partnership as the sum of its areas.
        const cells = new Map<string, number>();
        const equations: Equation[] = [];
        const hidden = new Set<string>();
        for (const s of scopes) {
          const t = s.tables[0]!;
          for (const c of [t.total!, ...t.rows.map((r) => r.cell)]) cells.set(`${s.key}|${c.id}`, c.value);
          equations.push({ total: `${s.key}|x:ALL`, parts: t.rows.map((r) => `${s.key}|${r.cell.id}`) });
          for (const id of result.get(s.key)!.hidden) hidden.add(`${s.key}|${id}`);
        }
        for (const id of ['x:ALL', ...partnership.map((_, r) => `x:R${r}`)])
          equations.push({ total: `partnership|${id}`, parts: children.map((k) => `${k}|${id}`) });
        for (const [id, v] of cells) if (v >= 1 && v <= 5) expect(hidden.has(id)).toBe(true);
        expect(recoverable(cells, equations, hidden)).toEqual([]);
        // Each scope's report counts its own cells.
        expect(result.get('partnership')!.report.cells).toBe(partnership.length + 1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the first freeing cell, found by halving', () => {
  /** Two-way tables of small counts with margins: dense systems where many cells are pinned. */
  const grid = fc
    .record({
      rows: fc.integer({ min: 2, max: 4 }),
      cols: fc.integer({ min: 2, max: 4 }),
      values: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 16, maxLength: 16 }),
      hiddenMask: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      order: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 32, maxLength: 32 }),
    })
    .map(({ rows, cols, values, hiddenMask, order }) => {
      const cells = new Map<string, number>();
      const equations: Equation[] = [];
      const id = (r: number, c: number) => `x${r}${c}`;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) cells.set(id(r, c), values[r * cols + c]!);
      let grand = 0;
      for (let r = 0; r < rows; r++) {
        const parts = Array.from({ length: cols }, (_, c) => id(r, c));
        cells.set(
          `R${r}`,
          parts.reduce((s, p) => s + cells.get(p)!, 0),
        );
        equations.push({ total: `R${r}`, parts });
        grand += cells.get(`R${r}`)!;
      }
      for (let c = 0; c < cols; c++) {
        const parts = Array.from({ length: rows }, (_, r) => id(r, c));
        cells.set(
          `C${c}`,
          parts.reduce((s, p) => s + cells.get(p)!, 0),
        );
        equations.push({ total: `C${c}`, parts });
      }
      cells.set('T', grand);
      equations.push({ total: 'T', parts: Array.from({ length: rows }, (_, r) => `R${r}`) });
      const ids = [...cells.keys()];
      const hidden = new Set(ids.filter((_, i) => hiddenMask[i % 16]));
      const open = ids
        .filter((c) => !hidden.has(c))
        .map((c, i) => [c, order[i % 32]!] as const)
        .sort((a, b) => a[1] - b[1])
        .map(([c]) => c);
      return { cells, equations, hidden, open };
    });

  it('is the cell trying each candidate in turn would choose', () => {
    // How often the answer was not simply the first candidate (the halving must have found it).
    let deeper = 0;
    fc.assert(
      fc.property(grid, ({ cells, equations, hidden, open }) => {
        const value = (id: string) => cells.get(id) ?? 0;
        for (const target of pinnedCells(value, equations, hidden)) {
          const oneByOne = open.find((c) => !isPinned(value, equations, new Set([...hidden, c]), target));
          expect(firstFreeing(value, equations, hidden, target, open)).toBe(oneByOne);
          if (oneByOne !== undefined && oneByOne !== open[0]) deeper += 1;
        }
      }),
      { numRuns: 300 },
    );
    expect(deeper).toBeGreaterThan(20);
  });
});
