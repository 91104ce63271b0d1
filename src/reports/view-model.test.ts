import { describe, expect, it } from 'vitest';
import { briefingSuppression, buildBriefing, soleScope } from './briefing.ts';
import { countsFrom } from './figure-tables.ts';
import type { BriefingRequest } from './request.ts';
import { briefingDownloads, briefingFormView, briefingView } from './view-model.ts';

const request: BriefingRequest = {
  period: { from: '2026-01-01', to: '2026-03-31' },
  scope: { area: 'BLACKPOOL', division: null },
  mode: 'published',
};

describe('the briefing form', () => {
  it('shows what was typed, else what was understood, with the chosen area and division selected', () => {
    const view = briefingFormView({
      query: { 'from-day': '1', 'from-month': '1', 'from-year': '2026' },
      request,
      areas: ['BLACKBURN', 'BLACKPOOL'],
      divisions: ['EAST', 'WEST'],
      canOperational: false,
    });
    expect(view.title).toBe('Partnership briefing');
    const values = (items: Array<{ value: string }>) => items.map((i) => i.value);
    expect(values(view.form.fromItems)).toEqual(['1', '1', '2026']);
    expect(values(view.form.toItems)).toEqual(['31', '3', '2026']);
    expect({ ...view.form, fromItems: undefined, toItems: undefined }).toEqual({
      fromItems: undefined,
      toItems: undefined,
      area: 'BLACKPOOL',
      division: '',
      mode: 'published',
    });
    expect(view.areaItems).toEqual([
      { value: '', text: 'Whole partnership' },
      { value: 'BLACKBURN', text: 'Blackburn', selected: false },
      { value: 'BLACKPOOL', text: 'Blackpool', selected: true },
    ]);
    expect(view.divisionItems[0]).toEqual({ value: '', text: 'All divisions' });
    expect(view.divisionItems[1]).toEqual({ value: 'EAST', text: 'East division', selected: false });
    expect(view.modeItems.map((m) => [m.value, m.selected])).toEqual([
      ['published', true],
      ['operational', false],
    ]);
    expect(view.canOperational).toBe(false);
  });
});

describe('the briefing downloads', () => {
  it('links each format to the export with the same period, scope and mode', () => {
    expect(briefingDownloads(request)).toEqual([
      {
        format: 'PDF',
        href: '/reports/briefing/export?from=2026-01-01&to=2026-03-31&area=BLACKPOOL&mode=published&format=pdf',
      },
      {
        format: 'XLSX',
        href: '/reports/briefing/export?from=2026-01-01&to=2026-03-31&area=BLACKPOOL&mode=published&format=xlsx',
      },
      {
        format: 'CSV',
        href: '/reports/briefing/export?from=2026-01-01&to=2026-03-31&area=BLACKPOOL&mode=published&format=csv',
      },
    ]);
  });
});

describe('the published briefing page', () => {
  it('says in one line what disclosure control cost; the operational page does not', async () => {
    const counts = countsFrom([
      { figure: 'referral.total', category: null, n: 40 },
      { figure: 'referral.category', category: 'VICTIM_OF_CRIME', n: 37 },
      { figure: 'referral.category', category: 'RISK_ASSESSED_VULNERABILITY', n: 3 },
    ]);
    const suppression = await briefingSuppression(soleScope(request.scope, counts, new Map()));
    const b = buildBriefing(request, counts, new Map(), new Date('2026-04-02T09:00:00Z'), suppression);
    expect(b.disclosure).toMatchObject({ primary: 1 });
    expect(b.disclosure!.secondary).toBeGreaterThan(0);
    expect(b.figures['victim_referrals.total']!.total).toBe(40);
    expect(briefingView(b).disclosureText).toMatch(
      /^Disclosure control: \d+ cells of \d+ shown as c \([\d.]+%\): 1 count from 1 to 5 and \d+ cells? hidden to protect them, [\d.]+% of all the counts shown\.$/,
    );
    const operational = buildBriefing({ ...request, mode: 'operational' }, counts, new Map());
    expect(operational.disclosure).toBeNull();
    expect(briefingView(operational).disclosureText).toBeNull();
  });
});
