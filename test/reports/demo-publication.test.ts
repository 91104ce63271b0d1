/**
 * The published demo briefing (issue 15): the note's headlines visible, no table total suppressed, the
 * information lost reported, and no suppressed value recoverable from everything published together: the
 * partnership and each area, this period and the previous one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { type Briefing, fetchCounts, runBriefing, type Scope, scopeKey } from '../../src/reports/briefing.ts';
import { partnershipAreas } from '../../src/reports/briefing-store.ts';
import { type Counts, FIGURES, type FigureTable } from '../../src/reports/figures.ts';
import { previousPeriod } from '../../src/reports/period.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createDemoDatabase, DEMO_PERIOD } from './demo-briefing.ts';
import { type LinearSum, recoveredCells } from './recovery-attack.ts';

let t: TestDatabase;
const published = new Map<string, Briefing>();
const exact = new Map<string, Briefing>();
let scopes: Scope[] = [];
/** Each scope's exact counts: the tables' structure (which rows there are) and, for the test, the truth. */
const counts = new Map<string, { now: Counts; before: Counts }>();

const run = (scope: Scope, mode: 'published' | 'operational') =>
  withTransaction(t.db, systemContext('test'), (tx) => runBriefing(tx, { period: DEMO_PERIOD, scope, mode }));

beforeAll(async () => {
  t = await createDemoDatabase();
  const areas = await withTransaction(t.db, systemContext('test'), (tx) => partnershipAreas(tx));
  scopes = [{ area: null, division: null }, ...areas.map((area) => ({ area, division: null }))];
  for (const scope of scopes) {
    published.set(scopeKey(scope), await run(scope, 'published'));
    exact.set(scopeKey(scope), await run(scope, 'operational'));
    counts.set(
      scopeKey(scope),
      await withTransaction(t.db, systemContext('test'), async (tx) => ({
        now: await fetchCounts(tx, DEMO_PERIOD, scope),
        before: await fetchCounts(tx, previousPeriod(DEMO_PERIOD), scope),
      })),
    );
  }
}, 600_000);
afterAll(async () => {
  await t?.dispose();
});

const partnership = () => published.get('partnership')!;
const row = (b: Briefing, name: string, category: string) =>
  b.figures[name]!.rows.find((r) => r.category === category)!.value;

describe('the published demo briefing', () => {
  it('shows the note’s headlines', () => {
    const b = partnership();
    expect(b.figures['victim_referrals.total']!.total).toBe(658);
    expect(b.figures['suspects.total']!.total).toBe(312);
    expect(row(b, 'outcomes.social_care', 'NO_OUTCOME_REQUIRED')).toBe(483);
    expect(row(b, 'outcomes.social_care', 'S47')).toBe(120);
    expect(row(b, 'outcomes.social_care', 'S17')).toBe(46);
    expect(row(b, 'outcomes.social_care', 'S20')).toBe(6);
    expect(row(b, 'outcomes.social_care', 'FURTHER_ENQUIRIES')).toBe(175);
    // The s20/s31 children: the rows are c only as counts of 1 to 5, the total is shown.
    const s20 = b.figures['outcomes.s20_children']!;
    const s20Exact = exact.get('partnership')!.figures['outcomes.s20_children']!;
    expect(s20.total).toBe(s20Exact.total);
    expect(typeof s20.total).toBe('number');
    for (const [i, r] of s20.rows.entries()) {
      const v = s20Exact.rows[i]!.value as number;
      expect(r.value).toBe(v >= 1 && v <= 5 ? 'c' : v);
    }
  });

  it('suppresses no table total (in any scope, unless itself a count of 1 to 5)', () => {
    for (const [key, b] of published)
      for (const [name, f] of Object.entries(b.figures)) {
        const v = exact.get(key)!.figures[name]!.total;
        if (f.total === 'c') expect({ key, name, v }).toEqual({ key, name, v: expect.any(Number) });
        if (f.total === 'c') expect(v as number).toBeLessThanOrEqual(5);
      }
  });

  it('reports what disclosure control cost, primary and secondary', () => {
    const report = partnership().disclosure!;
    const hidden = cellsOf(partnership(), 'partnership', 'now').filter(([, v]) => v === 'c').length;
    expect(report.primary).toBeGreaterThan(0);
    expect(report.secondary).toBeGreaterThan(0);
    expect(report.suppressed).toBe(report.primary + report.secondary);
    expect(report.suppressed).toBe(hidden);
    // Before issue 15: 132 of 193 cells (68%). Now the 44 counts of 1 to 5 and about as many to protect
    // them over the partnership and its areas together.
    expect(report.cellShare).toBeLessThan(45);
    expect(report.secondary).toBeLessThan(report.primary);
    expect(report.countShare).toBeGreaterThan(0);
    console.info('published demo, partnership:', JSON.stringify(report));
    expect(exact.get('partnership')!.disclosure).toBeNull();
  });

  it('lets no combination of everything published recover a suppressed value', () => {
    const { values, sums } = attackerView(published);
    expect(recoveredCells(values, sums)).toEqual([]);
    // The attacker is not blind: shown one more cell of a sum with two hidden, it recovers the other.
    const truth = attackerView(exact).values;
    const pair = sums.find((s) => [s.total, ...s.parts].filter((k) => values.get(k) === 'c').length === 2)!;
    const [first, second] = [pair.total, ...pair.parts].filter((k) => values.get(k) === 'c');
    expect(recoveredCells(new Map(values).set(first!, truth.get(first!)!), sums)).toContain(second);
  }, 600_000);

  it('hides a count of 20 or more only where showing it would reveal a suppressed value', () => {
    const { values, sums } = attackerView(published);
    const truth = attackerView(exact).values;
    const large = [...values].filter(
      ([k, v]) => v === 'c' && (truth.get(k) as number) >= 20 && k.startsWith('now|partnership|'),
    );
    console.info(
      'counts of 20 or more suppressed in the partnership:',
      large.map(([k]) => `${k}=${truth.get(k)}`).join(', '),
    );
    for (const [k] of large) {
      const shown = new Map(values).set(k, truth.get(k)!);
      expect({ k, recovered: recoveredCells(shown, sums).length > 0 }).toEqual({ k, recovered: true });
    }
  }, 600_000);
});

