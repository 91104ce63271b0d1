/**
 * When the demo's months end (issue 13, item 8; decision 0014): on the day it is loaded, so that queues,
 * clocks and due lists show a plausible working day rather than months of breaches. The period's last day
 * is the last whole UK day before the load (the data runs to midnight this morning, so no referral lies in
 * the future and today's are the ones people make). Deterministic for a seed and end date: a database that
 * already holds a population of the seed keeps that population's end, so a restart on a later day neither
 * refuses nor loads a second one.
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { dayNumber, isoDate } from './calendar.ts';
import { readLoadState } from './load-store.ts';

/** The UK calendar day before `now`, as an ISO date. Pure. */
export function lastWholeUkDay(now: Date): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return isoDate(dayNumber(today) - 1);
}

/** The end already loaded for this seed, from the loader's chunk keys ("...|seed=1|end=2026-12-05|..."). */
export function loadedEndOf(keys: Iterable<string>, seed: number): string | null {
  for (const key of keys) {
    const m = /\|seed=(-?\d+)\|end=(\d{4}-\d{2}-\d{2})\|/.exec(key);
    if (m && Number(m[1]) === seed) return m[2]!;
  }
  return null;
}

/** The period end for a demo load: the one already loaded for the seed, else the day before `now`. */
export async function demoPeriodEnd(db: Database, seed: number, now: Date = new Date()): Promise<string> {
  const state = await withTransaction(db, systemContext('demo-load'), (tx) => readLoadState(tx));
  return loadedEndOf(state.loaded, seed) ?? lastWholeUkDay(now);
}
