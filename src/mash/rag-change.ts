/**
 * Setting and changing a referral's RAG. Every change, including the first rating at triage, records who,
 * when and why: the rating drives how fast a child is seen, so an unexplained change cannot be audited.
 * The deadline after a change is always counted from MASH receipt (the clock never restarts).
 */
import { isMeaningfulRationale, isValidDate, MIN_RATIONALE_LENGTH } from '../platform/forms/rationale.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { DEFAULT_RAG_CONFIG, isRag, type Rag, type RagConfig, slaDeadline } from './rag.ts';

export interface RagChange {
  /** Null for the first rating at triage. */
  from: Rag | null;
  to: Rag;
  changedBy: string;
  changedAt: Date;
  rationale: string;
}

export interface RagHistory {
  receivedAt: Date;
  /** Oldest first. */
  changes: readonly RagChange[];
}

export function currentRag(history: RagHistory): Rag | null {
  return history.changes.at(-1)?.to ?? null;
}

export function validateRagChange(history: RagHistory, change: RagChange, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const current = currentRag(history);
  if (!isRag(change.to)) {
    errors.push({ field: 'to', code: 'INVALID_RAG', message: 'Choose Red, Amber, Green or Blue' });
  } else if (change.to === current) {
    errors.push({ field: 'to', code: 'UNCHANGED', message: `The referral is already ${current}` });
  }
  if (change.from !== current) {
    // Someone else changed it since this person loaded the page: they must see the new rating first.
    errors.push({
      field: 'from',
      code: 'STALE',
      message: `The rating has changed to ${current ?? 'none'} since you opened the referral`,
    });
  }
  if (!isMeaningfulRationale(change.rationale)) {
    errors.push({
      field: 'rationale',
      code: 'RATIONALE_REQUIRED',
      message: `Give the reason for the rating in at least ${MIN_RATIONALE_LENGTH} characters`,
    });
  }
  if (typeof change.changedBy !== 'string' || change.changedBy.trim() === '') {
    errors.push({ field: 'changedBy', code: 'REQUIRED', message: 'Record who set the rating' });
  }
  errors.push(...validateChangeTime(history, change, now));
  return errors;
}

function validateChangeTime(history: RagHistory, change: RagChange, now: Date): FieldError[] {
  if (!isValidDate(change.changedAt)) {
    return [{ field: 'changedAt', code: 'REQUIRED', message: 'Record when the rating was set' }];
  }
  const at = change.changedAt.getTime();
  const lastChangeAt = history.changes.at(-1)?.changedAt.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at < history.receivedAt.getTime()) {
    return [
      {
        field: 'changedAt',
        code: 'BEFORE_RECEIPT',
        message: 'A rating cannot be set before the MASH received the referral',
      },
    ];
  }
  if (at < lastChangeAt) {
    return [
      {
        field: 'changedAt',
        code: 'OUT_OF_ORDER',
        message: 'A rating change cannot be earlier than the previous one',
      },
    ];
  }
  if (at > now.getTime()) {
    return [{ field: 'changedAt', code: 'IN_FUTURE', message: 'A rating change cannot be in the future' }];
  }
  return [];
}

export type RagChangeResult =
  | { ok: true; rag: Rag; deadline: Date | null; history: RagHistory }
  | { ok: false; errors: FieldError[] };

/** Validates and applies a change, answering the new rating and its deadline counted from receipt. */
export function applyRagChange(
  history: RagHistory,
  change: RagChange,
  now: Date,
  config: RagConfig = DEFAULT_RAG_CONFIG,
): RagChangeResult {
  const errors = validateRagChange(history, change, now);
  if (errors.length > 0) return { ok: false, errors };
  const recorded: RagChange = {
    ...change,
    rationale: change.rationale.trim(),
    changedBy: change.changedBy.trim(),
  };
  return {
    ok: true,
    rag: change.to,
    deadline: slaDeadline(history.receivedAt, change.to, config),
    history: { receivedAt: history.receivedAt, changes: [...history.changes, recorded] },
  };
}
