/**
 * Who does what in the hub (issue #13, decision 0015): a practitioner proposes the decision and a manager
 * approves it (the decision is then the manager's, recording who proposed it) or returns it with a reason;
 * a manager allocates an episode to someone of the same hub; the managers' caseload; the date of the initial
 * child protection conference. The access policy decides who may; these functions validate, write, audit.
 */
import { isUuid } from '../people/service.ts';
import { ROLE_NAMES, ROLES } from '../platform/access/permissions.ts';
import { type EpisodeAction, mayActOnEpisode } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { type DecisionInput, validateDecision } from './decision-rules.ts';
import * as rolesStore from './roles-store.ts';
import { decide, openEpisode } from './service.ts';
import { initialChildProtectionConferenceDueDate } from './statutory-timescales.ts';
import type { EpisodeRow, StrategyDiscussionRow } from './store.ts';
import * as store from './store.ts';

/** The roles whose holders work episodes (they triage): the people an episode may be allocated to. */
export const TRIAGE_ROLES = ROLE_NAMES.filter((r) =>
  (ROLES[r].permissions as readonly string[]).includes('mash:triage'),
);

/** What the page says to someone who may not do a thing, in place of the control. */
export const CANNOT: Partial<Record<EpisodeAction, string>> = {
  rag: 'A MASH manager changes the RAG rating once it is set.',
  approve: 'A MASH manager approves the decision.',
  allocate: 'A MASH manager allocates referrals.',
};

function require(principal: Principal, action: EpisodeAction, episode: EpisodeRow): void {
  const facts = {
    area: episode.area,
    open: !episode.closed_at,
    agencyKnown: true,
    rated: episode.rag !== null,
  };
  if (!mayActOnEpisode(principal, action, facts)) {
    throw new ForbiddenError(CANNOT[action] ?? 'You do not have permission to do that');
  }
}

function requireOpen(episode: EpisodeRow): void {
  if (episode.closed_at) throw new ConflictError('This referral has been decided; the MASH record is closed');
}

/** A practitioner's proposed decision: validated as the decision is, kept until a manager reviews it. */
export async function proposeDecision(
  tx: Tx,
  principal: Principal,
  id: string,
  input: DecisionInput,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  require(principal, 'propose', episode);
  const errors = validateDecision(input);
  if (errors.length) throw new ValidationError(errors);
  if ((await rolesStore.proposals(tx, id)).some((p) => p.status === 'PROPOSED'))
    throw new ConflictError('A decision is already proposed and awaits a MASH manager');
  const proposalId = await rolesStore.insertProposal(tx, {
    episodeId: id,
    area: episode.area,
    input,
    by: principal.userId,
    label: principal.label,
    at: now,
  });
  await store.setStage(tx, id, 'DECISION');
  await appendAuditEvent(tx, {
    action: 'MASH_DECISION_PROPOSED',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { proposalId, contactOutcome: input.contactOutcome },
  });
  return proposalId;
}

async function pendingProposal(tx: Tx, episodeId: string, proposalId: string) {
  const proposal = isUuid(proposalId) ? await rolesStore.findProposal(tx, proposalId) : null;
  if (!proposal || proposal.episode_id !== episodeId) throw new NotFoundError();
  if (proposal.status !== 'PROPOSED') throw new ConflictError('This proposal has already been reviewed');
  return proposal;
}

/** Approval makes the proposal the decision, as the approving manager's, recording who proposed it. */
export async function approveProposal(
  tx: Tx,
  principal: Principal,
  id: string,
  proposalId: string,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  require(principal, 'approve', episode);
  const proposal = await pendingProposal(tx, id, proposalId);
  if (
    !(await rolesStore.reviewProposal(tx, {
      id: proposal.id,
      status: 'APPROVED',
      by: principal.userId,
      label: principal.label,
      at: now,
      reason: null,
    }))
  )
    throw new ConflictError('This proposal has already been reviewed');
  await appendAuditEvent(tx, {
    action: 'MASH_DECISION_APPROVED',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { proposalId: proposal.id, proposedBy: proposal.proposed_by },
  });
  return decide(tx, principal, id, proposal.input as DecisionInput, now, {
    userId: proposal.proposed_by,
    label: proposal.proposed_by_label,
  });
}

