/**
 * Which cells a published briefing shows as 'c' (DOMAIN.md "Statistics and disclosure control"), losing as
 * little as possible. Pure, no I/O; the guarantee is the exact audit of disclosure.ts (`pinnedCells`).
 *
 * - Primary: every count from 1 to the threshold (5).
 * - Secondary, to a fixed point: every published sum holds no suppressed cell or at least two (one alone is
 *   the total minus the others); then the exact audit, and for the first cell it finds pinned, the cheapest
 *   cell whose suppression frees it (checked by the audit itself, cheapest first), and again.
 * - The cheapest cell is the smallest count; a zero is the cheapest of all (it carries least information,
 *   and the audit lets every 'c' be 0, so a reader cannot tell a hidden zero from a small count). Table totals
 *   and headline figures (`keep`) come after every other cell: one is suppressed only when no other cell
 *   of the sums that link to the pinned cell can protect it.
 */
import {
  type Equation,
  isPinned,
  isPrimarySensitive,
  pinnedCells,
  SUPPRESSION_THRESHOLD,
} from './disclosure.ts';

const KEPT = Number.MAX_SAFE_INTEGER / 4;
const PRUNE_FROM = 20;

export interface SuppressionOptions {
  readonly threshold?: number;
  /** Table totals and headline figures: suppressed only when no other cell protects. */
  readonly keep?: ReadonlySet<string>;
  /** Cells already chosen to protect the primary ones (e.g. each scope's own pattern), to start from. */
  readonly start?: ReadonlySet<string>;
}

export interface Suppression {
  /** Every cell shown as 'c'. */
  readonly hidden: ReadonlySet<string>;
  /** Those hidden because they are counts of 1 to the threshold (the rest protect them). */
  readonly primary: ReadonlySet<string>;
}

/** The ids of the cells to show as 'c' (see `suppress`). */
export function suppressedCells(
  cells: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  threshold = SUPPRESSION_THRESHOLD,
): Set<string> {
  return new Set(suppress(cells, equations, { threshold }).hidden);
}

/**
 * `cells` holds every published count (exact); equations name cells by id (an id missing from `cells`
 * counts as 0 and is never suppressed: it is not published).
 */
export function suppress(
  cells: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  options: SuppressionOptions = {},
): Suppression {
  const threshold = options.threshold ?? SUPPRESSION_THRESHOLD;
  const keep = options.keep ?? new Set<string>();
  const value = (id: string) => cells.get(id) ?? 0;
  const primary = new Set([...cells].filter(([, v]) => isPrimarySensitive(v, threshold)).map(([id]) => id));
  const hidden = new Set([...primary, ...(options.start ?? [])].filter((id) => cells.has(id)));
  // Kept cells after every other; then the smallest count. Ties by id, so the result is deterministic.
  const cost = (id: string) => (keep.has(id) ? KEPT : 0) + value(id);
  const byCost = (a: string, b: string) => cost(a) - cost(b) || a.localeCompare(b);
  const open = (ids: Iterable<string>) =>
    [...new Set(ids)].filter((id) => cells.has(id) && !hidden.has(id)).sort(byCost);
  const containing = indexEquations(equations);

  for (let guard = 0; ; guard++) {
    if (guard > cells.size + 1) throw new Error('secondary suppression did not settle');
    perSum(equations, hidden, open, containing, cost);
    const pinned = pinnedCells(value, equations, hidden);
    if (pinned.length === 0) {
      prune(value, equations, hidden, primary, keep, byCost);
      return { hidden, primary };
    }
    // Each pinned cell in turn (unless an earlier one's complement freed it too).
    for (const [i, target] of pinned.entries()) {
      if (i > 0 && !isPinned(value, equations, hidden, target)) continue;
      const candidates = open(linkedMembers(target, containing, hidden));
      const freeing = firstFreeing(value, equations, hidden, target, candidates);
      const next = freeing ?? candidates[0] ?? open(cells.keys())[0];
      if (next === undefined)
        throw new Error('secondary suppression found a pinned cell and nothing left to suppress');
      hidden.add(next);
    }
  }
}

