/**
 * The episode page as a plain view: the episode and its clock, RAG history, research and contributions,
 * sharing decisions, strategy discussions and the decision, with labels for codes, UK dates and names, and
 * each form's values and choices (kept as typed when a form comes back with errors). Pure: everything it
 * shows is passed in, `now` included.
 */
import type { EpisodeAction } from '../platform/access/policy-mash.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import {
  AGENCY_TYPES,
  CIN_ASSESSMENT_FACTORS,
  SOCIAL_CARE_OUTCOMES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { workingMinutesBetween } from '../platform/time/working-time.ts';
import { levelTag } from '../risk/codes.ts';
import type { AgencyRow } from './agency-store.ts';
import {
  CONTACT_OUTCOMES,
  HANDLING_CODES,
  LEGAL_BASES,
  REFERRAL_OUTCOMES,
  SHARING_CHANNELS,
  STATUTORY_MEASURES,
} from './codes.ts';
import { blankSharing, blankStrategy, type EpisodeForm, episodeErrors, type StrategyValues } from './form.ts';
import { confirmHubPath, transferPath } from './paths.ts';
import { decisionDeadline, RAG_RATINGS } from './rag.ts';
import type { HubMemberRow, ProposalRow } from './roles-store.ts';
import { rolesView } from './roles-view.ts';
import type { viewEpisode } from './service.ts';
import { contributionView, grantsView, type RecipientChoices, sharingFormLists } from './sharing-view.ts';
import {
  childName,
  durationText,
  items,
  labelIn,
  RAG_LABELS,
  ragTag,
  timeLeftText,
  todayIso,
} from './view-models.ts';

/** A form's state when it comes back with errors: which form, what was typed, what is wrong. */
export interface FormState {
  form: EpisodeForm;
  values: unknown;
  errors: FieldError[];
  status: number;
}

export type EpisodeData = Awaited<ReturnType<typeof viewEpisode>>;

export interface EpisodePageInput {
  view: EpisodeData;
  agencies: readonly AgencyRow[];
  /** The agencies that can be asked for research (a MASH researcher or a research contact), by type. */
  researchAgencies: readonly AgencyRow[];
  /** The principal's own agency, when it is one of the partnership's. */
  own: AgencyRow | null;
  hub: boolean;
  can: Record<EpisodeAction, boolean> & { assess: boolean };
  state: FormState | null;
  notice: string | null;
  now: Date;
  /** Proposals of the decision, and the hub's people to allocate to (for a manager). */
  roles?: { proposals: readonly ProposalRow[]; members: readonly HubMemberRow[]; userId: string | null };
  /** The sharing form's recipient lists (only loaded for someone who may record a sharing decision). */
  recipients?: RecipientChoices | null;
}

/** Each form's values: what was typed when it came back with errors, else blank. */
function formValues(state: FormState | null, now: Date) {
  const v = <T>(form: EpisodeForm, blank: T): T => (state?.form === form ? (state.values as T) : blank);
  return {
    rag: v('rag', { rag: '', rationale: '' }),
    research: v('research', { agencyIds: [] as string[] }),
    contribution: v('contribution', {
      summary: '',
      relevantHistory: '',
      riskInformation: '',
      releasable: '',
      handlingCode: '',
    }),
    sharing: v('sharing', blankSharing(now)),
    strategy: v('strategy', blankStrategy(now)),
    decision: v('decision', {
      contactOutcome: '',
      referralOutcome: '',
      statutoryMeasures: [] as string[],
      cinFactors: [] as string[],
      nfaReason: '',
      rationale: '',
      feedbackToReferrer: '',
    }),
  };
}

/** The decision as it reads: labels for its codes, and how much working time it took. */
function decisionView(view: EpisodeData) {
  const d = view.decision;
  if (!d) return null;
  const decidedAt = d.decided_at ?? null;
  return {
    by: d.decided_by_name ?? d.decided_by_label,
    proposedBy: d.proposed_by_label ?? null,
    at: ukDateTime(decidedAt),
    contact: labelIn(CONTACT_OUTCOMES, d.contact_outcome),
    referral: labelIn(REFERRAL_OUTCOMES, d.referral_outcome),
    outcome: labelIn(SOCIAL_CARE_OUTCOMES, d.social_care_outcome),
    measures: (d.statutory_measures ?? []).map((m) => labelIn(STATUTORY_MEASURES, m)),
    factors: (d.cin_factors ?? []).map((f) => `${f} ${labelIn(CIN_ASSESSMENT_FACTORS, f)}`),
    nfaReason: d.nfa_reason,
    rationale: d.rationale,
    feedback: d.feedback_to_referrer,
    withinStandard: d.within_standard,
    took: decidedAt
      ? `${durationText(workingMinutesBetween(view.episode.received_at, decidedAt))} of working time`
      : '',
  };
}

