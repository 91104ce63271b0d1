/**
 * The briefing's figures, each defined once: a stable name, a label, and a pure function from the
 * aggregate rows that `lantern_briefing_counts` returns (figure family, category, count) to a table of
 * rows and a total. Every number in a table is a cell with an id; the same quantity in two figures has the
 * same id (the victim referral total, the female suspect count, an ethnic group), and each table lists the
 * sums that tie its cells together, so that disclosure control (disclosure.ts) sees the whole briefing.
 */
import type { FigureDefinition } from './figure-tables.ts';
import { MASH_FIGURES } from './figures-mash.ts';
import { OUTCOME_FIGURES } from './figures-outcomes.ts';
import { PURSUE_FIGURES } from './figures-pursue.ts';
import { VICTIM_FIGURES } from './figures-victims.ts';

export {
  type AggregateRow,
  type Cell,
  type CodeLabel,
  type Counts,
  countsFrom,
  DIVISIONS,
  type FigureDefinition,
  type FigureRow,
  type FigureTable,
  type Section,
} from './figure-tables.ts';

/** Every figure of the briefing, in the order the page shows them: section by section. */
export const FIGURES: readonly FigureDefinition[] = [
  ...VICTIM_FIGURES,
  ...OUTCOME_FIGURES,
  ...PURSUE_FIGURES,
  ...MASH_FIGURES,
];

/**
 * The headline figures of the briefing note, kept visible like table totals (disclosure suppresses one only
 * when nothing else protects a cell): referrals, suspects, the outcomes and the s20/s31 children.
 */
export const HEADLINE_CELLS: readonly string[] = [
  'referral.total:ALL',
  'suspect.total:ALL',
  'referral.outcome:NO_OUTCOME_REQUIRED',
  'referral.outcome:group:FURTHER_ENQUIRIES',
  'referral.outcome:S47',
  'referral.outcome:S17',
  'referral.outcome:S20',
  'children.outcome:S20_OR_S31',
  'children.total:ALL',
  'suspect.linked_total:ALL',
];

export const FIGURE_NAMES: readonly string[] = FIGURES.map((f) => f.name);

export function figureByName(name: string): FigureDefinition | undefined {
  return FIGURES.find((f) => f.name === name);
}
