/**
 * The child's missing facts, worked out again from all their episodes after every episode write (a definer
 * function counts the episodes other agencies reported too): `repeat_missing` (the local rolling rule holds
 * today, with `repeat_missing_since` the start of the current run), and `missing_more_than_once` (ever). An
 * episode that starts a run of repeat missing (`repeatMissingTriggeredBy`) creates one MASH task for a strategy
 * discussion, when the run is still current: a historic run loaded by an import sets no task. Also the
 * briefing's missing facts about victim referrals.
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import * as factsStore from './repeat-missing-store.ts';
import {
  DEFAULT_REPEAT_MISSING_RULE,
  isRepeatMissing,
  missingMoreThanOnce,
  type RepeatMissingRule,
  repeatMissingTriggeredBy,
} from './rules.ts';

export const MASH_TASK_REPEAT_MISSING = 'REPEAT_MISSING_STRATEGY_DISCUSSION';

export interface MissingOptions {
  rule?: RepeatMissingRule;
  now?: Date;
}

/** The rule from configuration when the lead has added it (`config.repeatMissing`), else the default. */
export function repeatMissingRuleOf(config: unknown): RepeatMissingRule {
  const rule = (config as { repeatMissing?: Partial<RepeatMissingRule> } | null | undefined)?.repeatMissing;
  if (rule && Number.isInteger(rule.episodes) && Number.isInteger(rule.windowDays)) {
    return { episodes: rule.episodes!, windowDays: rule.windowDays! };
  }
  return DEFAULT_REPEAT_MISSING_RULE;
}

/**
 * Gives the database the configured rule, at start-up (the system): the briefing's missing facts at each
 * referral are kept by the database with it. A changed rule works every referral's facts out again.
 */
export function recordRepeatMissingRule(tx: Tx, rule: RepeatMissingRule): Promise<boolean> {
  return factsStore.setDatabaseRule(tx, rule);
}

// ---------------------------------------------------------------- the child's facts

export interface ChildFacts {
  repeatMissing: boolean;
  repeatMissingSince: Date | null;
  missingMoreThanOnce: boolean;
  /** The MASH task created for a run this write started, if any. */
  mashTaskId: string | null;
}

/** When the latest run of repeat missing began (the episode at which the count reached N). */
function latestOnset(starts: readonly Date[], rule: RepeatMissingRule): Date | null {
  const sorted = [...starts].sort((a, b) => a.getTime() - b.getTime());
  let onset: Date | null = null;
  const before: { startedAt: Date }[] = [];
  for (const startedAt of sorted) {
    if (repeatMissingTriggeredBy(before, { startedAt }, rule)) onset = startedAt;
    before.push({ startedAt });
  }
  return onset;
}

/**
 * The child's facts from all their episodes (`added`: the ones just written), and the new episode that
 * started a current run of repeat missing, if any: pure, shared by single writes and the import.
 */
