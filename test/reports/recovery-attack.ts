/**
 * An attacker on published briefings, written apart from the suppression's own audit: from what a set of
 * published briefings shows (every count that is not 'c', and the sums their tables are known to obey:
 * totals, subtotals, two-way margins, the partnership as the sum of its areas or divisions), it sets up
 * the linear system over the hidden cells and asks, for each, the least and the greatest value it can take
 * (linear programming: maximise or minimise the cell subject to the system and every cell ≥ 0). A hidden
 * cell is recovered when no two whole numbers fit. Each solution found shows every cell's value at that
 * point, so a cell seen at two values a whole number apart needs no programme of its own.
 */

export interface LinearSum {
  /** total = Σ parts, by cell name. */
  readonly total: string;
  readonly parts: readonly string[];
}

/** The hidden cells whose value the published values and sums fix. */
export function recoveredCells(
  published: ReadonlyMap<string, number | 'c'>,
  sums: readonly LinearSum[],
): string[] {
  // A cell a sum names but no briefing shows is as unknown as a 'c' (it is not reported as recovered).
  const unseen = [...new Set(sums.flatMap((s) => [s.total, ...s.parts]))].filter((k) => !published.has(k));
  const hidden = [...[...published].filter(([, v]) => v === 'c').map(([k]) => k), ...unseen];
  const index = new Map(hidden.map((k, i) => [k, i]));
  // Each sum as Σ coef·x = rhs over the hidden cells.
  const rows: { coef: Map<number, number>; rhs: number }[] = [];
  for (const s of sums) {
    const coef = new Map<number, number>();
    let rhs = 0;
    const term = (name: string, k: number) => {
      const v = published.get(name) ?? 'c';
      if (v === 'c') coef.set(index.get(name)!, (coef.get(index.get(name)!) ?? 0) + k);
      else rhs -= k * v;
    };
    term(s.total, -1);
    for (const p of s.parts) term(p, 1);
    for (const [j, k] of coef) if (k === 0) coef.delete(j);
    if (coef.size > 0) rows.push({ coef, rhs });
    else if (Math.abs(rhs) > 1e-9) throw new Error(`the published sum for ${s.total} does not hold`);
  }
  // Connected groups of hidden cells (a programme per group keeps each small).
  const group = hidden.map((_, i) => i);
  const find = (i: number): number => {
    while (group[i] !== i) i = group[i]!;
    return i;
  };
  for (const r of rows) {
    const [first, ...rest] = [...r.coef.keys()];
    for (const j of rest) group[find(j)] = find(first!);
  }
  const low = hidden.map(() => Number.POSITIVE_INFINITY);
  const high = hidden.map(() => Number.NEGATIVE_INFINITY);
  const seen = (x: readonly number[], vars: readonly number[]) => {
    vars.forEach((j, i) => {
      low[j] = Math.min(low[j]!, x[i]!);
      high[j] = Math.max(high[j]!, x[i]!);
    });
  };
  const open = (j: number) => high[j]! - low[j]! < 1 - 1e-7;
  const recovered: string[] = [];
  const groups = new Map<number, number[]>();
  for (const j of hidden.keys()) groups.set(find(j), [...(groups.get(find(j)) ?? []), j]);
  for (const vars of groups.values()) {
    const local = new Map(vars.map((j, i) => [j, i]));
    const mine = rows.filter((r) => local.has([...r.coef.keys()][0]!));
    const a = mine.map((r) => {
      const line = new Array<number>(vars.length).fill(0);
      for (const [j, k] of r.coef) line[local.get(j)!] = k;
      return line;
    });
    const b = mine.map((r) => r.rhs);
    for (const [i, j] of vars.entries()) {
      for (const sense of [1, -1]) {
        if (!open(j)) break;
        const c = new Array<number>(vars.length).fill(0);
        c[i] = sense;
        const x = maximise(a, b, c);
        if (x === 'unbounded') {
          high[j] = Number.POSITIVE_INFINITY;
          low[j] = Math.min(low[j]!, 0);
        } else if (x === 'infeasible') throw new Error('the published sums contradict each other');
        else seen(x, vars);
      }
      if (open(j) && Math.floor(high[j]! + 1e-7) === Math.ceil(low[j]! - 1e-7) && published.has(hidden[j]!))
        recovered.push(hidden[j]!);
    }
  }
  return recovered.sort();
}

/**
 * max c·x subject to A·x = b, x ≥ 0: the two-phase simplex method on a dense tableau, entering by the
 * smallest index with an improving reduced cost (Bland's rule, so it cannot cycle).
 */
export function maximise(
  a: readonly number[][],
  b: readonly number[],
  c: readonly number[],
): number[] | 'unbounded' | 'infeasible' {
  const m = a.length;
  const n = c.length;
  const eps = 1e-9;
  const width = n + m + 1;
  const t = a.map((line, i) => {
    const s = b[i]! < 0 ? -1 : 1;
    const row = new Array<number>(width).fill(0);
    for (let j = 0; j < n; j++) row[j] = s * line[j]!;
    row[n + i] = 1;
    row[width - 1] = s * b[i]!;
    return row;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const pivot = (r: number, col: number, z: number[]) => {
    const p = t[r]!;
    const k = p[col]!;
    for (let j = 0; j < width; j++) p[j]! /= k;
    for (const row of [...t, z]) {
      if (row === p) continue;
      const f = row[col]!;
      if (Math.abs(f) > 0) for (let j = 0; j < width; j++) row[j]! -= f * p[j]!;
    }
    basis[r] = col;
  };
  /** Minimises z (reduced costs in z, z's last entry is −value) over the allowed columns. */
  const run = (z: number[], allowed: number): boolean => {
    for (let iter = 0; iter < 50_000; iter++) {
      let col = -1;
      for (let j = 0; j < allowed; j++)
        if (z[j]! < -eps) {
          col = j;
          break;
        }
      if (col < 0) return true;
      let r = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < m; i++) {
        const k = t[i]![col]!;
        if (k <= eps) continue;
        const ratio = t[i]![width - 1]! / k;
        if (ratio < best - eps || (Math.abs(ratio - best) <= eps && basis[i]! < basis[r]!)) {
          best = ratio;
          r = i;
        }
      }
      if (r < 0) return false;
      pivot(r, col, z);
    }
    throw new Error('the simplex method did not finish');
  };
  // Phase one: minimise the artificials.
  const z1 = new Array<number>(width).fill(0);
  for (const row of t) for (let j = 0; j < width; j++) if (j < n || j === width - 1) z1[j]! -= row[j]!;
  run(z1, n + m);
  if (-z1[width - 1]! > 1e-6) return 'infeasible';
  // Drive artificials out of the basis where a real column can replace them.
  for (let i = 0; i < m; i++)
    if (basis[i]! >= n) {
      const col = t[i]!.findIndex((v, j) => j < n && Math.abs(v) > eps);
      if (col >= 0) pivot(i, col, z1);
    }
  // Phase two: minimise −c·x over the real columns.
  const z2 = new Array<number>(width).fill(0);
  for (let j = 0; j < n; j++) z2[j] = -c[j]!;
  for (let i = 0; i < m; i++) {
    const col = basis[i]!;
    if (col < n && z2[col] !== 0) {
      const f = z2[col]!;
      for (let j = 0; j < width; j++) z2[j]! -= f * t[i]![j]!;
    }
  }
  if (!run(z2, n)) return 'unbounded';
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < m; i++) if (basis[i]! < n) x[basis[i]!] = t[i]![width - 1]!;
  return x;
}