/** Everything the page shows of the episode's records (not its forms). */
function recordsView(view: EpisodeData, agencies: readonly AgencyRow[], now: Date) {
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const today = todayIso(now);
  return {
    ragChanges: view.ragChanges.map((c) => ({
      from: c.from_rag ? RAG_LABELS[c.from_rag] : 'Not triaged',
      to: RAG_LABELS[c.to_rag] ?? c.to_rag,
      by: c.changed_by_label,
      at: ukDateTime(c.changed_at),
      rationale: c.rationale,
    })),
    research: view.research.map((r) => ({
      agency: r.agency_name,
      requested: ukDateTime(r.requested_at),
      due: r.due_at ? ukDateTime(r.due_at) : 'No due time',
      overdue: r.status === 'REQUESTED' && r.due_at !== null && r.due_at.getTime() < now.getTime(),
      contributed: r.status === 'CONTRIBUTED',
    })),
    contributions: view.contributions.map((c) => ({
      id: c.id,
      ...contributionView(c),
      releasable: c.releasable,
      handlingCode: c.handling_code,
      handlingLabel: c.handling_code ? labelIn(HANDLING_CODES, c.handling_code) : null,
    })),
    sharing: view.sharing.map((s) => ({
      share: s.decision === 'SHARE',
      by: s.decided_by_label,
      agency: s.agency_name,
      at: ukDateTime(s.decided_at),
      purpose: s.purpose,
      information: s.information,
      // Chosen from the lists since decision 0017 (a label); free text before it (name, agency).
      recipients: (s.recipients ?? [])
        .map((r) => r.label ?? [r.name, r.agency].filter(Boolean).join(', '))
        .join('; '),
      channel: labelIn(SHARING_CHANNELS, s.channel),
      legalBasis:
        s.legal_basis === 'OTHER'
          ? `Other: ${s.legal_basis_other ?? ''}`
          : labelIn(LEGAL_BASES, s.legal_basis),
      consent: s.consent_sought ? 'Sought' : `Not sought: ${s.consent_not_sought_reason ?? ''}`,
      necessity: s.necessity_proportionality,
    })),
    discussions: view.discussions.map((x) => ({
      at: ukDateTime(x.held_at),
      by: x.recorded_by_label,
      decisions: x.decisions,
      section47: x.section_47 === null ? 'Not recorded' : x.section_47 ? 'Yes' : 'No',
      attendees: (x.attendees ?? []).map((a) => ({
        name: a.name ?? '',
        role: a.role ?? '',
        agency: a.agencyId ? (agencyName.get(a.agencyId) ?? '') : '',
      })),
      actions: (x.actions ?? []).map((a) => ({
        id: a.id,
        description: a.description,
        owner: a.ownerName,
        due: ukDate(a.dueDate),
        done: Boolean(a.completedAt),
        doneAt: a.completedAt ? ukDateTime(a.completedAt) : '',
        overdue: !a.completedAt && a.dueDate < today,
      })),
    })),
    decision: decisionView(view),
  };
}