/** The tables of a scope and period, as the figures compute them (rows in the order the briefing shows). */
const tablesOf = (key: string, period: 'now' | 'before'): FigureTable[] =>
  FIGURES.map((d) => d.compute(counts.get(key)![period]));

/** Each published figure's counts, by the cell they stand for. */
function cellsOf(b: Briefing, key: string, period: 'now' | 'before'): [string, number | 'c'][] {
  const out = new Map<string, number | 'c'>();
  const tables = tablesOf(key, period);
  for (const [n, def] of FIGURES.entries()) {
    if (def.unit !== 'count') continue;
    const f = b.figures[def.name]!;
    const table = tables[n]!;
    const rows = period === 'now' ? f.rows : f.previous.rows;
    const total = period === 'now' ? f.total : f.previous.total;
    if (table.total && total !== null) put(out, table.total.id, total);
    for (const [i, r] of rows.entries()) {
      put(out, table.rows[i]!.cell.id, r.value);
      // A share is shown only when both its sides are.
      const of = table.rows[i]!.denominator ?? table.total;
      const share = period === 'now' ? r.share : (r as { share: unknown }).share;
      if (typeof share === 'number' && of) expect([r.value, out.get(of.id) ?? 0]).not.toContain('c');
    }
  }
  return [...out];
}

function put(out: Map<string, number | 'c'>, id: string, v: number | 'c') {
  const before = out.get(id);
  // The same quantity shown twice must be shown alike, or the two figures together reveal it.
  if (before !== undefined && before !== v) throw new Error(`${id} is shown as ${before} and as ${v}`);
  out.set(id, v);
}

/** Counts of distinct people do not add up over areas; every other count does. */
const DISTINCT = [
  'children.total:',
  'children.referred_more_than_once:',
  'children.outcome:',
  'suspect.linked_',
];

/** Everything the briefings publish, and every sum a reader knows they obey. */
function attackerView(briefings: ReadonlyMap<string, Briefing>) {
  const values = new Map<string, number | 'c'>();
  const sums: LinearSum[] = [];
  for (const period of ['now', 'before'] as const) {
    for (const [key, b] of briefings) {
      for (const [id, v] of cellsOf(b, key, period)) values.set(`${period}|${key}|${id}`, v);
      for (const table of tablesOf(key, period))
        for (const eq of table.equations)
          sums.push({
            total: `${period}|${key}|${eq.total}`,
            parts: eq.parts.map((p) => `${period}|${key}|${p}`),
          });
      for (const f of Object.values(b.figures))
        if (typeof f.change === 'number') expect([f.total, f.previous.total]).not.toContain('c');
    }
    // The partnership as the sum of its areas wherever that holds (a generous
    // attacker: it is told which sums hold exactly).
    const truth = (key: string) => new Map(tablesOf(key, period).flatMap(cellsWithValues));
    const p = truth('partnership');
    for (const prefix of ['area:']) {
      const kids = [...briefings.keys()].filter((k) => k.startsWith(prefix));
      const kidTruth = kids.map(truth);
      for (const [id, v] of p) {
        if (DISTINCT.some((d) => id.startsWith(d))) continue;
        if (kidTruth.reduce((s, m) => s + (m.get(id) ?? 0), 0) !== v) continue;
        sums.push({ total: `${period}|partnership|${id}`, parts: kids.map((k) => `${period}|${k}|${id}`) });
      }
    }
  }
  return { values, sums };
}

function cellsWithValues(t: FigureTable): [string, number][] {
  return [...(t.total ? [t.total] : []), ...t.rows.map((r) => r.cell)].map((c) => [c.id, c.value]);
}
