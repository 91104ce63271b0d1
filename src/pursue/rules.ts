/**
 * The disruption register's forms, pure: reading what was posted (kept as typed, to show again on an error)
 * and checking it. Errors name the field and come in the form's order.
 */
import { isCode } from '../platform/codes/code-list.ts';
import { formText } from '../platform/forms/body.ts';
import { checkDateField } from '../platform/forms/date-field.ts';
import { blankDate, type DateParts, datePartsFrom } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import {
  BREACHABLE,
  COURT_ORDERS,
  HAS_COURT_DATE,
  NAMES_A_CHILD,
  SRO_DECISIONS,
  type SroDecision,
  TACTICS,
  type Tactic,
} from './codes.ts';

export const MAX_TEXT = 4000;

export interface TacticForm {
  tactic: string;
  startedOn: DateParts;
  child: string;
  courtDate: DateParts;
  expiresOn: DateParts;
  reviewOn: DateParts;
  sentenceYears: string;
  sentenceMonths: string;
  conditions: string;
}

export interface TacticInput {
  tactic: Tactic;
  startedOn: string;
  childPersonId: string | null;
  courtDate: string | null;
  expiresOn: string | null;
  reviewOn: string | null;
  sentenceMonths: number | null;
  conditions: string | null;
}

export type Checked<T> = { input: T; errors: [] } | { input: null; errors: FieldError[] };

export function blankTacticForm(): TacticForm {
  return {
    tactic: '',
    startedOn: blankDate(),
    child: '',
    courtDate: blankDate(),
    expiresOn: blankDate(),
    reviewOn: blankDate(),
    sentenceYears: '',
    sentenceMonths: '',
    conditions: '',
  };
}

export function tacticFormFrom(body: unknown): TacticForm {
  return {
    tactic: formText(body, 'tactic', 40).trim(),
    startedOn: datePartsFrom(body, 'startedOn'),
    child: formText(body, 'child', 40).trim(),
    courtDate: datePartsFrom(body, 'courtDate'),
    expiresOn: datePartsFrom(body, 'expiresOn'),
    reviewOn: datePartsFrom(body, 'reviewOn'),
    sentenceYears: formText(body, 'sentenceYears', 10).trim(),
    sentenceMonths: formText(body, 'sentenceMonths', 10).trim(),
    conditions: formText(body, 'conditions', MAX_TEXT + 1).trim(),
  };
}

const today = (now: Date) => formatLocalDate(toLocalDate(now));

