/**
 * Social care outcomes, RAG ratings, urgency and decision times for victim referrals. Outcome counts are
 * the briefing's (483 no outcome, 120 s47, 46 s17, 6 s20 for 5 children, 3 s31 for 3 children at scale 1);
 * the rating and urgency follow the outcome, as a MASH's judgement of risk and its decision go together.
 */

import { isInCare } from '../platform/codes/people.ts';
import type {
  CinAssessmentFactor,
  CseIndicator,
  RagRating,
  ReferralCategory,
  Urgency,
} from '../platform/codes/referral.ts';
import { addWorkingDays, HOUR_MS, MINUTE_MS, ukLocalToUtcMs } from './calendar.ts';
import type { ChildPlan } from './children.ts';
import { BRIEFING, chooseCount, scaled } from './quotas.ts';
import type { Rng } from './random.ts';
import { type Moment, WORKING_DAY_END_MINUTE, WORKING_DAY_START_MINUTE } from './timing.ts';
import type { VictimReferral } from './types.ts';

export type Outcome = VictimReferral['outcome'];

/** What outcome assignment needs to know about a referral. */
export interface OutcomeCandidate {
  readonly child: ChildPlan;
  readonly category: ReferralCategory;
  readonly indicators: readonly CseIndicator[];
}

export function assignOutcomes(rng: Rng, referrals: readonly OutcomeCandidate[], factor: number): Outcome[] {
  const outcomes = new Array<Outcome>(referrals.length).fill('NO_OUTCOME_REQUIRED');
  const indices = referrals.map((_, i) => i);
  const children = [...new Set(referrals.map((r) => r.child))];
  const careWeight = (c: ChildPlan): number => (isInCare(c.person.livingSituation) ? 6 : 1);
  const referralsOf = (c: ChildPlan): number[] => indices.filter((i) => referrals[i]!.child === c);

  // Care orders (s31): one referral each for distinct children.
  const s31Children = chooseCount(rng, children, scaled(BRIEFING.outcomes.S31, factor), careWeight);
  for (const c of s31Children) outcomes[rng.pick(referralsOf(c))] = 'S31';

  // Accommodation (s20): five children, six referrals — the extra ones fall on children referred again.
  const s20Referrals = scaled(BRIEFING.outcomes.S20, factor);
  const s20ChildCount = Math.min(scaled(BRIEFING.childrenWithS20, factor), s20Referrals);
  const eligible = children.filter((c) => !s31Children.includes(c));
  const twice = chooseCount(
    rng,
    eligible.filter((c) => c.referralCount > 1),
    s20Referrals - s20ChildCount,
    careWeight,
  );
  const once = chooseCount(
    rng,
    eligible.filter((c) => !twice.includes(c)),
    s20ChildCount - twice.length,
    careWeight,
  );
  for (const c of twice) for (const i of rng.shuffle(referralsOf(c)).slice(0, 2)) outcomes[i] = 'S20';
  for (const c of once) outcomes[rng.pick(referralsOf(c))] = 'S20';

  const open = (): number[] => indices.filter((i) => outcomes[i] === 'NO_OUTCOME_REQUIRED');
  const seriousness = (i: number): number => {
    const r = referrals[i]!;
    return (r.category === 'VICTIM_OF_CRIME' ? 2 : 1) * (r.indicators.includes('DISCLOSURE') ? 2 : 1);
  };
  for (const i of chooseCount(rng, open(), scaled(BRIEFING.outcomes.S47, factor), seriousness))
    outcomes[i] = 'S47';
  for (const i of chooseCount(rng, open(), scaled(BRIEFING.outcomes.S17, factor), () => 1))
    outcomes[i] = 'S17';
  return outcomes;
}

export function ragFor(rng: Rng, outcome: Outcome): RagRating {
  switch (outcome) {
    case 'S31':
    case 'S20':
    case 'S47':
      return rng.weighted<RagRating>([
        ['RED', 60],
        ['AMBER', 40],
      ]);
    case 'S17':
      return rng.weighted<RagRating>([
        ['RED', 10],
        ['AMBER', 60],
        ['GREEN', 30],
      ]);
    default:
      return rng.weighted<RagRating>([
        ['RED', 4],
        ['AMBER', 26],
        ['GREEN', 45],
        ['BLUE', 25],
      ]);
  }
}

export function urgencyFor(rng: Rng, rag: RagRating): Urgency {
  if (rag === 'RED') return rng.chance(0.6) ? 'IMMEDIATE' : 'URGENT';
  if (rag === 'AMBER') return rng.chance(0.4) ? 'URGENT' : 'ROUTINE';
  return 'ROUTINE';
}

/**
 * When the MASH decided. Red is decided within hours even out of hours; most others within one working day,
 * a few later, so that timeliness measures have something to find.
 */
export function decisionTime(rng: Rng, received: Moment, rag: RagRating): number {
  if (rag === 'RED') return received.utcMs + rng.int(45, 240) * MINUTE_MS;
  const lateness = rng.weighted([
    [0, 55],
    [1, 35],
    [2, 6],
    [3, 3],
    [5, 1],
  ]);
  const day = addWorkingDays(received.day, lateness);
  const earliest =
    day === received.day
      ? Math.max(received.minuteOfDay + 30, WORKING_DAY_START_MINUTE)
      : WORKING_DAY_START_MINUTE;
  if (earliest >= WORKING_DAY_END_MINUTE) {
    const next = addWorkingDays(day + 1, 0);
    return ukLocalToUtcMs(next, rng.int(WORKING_DAY_START_MINUTE, WORKING_DAY_END_MINUTE - 1));
  }
  const at = ukLocalToUtcMs(day, rng.int(earliest, WORKING_DAY_END_MINUTE - 1));
  return Math.max(at, received.utcMs + HOUR_MS / 2);
}

/** Children in Need factors recorded when a referral led to assessment. */
export function assessmentFactorsFor(
  rng: Rng,
  outcome: Outcome,
  child: ChildPlan,
  exploitationType: string,
  indicators: readonly CseIndicator[],
): CinAssessmentFactor[] {
  if (outcome === 'NO_OUTCOME_REQUIRED') return [];
  const factors: CinAssessmentFactor[] = [];
  if (exploitationType !== 'CCE') factors.push('11A');
  if (child.missingProfile !== 'NONE') factors.push('10A');
  if (indicators.includes('GANG_ASSOCIATION')) factors.push('13A');
  if (indicators.includes('SELF_HARM')) factors.push('15A');
  if (exploitationType === 'CCE' || exploitationType === 'BOTH') factors.push('24A');
  if (rng.chance(0.15)) factors.push('17A');
  // Codes sort in census order as plain strings.
  return factors.sort();
}