/** A returned proposal goes back to its proposer with the manager's reason. */
export async function returnProposal(
  tx: Tx,
  principal: Principal,
  id: string,
  input: { proposalId: string; reason: string },
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  require(principal, 'approve', episode);
  const reason = (input.reason ?? '').trim();
  if (reason.length < 10 || reason.length > 5000)
    throw new ValidationError([
      { field: 'reason', message: 'Enter the reason for returning the proposal (10 to 5000 characters)' },
    ]);
  const proposal = await pendingProposal(tx, id, input.proposalId);
  await rolesStore.reviewProposal(tx, {
    id: proposal.id,
    status: 'RETURNED',
    by: principal.userId,
    label: principal.label,
    at: now,
    reason,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_DECISION_RETURNED',
    subjectType: 'mash_episode',
    subjectId: id,
    justification: reason,
    details: { proposalId: proposal.id, proposedBy: proposal.proposed_by },
  });
}

/** Allocation to someone who works episodes in the episode's own hub; anyone else is a field error. */
export async function allocateEpisode(
  tx: Tx,
  principal: Principal,
  id: string,
  userId: string,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  require(principal, 'allocate', episode);
  const members = await rolesStore.hubMembers(tx, episode.area, TRIAGE_ROLES);
  const member = members.find((m) => m.id === userId.toLowerCase());
  if (!member)
    throw new ValidationError([{ field: 'allocatedTo', message: 'Select a practitioner of this hub' }]);
  await rolesStore.allocate(tx, { episodeId: id, userId: member.id, label: member.display_name, at: now });
  await appendAuditEvent(tx, {
    action: 'MASH_ALLOCATION',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { to: member.id, from: episode.allocated_to },
  });
  return member;
}

/** The date the initial child protection conference was held: a real date, not in the future. */
export async function recordIcpc(tx: Tx, principal: Principal, id: string, heldOn: string, now = new Date()) {
  const episode = await openEpisode(tx, id);
  require(principal, 'icpc', episode);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn) || heldOn > today)
    throw new ValidationError([
      {
        field: 'heldOn',
        message: 'Enter the date the conference was held, as a real date not in the future',
      },
    ]);
  const discussions = await store.strategyDiscussions(tx, id);
  if (!icpcDue(discussions))
    throw new ConflictError('No strategy discussion of this referral decided on a section 47 enquiry');
  await rolesStore.recordIcpc(tx, id, heldOn, principal.label);
  await appendAuditEvent(tx, {
    action: 'MASH_ICPC_RECORDED',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { heldOn },
  });
}

/** 'YYYY-MM-DD' the conference is due: 15 working days after the first discussion deciding on section 47. */
export function icpcDue(
  discussions: readonly Pick<StrategyDiscussionRow, 'held_at' | 'section_47'>[],
): string | null {
  const first = discussions.find((d) => d.section_47 === true);
  return first ? initialChildProtectionConferenceDueDate(first.held_at) : null;
}

/** The managers' caseload: per allocated person, open episodes and how many are breached or overdue. */
export async function caseload(tx: Tx, now = new Date()) {
  const rows = await rolesStore.caseload(tx, now);
  await appendAuditEvent(tx, { action: 'MASH_CASELOAD_VIEW', details: { people: rows.length } });
  return rows;
}

/** What the episode page needs of roles: proposals, the hub's people to allocate to (managers only). */
export async function episodeRoles(tx: Tx, episode: EpisodeRow, mayAllocate: boolean) {
  return {
    proposals: await rolesStore.proposals(tx, episode.id),
    members: mayAllocate ? await rolesStore.hubMembers(tx, episode.area, TRIAGE_ROLES) : [],
  };
}
