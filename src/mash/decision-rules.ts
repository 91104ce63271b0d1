/**
 * Validation of what the MASH records: contributions, sharing decisions, strategy discussions and the
 * decision. Pure; each problem names its field.
 */

import { isIsoDate } from '../people/rules.ts';
import { isCode } from '../platform/codes/code-list.ts';
import { CIN_ASSESSMENT_FACTORS } from '../platform/codes/referral.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/ids.ts';
import {
  CONTACT_OUTCOMES,
  HANDLING_CODES,
  LEGAL_BASES,
  REFERRAL_OUTCOMES,
  SHARING_CHANNELS,
  SOCIAL_CARE_OUTCOME_ORDER,
  STATUTORY_MEASURES,
} from './codes.ts';

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

function required(
  errors: FieldError[],
  value: string | null | undefined,
  field: string,
  message: string,
  max = 10_000,
) {
  const t = text(value);
  if (!t) errors.push({ field, message });
  else if (t.length > max) errors.push({ field, message: `Must be ${max} characters or fewer` });
}

export interface ContributionInput {
  summary: string;
  relevantHistory?: string | null;
  riskInformation?: string | null;
  releasable: boolean;
  handlingCode?: string | null;
}

export function validateContribution(input: ContributionInput, agencyType: string): FieldError[] {
  const errors: FieldError[] = [];
  required(
    errors,
    input.summary,
    'summary',
    'Summarise what your agency knows, or say that it holds nothing',
  );
  if (text(input.relevantHistory).length > 10_000)
    errors.push({ field: 'relevantHistory', message: 'Must be 10,000 characters or fewer' });
  if (text(input.riskInformation).length > 10_000)
    errors.push({ field: 'riskInformation', message: 'Must be 10,000 characters or fewer' });
  if (typeof input.releasable !== 'boolean') {
    errors.push({ field: 'releasable', message: 'Say whether this may be released outside the MASH' });
  }
  const code = text(input.handlingCode);
  if (agencyType === 'POLICE' && !code)
    errors.push({ field: 'handlingCode', message: 'Select the handling code of this police intelligence' });
  if (code && !isCode(HANDLING_CODES, code))
    errors.push({ field: 'handlingCode', message: 'Select a handling code from the list' });
  return errors;
}

/** A recipient chosen from the lists: an agency, a team or a user, by id (never free text). */
export interface SharingRecipientRef {
  kind: string;
  id: string;
}

/** The episode-wide items, and the latest CSE risk assessment, a decision to share may tick. */
export const SHARED_ITEMS = ['REFERRAL', 'STRATEGY', 'DECISION', 'RISK_ASSESSMENT'] as const;
export const DEFAULT_GRANT_DAYS = 90;
export const MAX_GRANT_DAYS = 365;

export interface SharingDecisionInput {
  decision: string;
  decidedAt: string;
  purpose: string;
  information: string;
  recipients: SharingRecipientRef[];
  /** Ticked items (SHARED_ITEMS); contributions by id. Read only for a decision to share. */
  items?: string[] | null;
  contributionIds?: string[] | null;
  /** How long the recipients may see the items, in days (default 90). */
  periodDays?: number | null;
  channel?: string | null;
  legalBasis: string;
  legalBasisOther?: string | null;
  consentSought: boolean;
  consentNotSoughtReason?: string | null;
  necessityProportionality: string;
}

/** The recipients, items and period of a decision to share: each problem names its field. */
function validateGrant(input: SharingDecisionInput, errors: FieldError[]): void {
  const recipients = input.recipients ?? [];
  if (recipients.some((r) => !['AGENCY', 'TEAM', 'USER'].includes(r?.kind) || !isUuid(r?.id)))
    errors.push({ field: 'recipients', message: 'Choose each recipient from the lists' });
  else if (input.decision === 'SHARE' && recipients.length === 0)
    errors.push({ field: 'recipients', message: 'Choose who the information is shared with' });
  if (input.decision !== 'SHARE') return;
  const items = input.items ?? [];
  const contributions = input.contributionIds ?? [];
  if (items.some((i) => !(SHARED_ITEMS as readonly string[]).includes(i)))
    errors.push({ field: 'items', message: 'Choose the items shared from the list' });
  else if (contributions.some((c) => !isUuid(c)))
    errors.push({ field: 'items', message: 'Choose the contributions shared from the list' });
  else if (items.length === 0 && contributions.length === 0)
    errors.push({ field: 'items', message: 'Choose at least one item to share' });
  const days = input.periodDays ?? DEFAULT_GRANT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_GRANT_DAYS)
    errors.push({
      field: 'periodDays',
      message: `Enter the period as a whole number of days from 1 to ${MAX_GRANT_DAYS}`,
    });
}

