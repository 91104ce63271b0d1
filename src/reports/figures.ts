/**
 * The briefing's figures, each defined once: a stable name, a label, and a pure function from the
 * aggregate rows that `lantern_briefing_counts` returns (figure family, category, count) to a table of
 * rows and a total. Every number in a table is a cell with an id; the same quantity in two figures has the
 * same id (the victim referral total, the female suspect count, an ethnic group), and each table lists the
 * sums that tie its cells together, so that disclosure control (disclosure.ts) sees the whole briefing.
 */
import { ETHNIC_GROUPS, ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CONTACT_METHODS,
  DISPOSALS,
  EXPLOITATION_MODELS,
  isOnlineContact,
  RAG_RATINGS,
  REFERRAL_CATEGORIES,
  SOCIAL_CARE_OUTCOMES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
} from '../platform/codes/referral.ts';
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

function count(c: Counts, family: string, category = 'ALL'): number {
  return c.get(family)?.get(category) ?? 0;
}

function categoriesOf(c: Counts, family: string): string[] {
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

const NOT_RECORDED: CodeLabel = { code: 'NOT_RECORDED', label: 'Not recorded' };
const DIVISIONS: readonly CodeLabel[] = [
  { code: 'EAST', label: 'East' },
  { code: 'SOUTH', label: 'South' },
  { code: 'WEST', label: 'West' },
];

const cell = (c: Counts, family: string, category = 'ALL'): Cell => ({
  id: `${family}:${category}`,
  value: count(c, family, category),
});
const groupCell = (family: string, code: string, value: number): Cell => ({
  id: `${family}:group:${code}`,
  value,
});

/** The listed codes in order, then any other code found in the data (so nothing goes uncounted). */
function withUnlisted(c: Counts, family: string, list: readonly CodeLabel[]): CodeLabel[] {
  const known = new Set(list.map((e) => e.code));
  const extra = categoriesOf(c, family)
    .filter((k) => !known.has(k) && k !== NOT_RECORDED.code)
    .sort()
    .map((code) => ({ code, label: code }));
  const notRecorded = count(c, family, NOT_RECORDED.code) > 0 ? [NOT_RECORDED] : [];
  return [...list, ...extra, ...notRecorded];
}

/** A one-way table over a code list: total = sum of rows. */
function oneWay(c: Counts, family: string, totalFamily: string, list: readonly CodeLabel[]): FigureTable {
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
function grouped(
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
function alias(source: () => FigureDefinition, categories: readonly string[]) {
  return (c: Counts): FigureTable => {
    const table = source().compute(c);
    return {
      rows: table.rows.filter((r) => categories.includes(r.category)),
      total: table.total,
      equations: [],
    };
  };
}

const UNRECORDED = new Set(['NOT_STATED', 'NOT_RECORDED', 'UNKNOWN']);

/**
 * Adds a "recorded" subtotal (every row but not stated / not known / not recorded) and makes it the
 * denominator of the recorded rows: the briefing's shares are of those whose ethnicity (or gender) is known.
 */
function withRecorded(table: FigureTable, family: string, label: string, groupsOnly: boolean): FigureTable {
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

function ethnicityTable(c: Counts, family: string, totalFamily: string): FigureTable {
  return withRecorded(ethnicityGroups(c, family, totalFamily), family, 'Ethnicity recorded', true);
}

function ethnicityGroups(c: Counts, family: string, totalFamily: string): FigureTable {
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

const AGES: readonly CodeLabel[] = [
  { code: 'UNDER_10', label: 'Under 10' },
  ...[10, 11, 12, 13, 14, 15, 16, 17].map((a) => ({ code: String(a), label: String(a) })),
  { code: '18_AND_OVER', label: '18 and over' },
];

/** Single years of age as the database returns them, folded into the rows above. */
function ageCounts(c: Counts): Counts {
  const folded = new Map<string, number>();
  for (const [k, v] of c.get('referral.age') ?? []) {
    const age = Number(k);
    const code =
      k === NOT_RECORDED.code ? k : age < 10 ? 'UNDER_10' : age >= 18 ? '18_AND_OVER' : String(age);
    folded.set(code, (folded.get(code) ?? 0) + v);
  }
  return new Map([...c, ['referral.age', folded]]);
}

const STATUTORY = new Set(['S47', 'S17', 'S20', 'S31', 'S44', 'S46']);
const MAIN_OUTCOMES = ['NO_OUTCOME_REQUIRED', 'S47', 'S17', 'S20', 'S31'];

function rate(c: Counts, numerator: string, denominator: string, list: readonly CodeLabel[]): FigureTable {
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

function define(d: FigureDefinition): FigureDefinition {
  return d;
}

const childrenGender = define({
  name: 'children.gender',
  label: 'Victim referrals by gender of the child',
  section: 'Victims',
  description: 'Victim referrals received in the period, by the gender recorded on the referral.',
  unit: 'count',
  chart: true,
  compute: (c) =>
    withRecorded(
      oneWay(c, 'referral.gender', 'referral.total', GENDERS),
      'referral.gender',
      'Gender recorded',
      false,
    ),
});

const childrenEthnicity = define({
  name: 'children.ethnicity',
  label: 'Victim referrals by ethnicity of the child',
  section: 'Victims',
  description:
    'Victim referrals by the ethnicity recorded on the referral (ONS 2021 categories), with group subtotals; shares are of those whose ethnicity is recorded.',
  unit: 'count',
  chart: false,
  compute: (c) => ethnicityTable(c, 'referral.ethnicity', 'referral.total'),
});

const childrenLiving = define({
  name: 'children.living_situation',
  label: 'Victim referrals by where the child lives',
  section: 'Victims',
  description:
    'Victim referrals by the living situation recorded on the referral; children in care as a subtotal.',
  unit: 'count',
  chart: true,
  compute: (c) =>
    grouped(
      c,
      'referral.living',
      'referral.total',
      LIVING_SITUATIONS,
      [
        {
          code: 'IN_CARE',
          label: 'Children in care (looked after or kinship care)',
          members: (code) => LIVING_SITUATIONS.some((l) => l.code === code && l.inCare),
        },
      ],
      { groupsCoverAll: false, groupsFirst: false },
    ),
});

const childrenAge = define({
  name: 'children.age',
  label: 'Victim referrals by age of the child',
  section: 'Victims',
  description: 'Victim referrals by the child’s age on the day of referral; ages 13 to 15 as a subtotal.',
  unit: 'count',
  chart: true,
  compute: (c) =>
    grouped(
      ageCounts(c),
      'referral.age',
      'referral.total',
      AGES,
      [{ code: '13_TO_15', label: 'Aged 13 to 15', members: (code) => ['13', '14', '15'].includes(code) }],
      { groupsCoverAll: false, groupsFirst: false },
    ),
});

const contactMethod = define({
  name: 'referrals.contact_method',
  label: 'Method of initial contact',
  section: 'Victims',
  description: 'Victim referrals by how the offender first made contact; online methods as a subtotal.',
  unit: 'count',
  chart: true,
  compute: (c) =>
    grouped(
      c,
      'referral.contact',
      'referral.total',
      CONTACT_METHODS,
      [
        {
          code: 'ONLINE',
          label: 'Online (all methods)',
          members: (code) => CONTACT_METHODS.some((m) => m.code === code && isOnlineContact(m.code)),
        },
      ],
      { groupsCoverAll: false, groupsFirst: false },
    ),
});

const suspectsGender = define({
  name: 'suspects.gender',
  label: 'Suspect and offender referrals by gender',
  section: 'Pursue',
  description: 'Suspect and offender referrals received in the period, by gender.',
  unit: 'count',
  chart: false,
  compute: (c) =>
    withRecorded(
      oneWay(c, 'suspect.gender', 'suspect.total', GENDERS),
      'suspect.gender',
      'Gender recorded',
      false,
    ),
});

const suspectsEthnicity = define({
  name: 'suspects.ethnicity',
  label: 'Suspect and offender referrals by ethnicity',
  section: 'Pursue',
  description:
    'Suspect and offender referrals by ethnicity, with group subtotals; shares are of those whose ethnicity is recorded.',
  unit: 'count',
  chart: false,
  compute: (c) => ethnicityTable(c, 'suspect.ethnicity', 'suspect.total'),
});

const outcomes = define({
  name: 'outcomes.social_care',
  label: 'Social care outcomes of victim referrals',
  section: 'Outcomes',
  description:
    'Victim referrals by the social care outcome the MASH decided (the most serious statutory measure); ' +
    '"further social care enquiries" is every statutory outcome.',
  unit: 'count',
  chart: true,
  compute: (c) => {
    const listed = SOCIAL_CARE_OUTCOMES.filter(
      (o) => MAIN_OUTCOMES.includes(o.code) || count(c, 'referral.outcome', o.code) > 0,
    );
    const list = [...listed, { code: 'NOT_DECIDED', label: 'Not yet decided' }];
    const table = oneWay(c, 'referral.outcome', 'referral.total', list);
    const statutory = table.rows.filter((r) => STATUTORY.has(r.category));
    const further: FigureRow = {
      category: 'FURTHER_ENQUIRIES',
      label: 'Further social care enquiries',
      cell: groupCell(
        'referral.outcome',
        'FURTHER_ENQUIRIES',
        statutory.reduce((s, r) => s + r.cell.value, 0),
      ),
      group: true,
    };
    const [none, ...rest] = table.rows;
    return {
      rows: [none!, further, ...rest],
      total: table.total,
      equations: [...table.equations, { total: further.cell.id, parts: statutory.map((r) => r.cell.id) }],
    };
  },
});

const disposalsByType = define({
  name: 'disposals.by_type',
  label: 'Disposals of suspects and offenders',
  section: 'Pursue',
  description:
    'Disposals recorded in the period: charges, convictions, abduction warning notices, orders, intelligence gathering.',
  unit: 'count',
  chart: true,
  compute: (c) =>
    grouped(
      c,
      'disposal.type',
      'disposal.total',
      DISPOSALS,
      [
        {
          code: 'ABDUCTION_NOTICES',
          label: 'Child Abduction Warning Notices (all)',
          members: (code) => code === 'CAWN_S2' || code === 'CAWN_S49',
        },
        {
          code: 'ORDERS',
          label: 'Sexual Harm Prevention and Sexual Risk Orders',
          members: (code) => code === 'SHPO' || code === 'SRO',
        },
      ],
      { groupsCoverAll: false, groupsFirst: false },
    ),
});

/** Every figure of the briefing, in the order the page shows them. */
export const FIGURES: readonly FigureDefinition[] = [
  define({
    name: 'victim_referrals.total',
    label: 'Victim referrals',
    section: 'Victims',
    description:
      'Victim referrals received in the period: victims of crime and children who, when risk assessed, showed high risk factors.',
    unit: 'count',
    chart: false,
    compute: (c) => ({ rows: [], total: cell(c, 'referral.total'), equations: [] }),
  }),
  define({
    name: 'victim_referrals.by_category',
    label: 'Victim referrals: victims of crime and risk-assessed children',
    section: 'Victims',
    description: 'Victim referrals by category.',
    unit: 'count',
    chart: true,
    compute: (c) => oneWay(c, 'referral.category', 'referral.total', REFERRAL_CATEGORIES),
  }),
  childrenGender,
  define({
    name: 'children.female_share',
    label: 'Share of victim referrals for girls',
    section: 'Victims',
    description:
      'Victim referrals where the child is recorded as female, of the victim referrals whose gender is recorded.',
    unit: 'count',
    chart: false,
    compute: alias(() => childrenGender, ['FEMALE']),
  }),
  childrenEthnicity,
  define({
    name: 'children.white_share',
    label: 'Share of victim referrals for White children',
    section: 'Victims',
    description:
      'Victim referrals where the child’s ethnicity is in the White group, of the victim referrals whose ethnicity is recorded.',
    unit: 'count',
    chart: false,
    compute: alias(() => childrenEthnicity, ['WHITE']),
  }),
  childrenAge,
  childrenLiving,
  define({
    name: 'children.in_care_share',
    label: 'Share of victim referrals for children in care',
    section: 'Victims',
    description:
      'Victim referrals for looked-after children or children in kinship care, of all victim referrals.',
    unit: 'count',
    chart: false,
    compute: alias(() => childrenLiving, ['IN_CARE']),
  }),
  define({
    name: 'children.camhs_share',
    label: 'Share of victim referrals with CAMHS contact',
    section: 'Victims',
    description:
      'Victim referrals recording that the child has been in contact with CAMHS, of all victim referrals.',
    unit: 'count',
    chart: false,
    compute: (c) => ({
      rows: [{ category: 'YES', label: 'In contact with CAMHS', cell: cell(c, 'referral.camhs', 'YES') }],
      total: cell(c, 'referral.total'),
      equations: [],
    }),
  }),
  define({
    name: 'children.repeat_missing_share',
    label: 'Share of victim referrals for repeat missing children',
    section: 'Victims',
    description:
      'Victim referrals for children who are repeat missing (the local rule, by default 3 episodes in 90 days).',
    unit: 'count',
    chart: false,
    compute: (c) => ({
      rows: [
        {
          category: 'REPEAT_MISSING',
          label: 'Repeat missing',
          cell: cell(c, 'children.missing', 'REPEAT_MISSING'),
        },
      ],
      total: cell(c, 'referral.total'),
      equations: [],
    }),
  }),
  define({
    name: 'children.missing_more_than_once_share',
    label: 'Share of victim referrals for children missing more than once',
    section: 'Victims',
    description: 'Victim referrals for children who have been missing on more than one occasion.',
    unit: 'count',
    chart: false,
    compute: (c) => ({
      rows: [
        {
          category: 'MISSING_MORE_THAN_ONCE',
          label: 'Missing more than once',
          cell: cell(c, 'children.missing', 'MISSING_MORE_THAN_ONCE'),
        },
      ],
      total: cell(c, 'referral.total'),
      equations: [],
    }),
  }),
  define({
    name: 'children.referred_more_than_once',
    label: 'Children referred more than once in the period',
    section: 'Victims',
    description:
      'Children with two or more victim referrals in the period (share of children referred), and the referrals they account for (share of all referrals).',
    unit: 'count',
    chart: false,
    compute: (c) => {
      const children = cell(c, 'children.total');
      return {
        rows: [
          { category: 'ALL_CHILDREN', label: 'Children referred', cell: children },
          {
            category: 'CHILDREN',
            label: 'Children referred more than once',
            cell: cell(c, 'children.referred_more_than_once', 'CHILDREN'),
            denominator: children,
          },
          {
            category: 'REFERRALS',
            label: 'Referrals of children referred more than once',
            cell: cell(c, 'children.referred_more_than_once', 'REFERRALS'),
          },
        ],
        total: cell(c, 'referral.total'),
        equations: [],
      };
    },
  }),
  contactMethod,
  define({
    name: 'referrals.model',
    label: 'Exploitation models',
    section: 'Victims',
    description: 'Victim referrals by the model of exploitation recorded.',
    unit: 'count',
    chart: true,
    compute: (c) => oneWay(c, 'referral.model', 'referral.total', EXPLOITATION_MODELS),
  }),
  outcomes,
  define({
    name: 'outcomes.s20_children',
    label: 'Children with a section 20 or section 31 outcome',
    section: 'Outcomes',
    description:
      'Distinct children whose referrals in the period led to section 20 accommodation or a section 31 order.',
    unit: 'count',
    chart: false,
    compute: (c) => ({
      rows: [
        {
          category: 'S20',
          label: 'Children accommodated (section 20)',
          cell: cell(c, 'children.outcome', 'S20'),
        },
        {
          category: 'S31',
          label: 'Children subject to a care order (section 31)',
          cell: cell(c, 'children.outcome', 'S31'),
        },
      ],
      total: cell(c, 'children.total'),
      equations: [],
    }),
  }),
  define({
    name: 'suspects.total',
    label: 'Suspect and offender referrals',
    section: 'Pursue',
    description: 'Referrals of suspects and offenders received in the period.',
    unit: 'count',
    chart: false,
    compute: (c) => ({ rows: [], total: cell(c, 'suspect.total'), equations: [] }),
  }),
  define({
    name: 'suspects.status',
    label: 'Suspect and offender referrals by status',
    section: 'Pursue',
    description: 'Whether the referred person is a suspect or a proven offender.',
    unit: 'count',
    chart: false,
    compute: (c) => oneWay(c, 'suspect.status', 'suspect.total', SUSPECT_STATUSES),
  }),
  suspectsGender,
  define({
    name: 'suspects.female_share',
    label: 'Share of suspect and offender referrals who are female',
    section: 'Pursue',
    description: 'Suspect and offender referrals of women and girls, of those whose gender is recorded.',
    unit: 'count',
    chart: false,
    compute: alias(() => suspectsGender, ['FEMALE']),
  }),
  define({
    name: 'suspects.female_roles',
    label: 'Roles of female suspects and offenders',
    section: 'Pursue',
    description: 'Referrals of female suspects and offenders by the role recorded.',
    unit: 'count',
    chart: true,
    compute: (c) => {
      const table = oneWay(c, 'suspect.female_role', 'suspect.gender', SUSPECT_ROLES);
      const female = cell(c, 'suspect.gender', 'FEMALE');
      return {
        rows: table.rows,
        total: female,
        equations: [{ total: female.id, parts: table.rows.map((r) => r.cell.id) }],
      };
    },
  }),
  suspectsEthnicity,
  define({
    name: 'suspects.ethnic_group_by_division',
    label: 'Suspect and offender referrals by ethnic group and police division',
    section: 'Pursue',
    description: 'Suspect and offender referrals by ethnic group (rows) and the police division (columns).',
    unit: 'count',
    chart: false,
    compute: (c) => {
      const family = 'suspect.ethnicity_division';
      const groupOf = (code: string) => ETHNICITIES.find((e) => e.code === code)?.group ?? NOT_RECORDED.code;
      const byGroupDivision = new Map<string, number>();
      const divisions = new Set<string>();
      for (const [k, v] of c.get(family) ?? []) {
        const [ethnicity, division] = k.split('|') as [string, string];
        const key = `${groupOf(ethnicity)}|${division}`;
        divisions.add(division);
        byGroupDivision.set(key, (byGroupDivision.get(key) ?? 0) + v);
      }
      const rowsList: CodeLabel[] = [...ETHNIC_GROUPS];
      if ([...byGroupDivision.keys()].some((k) => k.startsWith(`${NOT_RECORDED.code}|`)))
        rowsList.push(NOT_RECORDED);
      const columns: CodeLabel[] = [...DIVISIONS];
      if (divisions.has(NOT_RECORDED.code)) columns.push(NOT_RECORDED);
      const ethnicity = ethnicityTable(c, 'suspect.ethnicity', 'suspect.total');
      const rowTotal = (g: string): Cell =>
        ethnicity.rows.find((r) => r.group && r.category === g)?.cell ?? groupCell('suspect.ethnicity', g, 0);
      const colTotal = (d: string): Cell => {
        let value = 0;
        for (const [k, v] of byGroupDivision) if (k.endsWith(`|${d}`)) value += v;
        return { id: `suspect.division:${d}`, value };
      };
      const rows: FigureRow[] = [];
      const equations: Equation[] = [];
      const total = cell(c, 'suspect.total');
      for (const r of rowsList) {
        const parts: string[] = [];
        for (const col of columns) {
          const id = `${family}:${r.code}|${col.code}`;
          rows.push({
            category: `${r.code}|${col.code}`,
            label: `${r.label}, ${col.label}`,
            cell: { id, value: byGroupDivision.get(`${r.code}|${col.code}`) ?? 0 },
            denominator: colTotal(col.code),
          });
          parts.push(id);
        }
        equations.push({ total: rowTotal(r.code).id, parts });
      }
      for (const col of columns)
        equations.push({
          total: colTotal(col.code).id,
          parts: rowsList.map((r) => `${family}:${r.code}|${col.code}`),
        });
      equations.push({ total: total.id, parts: columns.map((col) => colTotal(col.code).id) });
      return { rows, total, equations, twoWay: { rows: rowsList, columns } };
    },
  }),
  define({
    name: 'suspects.linked_by_division',
    label: 'Suspects and offenders linked to victim referrals, by division',
    section: 'Pursue',
    description:
      'Distinct people named as suspects on the period’s victim referrals, by the police division of the referral (a person named in two divisions counts in each).',
    unit: 'count',
    chart: true,
    compute: (c) => ({
      rows: withUnlisted(c, 'suspect.linked_division', DIVISIONS)
        .filter((d) => d.code !== 'ALL')
        .map((d) => ({ category: d.code, label: d.label, cell: cell(c, 'suspect.linked_division', d.code) })),
      total: cell(c, 'suspect.linked_total'),
      equations: [],
    }),
  }),
  disposalsByType,
  define({
    name: 'disposals.sentence_years_total',
    label: 'Total custodial sentences (years)',
    section: 'Pursue',
    description: 'The sum of the custodial sentences of convictions recorded in the period, in years.',
    unit: 'years',
    chart: false,
    compute: (c) => {
      const convictions = cell(c, 'disposal.type', 'CONVICTION');
      const months = count(c, 'disposal.sentence_months', 'CONVICTION');
      return {
        rows: [
          {
            category: 'CONVICTION',
            label: 'Years of custodial sentences',
            cell: { id: 'disposal.sentence_years:CONVICTION', value: Math.round((months / 12) * 10) / 10 },
            guardedBy: convictions,
          },
        ],
        total: null,
        equations: [],
      };
    },
  }),
  define({
    name: 'mash.decided_within_one_working_day_share',
    label: 'MASH decisions within one working day',
    section: 'MASH',
    description:
      'Episodes received in the period and decided, and the share decided within one working day of receipt.',
    unit: 'count',
    chart: false,
    compute: (c) => ({
      rows: [
        {
          category: 'WITHIN_ONE_WORKING_DAY',
          label: 'Decided within one working day',
          cell: cell(c, 'mash.decided_within_one_working_day'),
        },
      ],
      total: cell(c, 'mash.decided'),
      equations: [],
    }),
  }),
  define({
    name: 'mash.within_rag_target_by_rag',
    label: 'MASH decisions within their RAG target',
    section: 'MASH',
    description:
      'For each RAG rating, the decided episodes completed within the rating’s target (share of that rating’s decided episodes).',
    unit: 'count',
    chart: true,
    compute: (c) =>
      rate(
        c,
        'mash.decided_within_rag_target',
        'mash.decided',
        RAG_RATINGS.filter((r) => r.code !== 'BLUE'),
      ),
  }),
];

export const FIGURE_NAMES: readonly string[] = FIGURES.map((f) => f.name);

export function figureByName(name: string): FigureDefinition | undefined {
  return FIGURES.find((f) => f.name === name);
}
