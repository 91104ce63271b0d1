/**
 * The partnership briefing: every figure of the registry over a period and a scope, beside the same
 * figure for the previous period, with disclosure control in published mode. The counts come from
 * `lantern_briefing_counts_by_scope` (aggregates only; every scope and period in one reading, kept by the
 * facts' change marker when the caller gives a cache: briefing-counts.ts); everything else here is pure.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { type BriefingCountCache, type Scope, scopeCounts, scopeKey } from './briefing-counts.ts';
import { briefingCountRows, partnershipAreas } from './briefing-store.ts';
import { type Disclosed, percentage, SUPPRESSED } from './disclosure.ts';
import {
  type Cell,
  type CodeLabel,
  type Counts,
  countsFrom,
  DIVISIONS,
  FIGURES,
  type FigureTable,
  HEADLINE_CELLS,
  type Section,
} from './figures.ts';
import type { DisclosureReport, ScopeSuppression } from './joint-suppression.ts';
import { type Period, previousPeriod } from './period.ts';
import type { Revision } from './revision.ts';
import { suppressInWorker } from './suppression-pool.ts';

export type Mode = 'published' | 'operational';
export const MODES: readonly Mode[] = ['published', 'operational'];

export { BriefingCountCache, briefingCountCache, type Scope, scopeKey } from './briefing-counts.ts';

export type Share = number | typeof SUPPRESSED | null;

export interface BriefingRow {
  category: string;
  label: string;
  value: Disclosed;
  share: Share;
  group?: boolean;
}

export interface BriefingFigure {
  label: string;
  section: Section;
  description: string;
  unit: 'count' | 'years';
  chart: boolean;
  rows: BriefingRow[];
  total: Disclosed | null;
  previous: { rows: { category: string; value: Disclosed; share: Share }[]; total: Disclosed | null };
  /** The change in the total (or, for a table without one, in its first row) from the previous period. */
  change: Disclosed | null;
  twoWay?: { rows: readonly CodeLabel[]; columns: readonly CodeLabel[] };
}

export interface Briefing {
  period: Period;
  previousPeriod: Period;
  scope: Scope;
  mode: Mode;
  generatedAt: string;
  /** Figures by stable name, in the order of the registry. */
  figures: Record<string, BriefingFigure>;
  /** Published mode: what disclosure control suppressed in the period shown (null when operational). */
  disclosure: DisclosureReport | null;
  /** A closed period's figures changed since first produced (publication.ts), or null. */
  revision: Revision | null;
}

/**
 * The scopes a published briefing is suppressed with (joint-suppression.ts): each scope's counts for the
 * period and the previous one, `self` being the scope asked for.
 */
export interface LinkedScopes {
  readonly self: string;
  readonly scopes: readonly { key: string; current: Counts; previous: Counts }[];
  readonly families: readonly { parent: string; children: readonly string[] }[];
}

/**
 * Every count for one period and scope, from the single-scope aggregate function (exact): the reading the
 * one-pass function is checked against (test/reports/counts-by-scope.test.ts).
 */
export async function fetchCounts(tx: Tx, period: Period, scope: Scope): Promise<Counts> {
  const rows = await briefingCountRows(tx, period, scope);
  return countsFrom(rows);
}

const HEADLINES = new Set(HEADLINE_CELLS);

/** The suppression a published briefing shows: the period's and the previous period's, for its scope. */
export interface BriefingSuppression {
  readonly current: ScopeSuppression;
  readonly previous: ScopeSuppression;
}

/**
 * The suppression of one period over the linked scopes, computed in the worker thread (suppression-pool.ts:
 * it takes seconds at the demo's size, and must not hold the event loop). Kept for the life of the process
 * by the counts it was computed from, as a promise: a closed period's counts rarely change, and ten users
 * opening the same briefing at once share one computation. A failed computation is forgotten.
 */