function wholeNumber(text: string, max: number): number | null {
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/** The sentence in months, or null; errors pushed for what is not a sentence or not a conviction's. */
function sentenceOf(form: TacticForm, tactic: Tactic | undefined, errors: FieldError[]): number | null {
  if (!form.sentenceYears && !form.sentenceMonths) return null;
  if (tactic && tactic !== 'CONVICTION') {
    errors.push({ field: 'sentenceYears', message: 'A sentence is recorded only with a conviction' });
    return null;
  }
  const years = form.sentenceYears ? wholeNumber(form.sentenceYears, 99) : 0;
  const months = form.sentenceMonths ? wholeNumber(form.sentenceMonths, 11) : 0;
  if (years === null)
    errors.push({
      field: 'sentenceYears',
      message: 'Years of the sentence must be a whole number from 0 to 99',
    });
  if (months === null)
    errors.push({
      field: 'sentenceMonths',
      message: 'Months of the sentence must be a whole number from 0 to 11',
    });
  return years === null || months === null ? null : years * 12 + months;
}

/**
 * A tactic against a person. `children` are the children linked to them that the recorder may name (the
 * form offers only these). Dates: the start today or before; an expiry or review on or after the start.
 */
export function validateTactic(
  form: TacticForm,
  children: readonly string[],
  now: Date,
): Checked<TacticInput> {
  const errors: FieldError[] = [];
  const tactic = isCode(TACTICS, form.tactic) ? form.tactic : undefined;
  if (!tactic) errors.push({ field: 'tactic', message: 'Select the tactic' });
  const startedOn = checkDateField(
    form.startedOn,
    { field: 'startedOn', label: 'The date it was issued or happened', required: true, notAfter: today(now) },
    errors,
  );
  let child: string | null = form.child || null;
  if (child && !children.includes(child)) {
    errors.push({ field: 'child', message: 'Select a child linked to this person' });
    child = null;
  } else if (!child && tactic && NAMES_A_CHILD.has(tactic))
    errors.push({ field: 'child', message: 'Select the child the notice protects' });
  const orderMustHaveCourt = tactic !== undefined && COURT_ORDERS.has(tactic);
  const courtDate = checkDateField(
    form.courtDate,
    { field: 'courtDate', label: 'The court date', required: orderMustHaveCourt },
    errors,
  );
  if (courtDate && tactic && !HAS_COURT_DATE.has(tactic))
    errors.push({
      field: 'courtDate',
      message: 'A court date is recorded only for an order, a charge or a conviction',
    });
  const after = (parts: DateParts, field: string, label: string) => {
    const iso = checkDateField(parts, { field, label, required: false }, errors);
    if (iso && startedOn && iso < startedOn)
      errors.push({ field, message: `${label} must be on or after the date it was issued` });
    return iso;
  };
  const expiresOn = after(form.expiresOn, 'expiresOn', 'The expiry date');
  const reviewOn = after(form.reviewOn, 'reviewOn', 'The review date');
  const sentenceMonths = sentenceOf(form, tactic, errors);
  if (form.conditions.length > MAX_TEXT)
    errors.push({
      field: 'conditions',
      message: `Conditions must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
    });
  if (errors.length || !tactic || !startedOn) return { input: null, errors };
  return {
    input: {
      tactic,
      startedOn,
      childPersonId: child,
      courtDate,
      expiresOn,
      reviewOn,
      sentenceMonths,
      conditions: form.conditions || null,
    },
    errors: [],
  };
}

export interface BreachForm {
  breachedOn: DateParts;
  details: string;
}

export interface BreachInput {
  breachedOn: string;
  details: string;
}

export function blankBreachForm(): BreachForm {
  return { breachedOn: blankDate(), details: '' };
}

export function breachFormFrom(body: unknown): BreachForm {
  return {
    breachedOn: datePartsFrom(body, 'breachedOn'),
    details: formText(body, 'details', MAX_TEXT + 1).trim(),
  };
}

/** A breach of a notice or order that began on `startedOn`: on or after it, and not in the future. */
export function validateBreach(
  form: BreachForm,
  tactic: { type: string; startedOn: string },
  now: Date,
): Checked<BreachInput> {
  const errors: FieldError[] = [];
  if (!BREACHABLE.has(tactic.type as Tactic))
    errors.push({ field: 'breachedOn', message: 'Only a notice or an order can be breached' });
  const breachedOn = checkDateField(
    form.breachedOn,
    { field: 'breachedOn', label: 'The date of the breach', required: true, notAfter: today(now) },
    errors,
  );
  if (breachedOn && breachedOn < tactic.startedOn)
    errors.push({
      field: 'breachedOn',
      message: 'The date of the breach must be on or after the date it was issued',
    });
  if (!form.details) errors.push({ field: 'details', message: 'Enter what happened' });
  else if (form.details.length > MAX_TEXT)
    errors.push({
      field: 'details',
      message: `What happened must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
    });
  if (errors.length || !breachedOn) return { input: null, errors };
  return { input: { breachedOn, details: form.details }, errors: [] };
}

export interface SroDecisionForm {
  decision: string;
  reason: string;
}

export function sroDecisionFormFrom(body: unknown): SroDecisionForm {
  return {
    decision: formText(body, 'decision', 40).trim(),
    reason: formText(body, 'reason', MAX_TEXT + 1).trim(),
  };
}

/** The decision on a Sexual Risk Order after a breached notice: "not needed" says why. */
export function validateSroDecision(
  form: SroDecisionForm,
): Checked<{ decision: SroDecision; reason: string | null }> {
  const errors: FieldError[] = [];
  const decision = isCode(SRO_DECISIONS, form.decision) ? form.decision : undefined;
  if (!decision)
    errors.push({ field: 'decision', message: 'Select whether to apply for a Sexual Risk Order' });
  if (decision === 'NOT_NEEDED' && !form.reason)
    errors.push({ field: 'reason', message: 'Enter why an order is not needed now' });
  if (form.reason.length > MAX_TEXT)
    errors.push({
      field: 'reason',
      message: `The reason must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
    });
  if (errors.length || !decision) return { input: null, errors };
  return { input: { decision, reason: form.reason || null }, errors: [] };
}
