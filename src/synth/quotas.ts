/**
 * The briefing's figures, as quotas for one chunk. Counts are fixed rather than drawn so that a seed's
 * figures land on the briefing's numbers instead of wandering around them; randomness decides which
 * children and referrals fill each quota.
 */

import { type Rng, weightedOrder } from './random.ts';

/** Figures for six months of a scale-1 partnership, from the briefing note. */
export const BRIEFING = {
  victimReferrals: 658,
  childrenReferredMoreThanOnce: 62,
  referralsFromRepeatChildren: 172,
  outcomes: { S47: 120, S17: 46, S20: 6, S31: 3 },
  childrenWithS20: 5,
  femaleShare: 0.98,
  whiteShare: 0.98,
  inCareReferralShare: 0.15,
  camhsReferralShare: 0.12,
  repeatMissingReferralShare: 0.16,
  missingMoreThanOnceReferralShare: 0.4,
  suspects: 300,
  suspectReferrals: 312,
  femaleSuspectShare: 0.06,
  asianPakistaniSuspectShare: 0.12,
  asianIndianSuspectShare: 0.03,
  convictions: 15,
} as const;

/** A briefing count scaled to a chunk covering `factor` six-month scale-1 partnerships. */
export function scaled(count: number, factor: number): number {
  return Math.round(count * factor);
}

/**
 * How many referrals each repeat-referred child gets: at least two each, the extra spread at random
 * (capped) so the total matches.
 */
export function repeatReferralCounts(rng: Rng, children: number, referrals: number): number[] {
  if (children === 0) return [];
  const counts = new Array<number>(children).fill(2);
  let extra = Math.max(0, referrals - 2 * children);
  const cap = 7;
  while (extra > 0) {
    const i = rng.int(0, children - 1);
    if (counts[i]! < cap || counts.every((c) => c >= cap)) {
      counts[i]!++;
      extra--;
    }
  }
  return counts;
}

/**
 * Chooses items whose referral counts add up to exactly `target` referrals (or as near as the counts
 * allow), taking likelier items first. How the briefing's "% of referrals" figures become children.
 */
export function fillReferralShare<T>(
  rng: Rng,
  items: readonly T[],
  referralsOf: (item: T) => number,
  target: number,
  weight: (item: T) => number,
): Set<T> {
  const chosen = new Set<T>();
  let total = 0;
  for (const item of weightedOrder(rng, items, weight)) {
    if (total >= target) break;
    const n = referralsOf(item);
    if (total + n <= target) {
      chosen.add(item);
      total += n;
    }
  }
  return chosen;
}

/** Exactly `count` items, likelier ones first. */
export function chooseCount<T>(
  rng: Rng,
  items: readonly T[],
  count: number,
  weight: (item: T) => number,
): T[] {
  return weightedOrder(rng, items, weight).slice(0, Math.max(0, count));
}
