/**
 * The building blocks of the briefing's figures (figures.ts): aggregate counts, cells with stable ids, and
 * the table shapes (one-way, grouped, aliased, rates) that every figure is computed with. Pure.
 */
import { ETHNIC_GROUPS, ETHNICITIES } from '../platform/codes/people.ts';
import type { Equation } from './disclosure.ts';

export interface AggregateRow {
  figure: string;
  category: string | null;
  n: number | string | bigint;
}

/** Aggregate counts by family and category, e.g. `referral.gender` → FEMALE → 640. */
export type Counts = ReadonlyMap<string, ReadonlyMap<string, number>>;

export function countsFrom(rows: readonly AggregateRow[]): Counts {
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const family = out.get(row.figure) ?? new Map<string, number>();
    const category = row.category ?? 'ALL';
    family.set(category, (family.get(category) ?? 0) + Number(row.n));
    out.set(row.figure, family);
  }
  return out;
}

export function count(c: Counts, family: string, category = 'ALL'): number {
  return c.get(family)?.get(category) ?? 0;
}

export function categoriesOf(c: Counts, family: string): string[] {
  return [...(c.get(family)?.keys() ?? [])];
}

export interface Cell {
  readonly id: string;
  readonly value: number;
}

export interface FigureRow {
  readonly category: string;
  readonly label: string;
  readonly cell: Cell;
  /** What the row's share is of, when not the table's total (e.g. decided episodes of that RAG). */
  readonly denominator?: Cell;
  /** A subtotal of the rows that follow it (an ethnic group, children in care). */
  readonly group?: boolean;
  /** A value that is not a count (sentence years): shown only when this count cell is. */
  readonly guardedBy?: Cell;
}

export interface FigureTable {
  readonly rows: readonly FigureRow[];
  readonly total: Cell | null;
  readonly equations: readonly Equation[];
  /** A two-way table: rows are `row|column` categories. */
  readonly twoWay?: { readonly rows: readonly CodeLabel[]; readonly columns: readonly CodeLabel[] };
}

export interface CodeLabel {
  readonly code: string;
  readonly label: string;
}

export type Section = 'Victims' | 'Outcomes' | 'Pursue' | 'MASH';

export interface FigureDefinition {
  readonly name: string;
  readonly label: string;
  readonly section: Section;
  /** What is counted, in a sentence, for the page and the exports. */
  readonly description: string;
  readonly unit: 'count' | 'years';
  /** Draw a bar chart of the rows on the page. */
  readonly chart: boolean;
  compute(c: Counts): FigureTable;
}

export const NOT_RECORDED: CodeLabel = { code: 'NOT_RECORDED', label: 'Not recorded' };
export const DIVISIONS: readonly CodeLabel[] = [
  { code: 'EAST', label: 'East' },
  { code: 'SOUTH', label: 'South' },
  { code: 'WEST', label: 'West' },
];

export const cell = (c: Counts, family: string, category = 'ALL'): Cell => ({
  id: `${family}:${category}`,
  value: count(c, family, category),
});
export const groupCell = (family: string, code: string, value: number): Cell => ({
  id: `${family}:group:${code}`,
  value,
});

/** The listed codes in order, then any other code found in the data (so nothing goes uncounted). */
export function withUnlisted(c: Counts, family: string, list: readonly CodeLabel[]): CodeLabel[] {
  const known = new Set(list.map((e) => e.code));
  const extra = categoriesOf(c, family)
    .filter((k) => !known.has(k) && k !== NOT_RECORDED.code)
    .sort()
    .map((code) => ({ code, label: code }));
  const notRecorded = count(c, family, NOT_RECORDED.code) > 0 ? [NOT_RECORDED] : [];
  return [...list, ...extra, ...notRecorded];
}

/** A one-way table over a code list: total = sum of rows. */
export function oneWay(
  c: Counts,
  family: string,
  totalFamily: string,
  list: readonly CodeLabel[],
): FigureTable {
  const rows = withUnlisted(c, family, list).map((e) => ({
    category: e.code,
    label: e.label,
    cell: cell(c, family, e.code),
  }));
  const total = cell(c, totalFamily);
  return { rows, total, equations: [{ total: total.id, parts: rows.map((r) => r.cell.id) }] };
}

/**
 * A one-way table with subtotal rows: each group row is the sum of its members and shown before them;
 * the total is the sum of the members (and of the groups, when the groups cover every member).
 */
export function grouped(
  c: Counts,
  family: string,
  totalFamily: string,
  list: readonly CodeLabel[],
  groups: readonly { code: string; label: string; members: (code: string) => boolean }[],
  options: { groupsCoverAll: boolean; groupsFirst: boolean },
): FigureTable {
  const members = oneWay(c, family, totalFamily, list);
  const rows: FigureRow[] = [];
  const equations: Equation[] = [...members.equations];
  const groupRows: FigureRow[] = [];
  for (const g of groups) {
    const inGroup = members.rows.filter((r) => g.members(r.category));
    const value = inGroup.reduce((s, r) => s + r.cell.value, 0);
    const row = { category: g.code, label: g.label, cell: groupCell(family, g.code, value), group: true };
    groupRows.push(row);
    equations.push({ total: row.cell.id, parts: inGroup.map((r) => r.cell.id) });
    if (!options.groupsFirst) continue;
    rows.push(row, ...inGroup);
  }
  if (options.groupsCoverAll)
    equations.push({ total: members.total!.id, parts: groupRows.map((r) => r.cell.id) });
  if (!options.groupsFirst) rows.push(...groupRows, ...members.rows);
  return { rows, total: members.total, equations };
}

