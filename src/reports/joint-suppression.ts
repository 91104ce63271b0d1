/**
 * Disclosure control over linked scopes (DOMAIN.md: "cannot be derived from ... the previous period or
 * sibling scopes"). Pure, no I/O.
 *
 * A period's briefings for the partnership, each area and each division are suppressed together, as one
 * system: each scope's cells and sums, plus, for every count that adds up over scopes (referrals, suspect
 * referrals, episodes, disposals), the partnership's count as the sum of its areas' (and of its divisions')
 * when it is. The pattern is a function of the period and its linked scopes only, so a briefing shows the
 * same 'c' for a cell whichever scope it was asked for, and the previous period of one briefing is
 * suppressed exactly as that period's own briefing is: combining published briefings adds no sum that the
 * suppression did not already see.
 */
import type { Equation } from './disclosure.ts';
import type { Cell, FigureTable } from './figure-tables.ts';
import { suppress } from './secondary-suppression.ts';

export interface ScopeTables {
  /** e.g. `partnership`, `area:BLACKPOOL`, `division:EAST`. */
  readonly key: string;
  readonly tables: readonly FigureTable[];
}

/** What a published briefing lost to disclosure control (for the period shown). */
export interface DisclosureReport {
  /** Counts published (cells of the briefing, each once). */
  readonly cells: number;
  readonly suppressed: number;
  /** Counts of 1 to 5. */
  readonly primary: number;
  /** Cells hidden to protect them. */
  readonly secondary: number;
  /** Suppressed cells as a percentage of the cells. */
  readonly cellShare: number;
  /** The suppressed cells' counts as a percentage of all the cells' counts. */
  readonly countShare: number;
}

export interface ScopeSuppression {
  readonly hidden: ReadonlySet<string>;
  readonly report: DisclosureReport;
}

/** Counts of distinct people: a child referred in two areas counts once in the partnership. */
const DISTINCT_PEOPLE = [
  'children.total:',
  'children.referred_more_than_once:',
  'children.outcome:',
  'suspect.linked_',
];
const additive = (id: string) => !DISTINCT_PEOPLE.some((p) => id.startsWith(p));

/** Every published count of a scope's tables (not the sentence years, which are not counts). */
export function publishedCells(tables: readonly FigureTable[]): {
  cells: Map<string, number>;
  equations: Equation[];
  totals: Set<string>;
} {
  const cells = new Map<string, number>();
  const totals = new Set<string>();
  const add = (c: Cell | null | undefined) => {
    if (c && !c.id.startsWith('disposal.sentence_years')) cells.set(c.id, c.value);
  };
  const equations: Equation[] = [];
  for (const table of tables) {
    add(table.total);
    if (table.total) totals.add(table.total.id);
    for (const row of table.rows) {
      add(row.cell);
      add(row.denominator);
      add(row.guardedBy);
    }
    equations.push(...table.equations);
  }
  return { cells, equations, totals };
}

/**
 * The cells to show as 'c' in each scope, chosen together. `families` lists the sums over scopes: each
 * parent scope with the scopes that partition it (the partnership with its areas, and with its divisions).
 * `headlines` are cell ids kept like table totals.
 */
export function jointSuppression(
  scopes: readonly ScopeTables[],
  families: readonly { parent: string; children: readonly string[] }[],
  headlines: ReadonlySet<string>,
): Map<string, ScopeSuppression> {
  const cells = new Map<string, number>();
  const equations: Equation[] = [];
  const keep = new Set<string>();
  const published = new Map(scopes.map((s) => [s.key, publishedCells(s.tables)]));
  const at = (key: string, id: string) => `${key}|${id}`;
  for (const [key, p] of published) {
    for (const [id, v] of p.cells) cells.set(at(key, id), v);
    for (const eq of p.equations)
      equations.push({ total: at(key, eq.total), parts: eq.parts.map((id) => at(key, id)) });
    for (const id of [...p.totals, ...headlines]) keep.add(at(key, id));
  }
  for (const { parent, children } of families) {
    const p = published.get(parent);
    const kids = children.filter((k) => published.has(k));
    if (!p || kids.length === 0) continue;
    for (const [id, v] of p.cells) {
      // A subtotal's sum over scopes follows from its members' (and adds nothing for the audit).
      if (!additive(id) || id.includes(':group:')) continue;
      const parts = kids.filter((k) => published.get(k)!.cells.has(id));
      const sum = parts.reduce((s, k) => s + published.get(k)!.cells.get(id)!, 0);
      // Only a sum that holds is published knowledge (a referral with no area is in no area's briefing).
      if (sum === v && parts.length > 0)
        equations.push({ total: at(parent, id), parts: parts.map((k) => at(k, id)) });
    }
  }
  // Each scope alone first (small systems, quick), then the whole system from there.
  const start = new Set<string>();
  for (const [key, p] of published) {
    const own = suppress(p.cells, p.equations, { keep: new Set([...p.totals, ...headlines]) });
    for (const id of own.hidden) start.add(at(key, id));
  }
  const { hidden, primary } = suppress(cells, equations, { keep, start });
  const out = new Map<string, ScopeSuppression>();
  for (const [key, p] of published) {
    const mine = new Set([...p.cells.keys()].filter((id) => hidden.has(at(key, id))));
    out.set(key, { hidden: mine, report: lossReport(p.cells, mine, (id) => primary.has(at(key, id))) });
  }
  return out;
}

export function lossReport(
  cells: ReadonlyMap<string, number>,
  hidden: ReadonlySet<string>,
  isPrimary: (id: string) => boolean,
): DisclosureReport {
  const all = [...cells.values()].reduce((s, v) => s + v, 0);
  const lost = [...hidden].reduce((s, id) => s + (cells.get(id) ?? 0), 0);
  const primary = [...hidden].filter(isPrimary).length;
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
  return {
    cells: cells.size,
    suppressed: hidden.size,
    primary,
    secondary: hidden.size - primary,
    cellShare: pct(hidden.size, cells.size),
    countShare: pct(lost, all),
  };
}

/** The one line a published briefing (page and exports) says about what disclosure control cost. */
export function describeDisclosure(r: DisclosureReport): string {
  const cells = (n: number) => `${n} ${n === 1 ? 'cell' : 'cells'}`;
  return (
    `Disclosure control: ${cells(r.suppressed)} of ${r.cells} shown as c (${r.cellShare}%): ` +
    `${r.primary} ${r.primary === 1 ? 'count' : 'counts'} from 1 to 5 and ${cells(r.secondary)} hidden to protect them, ` +
    `${r.countShare}% of all the counts shown.`
  );
}
