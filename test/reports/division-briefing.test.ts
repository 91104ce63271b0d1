/**
 * The briefing by police division over the demo (issue 15 item 4): every figure honours the division
 * scope — referrals, children, outcomes, missing facts, suspects, episodes and disposals — so that the
 * three divisions' counts add up to the partnership's, each division has figures of its own, and a
 * division's suspects are shown under their division, never "not recorded".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { type Briefing, runBriefing } from '../../src/reports/briefing.ts';
import { toCsv } from '../../src/reports/export.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createDemoDatabase, DEMO_PERIOD } from './demo-briefing.ts';

const DIVISIONS = ['EAST', 'SOUTH', 'WEST'] as const;
/** Figures of distinct people: a person referred in two divisions counts in each, so they may add to more. */
const DISTINCT_PEOPLE = new Set([
  'children.referred_more_than_once',
  'outcomes.s20_children',
  'suspects.linked_by_division',
]);

let t: TestDatabase;
let partnership: Briefing;
const byDivision = new Map<string, Briefing>();

const run = (division: string | null) =>
  withTransaction(t.db, systemContext('test'), (tx) =>
    runBriefing(tx, { period: DEMO_PERIOD, scope: { area: null, division }, mode: 'operational' }),
  );

beforeAll(async () => {
  t = await createDemoDatabase();
  partnership = await run(null);
  for (const d of DIVISIONS) byDivision.set(d, await run(d));
}, 600_000);
afterAll(async () => {
  await t?.dispose();
});

/** Every number of a briefing: each figure's total and each row, by figure and category. */
function numbers(b: Briefing): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, f] of Object.entries(b.figures)) {
    if (typeof f.total === 'number') out.set(`${name}:TOTAL`, f.total);
    for (const r of f.rows) if (typeof r.value === 'number') out.set(`${name}:${r.category}`, r.value);
  }
  return out;
}

describe('the demo briefing by police division', () => {
  it('adds up, division by division, to the partnership in every figure', () => {
    const whole = numbers(partnership);
    const parts = DIVISIONS.map((d) => numbers(byDivision.get(d)!));
    const wrong: string[] = [];
    for (const [key, value] of whole) {
      const sum = Math.round(parts.reduce((s, p) => s + (p.get(key) ?? 0), 0) * 10) / 10;
      const name = key.split(':')[0]!;
      if (DISTINCT_PEOPLE.has(name) ? sum < value : sum !== value) wrong.push(`${key}: ${sum} for ${value}`);
    }
    expect(wrong).toEqual([]);
    // The sums are not trivially equal: every section has figures in more than one division.
    for (const name of [
      'victim_referrals.total',
      'outcomes.social_care',
      'children.repeat_missing_share',
      'suspects.total',
      'disposals.by_type',
      'mash.within_rag_target_by_rag',
    ]) {
      const nonZero = DIVISIONS.filter((d) => {
        const f = byDivision.get(d)!.figures[name]!;
        return (typeof f.total === 'number' ? f.total : (f.rows[0]?.value as number)) > 0;
      });
      expect({ name, nonZero }).toEqual({ name, nonZero: [...DIVISIONS] });
    }
  });

  it('shows a division’s victim referrals and linked suspects under its own division', () => {
    for (const d of DIVISIONS) {
      const b = byDivision.get(d)!;
      const referrals = b.figures['victim_referrals.total']!.total as number;
      expect(referrals).toBeGreaterThan(50);
      expect(referrals).toBeLessThan(partnership.figures['victim_referrals.total']!.total as number);
      const linked = b.figures['suspects.linked_by_division']!;
      expect(linked.rows.map((r) => r.category)).not.toContain('NOT_RECORDED');
      expect(linked.rows.find((r) => r.category === d)!.value).toBe(linked.total);
      expect(linked.total).toBeGreaterThan(20);
      for (const r of linked.rows) if (r.category !== d) expect(r.value).toBe(0);
      // The ethnic groups by division: only this division's column has suspects, none "not recorded".
      const grid = b.figures['suspects.ethnic_group_by_division']!;
      expect(grid.twoWay!.columns.map((c) => c.code)).toEqual([...DIVISIONS]);
      for (const r of grid.rows)
        if (!r.category.endsWith(`|${d}`))
          expect({ r: r.category, v: r.value }).toEqual({ r: r.category, v: 0 });
    }
  });

  it('breaks the partnership’s victim referrals down by division, each row the division’s own total', () => {
    const table = partnership.figures['victim_referrals.by_division']!;
    expect(table.total).toBe(partnership.figures['victim_referrals.total']!.total);
    for (const d of DIVISIONS)
      expect({ d, n: table.rows.find((r) => r.category === d)?.value }).toEqual({
        d,
        n: byDivision.get(d)!.figures['victim_referrals.total']!.total,
      });
    // The demo's referrals all have a division: no "not recorded" row, and the rows add up to the total.
    expect(table.rows.map((r) => r.label)).toEqual(['East', 'South', 'West']);
    expect(table.rows.reduce((s, r) => s + (r.value as number), 0)).toBe(table.total);
    // A division's briefing has only its own row.
    const east = byDivision.get('EAST')!.figures['victim_referrals.by_division']!;
    expect(east.rows.filter((r) => r.value !== 0).map((r) => r.category)).toEqual(['EAST']);
  });

  it('labels the divisions in the exports', () => {
    const csv = toCsv(byDivision.get('EAST')!);
    expect(csv).toContain('Scope: Police East division');
    expect(csv).toMatch(/suspects\.linked_by_division,"[^"]+",EAST,East,\d+/);
    expect(csv).toMatch(
      /victim_referrals\.by_division,Victim referrals by police division,EAST,East,[1-9]\d*,100,/,
    );
  });
});
