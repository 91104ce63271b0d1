/** What the briefing page shows: sections of figures, each with its chart geometry and its data table. */
import { areaLabel, divisionLabel } from '../platform/codes/areas.ts';
import { type DateParts, datePartsEmpty, datePartsFrom, partsFromIso } from '../platform/forms/date-parts.ts';
import type { Briefing, BriefingFigure, Share } from './briefing.ts';
import { type BarChart, barChart } from './chart.ts';
import type { Disclosed } from './disclosure.ts';
import { describeScope } from './export.ts';
import { figureGrid } from './figure-grid.ts';
import { describeDisclosure } from './joint-suppression.ts';
import { briefingExportPath } from './paths.ts';
import { describePeriod } from './period.ts';
import type { BriefingRequest } from './request.ts';
import { describeRevision } from './revision.ts';

function text(value: Disclosed | Share | null, percent = false): string {
  if (value === null) return '–';
  if (value === 'c') return 'c';
  return percent ? `${value.toFixed(1)}%` : value.toLocaleString('en-GB');
}

function change(current: Disclosed | null, previous: Disclosed | null | undefined): string {
  if (current === null || previous === null || previous === undefined) return '–';
  if (current === 'c' || previous === 'c') return 'c';
  const d = Math.round((current - previous) * 10) / 10;
  return d > 0 ? `+${d.toLocaleString('en-GB')}` : d.toLocaleString('en-GB');
}

export interface FigureView {
  name: string;
  label: string;
  description: string;
  unit: string;
  total: string | null;
  previousTotal: string | null;
  change: string | null;
  chart: BarChart | null;
  rows: { label: string; group: boolean; value: string; share: string; previous: string; change: string }[];
  grid: {
    columns: string[];
    rows: { label: string; cells: string[]; total: string }[];
    totals: string[];
    grand: string;
  } | null;
}

function gridOf(f: BriefingFigure, briefing: Briefing): FigureView['grid'] {
  const grid = figureGrid(f, briefing);
  if (!grid) return null;
  return {
    columns: grid.columns,
    rows: grid.rows.map((r) => ({
      label: r.label,
      cells: r.cells.map((v) => text(v)),
      total: text(r.total),
    })),
    totals: grid.totals.map((v) => text(v)),
    grand: text(grid.grand),
  };
}

export function briefingView(b: Briefing) {
  const sections: { title: string; figures: FigureView[] }[] = [];
  for (const [name, f] of Object.entries(b.figures)) {
    let section = sections.find((s) => s.title === f.section);
    if (!section) {
      section = { title: f.section, figures: [] };
      sections.push(section);
    }
    section.figures.push({
      name,
      label: f.label,
      description: f.description,
      unit: f.unit,
      total: f.total === null ? null : text(f.total),
      previousTotal: f.total === null ? null : text(f.previous.total),
      change: f.total === null ? null : change(f.total, f.previous.total),
      chart:
        f.chart && f.rows.length > 0 && !f.twoWay
          ? barChart(`chart-${name.replace(/[^a-z0-9]+/gi, '-')}`, f.label, f.rows)
          : null,
      rows: f.twoWay
        ? []
        : f.rows.map((r) => {
            const prev = f.previous.rows.find((p) => p.category === r.category);
            return {
              label: r.label,
              group: r.group === true,
              value: f.unit === 'years' ? `${text(r.value)} years` : text(r.value),
              share: text(r.share, true),
              previous: text(prev?.value ?? null),
              change: change(r.value, prev?.value),
            };
          }),
      grid: gridOf(f, b),
    });
  }
  const key = (name: string, category?: string) => {
    const f = b.figures[name];
    if (!f) return '–';
    if (!category) return text(f.total);
    return text(f.rows.find((r) => r.category === category)?.share ?? null, true);
  };
  return {
    periodText: describePeriod(b.period),
    previousPeriodText: describePeriod(b.previousPeriod),
    scopeText: describeScope(b),
    published: b.mode === 'published',
    disclosureText: b.disclosure ? describeDisclosure(b.disclosure) : null,
    revisionText: b.revision ? describeRevision(b.revision) : null,
    keyFacts: [
      { label: 'Victim referrals', value: key('victim_referrals.total') },
      { label: 'Referrals for girls', value: key('children.female_share', 'FEMALE') },
      { label: 'Referrals for White children', value: key('children.white_share', 'WHITE') },
      { label: 'Children in care', value: key('children.in_care_share', 'IN_CARE') },
      { label: 'With CAMHS contact', value: key('children.camhs_share', 'YES') },
      { label: 'Repeat missing', value: key('children.repeat_missing_share', 'REPEAT_MISSING') },
      { label: 'Suspect and offender referrals', value: key('suspects.total') },
      { label: 'Female suspects and offenders', value: key('suspects.female_share', 'FEMALE') },
    ],
    sections,
  };
}

/** The briefing form's values and choices: what was typed (even if invalid), else what was understood. */
function dateItems(parts: DateParts) {
  return [
    { name: 'day', classes: 'govuk-input--width-2', value: parts.day },
    { name: 'month', classes: 'govuk-input--width-2', value: parts.month },
    { name: 'year', classes: 'govuk-input--width-4', value: parts.year },
  ];
}

export function briefingFormView(input: {
  query: Record<string, string | undefined>;
  request: BriefingRequest;
  areas: readonly string[];
  divisions: readonly string[];
  canOperational: boolean;
}) {
  const { query, request: req } = input;
  // What was typed in the date boxes, else the period shown (the default, or the `from` and `to` of a link).
  const typed = (name: 'from' | 'to') => {
    const parts = datePartsFrom(query, name);
    return datePartsEmpty(parts) ? partsFromIso(query[name] ?? req.period[name]) : parts;
  };
  const form = {
    fromItems: dateItems(typed('from')),
    toItems: dateItems(typed('to')),
    area: req.scope.area ?? '',
    division: req.scope.division ?? '',
    mode: req.mode,
  };
  return {
    title: 'Partnership briefing',
    form,
    areaItems: [
      { value: '', text: 'Whole partnership' },
      ...input.areas.map((a) => ({ value: a, text: areaLabel(a), selected: a === form.area })),
    ],
    divisionItems: [
      { value: '', text: 'All divisions' },
      ...input.divisions.map((d) => ({ value: d, text: divisionLabel(d), selected: d === form.division })),
    ],
    modeItems: [
      {
        value: 'published',
        text: 'Published (small counts suppressed)',
        selected: form.mode === 'published',
      },
      { value: 'operational', text: 'Operational (exact counts)', selected: form.mode === 'operational' },
    ],
    canOperational: input.canOperational,
  };
}

/** The briefing's downloads, in the order the page offers them. */
export function briefingDownloads(request: BriefingRequest): { format: string; href: string }[] {
  return (['pdf', 'xlsx', 'csv'] as const).map((format) => ({
    format: format.toUpperCase(),
    href: briefingExportPath(request, format),
  }));
}
