/**
 * Reading a briefing's counts: every scope and period it needs in one reading of the facts
 * (`lantern_briefing_counts_by_scope`), and, for the service, the counts read kept in memory by the facts'
 * change marker, so that a repeat view with nothing changed reads no aggregate (decision 0032).
 */
import type { Database } from '../platform/db/database.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type BriefingCountRow, briefingCountRowsByScope, briefingFactMarker } from './briefing-store.ts';
import { type Counts, countsFrom } from './figures.ts';
import type { Period } from './period.ts';

export interface Scope {
  /** A safeguarding partnership area code, or null for the whole partnership. */
  readonly area: string | null;
  /** A police division code, or null. */
  readonly division: string | null;
}

/** The key of a scope among its linked scopes. */
export function scopeKey(scope: Scope): string {
  if (scope.area && scope.division) return `area:${scope.area}|division:${scope.division}`;
  if (scope.area) return `area:${scope.area}`;
  if (scope.division) return `division:${scope.division}`;
  return 'partnership';
}

/** Every count of every period for every scope, read in one pass: `[period][scope]`, in the order asked. */
export async function readScopeCounts(
  tx: Tx,
  periods: readonly Period[],
  scopes: readonly Scope[],
): Promise<Counts[][]> {
  const rows = await briefingCountRowsByScope(tx, periods, scopes);
  const grouped = periods.map(() => scopes.map(() => [] as BriefingCountRow[]));
  for (const row of rows) grouped[Number(row.period) - 1]![Number(row.scope) - 1]!.push(row);
  return grouped.map((byScope) => byScope.map(countsFrom));
}

/**
 * Counts kept for one database, valid for one state of its facts (`marker`). A new marker drops them all:
 * the counts of any period may have changed. Bounded, as periods are chosen by readers.
 */
export class BriefingCountCache {
  private marker: string | null = null;
  private readonly entries = new Map<string, Counts>();
  static readonly MAX_ENTRIES = 256;

  /** The counts kept for the state `marker`, or undefined. */
  get(marker: string, key: string): Counts | undefined {
    return marker === this.marker ? this.entries.get(key) : undefined;
  }

  /** Keeps counts read at the state `marker` (confirmed unchanged across the reading). */
  set(marker: string, key: string, counts: Counts): void {
    if (marker !== this.marker) {
      this.entries.clear();
      this.marker = marker;
    }
    if (this.entries.size >= BriefingCountCache.MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, counts);
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Database, BriefingCountCache>();

/** The counts kept for a database (one per database object, so two databases never share counts). */
export function briefingCountCache(db: Database): BriefingCountCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new BriefingCountCache();
    caches.set(db, cache);
  }
  return cache;
}

const countKey = (period: Period, scope: Scope) => `${period.from}..${period.to}|${scopeKey(scope)}`;

/**
 * `readScopeCounts`, through the cache when given one. The marker is read before and after the counts: the
 * counts are kept only when it did not move (no change to the facts committed while they were read), and
 * under it, so a change committed later shows at once (a new marker, nothing kept for it). The marker
 * function checks the caller may read statistics, as the counts function does, so a kept count is never
 * given to a transaction that could not read it.
 */
export async function scopeCounts(
  tx: Tx,
  periods: readonly Period[],
  scopes: readonly Scope[],
  cache?: BriefingCountCache,
): Promise<Counts[][]> {
  if (!cache) return readScopeCounts(tx, periods, scopes);
  const marker = await briefingFactMarker(tx);
  if (marker !== null) {
    const kept = periods.map((p) => scopes.map((s) => cache.get(marker, countKey(p, s))));
    if (kept.every((byScope) => byScope.every((c) => c !== undefined))) return kept as Counts[][];
  }
  const read = await readScopeCounts(tx, periods, scopes);
  if (marker !== null && (await briefingFactMarker(tx)) === marker) {
    periods.forEach((p, i) => {
      scopes.forEach((s, j) => {
        cache.set(marker, countKey(p, s), read[i]![j]!);
      });
    });
  }
  return read;
}
