/**
 * Match probability thresholds, in one place. A pair at or above `autoLink` is linked without a person
 * looking at it; a pair from `review` up to `autoLink` is put in front of a practitioner; below
 * `review` it is left alone. Falsely merging two children is the dangerous error, so auto-linking asks
 * for near certainty and the review band catches the rest (see the README for measured precision and
 * recall at these values).
 */
export const MATCH_THRESHOLDS = Object.freeze({
  /** Match probability at or above which two records are linked automatically. */
  autoLink: 0.99,
  /** Match probability at or above which (and below autoLink) a pair goes for review. */
  review: 0.5,
});

export type MatchThresholds = { autoLink: number; review: number };

/** Checks a pair of thresholds given by a caller; returns a message for the first problem, or null. */
export function thresholdProblem(thresholds: MatchThresholds): string | null {
  const { autoLink, review } = thresholds;
  if (!Number.isFinite(autoLink) || autoLink <= 0 || autoLink >= 1) {
    return `the auto-link threshold must be a probability above 0 and below 1 (got ${autoLink})`;
  }
  if (!Number.isFinite(review) || review <= 0 || review >= 1) {
    return `the review threshold must be a probability above 0 and below 1 (got ${review})`;
  }
  if (review > autoLink) {
    return `the review threshold (${review}) must not be above the auto-link threshold (${autoLink})`;
  }
  return null;
}

/**
 * The match probability thresholds an evaluation measures precision, recall and F1 at (ascending), so
 * that a user can choose a threshold for their data from the curve rather than take the default.
 */
export const EVALUATION_THRESHOLDS: readonly number[] = Object.freeze([
  0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999,
]);
