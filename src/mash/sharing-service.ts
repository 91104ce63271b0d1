/**
 * Sharing grants (SECURITY 31, decision 0017): a decision to share gives each recipient read access to
 * exactly the items ticked, for the period granted; revoking ends it on the next request. Who may open a
 * grant is decided by the access policy (`policy-sharing.ts`) and backed by row-level security
 * (`lantern_granted`), so each item is read as the recipient: what the grant does not name stays unread.
 */
import { inScopeOrDeny } from '../platform/access/in-scope.ts';
import { ROLE_NAMES, ROLES } from '../platform/access/permissions.ts';
import {
  decideGrantAccess,
  type GrantFacts,
  mayRevokeGrant,
  type RecipientKind,
  SHARED_READ_PERMISSIONS,
} from '../platform/access/policy-sharing.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  ConflictError,
  type FieldError,
  ValidationError,
} from '../platform/http/errors.ts';
import { assessmentOf, assessmentsOf } from '../risk/service.ts';
import { DEFAULT_GRANT_DAYS, type SharingDecisionInput } from './decision-rules.ts';
import { sharedPath } from './paths.ts';
import * as sharingStore from './sharing-store.ts';
import { strategyDiscussions } from './store.ts';

export type { GrantRow, RecipientChoice, SharedWithRow } from './sharing-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Staff who may receive a grant: holders of a role that reads cases. */
const READER_ROLES = ROLE_NAMES.filter((role) =>
  (ROLES[role].permissions as readonly string[]).some((p) =>
    (SHARED_READ_PERMISSIONS as string[]).includes(p),
  ),
);

/** The lists a sharing decision's recipients are chosen from. */
export async function recipientChoices(tx: Tx) {
  return {
    agencies: await sharingStore.agencyChoices(tx),
    teams: await sharingStore.teamChoices(tx),
    users: await sharingStore.userChoices(tx, READER_ROLES),
  };
}

export interface ResolvedRecipient {
  kind: RecipientKind;
  id: string;
  label: string;
}

/** Each recipient as it reads; one that is not on the lists is a field error. */
export async function resolveRecipients(
  tx: Tx,
  recipients: SharingDecisionInput['recipients'],
): Promise<ResolvedRecipient[]> {
  const seen = new Map<string, ResolvedRecipient>();
  for (const r of recipients ?? []) {
    const label = await sharingStore.recipientLabel(tx, r.kind, r.id);
    if (!label)
      throw new ValidationError([{ field: 'recipients', message: 'Choose each recipient from the lists' }]);
    seen.set(`${r.kind}:${r.id}`, { kind: r.kind as RecipientKind, id: r.id, label });
  }
  return [...seen.values()];
}

export interface GrantPlan {
  items: string[];
  contributionIds: string[];
  riskAssessmentId: string | null;
  days: number;
}

/**
 * What a decision to share would grant: a contribution its owner did not mark releasable cannot be shared,
 * nor one of another episode; the risk assessment is the child's latest at the time of the decision.
 */
export async function planGrant(
  tx: Tx,
  episode: { id: string; person_id: string },
  input: SharingDecisionInput,
): Promise<GrantPlan> {
  const errors: FieldError[] = [];
  const ids = [...new Set(input.contributionIds ?? [])];
  const found = await sharingStore.contributionsOf(tx, episode.id, ids);
  if (found.length !== ids.length)
    errors.push({ field: 'contributionIds', message: 'Choose the contributions shared from the list' });
  else if (found.some((c) => !c.releasable))
    errors.push({
      field: 'contributionIds',
      message: 'A contribution its agency marked not releasable outside the MASH cannot be shared',
    });
  const wanted = new Set(input.items ?? []);
  let riskAssessmentId: string | null = null;
  if (wanted.has('RISK_ASSESSMENT')) {
    riskAssessmentId = (await assessmentsOf(tx, episode.person_id))[0]?.id ?? null;
    if (!riskAssessmentId)
      errors.push({ field: 'items', message: 'The child has no CSE risk assessment to share' });
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    items: ['REFERRAL', 'STRATEGY', 'DECISION'].filter((i) => wanted.has(i)),
    contributionIds: ids,
    riskAssessmentId,
    days: input.periodDays ?? DEFAULT_GRANT_DAYS,
  };
}

/** One grant per recipient, from now for the period; answers the grants' ids and expiry. */
export async function writeGrants(
  tx: Tx,
  principal: Principal,
  episode: { id: string; referral_id: string; person_id: string; area: string },
  decisionId: string,
  recipients: readonly ResolvedRecipient[],
  plan: GrantPlan,
  now: Date,
): Promise<{ ids: string[]; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + plan.days * DAY_MS);
  const ids: string[] = [];
  for (const r of recipients) {
    ids.push(
      await sharingStore.insertGrant(tx, {
        decisionId,
        episodeId: episode.id,
        referralId: episode.referral_id,
        personId: episode.person_id,
        area: episode.area,
        recipientKind: r.kind,
        recipientId: r.id,
        recipientLabel: r.label,
        items: plan.items,
        contributionIds: plan.contributionIds,
        riskAssessmentId: plan.riskAssessmentId,
        grantedBy: principal.userId,
        grantedByLabel: principal.label,
        startsAt: now,
        expiresAt,
      }),
    );
  }
  return { ids, expiresAt };
}

/** The grants of an episode, for its hub (row-level security). */
export function grantsOfEpisode(tx: Tx, episodeId: string) {
  return sharingStore.grantsOfEpisode(tx, episodeId);
}

