/**
 * A past MASH outcome brought in by an import of history (decision 0026): the decision as the hub recorded
 * it in its previous system, at its real time. Pure; each problem names its field.
 */
import type { FieldError } from '../platform/http/errors.ts';
import { type DecisionInput, validateDecision } from './decision-rules.ts';
import { isRag } from './rag.ts';

export interface PastOutcomeInput extends DecisionInput {
  /** When the hub decided: an ISO 8601 instant, not before receipt and not in the future. */
  decidedAt: string;
  /** The RAG the hub gave it, if the previous system kept one. */
  rag?: string | null;
}

/** Past systems seldom kept the reasons as text: what stands in for them, rather than an invented reason. */
export function notRecordedIn(system: string): string {
  return `Not recorded in ${system}`;
}

/** The outcome as it will be stored: the rationale and feedback the previous system did not keep named so. */
export function completedOutcome(input: PastOutcomeInput, system: string): PastOutcomeInput {
  return {
    ...input,
    rationale: (input.rationale ?? '').trim() || notRecordedIn(system),
    feedbackToReferrer: (input.feedbackToReferrer ?? '').trim() || notRecordedIn(system),
    statutoryMeasures: input.statutoryMeasures ?? [],
    cinFactors: input.cinFactors ?? [],
  };
}

export function validatePastOutcome(input: PastOutcomeInput, receivedAt: Date, now: Date): FieldError[] {
  // A rationale or feedback not kept is named as such (completedOutcome), not refused; lengths still count.
  const errors = validateDecision(completedOutcome(input, 'the previous system'));
  const at = new Date(input.decidedAt);
  if (!input.decidedAt || Number.isNaN(at.getTime()))
    errors.push({ field: 'decidedAt', message: 'Enter when the decision was made, as a date and time' });
  else if (at.getTime() > now.getTime() + 5 * 60_000)
    errors.push({ field: 'decidedAt', message: 'The decision time must not be in the future' });
  else if (!Number.isNaN(receivedAt.getTime()) && at.getTime() < receivedAt.getTime())
    errors.push({
      field: 'decidedAt',
      message: 'The decision time must not be before the referral was received',
    });
  if (input.rag && !isRag(input.rag))
    errors.push({ field: 'rag', message: 'The RAG rating must be RED, AMBER, GREEN or BLUE' });
  return errors;
}
