/** The missing module's pure rules, in one import for its service. */
export {
  currentRiskGrade,
  MISSING_EPISODE_TYPES,
  MISSING_RISK_GRADES,
  type MissingEpisodeInput,
  type MissingEpisodeType,
  type MissingRiskGrade,
  type RiskGradeChange,
  validateMissingEpisode,
} from './episode.ts';
export {
  DEFAULT_REPEAT_MISSING_RULE,
  type EpisodeStart,
  episodesInWindow,
  isRepeatMissing,
  missingMoreThanOnce,
  type RepeatMissingRule,
  repeatMissingTriggeredBy,
} from './repeat-missing.ts';
export {
  RETURN_HOME_INTERVIEW_HOURS,
  type ReturnHomeInterviewRecord,
  type ReturnHomeInterviewStatus,
  returnHomeInterviewDeadline,
  returnHomeInterviewStatus,
  validateReturnHomeInterview,
} from './return-home-interview.ts';