function factsOf(grant: sharingStore.GrantRow): GrantFacts {
  return {
    recipientKind: grant.recipient_kind,
    recipientId: grant.recipient_id,
    startsAt: grant.starts_at,
    expiresAt: grant.expires_at,
    revokedAt: grant.revoked_at,
  };
}

function findGrantOrDeny(tx: Tx, id: string): Promise<sharingStore.GrantRow> {
  return inScopeOrDeny('sharing_grant', id, {
    find: () => sharingStore.findGrant(tx, id.toLowerCase()),
    exists: () => sharingStore.grantExists(tx, id.toLowerCase()),
  });
}

/** A grant as its hub sees it, for someone who may end it (404 and an audited denial otherwise). */
export async function grantForHub(tx: Tx, principal: Principal, id: string): Promise<sharingStore.GrantRow> {
  const grant = await findGrantOrDeny(tx, id);
  if (!mayRevokeGrant(principal, grant))
    throw new AccessDeniedError('sharing_grant', grant.id, 'NO_PERMISSION');
  return grant;
}

/** Ends a grant now, with a reason: the recipient's next request is refused. Answers the episode's id. */
export async function revokeGrant(
  tx: Tx,
  principal: Principal,
  id: string,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  const grant = await grantForHub(tx, principal, id);
  const why = (reason ?? '').trim();
  if (why.length < 10 || why.length > 2000)
    throw new ValidationError([
      { field: 'reason', message: 'Give the reason for ending access, in 10 to 2000 characters' },
    ]);
  if (
    !(await sharingStore.revokeGrant(tx, grant.id, {
      userId: principal.userId,
      label: principal.label,
      reason: why,
      at: now,
    }))
  )
    throw new ConflictError('Access under this grant has already been ended');
  await appendAuditEvent(tx, {
    action: 'SHARING_GRANT_REVOKE',
    subjectType: 'sharing_grant',
    subjectId: grant.id,
    justification: why,
    recipients: [{ kind: grant.recipient_kind, id: grant.recipient_id, label: grant.recipient_label }],
    details: { episodeId: grant.episode_id, decisionId: grant.decision_id },
  });
  return grant.episode_id;
}

/**
 * What a recipient was given, read as the recipient (row-level security lets through only the items the
 * grant names) and audited as a disclosure read. Outside the grant (not a recipient, expired, revoked): 404
 * and an audited denial.
 */
export async function viewSharedGrant(tx: Tx, principal: Principal, id: string, now: Date = new Date()) {
  const grant = await findGrantOrDeny(tx, id);
  const decision = decideGrantAccess(principal, factsOf(grant), now);
  if (!decision.allowed) throw new AccessDeniedError('sharing_grant', grant.id, decision.reason);
  const person = await sharingStore.sharedPerson(tx, grant.person_id);
  const referral = grant.items.includes('REFERRAL')
    ? await sharingStore.sharedReferral(tx, grant.referral_id)
    : null;
  const contributions = grant.contribution_ids.length
    ? await sharingStore.sharedContributions(tx, grant.contribution_ids)
    : [];
  const discussions = grant.items.includes('STRATEGY') ? await strategyDiscussions(tx, grant.episode_id) : [];
  const outcome = grant.items.includes('DECISION')
    ? await sharingStore.sharedDecision(tx, grant.episode_id)
    : null;
  const assessment = grant.risk_assessment_id
    ? await assessmentOf(tx, grant.person_id, grant.risk_assessment_id)
    : null;
  await appendAuditEvent(tx, {
    // A read of what was disclosed: the grant, the child and each item shown.
    action: 'SHARED_RECORD_VIEW',
    subjectType: 'sharing_grant',
    subjectId: grant.id,
    details: {
      personId: grant.person_id,
      episodeId: grant.episode_id,
      items: grant.items,
      contributionIds: contributions.map((c) => c.id),
      riskAssessmentId: assessment ? grant.risk_assessment_id : null,
    },
  });
  return { grant, person, referral, contributions, discussions, outcome, assessment };
}

function recipientOf(principal: Principal): sharingStore.RecipientOf | null {
  if (principal.kind !== 'user' || !principal.userId) return null;
  if (!SHARED_READ_PERMISSIONS.some((p) => principal.permissions.has(p))) return null;
  return { userId: principal.userId, teamIds: principal.teamIds, agencyId: principal.agencyId };
}

/** The active grants naming the principal, soonest expiry first, a page at a time. */
export async function sharedWithYou(
  tx: Tx,
  principal: Principal,
  now: Date,
  page: { limit: number; offset: number },
): Promise<{ rows: sharingStore.SharedWithRow[]; total: number }> {
  const to = recipientOf(principal);
  if (!to) return { rows: [], total: 0 };
  return {
    rows: await sharingStore.grantsTo(tx, to, now, page),
    total: await sharingStore.countGrantsTo(tx, to, now),
  };
}

/**
 * For people search: the shared page of each found person the principal reaches only through a grant (the
 * person page refuses them), by person id.
 */
export async function sharedHrefs(
  tx: Tx,
  principal: Principal,
  personIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, string>> {
  const to = recipientOf(principal);
  if (!to || personIds.length === 0) return new Map();
  const rows = await sharingStore.grantsOfPeopleTo(tx, to, personIds, now);
  const hrefs = new Map<string, string>();
  for (const r of rows) if (!hrefs.has(r.person_id)) hrefs.set(r.person_id, sharedPath(r.id));
  return hrefs;
}
