/**
 * What a principal may do to a MASH episode, and who may assess a child's CSE risk: pure decisions the MASH
 * and risk pages call, so that a page shows a control only to someone the route and the record allow, and
 * a handler never decides by hand. Row-level security still decides which episodes a principal can read;
 * these decide which of the episode's controls belong to them.
 */
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';

/** The things a hub member can do on an episode's page. */
export const EPISODE_ACTIONS = [
  'rag',
  'research',
  'propose',
  'approve',
  'allocate',
  'icpc',
  'contribute',
  'share',
  'strategy',
  'complete',
  'decide',
  'transfer',
] as const;

export type EpisodeAction = (typeof EPISODE_ACTIONS)[number];

/** What the decision needs to know of the episode and of the principal's own agency. */
export interface EpisodeFacts {
  /** The partnership area whose hub holds the episode. */
  area: string;
  /** Not yet decided: a closed episode takes no more triage, research, strategy or decision. */
  open: boolean;
  /** The principal's agency is one of the partnership's: a contribution is owned by an agency. */
  agencyKnown: boolean;
  /**
   * The episode has a RAG already. A practitioner sets the first one at triage; changing it is a manager's
   * (the Lancashire MASH practice of issue #13). Unknown (undefined) counts as rated: the stricter rule.
   */
  rated?: boolean;
}

/**
 * The permission each action needs, and whether it is refused once the episode is closed. Practitioners
 * (mash:triage) triage, research and PROPOSE a decision; managers (mash:decide) allocate, change a RAG,
 * approve or return a proposal, and may decide directly.
 */
const ACTION_RULES: Record<EpisodeAction, { permission: Permission; openOnly: boolean }> = {
  // The first RAG; a change needs mash:decide (see mayActOnEpisode).
  rag: { permission: 'mash:triage', openOnly: true },
  research: { permission: 'mash:triage', openOnly: true },
  propose: { permission: 'mash:triage', openOnly: true },
  approve: { permission: 'mash:decide', openOnly: true },
  allocate: { permission: 'mash:decide', openOnly: true },
  // The conference follows the decision by weeks: its date is recorded on a closed episode.
  icpc: { permission: 'mash:triage', openOnly: false },
  contribute: { permission: 'mash:contribute', openOnly: true },
  // A sharing decision and a strategy action's completion may be recorded after the decision.
  share: { permission: 'mash:share', openOnly: false },
  strategy: { permission: 'mash:triage', openOnly: true },
  complete: { permission: 'mash:triage', openOnly: false },
  decide: { permission: 'mash:decide', openOnly: true },
  // Where an episode belongs is the holding hub's call, practitioner or manager (decision 0014): to
  // transfer it to another hub, or confirm a referral routed to the referrer's area for want of a postcode.
  transfer: { permission: 'mash:triage', openOnly: true },
};

/** A member of the hub of an area: triages in the MASH and belongs to a team of that area. */
export function inMashHub(principal: Principal, area: string): boolean {
  return principal.permissions.has('mash:triage') && principal.areas.includes(area);
}

/** Whether the principal may do one thing to the episode. */
export function mayActOnEpisode(principal: Principal, action: EpisodeAction, episode: EpisodeFacts): boolean {
  const rule = ACTION_RULES[action];
  if (!inMashHub(principal, episode.area)) return false;
  if (rule.openOnly && !episode.open) return false;
  if (action === 'contribute' && !episode.agencyKnown) return false;
  if (action === 'rag' && episode.rated !== false && !principal.permissions.has('mash:decide')) return false;
  // A manager decides directly; proposing is for those who cannot.
  if (action === 'propose' && principal.permissions.has('mash:decide')) return false;
  return principal.permissions.has(rule.permission);
}

/** Every action at once: the controls an episode page shows. */
export function episodeControls(principal: Principal, episode: EpisodeFacts): Record<EpisodeAction, boolean> {
  return Object.fromEntries(
    EPISODE_ACTIONS.map((action) => [action, mayActOnEpisode(principal, action, episode)]),
  ) as Record<EpisodeAction, boolean>;
}

/** Those who may assess a child's CSE risk: the CSE team (case work) and the MASH (triage). */
export const RISK_ASSESSORS: readonly Permission[] = ['case:work', 'mash:triage'];

/**
 * Whether the principal may record a CSE risk assessment. The routes stay declared `case:read` (reading the
 * child is the route's need) and a handler refuses an assessor-less reader with an audited 403.
 */
export function mayAssessRisk(principal: Principal): boolean {
  return RISK_ASSESSORS.some((permission) => principal.permissions.has(permission));
}
