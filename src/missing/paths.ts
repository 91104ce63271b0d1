/**
 * The missing module's URLs, built in one place for its routes, redirects and view models. The route
 * declarations keep their literal patterns (`/missing/episodes/:id`), which these builders fill in.
 */

/** A notice shown on the episode page after a write (see the episode view model). */
export type EpisodeNotice = 'recorded' | 'repeat' | 'saved' | 'interview';

export const RHI_DUE_PATH = '/missing/rhi-due';
export const PLACEMENTS_PATH = '/placements';

export function episodePath(episodeId: string, notice?: EpisodeNotice): string {
  return `/missing/episodes/${episodeId}${notice ? `?notice=${notice}` : ''}`;
}

export function episodeReturnPath(episodeId: string): string {
  return `/missing/episodes/${episodeId}/return`;
}

export function episodeRiskGradePath(episodeId: string): string {
  return `/missing/episodes/${episodeId}/risk-grade`;
}

export function episodeInterviewPath(episodeId: string): string {
  return `/missing/episodes/${episodeId}/return-home-interview`;
}

/** The form that records an episode for a child, and where it posts. */
export function newEpisodePath(personId: string): string {
  return `/people/${personId}/missing/new`;
}

export function recordEpisodePath(personId: string): string {
  return `/people/${personId}/missing`;
}

export function placementPath(placementId: string): string {
  return `/placements/${placementId}`;
}

/**
 * The child's page. The people module owns it and has no paths.ts yet, so the link is built here; move it to
 * `people/paths.ts` when that exists.
 */
export function personPagePath(personId: string): string {
  return `/people/${personId}`;
}