/** Rows picked from another figure's table: the same cells, so disclosure treats them as one. */
export function alias(source: () => FigureDefinition, categories: readonly string[]) {
  return (c: Counts): FigureTable => {
    const table = source().compute(c);
    return {
      rows: table.rows.filter((r) => categories.includes(r.category)),
      total: table.total,
      equations: [],
    };
  };
}

export const UNRECORDED = new Set(['NOT_STATED', 'NOT_RECORDED', 'UNKNOWN']);

/**
 * Adds a "recorded" subtotal (every row but not stated / not known / not recorded) and makes it the
 * denominator of the recorded rows: the briefing's shares are of those whose ethnicity (or gender) is known.
 */
export function withRecorded(
  table: FigureTable,
  family: string,
  label: string,
  groupsOnly: boolean,
): FigureTable {
  const top = table.rows.filter((r) => (groupsOnly ? r.group : !r.group) && !UNRECORDED.has(r.category));
  const recorded: FigureRow = {
    category: 'RECORDED',
    label,
    cell: groupCell(
      family,
      'RECORDED',
      top.reduce((s, r) => s + r.cell.value, 0),
    ),
    group: true,
  };
  const unrecordedGroups = new Set(
    table.rows.filter((r) => r.group && UNRECORDED.has(r.category)).map((r) => r.category),
  );
  let currentGroup = '';
  const rows = table.rows.map((r) => {
    if (r.group) currentGroup = r.category;
    const unrecorded = UNRECORDED.has(r.category) || (groupsOnly && unrecordedGroups.has(currentGroup));
    return unrecorded ? r : { ...r, denominator: recorded.cell };
  });
  return {
    ...table,
    rows: [recorded, ...rows],
    equations: [...table.equations, { total: recorded.cell.id, parts: top.map((r) => r.cell.id) }],
  };
}

export function ethnicityTable(c: Counts, family: string, totalFamily: string): FigureTable {
  return withRecorded(ethnicityGroups(c, family, totalFamily), family, 'Ethnicity recorded', true);
}

export function ethnicityGroups(c: Counts, family: string, totalFamily: string): FigureTable {
  const known = new Set<string>(ETHNICITIES.map((e) => e.code));
  const groupOf = (code: string) => ETHNICITIES.find((e) => e.code === code)?.group;
  return grouped(
    c,
    family,
    totalFamily,
    ETHNICITIES,
    [
      ...ETHNIC_GROUPS.map((g) => ({
        code: g.code,
        label: g.label,
        members: (code: string) => groupOf(code) === g.code,
      })),
      {
        code: NOT_RECORDED.code,
        label: NOT_RECORDED.label,
        members: (code: string) => !known.has(code),
      },
    ].filter((g) => g.code !== NOT_RECORDED.code || categoriesOf(c, family).some((k) => !known.has(k))),
    { groupsCoverAll: true, groupsFirst: true },
  );
}

export const AGES: readonly CodeLabel[] = [
  { code: 'UNDER_10', label: 'Under 10' },
  ...[10, 11, 12, 13, 14, 15, 16, 17].map((a) => ({ code: String(a), label: String(a) })),
  { code: '18_AND_OVER', label: '18 and over' },
];

/** Single years of age as the database returns them, folded into the rows above. */
export function ageCounts(c: Counts): Counts {
  const folded = new Map<string, number>();
  for (const [k, v] of c.get('referral.age') ?? []) {
    const age = Number(k);
    const code =
      k === NOT_RECORDED.code ? k : age < 10 ? 'UNDER_10' : age >= 18 ? '18_AND_OVER' : String(age);
    folded.set(code, (folded.get(code) ?? 0) + v);
  }
  return new Map([...c, ['referral.age', folded]]);
}

/** Every statutory outcome (DOMAIN.md): each is "further social care enquiries". */
export const STATUTORY = new Set(['S47', 'S17', 'S20', 'S31', 'S44', 'S46']);
/** The outcomes the table always shows (others only when counted). */
export const MAIN_OUTCOMES = ['NO_OUTCOME_REQUIRED', ...STATUTORY];

export function rate(
  c: Counts,
  numerator: string,
  denominator: string,
  list: readonly CodeLabel[],
): FigureTable {
  return {
    rows: list.map((e) => ({
      category: e.code,
      label: e.label,
      cell: cell(c, numerator, e.code),
      denominator: cell(c, denominator, e.code),
    })),
    total: null,
    equations: [],
  };
}

export function define(d: FigureDefinition): FigureDefinition {
  return d;
}
