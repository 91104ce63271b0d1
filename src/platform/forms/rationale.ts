/** Rationales must say something: a few characters ("ok", "see notes") is not an auditable reason. */
export const MIN_RATIONALE_LENGTH = 10;

/** A change of a graded value written with its reason: from, to, why, who (user and label) and when. */
export interface RationaleChange<From = string> {
  from: From;
  to: string;
  rationale: string;
  by: string | null;
  label: string;
  at: Date;
}

export function isMeaningfulRationale(rationale: string | null | undefined): boolean {
  return typeof rationale === 'string' && rationale.trim().length >= MIN_RATIONALE_LENGTH;
}

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
