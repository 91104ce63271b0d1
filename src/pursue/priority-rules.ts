/**
 * Who poses the greatest risk (issue 17 item 4), pure: a recency–frequency–gravity score from what the
 * partnership has recorded about a person, with its working in words. The weights are data
 * (`PRIORITY_WEIGHTS`), changed by review like any code list. The facts carry nothing about ethnicity,
 * religion or nationality, so the score cannot use them (`test/pursue/priorities.test.ts` proves the
 * stored path the same way).
 */

/** The gravest thing recorded about a person, gravest first. */
export const GRAVITY_KINDS = [
  'CONVICTION',
  'CHARGE',
  'BREACH',
  'NOTICE_OR_ORDER',
  'INTELLIGENCE',
  'SUSPECT_REFERRAL',
  'OTHER_TACTIC',
  'NAMED',
] as const;
export type GravityKind = (typeof GRAVITY_KINDS)[number];

export interface PriorityFacts {
  personId: string;
  name: string;
  /** 'YYYY-MM-DD': the latest referral, intelligence, tactic or breach about the person. */
  lastEventOn: string;
  /** Referrals, intelligence and breaches about the person in the last 12 months. */
  eventsInYear: number;
  /** Distinct children linked to the person (referrals, links, notices). */
  linkedChildren: number;
  kinds: readonly GravityKind[];
  /** A notice or order in force, a charge in the last year, or a custodial sentence not yet served. */
  activeTactic: boolean;
}

export const PRIORITY_WEIGHTS = {
  /** Days since the latest event → points (the first bound it is within). */
  recency: [
    { withinDays: 30, points: 5 },
    { withinDays: 90, points: 4 },
    { withinDays: 180, points: 3 },
    { withinDays: 365, points: 2 },
  ],
  recencyOtherwise: 1,
  /** Events in the last 12 months → points (the first bound it reaches). */
  frequency: [
    { atLeast: 8, points: 5 },
    { atLeast: 5, points: 4 },
    { atLeast: 3, points: 3 },
    { atLeast: 2, points: 2 },
  ],
  frequencyOtherwise: 1,
  gravity: {
    CONVICTION: 5,
    CHARGE: 4,
    BREACH: 4,
    NOTICE_OR_ORDER: 3,
    INTELLIGENCE: 2,
    SUSPECT_REFERRAL: 2,
    OTHER_TACTIC: 2,
    NAMED: 1,
  } satisfies Record<GravityKind, number>,
  /** Linked to this many children or more → at least these gravity points. */
  children: [
    { atLeast: 3, points: 4 },
    { atLeast: 2, points: 3 },
  ],
  /** A person still posing a risk: a score of at least this. */
  reviewFrom: 24,
} as const;

export type PriorityWeights = typeof PRIORITY_WEIGHTS;

const GRAVITY_WORDS: Record<GravityKind, string> = {
  CONVICTION: 'a conviction',
  CHARGE: 'a charge',
  BREACH: 'a breached notice or order',
  NOTICE_OR_ORDER: 'a notice or order',
  INTELLIGENCE: 'evaluated intelligence',
  SUSPECT_REFERRAL: 'a suspect referral',
  OTHER_TACTIC: 'an arrest, caution or other tactic',
  NAMED: 'named on a child’s referral',
};

export interface PriorityScore {
  score: number;
  recency: number;
  frequency: number;
  gravity: number;
  /** "Recency 4 (last event 40 days ago) × frequency 3 (3 events in 12 months) × gravity 5 (a conviction) = 60". */
  working: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function scoreOf(
  facts: PriorityFacts,
  today: string,
  weights: PriorityWeights = PRIORITY_WEIGHTS,
): PriorityScore {
  const days = Math.max(0, daysBetween(facts.lastEventOn, today));
  const recency = weights.recency.find((r) => days <= r.withinDays)?.points ?? weights.recencyOtherwise;
  const frequency =
    weights.frequency.find((f) => facts.eventsInYear >= f.atLeast)?.points ?? weights.frequencyOtherwise;
  const gravest = GRAVITY_KINDS.find((k) => facts.kinds.includes(k)) ?? 'NAMED';
  const byKind = weights.gravity[gravest];
  const byChildren = weights.children.find((c) => facts.linkedChildren >= c.atLeast)?.points ?? 0;
  const gravity = Math.max(byKind, byChildren);
  const gravityWhy =
    byChildren > byKind ? `linked to ${facts.linkedChildren} children` : GRAVITY_WORDS[gravest];
  const score = recency * frequency * gravity;
  const events = facts.eventsInYear === 1 ? '1 event' : `${facts.eventsInYear} events`;
  return {
    score,
    recency,
    frequency,
    gravity,
    working: `Recency ${recency} (last event ${days === 1 ? '1 day' : `${days} days`} ago) × frequency ${frequency} (${events} in 12 months) × gravity ${gravity} (${gravityWhy}) = ${score}`,
  };
}

export interface Ranked extends PriorityFacts, PriorityScore {}

/** Highest score first; ties by the latest event, then by id, so that a ranking reads the same each time. */
export function rank(
  all: readonly PriorityFacts[],
  today: string,
  weights: PriorityWeights = PRIORITY_WEIGHTS,
): Ranked[] {
  return all
    .map((f) => ({ ...f, ...scoreOf(f, today, weights) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.lastEventOn.localeCompare(a.lastEventOn) ||
        a.personId.localeCompare(b.personId),
    );
}

/** Those still posing a risk (score at or above the review bound) with no tactic in force. */
export function withoutActiveTactic(
  ranked: readonly Ranked[],
  weights: PriorityWeights = PRIORITY_WEIGHTS,
): Ranked[] {
  return ranked.filter((r) => !r.activeTactic && r.score >= weights.reviewFrom);
}
