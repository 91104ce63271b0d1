/**
 * The episode page's allocation, decision proposals and initial child protection conference, and the
 * sentence shown where the reader may not act (issue 13: each role sees only the actions it can take). Pure.
 */
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { CONTACT_OUTCOMES, REFERRAL_OUTCOMES, STATUTORY_MEASURES } from './codes.ts';
import type { EpisodePageInput } from './episode-view.ts';
import { CANNOT, icpcDue } from './roles-service.ts';
import type { ProposalRow } from './roles-store.ts';
import { labelIn } from './view-models.ts';

/** A proposal as it reads: who, when, the proposed outcome, and what the manager said. */
function proposalView(p: ProposalRow) {
  const d = p.input as Partial<DecisionInputLike>;
  return {
    id: p.id,
    by: p.proposed_by_label,
    at: ukDateTime(p.proposed_at),
    contact: labelIn(CONTACT_OUTCOMES, d.contactOutcome),
    referral: labelIn(REFERRAL_OUTCOMES, d.referralOutcome),
    measures: (d.statutoryMeasures ?? []).map((m) => labelIn(STATUTORY_MEASURES, m)).join(', ') || 'None',
    rationale: d.rationale ?? '',
    feedback: d.feedbackToReferrer ?? '',
    reviewer: p.reviewed_by_label,
    reviewedAt: p.reviewed_at ? ukDateTime(p.reviewed_at) : '',
    reason: p.return_reason,
  };
}

interface DecisionInputLike {
  contactOutcome: string;
  referralOutcome: string | null;
  statutoryMeasures: string[];
  rationale: string;
  feedbackToReferrer: string;
}

/** Allocation, proposals, the conference, and what the page says where the person may not act. */
export function rolesView(input: EpisodePageInput) {
  const { view, can, state } = input;
  const e = view.episode;
  const open = !e.closed_at;
  const roles = input.roles ?? { proposals: [], members: [], userId: null };
  const pending = roles.proposals.find((p) => p.status === 'PROPOSED') ?? null;
  const chosen =
    state?.form === 'allocation'
      ? String((state.values as { allocatedTo?: string }).allocatedTo ?? '')
      : (e.allocated_to ?? '');
  const due = icpcDue(view.discussions);
  return {
    allocation: {
      label: e.allocated_label,
      items: [
        { value: '', text: 'Select a practitioner' },
        ...roles.members.map((m) => ({ value: m.id, text: m.display_name, selected: m.id === chosen })),
      ],
    },
    pendingProposal: pending ? proposalView(pending) : null,
    returnedProposals: roles.proposals
      .filter((p) => p.status === 'RETURNED')
      .map((p) => ({ ...proposalView(p), yours: p.proposed_by !== null && p.proposed_by === roles.userId })),
    supersededProposals: roles.proposals
      .filter((p) => p.status === 'SUPERSEDED')
      .map((p) => ({ ...proposalView(p), yours: p.proposed_by !== null && p.proposed_by === roles.userId })),
    reviewReason: state?.form === 'review' ? String((state.values as { reason?: string }).reason ?? '') : '',
    cannot: {
      rag: open && e.rag && !can.rag ? CANNOT.rag : null,
      approve: open && pending && !can.approve ? CANNOT.approve : null,
      allocate: open && !can.allocate ? CANNOT.allocate : null,
    },
    icpc: due
      ? {
          due: ukDate(due),
          held: e.icpc_held_on ? ukDate(e.icpc_held_on) : null,
          heldOn:
            state?.form === 'icpc'
              ? (state.values as { heldOn: unknown }).heldOn
              : { day: '', month: '', year: '' },
        }
      : null,
  };
}
