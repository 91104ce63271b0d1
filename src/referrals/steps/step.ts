/**
 * One page ("step") of the victim referral draft: how it reads its fields from a posted body, updates and
 * validates the draft, and builds its template's own variables. The step router (../step-router.ts) does
 * everything the steps share: loading the draft, auditing, rendering, saving and redirecting.
 */
import type { Principal } from '../../platform/access/principal.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { errorsForPage } from '../../platform/forms/items.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { PageName, VictimDraft } from '../form.ts';
import type { SearchResultLike } from '../view-models.ts';

/** Up to this many suspects and as many associates; up to this many places. */
export const MAX_PEOPLE = 20;
export const MAX_PLACES = 20;

export type PageErrors = ReturnType<typeof errorsForPage>;

/** A registry search from the child step: the terms typed and, when they were valid, what was found. */
export interface ChildSearch {
  terms: Record<string, string>;
  /** The date of birth as typed in the day, month and year boxes, kept on every answer. */
  dobParts?: { day: string; month: string; year: string };
  results: SearchResultLike[] | null;
}

/** What a step's page shows besides the saved answers. */
export interface StepState {
  errors?: PageErrors;
  /** Values as typed on this page (shown back after an error) instead of the saved answers. */
  values?: Record<string, unknown>;
  search?: ChildSearch;
  status?: number;
  /** The draft shown (for steps whose forms post to routes of their own). */
  draftId?: string;
}

export interface StepContext {
  tx: Tx;
  principal: Principal;
  now: Date;
}

/** The outcome of posting a step: the values to show back, the errors, and whether to stay on the step. */
export interface StepResult {
  values: Record<string, unknown>;
  errors: FieldError[];
  /** "Add another" steps come back to themselves after adding or removing one. */
  stay?: boolean;
}

export interface DraftStep {
  name: PageName;
  title: string;
  /**
   * Reads the step's fields from the posted body into `data` (the caller's copy of the draft) and
   * validates the step with the rules the service applies to the whole referral.
   */
  apply(body: unknown, data: VictimDraft, context: StepContext): Promise<StepResult> | StepResult;
  /** The variables of the step's template other than those every step has. */
  view(
    data: VictimDraft,
    state: StepState,
    context: Omit<StepContext, 'now'>,
  ): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The step's input name for a field named by the rules (`child.address.postcode` → `postcode`). */
  formField?(field: string): string;
}

/** The step's errors with the step's own input names, each linking to its input. */
export function stepErrors(step: DraftStep, errors: FieldError[]): PageErrors {
  const renamed = errors.map((e) => ({
    field: step.formField ? step.formField(e.field) : e.field,
    message: e.message,
  }));
  return errorsForPage(renamed, { dob: 'dob-day', received: 'received-day' });
}