const patterns = new Map<string, Promise<Map<string, ScopeSuppression>>>();
async function periodSuppression(
  linked: LinkedScopes,
  counts: (s: LinkedScopes['scopes'][number]) => Counts,
): Promise<ScopeSuppression> {
  const key = JSON.stringify([
    linked.families,
    linked.scopes.map((s) => [s.key, [...counts(s)].map(([f, c]) => [f, [...c]])]),
  ]);
  let result = patterns.get(key);
  if (!result) {
    const scopes = linked.scopes.map((s) => ({
      key: s.key,
      tables: FIGURES.map((d) => d.compute(counts(s))),
    }));
    const computing = suppressInWorker(scopes, linked.families, HEADLINES);
    result = computing;
    if (patterns.size >= 32) patterns.delete(patterns.keys().next().value!);
    patterns.set(key, computing);
    computing.catch(() => {
      if (patterns.get(key) === computing) patterns.delete(key);
    });
  }
  return (await result).get(linked.self)!;
}

/** Forgets every suppression worked out (tests that count the worker's jobs start from nothing). */
export function forgetBriefingSuppressions(): void {
  patterns.clear();
}

/** The scope alone, when a briefing is not suppressed with its linked scopes. */
export function soleScope(scope: Scope, current: Counts, previous: Counts): LinkedScopes {
  return { self: scopeKey(scope), scopes: [{ key: scopeKey(scope), current, previous }], families: [] };
}

/** Both periods' suppression over the linked scopes (published mode). */
export async function briefingSuppression(linked: LinkedScopes): Promise<BriefingSuppression> {
  const [current, previous] = await Promise.all([
    periodSuppression(linked, (s) => s.current),
    periodSuppression(linked, (s) => s.previous),
  ]);
  return { current, previous };
}

function disclose(cell: Cell, hidden: ReadonlySet<string>): Disclosed {
  return hidden.has(cell.id) ? SUPPRESSED : cell.value;
}

function shareOf(row: FigureTable['rows'][number], total: Cell | null, hidden: ReadonlySet<string>): Share {
  const of = row.denominator ?? total;
  if (!of || row.guardedBy) return null;
  if (hidden.has(row.cell.id) || hidden.has(of.id)) return SUPPRESSED;
  return percentage(row.cell.value, of.value);
}

function rowValue(row: FigureTable['rows'][number], hidden: ReadonlySet<string>): Disclosed {
  if (row.guardedBy && hidden.has(row.guardedBy.id)) return SUPPRESSED;
  return disclose(row.cell, hidden);
}

function difference(a: Disclosed | null, b: Disclosed | null): Disclosed | null {
  if (a === null || b === null) return null;
  if (a === SUPPRESSED || b === SUPPRESSED) return SUPPRESSED;
  return Math.round((a - b) * 10) / 10;
}

/**
 * Assembles the briefing from the two periods' counts: pure. Published mode needs the suppression
 * (`briefingSuppression`), computed before.
 */
export function buildBriefing(
  request: { period: Period; scope: Scope; mode: Mode },
  current: Counts,
  previous: Counts,
  now = new Date(),
  suppression?: BriefingSuppression,
): Briefing {
  const now_ = FIGURES.map((definition) => ({ definition, table: definition.compute(current) }));
  const before = FIGURES.map((definition) => ({ definition, table: definition.compute(previous) }));
  const published = request.mode === 'published';
  if (published && !suppression) throw new Error('a published briefing needs its suppression');
  const nowSuppression = published ? suppression!.current : null;
  const hiddenNow = nowSuppression?.hidden ?? new Set<string>();
  const hiddenBefore = published ? suppression!.previous.hidden : new Set<string>();
  const figures: Record<string, BriefingFigure> = {};
  now_.forEach(({ definition: d, table }, i) => {
    const prev = before[i]!.table;
    const rows = table.rows.map((row) => ({
      category: row.category,
      label: row.label,
      value: rowValue(row, hiddenNow),
      share: shareOf(row, table.total, hiddenNow),
      ...(row.group ? { group: true } : {}),
    }));
    const prevRows = prev.rows.map((row) => ({
      category: row.category,
      value: rowValue(row, hiddenBefore),
      share: shareOf(row, prev.total, hiddenBefore),
    }));
    const total = table.total ? disclose(table.total, hiddenNow) : null;
    const prevTotal = prev.total ? disclose(prev.total, hiddenBefore) : null;
    const change =
      total !== null
        ? difference(total, prevTotal)
        : difference(
            rows[0]?.value ?? null,
            prevRows.find((r) => r.category === rows[0]?.category)?.value ?? null,
          );
    figures[d.name] = {
      label: d.label,
      section: d.section,
      description: d.description,
      unit: d.unit,
      chart: d.chart,
      rows,
      total,
      previous: { rows: prevRows, total: prevTotal },
      change,
      ...(table.twoWay ? { twoWay: table.twoWay } : {}),
    };
  });
  return {
    period: request.period,
    previousPeriod: previousPeriod(request.period),
    scope: request.scope,
    mode: request.mode,
    generatedAt: now.toISOString(),
    figures,
    disclosure: nowSuppression?.report ?? null,
    revision: null,
  };
}

