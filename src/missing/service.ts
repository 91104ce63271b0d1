/**
 * Missing children use-cases: record an episode (and its return), change the police risk grade with a
 * rationale, record the return home interview, list interviews due and overdue, placements and the briefing's
 * facts. Each validates with the pure rules, writes through the store and audits in the caller's transaction.
 *
 * After every episode write the child's facts are worked out again from all their episodes (a definer function
 * counts the episodes other agencies reported too): `repeat_missing` (the local rolling rule holds today, with
 * `repeat_missing_since` the start of the current run), and `missing_more_than_once` (ever). An episode that
 * starts a run of repeat missing (`repeatMissingTriggeredBy`) creates one MASH task for a strategy discussion,
 * when the run is still current: a historic run loaded by an import sets no task.
 *
 * The use-cases live in episode-, interview-, placement- and repeat-missing-service.ts; this file is the
 * module's one public entry, which other modules (mash, synth) and the routes import.
 */

export {
  changeRiskGrade,
  episodesOfChild,
  openEpisode,
  type RecordedEpisode,
  recordEpisode,
  recordReturn,
  viewEpisode,
} from './episode-service.ts';
export { FOUND_WITH_RESULTS, searchFoundWith } from './found-with-service.ts';
export type { EpisodeInput, ReturnInput } from './input.ts';
export {
  type DueInterview,
  type InterviewInput,
  type InterviewState,
  recordReturnHomeInterview,
  rhiDueList,
} from './interview-service.ts';
export {
  interviewAgencyChoices,
  loadPlacements,
  PLACEMENT_RECENT_DAYS,
  placementChoices,
  placementsView,
  placementView,
} from './placement-service.ts';
export {
  type ChildFacts,
  childFactsOf,
  createRepeatMissingTask,
  MASH_TASK_REPEAT_MISSING,
  type MissingFacts,
  type MissingOptions,
  missingFacts,
  recomputeChild,
  recordRepeatMissingRule,
  refreshRepeatMissingFlags,
  repeatMissingFeed,
  repeatMissingRuleOf,
} from './repeat-missing-service.ts';
