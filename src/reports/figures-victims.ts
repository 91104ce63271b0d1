/** The briefing's Victims section: victim referrals and the children they are about, in page order. */
import { GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CONTACT_METHODS,
  EXPLOITATION_MODELS,
  isOnlineContact,
  REFERRAL_CATEGORIES,
} from '../platform/codes/referral.ts';
import {
  AGES,
  ageCounts,
  alias,
  cell,
  DIVISIONS,
  define,
  ethnicityTable,
  type FigureDefinition,
  grouped,
  oneWay,
  withRecorded,
} from './figure-tables.ts';

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

export const VICTIM_FIGURES: readonly FigureDefinition[] = [
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
  define({
    name: 'victim_referrals.by_division',
    label: 'Victim referrals by police division',
    section: 'Victims',
    description: 'Victim referrals by the police division of the referral.',
    unit: 'count',
    chart: true,
    compute: (c) => oneWay(c, 'referral.division', 'referral.total', DIVISIONS),
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
      'Victim referrals for children who were repeat missing when referred (the local rule, by default 3 episodes in 90 days, over the episodes begun by then).',
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
    description:
      'Victim referrals for children who had been missing on more than one occasion when referred.',
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
];
