/**
 * The ranked list of the people who pose the greatest risk, and those still posing a risk with no tactic in
 * force (issue 17 item 4), as far as the reader may see them, each score with its working; and the
 * charge → conviction → sentence funnel (item 6).
 *
 * The score is read from the facts the database keeps per person (decision 0042): over every record the
 * partnership holds about the person (a suspect known at another hub is known), intelligence for police
 * readers only, and only for people the reader may see. The lists are read from the kept scores; each shown
 * score's working is written here by `scoreOf`, the rule the kept score is built from.
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { inPolice } from './intelligence-service.ts';
import { PRIORITY_WEIGHTS, type PriorityFacts, type Ranked, scoreOf } from './priority-rules.ts';
import {
  catchUpPriorityFacts,
  funnel,
  type PriorityFactsRow,
  prioritiesWaiting,
  priorityLists,
  scorePriorityFacts,
  vacuumPriorityFacts,
} from './priority-store.ts';

export const LIST_LENGTH = 50;

/** A CSE team's case worker reads names; an analyst reads pseudonyms (migration 049). */
export type PriorityReader = 'CASE_WORKER' | 'ANALYST';
/** Queued changes a reading brings up to date before it reads (the scheduled task takes the rest). */
export const CATCH_UP_ON_READ = 2000;
/** Queued changes one scheduled catch-up takes. */
export const CATCH_UP_STEP = 5000;

export interface Funnel {
  charged: number;
  convicted: number;
  sentenceYears: number;
}

export interface PriorityLists {
  top: Ranked[];
  review: Ranked[];
  funnel: Funnel;
}

function ranked(row: PriorityFactsRow, today: string): Ranked {
  const facts: PriorityFacts = {
    personId: row.person_id,
    name: row.name ?? 'Name not recorded',
    lastEventOn: row.last_event_on,
    eventsInYear: row.events_in_year,
    linkedChildren: row.linked_children,
    kinds: row.kinds,
    activeTactic: row.active_tactic,
  };
  return { ...facts, ...scoreOf(facts, today) };
}

/**
 * The lists as the reader may see them (call `bringPrioritiesUpToDate` first, outside the reader's
 * transaction). Each shown score and its working are `scoreOf`'s for today.
 */
export async function priorities(
  tx: Tx,
  now: Date = new Date(),
  reader: PriorityReader = 'CASE_WORKER',
): Promise<PriorityLists> {
  const today = formatLocalDate(toLocalDate(now));
  const rows = await priorityLists(
    tx,
    today,
    await inPolice(tx),
    PRIORITY_WEIGHTS,
    LIST_LENGTH,
    reader === 'ANALYST',
  );
  const f = await funnel(tx);
  return {
    top: rows.filter((r) => r.list === 'TOP').map((r) => ranked(r, today)),
    review: rows.filter((r) => r.list === 'REVIEW').map((r) => ranked(r, today)),
    // Years to one decimal place, as the briefing shows sentence years.
    funnel: {
      charged: f.charged,
      convicted: f.convicted,
      sentenceYears: Math.round((f.sentence_months / 12) * 10) / 10,
    },
  };
}

/**
 * The system's housekeeping of the kept facts (a reading, the scheduled task and the loader call it): up to
 * `maxRows` queued changes re-read and up to `maxRows` people scored for today. Returns how many changes
 * and people still wait.
 */
export function bringPrioritiesUpToDate(
  db: Database,
  maxRows: number = CATCH_UP_STEP,
  now: Date = new Date(),
): Promise<number> {
  const today = formatLocalDate(toLocalDate(now));
  return withTransaction(db, systemContext('pursue-priorities'), async (tx) => {
    await catchUpPriorityFacts(tx, maxRows);
    await scorePriorityFacts(tx, today, PRIORITY_WEIGHTS, maxRows);
    return prioritiesWaiting(tx, today);
  });
}

/** After a bulk load: every queued change and every person, a step per transaction; then the dead rows. */
export async function catchUpAllPriorities(db: Database, step: number = CATCH_UP_STEP): Promise<void> {
  while ((await bringPrioritiesUpToDate(db, step)) > 0);
  await vacuumPriorityFacts(db);
}

/** The scheduled clearing of the kept facts' dead rows (the embedded engine has no autovacuum). */
export function tidyPriorities(db: Database): Promise<void> {
  return vacuumPriorityFacts(db);
}
