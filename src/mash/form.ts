/**
 * The MASH pages' forms: reading each posted form into the service's input (the service validates), the
 * element ids each error links to (several forms share one page, so every id carries its form's prefix).
 * How the pages read (tags, the clock, dates) is in `view-models.ts`. Pure: `now` is a parameter.
 */

import { isUuid } from '../people/service.ts';
import { formList, formText } from '../platform/forms/body.ts';
import {
  type DateParts,
  datePartsFrom,
  instantFrom,
  isoFromParts,
  wallClockOf,
} from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type {
  ContributionInput,
  DecisionInput,
  SharingDecisionInput,
  StrategyDiscussionInput,
} from './decision-rules.ts';
import { DEFAULT_GRANT_DAYS } from './decision-rules.ts';

export { formList, formText };

export const RECIPIENT_ROWS = 3;
export const ATTENDEE_ROWS = 5;
export const ACTION_ROWS = 3;

export type EpisodeForm =
  | 'rag'
  | 'research'
  | 'contribution'
  | 'sharing'
  | 'strategy'
  | 'decision'
  | 'review'
  | 'allocation'
  | 'icpc';

type YesNo = '' | 'yes' | 'no';

function yesNo(body: unknown, name: string): YesNo {
  const v = formText(body, name, 5);
  return v === 'yes' || v === 'no' ? v : '';
}

/** A yes/no answer as the service's boolean; unanswered stays undefined so the service names the field. */
function booleanOf(value: YesNo): boolean {
  return (value === 'yes' ? true : value === 'no' ? false : undefined) as unknown as boolean;
}

function text(body: unknown, name: string, max: number): string {
  return formText(body, name, max + 1).trim();
}

// ---------------------------------------------------------------- RAG

export interface RagValues {
  rag: string;
  rationale: string;
  expectedCurrent: string;
}

export function ragFrom(body: unknown): RagValues {
  return {
    rag: formText(body, 'rag', 10),
    rationale: text(body, 'rationale', 5000),
    expectedCurrent: formText(body, 'expectedCurrent', 10),
  };
}

// ---------------------------------------------------------------- research

export function researchFrom(body: unknown): { agencyIds: string[] } {
  return { agencyIds: [...new Set(formList(body, 'agencyIds', 40))] };
}

// ---------------------------------------------------------------- contributions

export interface ContributionValues {
  summary: string;
  relevantHistory: string;
  riskInformation: string;
  releasable: YesNo;
  handlingCode: string;
}

export function contributionFrom(body: unknown): { values: ContributionValues; input: ContributionInput } {
  const values: ContributionValues = {
    summary: text(body, 'summary', 10_000),
    relevantHistory: text(body, 'relevantHistory', 10_000),
    riskInformation: text(body, 'riskInformation', 10_000),
    releasable: yesNo(body, 'releasable'),
    handlingCode: formText(body, 'handlingCode', 2),
  };
  return {
    values,
    input: {
      summary: values.summary,
      relevantHistory: values.relevantHistory || null,
      riskInformation: values.riskInformation || null,
      releasable: booleanOf(values.releasable),
      handlingCode: values.handlingCode || null,
    },
  };
}

// ---------------------------------------------------------------- sharing decisions

export interface SharingValues {
  decision: string;
  decided: DateParts;
  decidedTime: string;
  purpose: string;
  information: string;
  /** Each row's choice from the recipient list, as `KIND:id` (AGENCY, TEAM or USER). */
  recipients: string[];
  items: string[];
  contributionIds: string[];
  periodDays: string;
  channel: string;
  legalBasis: string;
  legalBasisOther: string;
  consentSought: YesNo;
  consentNotSoughtReason: string;
  necessityProportionality: string;
}

export function blankSharing(now: Date): SharingValues {
  const clock = wallClockOf(now);
  return {
    decision: '',
    decided: clock.date,
    decidedTime: clock.time,
    purpose: '',
    information: '',
    recipients: Array.from({ length: RECIPIENT_ROWS }, () => ''),
    items: [],
    contributionIds: [],
    periodDays: String(DEFAULT_GRANT_DAYS),
    channel: '',
    legalBasis: '',
    legalBasisOther: '',
    consentSought: '',
    consentNotSoughtReason: '',
    necessityProportionality: '',
  };
}

