/**
 * Which suspects each victim referral names. Every suspect is linked to at least one referral (the
 * briefing counts suspects "linked to CSE referrals"); networks and parties share suspects between
 * children; a child referred again often names the same people. Only division, model, age and role guide
 * the choice — never ethnicity.
 */

import type {
  ContactMethod,
  ExploitationModel,
  ReferralCategory,
  SuspectLinkType,
} from '../platform/codes/referral.ts';
import { isOnlineContact } from '../platform/codes/referral.ts';
import type { DivisionCode } from './partnership-types.ts';
import type { Rng } from './random.ts';
import type { SuspectPlan } from './suspects.ts';

export interface LinkableReferral {
  readonly childTrueId: string;
  readonly division: DivisionCode;
  readonly model: ExploitationModel;
  readonly contactMethod: ContactMethod;
  readonly category: ReferralCategory;
}

/** Suspects named per referral by model: [chance any are named, fewest, most]. */
const NAMED_BY_MODEL: Readonly<Record<ExploitationModel, readonly [number, number, number]>> = {
  BOYFRIEND: [0.88, 1, 1],
  INAPPROPRIATE_RELATIONSHIP: [0.85, 1, 1],
  PEER_ON_PEER: [0.8, 1, 2],
  ONLINE_ONLY: [0.5, 1, 1],
  PARTY: [0.9, 2, 3],
  ORGANISED_NETWORK: [0.95, 2, 4],
  GANG_ASSOCIATED: [0.85, 1, 3],
  UNKNOWN: [0.2, 1, 1],
};

/** Models where women who encourage victims or lend premises appear. */
const MODELS_WITH_FEMALE_SUSPECTS: ReadonlySet<ExploitationModel> = new Set([
  'PARTY',
  'ORGANISED_NETWORK',
  'GANG_ASSOCIATED',
]);

function femaleAllowed(r: LinkableReferral): boolean {
  return MODELS_WITH_FEMALE_SUSPECTS.has(r.model) || r.contactMethod === 'THIRD_PARTY_INTRODUCTION';
}

export function linkTypeFor(rng: Rng, suspect: SuspectPlan, r: LinkableReferral): SuspectLinkType {
  switch (suspect.role) {
    case 'ALLOWED_PREMISES_USE':
      return 'PREMISES';
    case 'ENCOURAGED_VICTIMS':
    case 'RECRUITER':
      return 'ASSOCIATE';
    case 'FACILITATOR':
      return r.contactMethod === 'TRANSPORT' ? 'DRIVER' : 'ASSOCIATE';
    default:
      break;
  }
  if (isOnlineContact(r.contactMethod) && (r.model === 'ONLINE_ONLY' || suspect.role === 'ONLINE_CONTACT'))
    return 'ONLINE_CONTACT';
  if (r.model === 'BOYFRIEND') return 'BOYFRIEND';
  if (r.model === 'INAPPROPRIATE_RELATIONSHIP') return 'GROOMER';
  if (r.contactMethod === 'TRANSPORT') return 'DRIVER';
  if (suspect.role === 'OTHER') return rng.chance(0.5) ? 'OTHER' : 'ASSOCIATE';
  return r.category === 'VICTIM_OF_CRIME' ? 'ABUSER' : 'GROOMER';
}

/**
 * For each referral (in the order given, which should be chronological), the indices of the suspects it names.
 */
export function linkSuspects(
  rng: Rng,
  referrals: readonly LinkableReferral[],
  suspects: readonly SuspectPlan[],
): number[][] {
  const linkCount = new Array<number>(suspects.length).fill(0);
  const unlinked = new Map<DivisionCode, number[]>();
  const byDivision = new Map<DivisionCode, number[]>();
  for (const i of rng.shuffle(suspects.map((_, i) => i))) {
    const d = suspects[i]!.person.division;
    if (!unlinked.has(d)) unlinked.set(d, []);
    if (!byDivision.has(d)) byDivision.set(d, []);
    unlinked.get(d)!.push(i);
    byDivision.get(d)!.push(i);
  }
  const earlierByChild = new Map<string, number[]>();

  const fits = (i: number, r: LinkableReferral, slot: number): boolean => {
    const s = suspects[i]!;
    if (s.person.gender === 'FEMALE') return femaleAllowed(r) && slot > 0;
    if (r.model === 'PEER_ON_PEER') return s.young;
    if (s.young) return r.model === 'GANG_ASSOCIATED' || r.model === 'PARTY';
    return true;
  };

  const pickOne = (r: LinkableReferral, slot: number, taken: ReadonlySet<number>): number | null => {
    const fresh = unlinked.get(r.division) ?? [];
    const freshIndex = fresh.findIndex((i) => !taken.has(i) && fits(i, r, slot));
    // Mostly new suspects while there are any, so every suspect ends up named; otherwise known ones, busier
    // suspects likelier (networks form around a few prolific offenders).
    if (freshIndex >= 0 && rng.chance(0.75)) return fresh.splice(freshIndex, 1)[0]!;
    const known = (byDivision.get(r.division) ?? []).filter(
      (i) => !taken.has(i) && linkCount[i]! > 0 && fits(i, r, slot),
    );
    if (known.length > 0) return rng.weighted(known.map((i) => [i, linkCount[i]! + 1] as const));
    if (freshIndex >= 0) return fresh.splice(freshIndex, 1)[0]!;
    return null;
  };

  const result = referrals.map((r) => {
    const [chance, fewest, most] = NAMED_BY_MODEL[r.model];
    const named = rng.chance(r.category === 'VICTIM_OF_CRIME' ? chance : chance * 0.75)
      ? rng.int(fewest, most)
      : 0;
    const chosen: number[] = [];
    const taken = new Set<number>();
    const earlier = earlierByChild.get(r.childTrueId);
    if (named > 0 && earlier && rng.chance(0.6)) {
      for (const i of earlier.slice(0, named)) {
        chosen.push(i);
        taken.add(i);
      }
    }
    while (chosen.length < named) {
      const i = pickOne(r, chosen.length, taken);
      if (i === null) break;
      chosen.push(i);
      taken.add(i);
    }
    for (const i of chosen) linkCount[i]!++;
    if (chosen.length > 0) earlierByChild.set(r.childTrueId, chosen);
    return chosen;
  });

  // Anyone still unnamed is added to a fitting referral in their division.
  if (referrals.length === 0) return result;
  for (const [division, rest] of unlinked) {
    for (const i of rest) {
      if (linkCount[i]! > 0) continue;
      const candidates = referrals
        .map((r, index) => ({ r, index }))
        .filter(
          ({ r, index }) =>
            r.division === division &&
            result[index]!.length < 5 &&
            fits(i, r, Math.max(1, result[index]!.length)),
        );
      const fallback = referrals.map((r, index) => ({ r, index })).filter(({ r }) => r.division === division);
      const target = rng.pick(
        candidates.length > 0
          ? candidates
          : fallback.length > 0
            ? fallback
            : referrals.map((r, index) => ({ r, index })),
      );
      result[target.index]!.push(i);
      linkCount[i]!++;
    }
  }
  return result;
}