/**
 * The first of `candidates` (cheapest first) whose suppression alone lets `target` move, or undefined: the
 * same cell as trying each in turn, found with a handful of audits instead of one per candidate. Hiding
 * more never pins a cell (any filling stays one, the new cells at their own values), so the shortest
 * run of candidates that frees the target together is found by halving, and every candidate before its
 * last is inside a run that pins the target, so cannot free it alone.
 */
export function firstFreeing(
  value: (id: string) => number,
  equations: readonly Equation[],
  hidden: ReadonlySet<string>,
  target: string,
  candidates: readonly string[],
): string | undefined {
  const freedBy = (extra: readonly string[]) =>
    !isPinned(value, equations, new Set([...hidden, ...extra]), target);
  if (candidates.length === 0 || !freedBy(candidates)) return undefined;
  // The target is pinned with none of the candidates and free with all of them.
  let pins = 0;
  let frees = candidates.length;
  while (frees - pins > 1) {
    const middle = (pins + frees) >> 1;
    if (freedBy(candidates.slice(0, middle))) frees = middle;
    else pins = middle;
  }
  for (let i = frees - 1; i < candidates.length; i++) if (freedBy([candidates[i]!])) return candidates[i];
  return undefined;
}

/**
 * Every sum holds no suppressed cell or at least two: a member of the sum is added, the cheapest, and of
 * the cheapest the one that shares most sums with the lone suppressed cell (so that one cell protects it
 * in all of them, e.g. a zero outcome both in the table's total and in its "further enquiries" subtotal).
 */
function perSum(
  equations: readonly Equation[],
  hidden: Set<string>,
  open: (ids: Iterable<string>) => string[],
  containing: ReadonlyMap<string, readonly Equation[]>,
  cost: (id: string) => number,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      const members = [eq.total, ...eq.parts];
      const lone = members.filter((m) => hidden.has(m));
      if (lone.length !== 1) continue;
      const sums = new Set(containing.get(lone[0]!));
      const shared = (id: string) => (containing.get(id) ?? []).filter((e) => sums.has(e)).length;
      const next = open(members).sort((a, b) => cost(a) - cost(b) || shared(b) - shared(a))[0];
      if (next === undefined) continue; // nothing published to hide beside it: the audit decides
      hidden.add(next);
      changed = true;
    }
  }
}

/**
 * Greedy choices can leave a cell suppressed that a later one made unnecessary: each secondary cell,
 * dearest first, is shown again when every sum still holds no suppressed cell or at least two and the
 * audit finds nothing pinned.
 */
function prune(
  value: (id: string) => number,
  equations: readonly Equation[],
  hidden: Set<string>,
  primary: ReadonlySet<string>,
  keep: ReadonlySet<string>,
  byCost: (a: string, b: string) => number,
): void {
  // Only the dear ones are worth an audit each: kept cells and counts of PRUNE_FROM or more.
  const secondary = [...hidden]
    .filter((id) => !primary.has(id) && (keep.has(id) || value(id) >= PRUNE_FROM))
    .sort((a, b) => byCost(b, a));
  for (const id of secondary) {
    hidden.delete(id);
    const safe =
      equations.every((eq) => [eq.total, ...eq.parts].filter((m) => hidden.has(m)).length !== 1) &&
      pinnedCells(value, equations, hidden).length === 0;
    if (!safe) hidden.add(id);
  }
}

function indexEquations(equations: readonly Equation[]): Map<string, Equation[]> {
  const index = new Map<string, Equation[]>();
  for (const eq of equations)
    for (const id of new Set([eq.total, ...eq.parts])) index.set(id, [...(index.get(id) ?? []), eq]);
  return index;
}

/**
 * The members of every sum that holds the target or a suppressed cell linked to it through such sums: the
 * cells whose suppression can change what the published sums say about the target.
 */
function linkedMembers(
  target: string,
  containing: ReadonlyMap<string, readonly Equation[]>,
  hidden: ReadonlySet<string>,
): Set<string> {
  const linked = new Set([target]);
  const members = new Set<string>();
  const queue = [target];
  const seen = new Set<Equation>();
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const eq of containing.get(id) ?? []) {
      if (seen.has(eq)) continue;
      seen.add(eq);
      for (const m of [eq.total, ...eq.parts]) {
        members.add(m);
        if (hidden.has(m) && !linked.has(m)) {
          linked.add(m);
          queue.push(m);
        }
      }
    }
  }
  return members;
}