export function validateSharingDecision(input: SharingDecisionInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (input.decision !== 'SHARE' && input.decision !== 'NOT_SHARE') {
    errors.push({ field: 'decision', message: 'Select whether the decision was to share or not to share' });
  }
  const at = new Date(input.decidedAt);
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ field: 'decidedAt', message: 'Enter when the decision was made (not in the future)' });
  }
  required(errors, input.purpose, 'purpose', 'Give the purpose of sharing', 2000);
  required(
    errors,
    input.information,
    'information',
    'Say what information was (or would have been) shared',
    5000,
  );
  if (input.decision === 'SHARE' && !isCode(SHARING_CHANNELS, text(input.channel)))
    errors.push({ field: 'channel', message: 'Select how it was shared' });
  if ((input.recipients ?? []).length > 20)
    errors.push({ field: 'recipients', message: 'Choose up to 20 recipients' });
  else validateGrant(input, errors);
  if (!isCode(LEGAL_BASES, input.legalBasis))
    errors.push({ field: 'legalBasis', message: 'Select the legal basis' });
  if (input.legalBasis === 'OTHER' && !text(input.legalBasisOther)) {
    errors.push({ field: 'legalBasisOther', message: 'Give the legal basis' });
  }
  if (typeof input.consentSought !== 'boolean')
    errors.push({ field: 'consentSought', message: 'Say whether consent was sought' });
  if (input.consentSought === false && !text(input.consentNotSoughtReason)) {
    errors.push({
      field: 'consentNotSoughtReason',
      message: 'Explain why consent was not sought (for example, it would place the child at greater risk)',
    });
  }
  required(
    errors,
    input.necessityProportionality,
    'necessityProportionality',
    'Explain why sharing (or not) is necessary and proportionate',
    5000,
  );
  return errors;
}

export interface StrategyDiscussionInput {
  heldAt: string;
  attendees: Array<{ agencyId?: string | null; name: string; role?: string | null }>;
  decisions: string;
  actions: Array<{ description: string; ownerAgencyId?: string | null; ownerName: string; dueDate: string }>;
  /** Whether the discussion decided on a section 47 enquiry (null or absent: not recorded). */
  section47?: boolean | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateStrategyDiscussion(input: StrategyDiscussionInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const at = new Date(input.heldAt);
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ field: 'heldAt', message: 'Enter when the discussion was held (not in the future)' });
  }
  const attendees = input.attendees ?? [];
  if (attendees.filter((a) => text(a.name)).length < 2) {
    errors.push({ field: 'attendees', message: 'Name at least two attendees and their agencies' });
  }
  required(errors, input.decisions, 'decisions', 'Record the decisions made');
  (input.actions ?? []).forEach((action, i) => {
    required(errors, action.description, `actions[${i}].description`, 'Describe the action', 2000);
    required(errors, action.ownerName, `actions[${i}].ownerName`, 'Name who owns the action', 200);
    if (!ISO_DATE.test(action.dueDate ?? '') || !isIsoDate(action.dueDate)) {
      errors.push({ field: `actions[${i}].dueDate`, message: 'Enter the due date as a real date' });
    }
  });
  return errors;
}

export interface DecisionInput {
  contactOutcome: string;
  referralOutcome?: string | null;
  statutoryMeasures: string[];
  cinFactors: string[];
  nfaReason?: string | null;
  rationale: string;
  feedbackToReferrer: string;
}

export function validateDecision(input: DecisionInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCode(CONTACT_OUTCOMES, input.contactOutcome))
    errors.push({ field: 'contactOutcome', message: 'Select the contact outcome' });
  if (input.contactOutcome === 'REFERRAL_TO_CSC' && !isCode(REFERRAL_OUTCOMES, text(input.referralOutcome))) {
    errors.push({
      field: 'referralOutcome',
      message: 'Select the outcome of the referral to children’s social care',
    });
  }
  if (text(input.referralOutcome) && !isCode(REFERRAL_OUTCOMES, text(input.referralOutcome))) {
    errors.push({ field: 'referralOutcome', message: 'Select a referral outcome from the list' });
  }
  const measures = input.statutoryMeasures ?? [];
  if (measures.some((m) => !isCode(STATUTORY_MEASURES, m)))
    errors.push({ field: 'statutoryMeasures', message: 'Select statutory measures from the list' });
  const factors = input.cinFactors ?? [];
  if (factors.some((f) => !isCode(CIN_ASSESSMENT_FACTORS, f)))
    errors.push({ field: 'cinFactors', message: 'Select assessment factors from the list' });
  const nfa = input.contactOutcome === 'NO_FURTHER_ACTION' || input.referralOutcome === 'NO_FURTHER_ACTION';
  if (nfa && !text(input.nfaReason))
    errors.push({ field: 'nfaReason', message: 'Give the reason for no further action' });
  required(errors, input.rationale, 'rationale', 'Record the reasons for the decision');
  required(
    errors,
    input.feedbackToReferrer,
    'feedbackToReferrer',
    'Write the feedback the referrer will see',
    5000,
  );
  return errors;
}

/** The figure the partnership counts: the most serious statutory measure, or none required. */
export function socialCareOutcomeOf(measures: readonly string[]): string {
  return SOCIAL_CARE_OUTCOME_ORDER.find((m) => measures.includes(m)) ?? 'NO_OUTCOME_REQUIRED';
}
