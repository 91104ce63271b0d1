/** The MASH's URLs, built in one place for its routes and view models. */

export function queuePath(): string {
  return '/mash';
}

export function dashboardPath(): string {
  return '/mash/dashboard';
}

export function episodePath(episodeId: string): string {
  return `/mash/episodes/${episodeId}`;
}

/** The episode page after a form was saved, with the notice saying so. */
export function episodeNoticePath(episodeId: string, notice: string): string {
  return `${episodePath(episodeId)}?notice=${encodeURIComponent(notice)}`;
}

/** Where each of the episode page's forms posts. */
export const EPISODE_FORM_PATHS = {
  rag: '/mash/episodes/:id/rag',
  research: '/mash/episodes/:id/research-requests',
  contribution: '/mash/episodes/:id/contributions',
  sharing: '/mash/episodes/:id/sharing-decisions',
  strategy: '/mash/episodes/:id/strategy-discussions',
  decision: '/mash/episodes/:id/decision',
  proposal: '/mash/episodes/:id/decision-proposals',
  approve: '/mash/episodes/:id/decision-proposals/approve',
  return: '/mash/episodes/:id/decision-proposals/return',
  allocation: '/mash/episodes/:id/allocation',
  icpc: '/mash/episodes/:id/icpc',
} as const;

export function caseloadPath(): string {
  return '/mash/caseload';
}

/** The queue with its filters: codes only, never personal data. */
export function queueQueryPath(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `/mash?${qs}` : '/mash';
}

export function actionCompletePath(actionId: string): string {
  return `/mash/actions/${actionId}/complete`;
}

/** Transferring an episode to another hub (page and post), and the hub confirming a flagged one. */
export const TRANSFER_ROUTES = {
  transfer: '/mash/episodes/:id/transfer',
  confirmHub: '/mash/episodes/:id/confirm-hub',
} as const;

export function transferPath(episodeId: string): string {
  return `/mash/episodes/${episodeId}/transfer`;
}

export function confirmHubPath(episodeId: string): string {
  return `/mash/episodes/${episodeId}/confirm-hub`;
}

/** What was shared with the signed-in user ("Shared with you"), a page at a time. */
export function sharedListPath(page = 1): string {
  return page > 1 ? `/shared?page=${page}` : '/shared';
}

/** What one sharing grant gives its recipient. */
export function sharedPath(grantId: string): string {
  return `/shared/${grantId}`;
}

/** Where the hub ends a grant. */
export function revokeGrantPath(grantId: string): string {
  return `/mash/sharing-grants/${grantId}/revoke`;
}