export function childFactsOf(
  starts: readonly { id: string; startedAt: Date }[],
  added: ReadonlySet<string>,
  rule: RepeatMissingRule,
  now: Date,
): Omit<ChildFacts, 'mashTaskId'> & { triggeredBy: string | null } {
  const sorted = [...starts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  let before = sorted.filter((s) => !added.has(s.id));
  let triggeredBy: string | null = null;
  for (const episode of sorted.filter((s) => added.has(s.id))) {
    if (repeatMissingTriggeredBy(before, episode, rule)) triggeredBy = episode.id;
    before = [...before, episode];
  }
  const times = sorted.map((s) => s.startedAt);
  const repeatMissing = isRepeatMissing(times, now, rule);
  return {
    repeatMissing,
    repeatMissingSince: repeatMissing ? latestOnset(times, rule) : null,
    missingMoreThanOnce: missingMoreThanOnce(sorted),
    triggeredBy: repeatMissing ? triggeredBy : null,
  };
}

/** One strategy discussion task for a run of repeat missing, audited. */
export async function createRepeatMissingTask(
  tx: Tx,
  personId: string,
  area: string,
  episodeId: string,
  rule: RepeatMissingRule,
): Promise<string> {
  const id = await factsStore.insertMashTask(tx, {
    personId,
    area,
    kind: MASH_TASK_REPEAT_MISSING,
    description:
      `Repeat missing: ${rule.episodes} or more missing episodes within ${rule.windowDays} days. ` +
      'Hold a strategy discussion about the child’s safety and the risk of exploitation.',
    sourceEpisodeId: episodeId,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_TASK_CREATE',
    subjectType: 'mash_task',
    subjectId: id,
    details: { kind: MASH_TASK_REPEAT_MISSING, personId, area, episodeId },
  });
  return id;
}

/**
 * Works out the child's missing facts again after episodes were written (`newEpisodeIds`: the ones just
 * added), and creates one MASH task when a new episode started a run that is current.
 */
export async function recomputeChild(
  tx: Tx,
  personId: string,
  newEpisodeIds: readonly string[],
  area: string,
  options: MissingOptions = {},
): Promise<ChildFacts> {
  const rule = options.rule ?? DEFAULT_REPEAT_MISSING_RULE;
  const now = options.now ?? new Date();
  const starts = await factsStore.episodeStarts(tx, personId);
  const { triggeredBy, ...facts } = childFactsOf(starts, new Set(newEpisodeIds), rule, now);
  await factsStore.setPersonFlags(tx, personId, {
    repeatMissing: facts.repeatMissing,
    since: facts.repeatMissingSince,
    moreThanOnce: facts.missingMoreThanOnce,
  });
  const mashTaskId = triggeredBy
    ? await createRepeatMissingTask(tx, personId, area, triggeredBy, rule)
    : null;
  return { ...facts, mashTaskId };
}

/**
 * Clears the repeat-missing flag of children whose run has lapsed (fewer than N episodes in the window ending
 * today): run daily, since the flag is otherwise recomputed only when an episode is written.
 */
export async function refreshRepeatMissingFlags(tx: Tx, options: MissingOptions = {}): Promise<number> {
  const rule = options.rule ?? DEFAULT_REPEAT_MISSING_RULE;
  const now = options.now ?? new Date();
  const flagged = await factsStore.childrenFlaggedRepeatMissing(tx);
  let cleared = 0;
  for (const id of flagged) {
    const starts = (await factsStore.episodeStarts(tx, id)).map((s) => s.startedAt);
    if (!isRepeatMissing(starts, now, rule)) {
      await factsStore.setPersonFlags(tx, id, {
        repeatMissing: false,
        since: null,
        moreThanOnce: missingMoreThanOnce(starts),
      });
      cleared++;
    }
  }
  return cleared;
}

/** Whether the child is repeat missing now: the fact the CSE risk assessment's missing indicator is fed from. */ export async function repeatMissingFeed(
  tx: Tx,
  personId: string,
): Promise<boolean> {
  return factsStore.isFlaggedRepeatMissing(tx, personId);
}

// ---------------------------------------------------------------- facts for the briefing

export interface MissingFacts {
  referrals: number;
  repeatMissingReferrals: number;
  missingMoreThanOnceReferrals: number;
  shares: { repeatMissing: number | null; missingMoreThanOnce: number | null };
}

/**
 * Victim referrals received in [from, to) and whether their child was, at the referral date, repeat missing
 * (the rolling rule over the episodes reported up to the referral) or missing more than once (ever before it).
 * Counts what the transaction may see: run it as the briefing's system or statistics transaction.
 * Shares are fractions (0 to 1), null when there are no referrals.
 */
export async function missingFacts(
  tx: Tx,
  period: { from: Date; to: Date },
  rule: RepeatMissingRule = DEFAULT_REPEAT_MISSING_RULE,
): Promise<MissingFacts> {
  const rows = await factsStore.referralsWithEpisodeStarts(tx, period);
  let repeat = 0;
  let moreThanOnce = 0;
  for (const row of rows) {
    const starts = row.starts.map((s) => new Date(Number(s) * 1000));
    if (isRepeatMissing(starts, row.received_at, rule)) repeat++;
    if (missingMoreThanOnce(starts)) moreThanOnce++;
  }
  const share = (n: number) => (rows.length ? n / rows.length : null);
  return {
    referrals: rows.length,
    repeatMissingReferrals: repeat,
    missingMoreThanOnceReferrals: moreThanOnce,
    shares: { repeatMissing: share(repeat), missingMoreThanOnce: share(moreThanOnce) },
  };
}
