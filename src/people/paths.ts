/** URLs of the people pages, built in one place so that routes and view models cannot drift apart. */

/** Notices a people page shows once after a redirect (see `noticeOf` in ./identity-view.ts). */
export type PeopleNotice =
  | 'match-confirmed'
  | 'match-rejected'
  | 'merged'
  | 'unmerged'
  | 'restricted'
  | 'unrestricted';

function withNotice(path: string, notice?: PeopleNotice): string {
  return notice ? `${path}?notice=${notice}` : path;
}

export const SEARCH_PATH = '/search';
export const MATCHES_PATH = '/matches';
export const DEDUPE_PATH = '/identity/dedupe';

export function personPath(personId: string, notice?: PeopleNotice): string {
  return withNotice(`/people/${personId}`, notice);
}

/** Where a restricted record is opened with a justification. */
export function openPersonPath(personId: string): string {
  return `/people/${personId}/open`;
}

export function mergePath(personId: string): string {
  return `/people/${personId}/merge`;
}

export function mergeSearchPath(personId: string): string {
  return `/people/${personId}/merge/search`;
}

export function undoMergePath(personId: string, mergeId: string): string {
  return `/people/${personId}/merges/${mergeId}/undo`;
}

export function restrictionPath(personId: string): string {
  return `/people/${personId}/restriction`;
}

export function matchesPath(notice?: PeopleNotice): string {
  return withNotice(MATCHES_PATH, notice);
}

export function matchDecisionPath(matchId: string, decision: 'confirm' | 'reject'): string {
  return `/matches/${matchId}/${decision}`;
}

export function dedupeJobPath(jobId: string): string {
  return `/identity/jobs/${jobId}`;
}

/**
 * Pages of other modules that the person's timeline links to. People is the lowest feature module and may
 * not import their paths, so the two addresses the timeline needs are spelt here.
 */
export function timelineRecordPath(kind: 'REFERRAL' | 'SUSPECT_REFERRAL', recordId: string): string {
  return kind === 'REFERRAL' ? `/referrals/${recordId}` : `/suspect-referrals/${recordId}`;
}
