/** The briefing's Outcomes section: social care outcomes of victim referrals, in page order. */
import { SOCIAL_CARE_OUTCOMES } from '../platform/codes/referral.ts';
import {
  cell,
  count,
  define,
  type FigureDefinition,
  type FigureRow,
  groupCell,
  MAIN_OUTCOMES,
  oneWay,
  STATUTORY,
} from './figure-tables.ts';

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

export const OUTCOME_FIGURES: readonly FigureDefinition[] = [
  outcomes,
  define({
    name: 'outcomes.s20_children',
    label: 'Children with a section 20 or section 31 outcome',
    section: 'Outcomes',
    description:
      'Distinct children whose referrals in the period led to section 20 accommodation or a section 31 order; ' +
      'the total counts a child with both once.',
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
      total: cell(c, 'children.outcome', 'S20_OR_S31'),
      equations: [],
    }),
  }),
];
