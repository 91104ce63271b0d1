/** What `loadPopulation` takes and gives back. */

export interface LoadOptions {
  scale?: number;
  seed?: number;
  months?: number;
  /** Last day of the period (ISO date); the generator's default otherwise. */
  periodEnd?: string;
  /** Called after each chunk (loaded or skipped). */
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per INSERT statement (5,000 unless given). */
  batchSize?: number;
  /**
   * Referrals received in this many working days at the end of the period stay open in the MASH (at
   * triage, research or discussion) instead of decided. 0 (the default) decides every referral, so that the
   * outcome figures are the generator's exactly; the demo uses `DEMO_OPEN_WORKING_DAYS`.
   */
  openWorkingDays?: number;
  /** Called with a line for each part skipped because its tables are not in the database. */
  onNotice?: (message: string) => void;
  /**
   * Plan each next chunk in a worker thread while this one is written. Unset: only for loads of several
   * chunks, where it pays for the worker's start (`PLAN_AHEAD_FROM_CHUNKS` in load.ts).
   */
  planAhead?: boolean;
}

export interface LoadProgress {
  chunksDone: number;
  chunks: number;
  /** Rows written so far in this run. */
  rows: number;
}

export interface LoadCounts {
  persons: number;
  sourceRecords: number;
  addresses: number;
  victimReferrals: number;
  referralPeople: number;
  suspectReferrals: number;
  suspectChildLinks: number;
  mashEpisodes: number;
  mashDecisions: number;
  contributions: number;
  riskAssessments: number;
  missingEpisodes: number;
  disposals: number;
}

export interface LoadResult {
  /**
   * `loaded`: chunks were written (`chunksSkipped` > 0 when a part was loaded before); `already-loaded`:
   * nothing to do; `refused`: the database holds another population or referrals not made by the loader.
   */
  status: 'loaded' | 'already-loaded' | 'refused';
  message: string;
  chunks: number;
  chunksLoaded: number;
  chunksSkipped: number;
  counts: LoadCounts;
  rows: number;
  ms: number;
  /** Parts skipped because their tables are not in the database yet. */
  notices: string[];
}

export function emptyCounts(): LoadCounts {
  return {
    persons: 0,
    sourceRecords: 0,
    addresses: 0,
    victimReferrals: 0,
    referralPeople: 0,
    suspectReferrals: 0,
    suspectChildLinks: 0,
    mashEpisodes: 0,
    mashDecisions: 0,
    contributions: 0,
    riskAssessments: 0,
    missingEpisodes: 0,
    disposals: 0,
  };
}

export function rowsOf(c: LoadCounts): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}
