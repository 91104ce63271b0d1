/**
 * Sharing grants as the pages show them: the sharing form's recipient lists, items and period; the grants
 * on the episode page (with their revoke control); "Shared with you"; and the shared page, which shows
 * exactly the items a grant names. Pure: labels for codes, UK dates, names; `now` is a parameter.
 */
import {
  EXPLOITATION_MODELS,
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  SOCIAL_CARE_OUTCOMES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { levelTag, RISK_LEVEL_LABELS } from '../risk/codes.ts';
import { CONTACT_OUTCOMES, STATUTORY_MEASURES } from './codes.ts';
import type { SharingValues } from './form.ts';
import { revokeGrantPath, sharedListPath, sharedPath } from './paths.ts';
import type { GrantRow, RecipientChoice, SharedWithRow, viewSharedGrant } from './sharing-service.ts';
import type { ContributionRow } from './store.ts';
import { labelIn } from './view-models.ts';

export const ITEM_LABELS: Record<string, string> = {
  REFERRAL: 'The referral’s details',
  STRATEGY: 'The strategy discussions',
  DECISION: 'The decision and outcome',
  RISK_ASSESSMENT: 'The latest CSE risk assessment',
};

const KIND_LABELS: Record<string, string> = { AGENCY: 'Agency', TEAM: 'Team', USER: 'Person' };

export interface RecipientChoices {
  agencies: readonly RecipientChoice[];
  teams: readonly RecipientChoice[];
  users: readonly RecipientChoice[];
}

/** One list of every recipient, each as `KIND:id`, grouped by kind in its text ("Team: South CSE, Police"). */
function recipientItems(choices: RecipientChoices, chosen: string) {
  const option = (kind: string, c: RecipientChoice, text: string) => ({
    value: `${kind}:${c.id}`,
    text: `${KIND_LABELS[kind]}: ${text}`,
    selected: chosen === `${kind}:${c.id}`,
  });
  return [
    { value: '', text: 'Choose a recipient', selected: chosen === '' },
    ...choices.teams.map((c) => option('TEAM', c, `${c.name}, ${c.agency}`)),
    ...choices.agencies.map((c) => option('AGENCY', c, c.name)),
    ...choices.users.map((c) => option('USER', c, `${c.name}, ${c.agency}`)),
  ];
}

/** A contribution as the episode and the shared-information pages show it: who, when, what the agency said. */
export function contributionView(
  c: Pick<
    ContributionRow,
    | 'agency_name'
    | 'contributed_by_label'
    | 'contributed_at'
    | 'summary'
    | 'relevant_history'
    | 'risk_information'
  >,
) {
  return {
    agency: c.agency_name,
    by: c.contributed_by_label,
    at: ukDateTime(c.contributed_at),
    summary: c.summary,
    history: c.relevant_history,
    risk: c.risk_information,
  };
}

/** The sharing form's lists: recipients, the items (releasable contributions only) and the period. */
export function sharingFormLists(
  values: SharingValues,
  choices: RecipientChoices | null,
  contributions: ReadonlyArray<{ id: string; agency: string; at: string; releasable: boolean }>,
) {
  return {
    recipientRows: values.recipients.map((chosen) =>
      recipientItems(choices ?? { agencies: [], teams: [], users: [] }, chosen),
    ),
    itemItems: Object.entries(ITEM_LABELS).map(([value, text]) => ({
      value,
      text,
      checked: values.items.includes(value),
    })),
    contributionItems: contributions.map((c) => ({
      value: c.id,
      text: `${c.agency}’s research, ${c.at}`,
      checked: values.contributionIds.includes(c.id),
      disabled: !c.releasable,
      hint: c.releasable ? undefined : { text: 'Not releasable outside the MASH: cannot be shared' },
    })),
  };
}

function itemsText(grant: Pick<GrantRow, 'items' | 'contribution_ids' | 'risk_assessment_id'>): string {
  const parts = grant.items.map((i) => ITEM_LABELS[i] ?? i);
  if (grant.contribution_ids.length)
    parts.push(
      `${grant.contribution_ids.length} contribution${grant.contribution_ids.length === 1 ? '' : 's'}`,
    );
  if (grant.risk_assessment_id) parts.push(ITEM_LABELS['RISK_ASSESSMENT']!);
  return parts.join('; ');
}

function statusOf(grant: GrantRow, now: Date): { text: string; classes: string; active: boolean } {
  if (grant.revoked_at) return { text: 'Access ended', classes: 'govuk-tag--grey', active: false };
  if (grant.expires_at.getTime() <= now.getTime())
    return { text: 'Expired', classes: 'govuk-tag--grey', active: false };
  return { text: 'Active', classes: 'govuk-tag--green', active: true };
}

/** The episode's grants for its hub; an active one offers "End access" to those who may revoke. */
export function grantsView(grants: readonly GrantRow[], now: Date, canRevoke: boolean) {
  return grants.map((g) => {
    const status = statusOf(g, now);
    return {
      id: g.id,
      recipient: g.recipient_label,
      kind: KIND_LABELS[g.recipient_kind] ?? g.recipient_kind,
      items: itemsText(g),
      from: ukDateTime(g.starts_at),
      until: ukDateTime(g.expires_at),
      by: g.granted_by_label,
      status,
      ended: g.revoked_at
        ? `${ukDateTime(g.revoked_at)} by ${g.revoked_by_label ?? ''}: ${g.revoke_reason ?? ''}`
        : null,
      revokeAction: canRevoke && status.active ? revokeGrantPath(g.id) : null,
    };
  });
}

const nameOf = (p: { forename: string | null; surname: string | null } | null) =>
  p ? [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known' : 'Name not known';

/** "Shared with you": the active grants naming the user, a page at a time. */
export function sharedListView(rows: readonly SharedWithRow[], total: number, page: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  return {
    title: 'Shared with you',
    total,
    rows: rows.map((r) => ({
      href: sharedPath(r.id),
      child: nameOf(r),
      items: itemsText(r),
      by: r.granted_by_label,
      to: r.recipient_label,
      until: ukDateTime(r.expires_at),
    })),
    previous: page > 1 ? sharedListPath(page - 1) : null,
    next: page < pages ? sharedListPath(page + 1) : null,
    page,
    pages,
  };
}

type Shared = Awaited<ReturnType<typeof viewSharedGrant>>;

/** The shared page: the child's name and date of birth, then exactly the items the grant names. */
export function sharedPageView(shared: Shared) {
  const { grant, person, referral, contributions, discussions, outcome, assessment } = shared;
  const child = nameOf(person);
  return {
    title: `Shared with you: ${child}`,
    child,
    dob: person?.dob ? ukDate(person.dob) : 'Not known',
    by: grant.granted_by_label,
    to: grant.recipient_label,
    from: ukDateTime(grant.starts_at),
    until: ukDateTime(grant.expires_at),
    items: itemsText(grant),
    referral: referral
      ? {
          reference: referral.reference,
          received: ukDateTime(referral.received_at),
          agency: referral.referring_agency_name,
          referrer: [referral.practitioner_name, referral.practitioner_role].filter(Boolean).join(', '),
          type: labelIn(EXPLOITATION_TYPES, referral.exploitation_type),
          category: labelIn(REFERRAL_CATEGORIES, referral.category),
          model: labelIn(EXPLOITATION_MODELS, referral.exploitation_model),
          urgency: labelIn(URGENCIES, referral.urgency),
          concerns: referral.concerns,
        }
      : null,
    contributions: contributions.map(contributionView),
    discussions: grant.items.includes('STRATEGY')
      ? discussions.map((d) => ({
          at: ukDateTime(d.held_at),
          decisions: d.decisions,
          actions: (d.actions ?? []).map((a) => ({
            description: a.description,
            owner: a.ownerName,
            due: ukDate(a.dueDate),
            done: Boolean(a.completedAt),
          })),
        }))
      : null,
    outcome: grant.items.includes('DECISION')
      ? outcome
        ? {
            at: ukDateTime(outcome.decided_at),
            contact: labelIn(CONTACT_OUTCOMES, outcome.contact_outcome),
            outcome: labelIn(SOCIAL_CARE_OUTCOMES, outcome.social_care_outcome),
            measures:
              outcome.statutory_measures.map((m) => labelIn(STATUTORY_MEASURES, m)).join(', ') || 'None',
            rationale: outcome.rationale,
          }
        : 'NOT_YET'
      : null,
    assessment: assessment
      ? {
          at: ukDateTime(assessment.assessed_at),
          by: assessment.assessed_by_label,
          level: RISK_LEVEL_LABELS[assessment.final_level] ?? assessment.final_level,
          tag: levelTag(assessment.final_level),
          score: assessment.score === null ? 'Not scored' : String(assessment.score),
          rationale: assessment.rationale,
          review: ukDate(assessment.next_review_date),
        }
      : null,
  };
}