export function sharingFrom(body: unknown): { values: SharingValues; input: SharingDecisionInput } {
  const values: SharingValues = {
    decision: formText(body, 'decision', 20),
    decided: datePartsFrom(body, 'decidedAt'),
    decidedTime: formText(body, 'decidedAtTime', 10).trim(),
    purpose: text(body, 'purpose', 2000),
    information: text(body, 'information', 5000),
    recipients: Array.from({ length: RECIPIENT_ROWS }, (_, i) => formText(body, `recipient-${i}`, 60)),
    items: [...new Set(formList(body, 'items', 20))],
    contributionIds: [...new Set(formList(body, 'contributionIds', 40))],
    periodDays: formText(body, 'periodDays', 10).trim(),
    channel: formText(body, 'channel', 30),
    legalBasis: formText(body, 'legalBasis', 40),
    legalBasisOther: text(body, 'legalBasisOther', 500),
    consentSought: yesNo(body, 'consentSought'),
    consentNotSoughtReason: text(body, 'consentNotSoughtReason', 2000),
    necessityProportionality: text(body, 'necessityProportionality', 5000),
  };
  return {
    values,
    input: {
      decision: values.decision,
      decidedAt: instantFrom(values.decided, values.decidedTime),
      purpose: values.purpose,
      information: values.information,
      recipients: values.recipients.filter(Boolean).map((r) => {
        const [kind = '', id = ''] = r.split(':');
        return { kind, id: id.toLowerCase() };
      }),
      items: values.items,
      contributionIds: values.contributionIds.map((c) => c.toLowerCase()),
      // Left empty, the default period; anything else not a whole number is refused by the rules.
      periodDays:
        values.periodDays === ''
          ? null
          : /^\d{1,4}$/.test(values.periodDays)
            ? Number(values.periodDays)
            : Number.NaN,
      channel: values.channel || null,
      legalBasis: values.legalBasis,
      legalBasisOther: values.legalBasisOther || null,
      consentSought: booleanOf(values.consentSought),
      consentNotSoughtReason: values.consentNotSoughtReason || null,
      necessityProportionality: values.necessityProportionality,
    },
  };
}

// ---------------------------------------------------------------- strategy discussions

export interface StrategyValues {
  held: DateParts;
  heldTime: string;
  attendees: Array<{ agencyId: string; name: string; role: string }>;
  decisions: string;
  actions: Array<{ description: string; ownerAgencyId: string; ownerName: string; due: DateParts }>;
  section47: YesNo;
}

export function blankStrategy(now: Date): StrategyValues {
  const clock = wallClockOf(now);
  return {
    held: clock.date,
    heldTime: clock.time,
    attendees: Array.from({ length: ATTENDEE_ROWS }, () => ({ agencyId: '', name: '', role: '' })),
    decisions: '',
    section47: '',
    actions: Array.from({ length: ACTION_ROWS }, () => ({
      description: '',
      ownerAgencyId: '',
      ownerName: '',
      due: { day: '', month: '', year: '' },
    })),
  };
}

export function strategyFrom(body: unknown): { values: StrategyValues; input: StrategyDiscussionInput } {
  const values: StrategyValues = {
    held: datePartsFrom(body, 'heldAt'),
    heldTime: formText(body, 'heldAtTime', 10).trim(),
    attendees: Array.from({ length: ATTENDEE_ROWS }, (_, i) => ({
      agencyId: formText(body, `attendee-${i}-agency`, 40),
      name: text(body, `attendee-${i}-name`, 200),
      role: text(body, `attendee-${i}-role`, 200),
    })),
    decisions: text(body, 'decisions', 10_000),
    section47: yesNo(body, 'section47'),
    actions: Array.from({ length: ACTION_ROWS }, (_, i) => ({
      description: text(body, `action-${i}-description`, 2000),
      ownerAgencyId: formText(body, `action-${i}-owner-agency`, 40),
      ownerName: text(body, `action-${i}-owner-name`, 200),
      due: datePartsFrom(body, `action-${i}-due`),
    })),
  };
  // An action row left empty is not an action; a row partly filled is, and its gaps are errors.
  const actions = values.actions
    .map((a, row) => ({ ...a, row }))
    .filter((a) => a.description || a.ownerName || a.due.day || a.due.month || a.due.year);
  return {
    values,
    input: {
      heldAt: instantFrom(values.held, values.heldTime),
      attendees: values.attendees
        .filter((a) => a.name || a.role)
        .map((a) => ({
          agencyId: isUuid(a.agencyId) ? a.agencyId : null,
          name: a.name,
          role: a.role || null,
        })),
      decisions: values.decisions,
      section47: values.section47 === '' ? null : values.section47 === 'yes',
      actions: actions.map((a) => ({
        description: a.description,
        ownerAgencyId: isUuid(a.ownerAgencyId) ? a.ownerAgencyId : null,
        ownerName: a.ownerName,
        dueDate: realDate(a.due),
      })),
    },
  };
}

/** 'YYYY-MM-DD' for a real calendar date, else 'invalid' (31 February must not reach the database). */
function realDate(parts: DateParts): string {
  const iso = isoFromParts(parts);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return 'invalid';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
    ? iso
    : 'invalid';
}

