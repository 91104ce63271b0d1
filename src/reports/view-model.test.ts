import { describe, expect, it } from 'vitest';
import type { BriefingRequest } from './request.ts';
import { briefingDownloads, briefingFormView } from './view-model.ts';

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