/** The episode page's view. */
export function episodePageView(input: EpisodePageInput) {
  const { view, agencies, own, hub, can, state, now } = input;
  const e = view.episode;
  const open = !e.closed_at;
  const errors = state
    ? episodeErrors(
        state.form,
        state.errors,
        state.form === 'strategy' ? (state.values as StrategyValues) : undefined,
      )
    : null;
  const values = formValues(state, now);
  // The rating the person sees now is the one their change is from, even after a refused change.
  const rag = { ...values.rag, expectedCurrent: e.rag ?? '' };
  const { research, contribution, sharing, strategy, decision } = values;
  const requested = new Set(view.research.map((r) => r.agency_id));
  const agencyItems = (chosen: string) => [
    { value: '', text: 'Select an agency' },
    ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === chosen })),
  ];
  return {
    title: `MASH referral ${e.reference}`,
    notice: state ? null : input.notice,
    ...(errors ?? { errorList: [], formErrors: {} }),
    openForm: state?.form ?? null,
    hub,
    open,
    can,
    episode: {
      id: e.id,
      reference: e.reference,
      person_id: e.person_id,
      referral_id: e.referral_id,
      referring_agency_name: e.referring_agency_name,
      child_dob: e.child_dob ? ukDate(e.child_dob) : null,
      rag: e.rag,
      child: childName(e),
      urgency: labelIn(URGENCIES, e.urgency),
      received: ukDateTime(e.received_at),
      decisionDue: ukDateTime(e.decision_deadline),
      decisionOverdue: open && e.decision_deadline.getTime() < now.getTime(),
      tag: ragTag(e.rag),
      flag: e.cse_risk_level ? levelTag(e.cse_risk_level) : null,
      stage: e.stage.charAt(0) + e.stage.slice(1).toLowerCase(),
      // Where it is held (decision 0014): the hub, whether it must confirm it, and moving it.
      hubName: areaLabel(e.area),
      hubToConfirm: e.hub_to_confirm,
      transferHref: transferPath(e.id),
      confirmHubHref: confirmHubPath(e.id),
    },
    sla: view.sla
      ? {
          deadline: view.sla.deadline ? ukDateTime(view.sla.deadline) : 'No target',
          timeLeft: timeLeftText(view.sla, now),
          breached: view.sla.breached,
          outOfHours: view.sla.workedOutOfHours,
        }
      : null,
    ...recordsView(view, agencies, now),
    ...rolesView(input),
    grants: grantsView(view.grants, now, can.share),
    ownAsked: own ? requested.has(own.id) : false,
    ownAgency: own,
    standardDeadline: ukDateTime(decisionDeadline(e.received_at)),
    forms: {
      rag: {
        ...rag,
        items: RAG_RATINGS.map((r) => ({ value: r, text: RAG_LABELS[r], checked: r === rag.rag })),
      },
      research: {
        // Only agencies that can research are offered; each says its type (and whether it was asked).
        items: input.researchAgencies.map((a) => ({
          value: a.id,
          text: a.name,
          hint: {
            text: [labelIn(AGENCY_TYPES, a.type), requested.has(a.id) ? 'Already asked' : null]
              .filter(Boolean)
              .join(' · '),
          },
          checked: research.agencyIds.includes(a.id),
        })),
      },
      contribution: {
        ...contribution,
        police: own?.type === 'POLICE',
        releasableItems: [
          {
            value: 'yes',
            text: 'Yes, it may be released outside the MASH',
            checked: contribution.releasable === 'yes',
          },
          { value: 'no', text: 'No, only within the MASH', checked: contribution.releasable === 'no' },
        ],
        handlingItems: [
          { value: '', text: 'Select a handling code' },
          ...HANDLING_CODES.map((h) => ({
            value: h.code,
            text: h.label,
            selected: h.code === contribution.handlingCode,
          })),
        ],
      },
      sharing: {
        ...sharing,
        decisionItems: [
          { value: 'SHARE', text: 'Share', checked: sharing.decision === 'SHARE' },
          { value: 'NOT_SHARE', text: 'Not share', checked: sharing.decision === 'NOT_SHARE' },
        ],
        channelItems: [
          { value: '', text: 'Select a channel' },
          ...items(SHARING_CHANNELS, sharing.channel, 'selected'),
        ],
        legalItems: items(LEGAL_BASES, sharing.legalBasis, 'checked'),
        consentSought: sharing.consentSought,
        ...sharingFormLists(
          sharing,
          input.recipients ?? null,
          view.contributions.map((c) => ({
            id: c.id,
            agency: c.agency_name,
            at: ukDateTime(c.contributed_at),
            releasable: c.releasable,
          })),
        ),
      },
      strategy: {
        ...strategy,
        attendees: strategy.attendees.map((a) => ({ ...a, agencyItems: agencyItems(a.agencyId) })),
        actions: strategy.actions.map((a) => ({ ...a, agencyItems: agencyItems(a.ownerAgencyId) })),
      },
      decision: {
        ...decision,
        contactItems: items(CONTACT_OUTCOMES, decision.contactOutcome, 'checked'),
        referralItems: items(REFERRAL_OUTCOMES, decision.referralOutcome, 'checked'),
        measureItems: items(STATUTORY_MEASURES, decision.statutoryMeasures, 'checked'),
        factorItems: CIN_ASSESSMENT_FACTORS.map((f) => ({
          value: f.code,
          text: `${f.code}: ${f.label}`,
          checked: decision.cinFactors.includes(f.code),
        })),
      },
    },
  };
}
