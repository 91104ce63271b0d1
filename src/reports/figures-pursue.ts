/** The briefing's Pursue section: suspects, offenders and disposals, in page order. */
import { ETHNIC_GROUPS, ETHNICITIES, GENDERS } from '../platform/codes/people.ts';
import { DISPOSALS, SUSPECT_ROLES, SUSPECT_STATUSES } from '../platform/codes/referral.ts';
import type { Equation } from './disclosure.ts';
import {
  alias,
  type Cell,
  type CodeLabel,
  cell,
  count,
  DIVISIONS,
  define,
  ethnicityTable,
  type FigureDefinition,
  type FigureRow,
  groupCell,
  grouped,
  NOT_RECORDED,
  oneWay,
  withRecorded,
  withUnlisted,
} from './figure-tables.ts';

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

const disposalsByType = define({
  name: 'disposals.by_type',
  label: 'Disposals of suspects and offenders',
  section: 'Pursue',
  description:
    'Disposals recorded in the period: charges, convictions, abduction warning notices, orders and other notices, licensing reviews, intelligence gathering.',
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
          label: 'Sexual Harm Prevention and Sexual Risk Orders (interim ones too)',
          members: (code) => ['SHPO', 'SHPO_INTERIM', 'SRO', 'SRO_INTERIM'].includes(code),
        },
      ],
      { groupsCoverAll: false, groupsFirst: false },
    ),
});

export const PURSUE_FIGURES: readonly FigureDefinition[] = [
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
];
