import { describe, expect, it } from 'vitest';
import { countsFrom } from './figure-tables.ts';
import { OUTCOME_FIGURES } from './figures-outcomes.ts';

const figure = (name: string) => OUTCOME_FIGURES.find((f) => f.name === name)!;
const rowsOf = (table: ReturnType<ReturnType<typeof figure>['compute']>) =>
  Object.fromEntries(table.rows.map((r) => [r.category, r.cell.value]));

describe('the outcomes section', () => {
  const counts = countsFrom([
    { figure: 'referral.total', category: null, n: 30 },
    { figure: 'referral.outcome', category: 'NO_OUTCOME_REQUIRED', n: 10 },
    { figure: 'referral.outcome', category: 'S47', n: 8 },
    { figure: 'referral.outcome', category: 'S17', n: 4 },
    { figure: 'referral.outcome', category: 'S20', n: 2 },
    { figure: 'referral.outcome', category: 'S44', n: 3 },
    { figure: 'referral.outcome', category: 'NOT_DECIDED', n: 3 },
    { figure: 'children.total', category: null, n: 25 },
    { figure: 'children.outcome', category: 'S20', n: 2 },
    { figure: 'children.outcome', category: 'S31', n: 1 },
    { figure: 'children.outcome', category: 'S20_OR_S31', n: 2 },
  ]);

  it('counts every statutory outcome as further enquiries and shows each, counted or not', () => {
    const table = figure('outcomes.social_care').compute(counts);
    const rows = rowsOf(table);
    expect(rows.FURTHER_ENQUIRIES).toBe(8 + 4 + 2 + 3);
    for (const code of ['S47', 'S17', 'S20', 'S31', 'S44', 'S46']) expect(Object.keys(rows)).toContain(code);
    expect(rows.S46).toBe(0);
    const further = table.equations.find((e) => e.total === 'referral.outcome:group:FURTHER_ENQUIRIES')!;
    expect([...further.parts].sort()).toEqual(
      ['S17', 'S20', 'S31', 'S44', 'S46', 'S47'].map((c) => `referral.outcome:${c}`),
    );
  });

  it('totals the children with a section 20 or 31 outcome as distinct children, not children referred', () => {
    const table = figure('outcomes.s20_children').compute(counts);
    expect(table.total).toEqual({ id: 'children.outcome:S20_OR_S31', value: 2 });
    expect(rowsOf(table)).toEqual({ S20: 2, S31: 1 });
  });
});