/** The form row of the n-th action the service saw (empty rows were left out). */
export function actionRows(values: StrategyValues): number[] {
  return values.actions
    .map((a, row) => ({ a, row }))
    .filter(({ a }) => a.description || a.ownerName || a.due.day || a.due.month || a.due.year)
    .map(({ row }) => row);
}

// ---------------------------------------------------------------- decision

export interface DecisionValues {
  contactOutcome: string;
  referralOutcome: string;
  statutoryMeasures: string[];
  cinFactors: string[];
  nfaReason: string;
  rationale: string;
  feedbackToReferrer: string;
}

export function decisionFrom(body: unknown): { values: DecisionValues; input: DecisionInput } {
  const values: DecisionValues = {
    contactOutcome: formText(body, 'contactOutcome', 40),
    referralOutcome: formText(body, 'referralOutcome', 40),
    statutoryMeasures: [...new Set(formList(body, 'statutoryMeasures', 10))],
    cinFactors: [...new Set(formList(body, 'cinFactors', 40))],
    nfaReason: text(body, 'nfaReason', 2000),
    rationale: text(body, 'rationale', 10_000),
    feedbackToReferrer: text(body, 'feedbackToReferrer', 5000),
  };
  return {
    values,
    input: {
      contactOutcome: values.contactOutcome,
      referralOutcome: values.referralOutcome || null,
      statutoryMeasures: values.statutoryMeasures,
      cinFactors: values.cinFactors,
      nfaReason: values.nfaReason || null,
      rationale: values.rationale,
      feedbackToReferrer: values.feedbackToReferrer,
    },
  };
}

// ---------------------------------------------------------------- errors on the episode page

/** The id of the element an error of a form links to: every id on the page carries its form's prefix. */
export function anchorOf(form: EpisodeForm, field: string, strategy?: StrategyValues): string {
  switch (form) {
    case 'rag':
      return field === 'rationale' ? 'rag-rationale' : 'rag-rating';
    case 'research':
      return 'research-agencies';
    case 'contribution':
      return `contribution-${['summary', 'relevantHistory', 'riskInformation', 'releasable', 'handlingCode'].includes(field) ? field : 'summary'}`;
    case 'sharing':
      if (field === 'decidedAt') return 'sharing-decidedAt-day';
      if (field === 'recipients') return 'sharing-recipient-0';
      return `sharing-${field}`;
    case 'strategy': {
      if (field === 'heldAt') return 'strategy-heldAt-day';
      if (field === 'attendees') return 'strategy-attendee-0-name';
      const action = /^actions\[(\d+)\]\.(\w+)$/.exec(field);
      if (action) {
        const row = strategy ? (actionRows(strategy)[Number(action[1])] ?? 0) : Number(action[1]);
        const part =
          action[2] === 'dueDate' ? 'due-day' : action[2] === 'ownerName' ? 'owner-name' : 'description';
        return `strategy-action-${row}-${part}`;
      }
      return `strategy-${field}`;
    }
    case 'icpc':
      return 'icpc-heldOn-day';
    default:
      return `${form}-${field}`;
  }
}

/** The manager's return of a proposed decision: the reason the practitioner reads. */
export function reviewFrom(body: unknown): {
  values: { reason: string; proposalId: string };
  input: { reason: string; proposalId: string };
} {
  const values = { reason: text(body, 'reason', 5000), proposalId: formText(body, 'proposalId', 40) };
  return { values, input: values };
}

/** The date the initial child protection conference was held, as 'YYYY-MM-DD' or 'invalid'. */
export function icpcFrom(body: unknown): { values: { heldOn: DateParts }; input: { heldOn: string } } {
  const heldOn = datePartsFrom(body, 'heldOn');
  return { values: { heldOn }, input: { heldOn: realDate(heldOn) } };
}

/** The field key an error is shown against in the form (action rows by form row, not by position). */
function fieldKeyOf(form: EpisodeForm, field: string, strategy?: StrategyValues): string {
  if (form === 'rag' && (field === 'from' || field === 'changedAt')) return 'rag';
  if (form === 'strategy' && strategy) {
    const action = /^actions\[(\d+)\]\.(\w+)$/.exec(field);
    if (action) return `action-${actionRows(strategy)[Number(action[1])] ?? 0}-${action[2]}`;
  }
  return field;
}

export function episodeErrors(form: EpisodeForm, errors: FieldError[], strategy?: StrategyValues) {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[fieldKeyOf(form, e.field, strategy)] ??= { text: e.message };
  return {
    errorList: errors.map((e) => ({
      text: e.message,
      href: `#${e.field === 'form' ? `${form}-form` : anchorOf(form, e.field, strategy)}`,
    })),
    formErrors: { [form]: fieldErrors } as Partial<Record<EpisodeForm, Record<string, { text: string }>>>,
  };
}
