/**
 * Repeat missing (local rule, default 3 episodes in a rolling 90 days) prompts a strategy discussion.
 *
 * The window is measured on the London wall clock: "90 days before 10:00 on 30 December" is 10:00 on
 * 1 October, even though a clock change makes that 90 days and one hour of elapsed time. Both ends are
 * inclusive: an episode that started exactly 90 days before counts, one a minute earlier does not.
 */
import { LONDON, shiftLocalDays } from '../platform/time/zoned-time.ts';

export interface RepeatMissingRule {
  episodes: number;
  windowDays: number;
}

export const DEFAULT_REPEAT_MISSING_RULE: RepeatMissingRule = { episodes: 3, windowDays: 90 };

function assertRule(rule: RepeatMissingRule): void {
  if (!Number.isInteger(rule.episodes) || rule.episodes < 2) {
    throw new RangeError('A repeat missing rule needs a whole number of episodes from 2');
  }
  if (!Number.isInteger(rule.windowDays) || rule.windowDays < 1) {
    throw new RangeError('A repeat missing window needs a whole number of days from 1');
  }
}

function windowStart(asOf: Date, rule: RepeatMissingRule): number {
  return shiftLocalDays(asOf, -rule.windowDays, LONDON).getTime();
}

/** Episodes that started in the rolling window ending at `asOf` (later starts are ignored). */
export function episodesInWindow(
  episodeStartTimes: readonly Date[],
  asOf: Date,
  rule = DEFAULT_REPEAT_MISSING_RULE,
): number {
  assertRule(rule);
  const from = windowStart(asOf, rule);
  return episodeStartTimes.filter((t) => t.getTime() >= from && t.getTime() <= asOf.getTime()).length;
}

export function isRepeatMissing(
  episodeStartTimes: readonly Date[],
  asOf: Date,
  rule: RepeatMissingRule = DEFAULT_REPEAT_MISSING_RULE,
): boolean {
  return episodesInWindow(episodeStartTimes, asOf, rule) >= rule.episodes;
}

export interface EpisodeStart {
  startedAt: Date;
}

/**
 * Episodes at which a run of repeat missing begins: the count in the window ending at the episode reaches N
 * there, having been below N just before. Later episodes of the same run are not onsets; a run that lapses
 * (fewer than N in the window) and builds up again starts a new one.
 */
function onsetCount(starts: readonly number[], rule: RepeatMissingRule): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let onsets = 0;
  for (const [index, start] of sorted.entries()) {
    const from = windowStart(new Date(start), rule);
    let earlierInWindow = 0;
    for (let j = index - 1; j >= 0 && sorted[j]! >= from; j--) earlierInWindow++;
    if (earlierInWindow === rule.episodes - 1) onsets++;
  }
  return onsets;
}

/**
 * True exactly when recording `newEpisode` makes the count reach N within D days, i.e. starts a new run of
 * repeat missing; the caller creates one strategy discussion task for it. The 4th and later episodes of a run
 * do not trigger again. An episode recorded late (started before others already on file) triggers when it
 * completes a run, and not when it only moves the start of a run that had already triggered.
 */
export function repeatMissingTriggeredBy(
  episodes: readonly EpisodeStart[],
  newEpisode: EpisodeStart,
  rule: RepeatMissingRule = DEFAULT_REPEAT_MISSING_RULE,
): boolean {
  assertRule(rule);
  const before = episodes.map((e) => e.startedAt.getTime());
  return onsetCount([...before, newEpisode.startedAt.getTime()], rule) > onsetCount(before, rule);
}

/** "Missing more than once" ever, the national measure beside the local repeat rule. */
export function missingMoreThanOnce(episodes: readonly unknown[]): boolean {
  return episodes.length > 1;
}
