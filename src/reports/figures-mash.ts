/** The briefing's MASH section: how quickly the MASH decided, in page order. */
import { RAG_RATINGS } from '../platform/codes/referral.ts';
import { cell, define, type FigureDefinition, rate } from './figure-tables.ts';

export const MASH_FIGURES: readonly FigureDefinition[] = [
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