/** What a briefing is made from: everything read from the database. */
export interface BriefingInputs {
  readonly request: { period: Period; scope: Scope; mode: Mode };
  readonly current: Counts;
  readonly previous: Counts;
  /** Published mode: the scopes suppressed together. */
  readonly linked: LinkedScopes | null;
}

/**
 * Reads a briefing's counts in the caller's transaction (which must be allowed statistics): both periods
 * and every linked scope in one reading, or none when `cache` (the service's, per database) holds them for
 * the facts as they stand.
 */
export async function readBriefing(
  tx: Tx,
  request: { period: Period; scope: Scope; mode: Mode },
  cache?: BriefingCountCache,
): Promise<BriefingInputs> {
  if (request.mode === 'operational') {
    const [current, previous] = await scopeCounts(
      tx,
      [request.period, previousPeriod(request.period)],
      [request.scope],
      cache,
    );
    return { request, current: current![0]!, previous: previous![0]!, linked: null };
  }
  const linked = await linkedScopes(tx, request.period, request.scope, cache);
  const self = linked.scopes.find((s) => s.key === linked.self)!;
  return { request, current: self.current, previous: self.previous, linked };
}

/**
 * The briefing from what was read: awaits disclosure control (in the worker thread) when published. Call it
 * after the transaction that read the counts has ended, so the connection is not held meanwhile.
 */
export async function briefingFrom(inputs: BriefingInputs, now = new Date()): Promise<Briefing> {
  const { request, current, previous, linked } = inputs;
  const suppression = linked ? await briefingSuppression(linked) : undefined;
  return buildBriefing(request, current, previous, now, suppression);
}

/** Reads and builds the briefing in the caller's transaction (which must be allowed statistics). */
export async function runBriefing(
  tx: Tx,
  request: { period: Period; scope: Scope; mode: Mode },
  now = new Date(),
  cache?: BriefingCountCache,
): Promise<Briefing> {
  return briefingFrom(await readBriefing(tx, request, cache), now);
}

/**
 * The scopes suppressed together (both periods): the partnership with its areas, or, for a division, the
 * partnership with its divisions (one system of all seven took minutes at the demo's size; decision 0023).
 * A scope of an area and a division is suppressed with the partnership and its areas.
 */
async function linkedScopes(
  tx: Tx,
  period: Period,
  scope: Scope,
  cache?: BriefingCountCache,
): Promise<LinkedScopes> {
  const byDivision = scope.division !== null && scope.area === null;
  const children: Scope[] = byDivision
    ? DIVISIONS.map((d) => ({ area: null, division: d.code }))
    : (await partnershipAreas(tx)).map((area) => ({ area, division: null }));
  const wanted: Scope[] = [{ area: null, division: null }, ...children];
  // An area and a division together, or an area the partnership's list does not name (a referral's area
  // outside its hubs), is suppressed beside the partnership and its areas rather than left out.
  if (!wanted.some((w) => scopeKey(w) === scopeKey(scope))) wanted.push(scope);
  const [current, previous] = await scopeCounts(tx, [period, previousPeriod(period)], wanted, cache);
  const scopes = wanted.map((s, i) => ({ key: scopeKey(s), current: current![i]!, previous: previous![i]! }));
  return {
    self: scopeKey(scope),
    scopes,
    families: [{ parent: 'partnership', children: children.map(scopeKey) }],
  };
}
