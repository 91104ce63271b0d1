/**
 * The victim network: children who know each other, introduce each other to offenders and sometimes
 * recruit others (the briefing calls victim networks central to the spread of CSE). Edges come from
 * introductions, from sharing a suspect, from living in the same children's home, and from friendships
 * with unreferred peers.
 */

import type { ChildPlan } from './children.ts';
import type { DivisionCode } from './partnership-types.ts';
import type { Rng } from './random.ts';
import type { Person, Relationship } from './types.ts';

export interface NetworkReferral {
  readonly child: ChildPlan;
  readonly division: DivisionCode;
  readonly introducedByThirdParty: boolean;
  readonly suspectTrueIds: readonly string[];
}

export interface NetworkOutput {
  readonly relationships: Relationship[];
  /** Per referral (same order as given), the victim who introduced the child, if one did. */
  readonly introducedBy: (string | null)[];
  /** Each person's peers (children and associates they are linked to). */
  readonly peersOf: Map<string, string[]>;
}

export function buildNetwork(
  rng: Rng,
  referrals: readonly NetworkReferral[],
  children: readonly ChildPlan[],
  associates: readonly Person[],
): NetworkOutput {
  const relationships: Relationship[] = [];
  const seen = new Set<string>();
  const peersOf = new Map<string, string[]>();
  const add = (fromTrueId: string, toTrueId: string, type: Relationship['type']): void => {
    if (fromTrueId === toTrueId) return;
    const [a, b] =
      type === 'ASSOCIATE' && toTrueId < fromTrueId ? [toTrueId, fromTrueId] : [fromTrueId, toTrueId];
    const key = `${a}|${b}|${type}`;
    if (seen.has(key)) return;
    seen.add(key);
    relationships.push({ fromTrueId: a, toTrueId: b, type });
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = peersOf.get(x) ?? [];
      if (!list.includes(y)) list.push(y);
      peersOf.set(x, list);
    }
  };

  /** Each pair among the first `most` of each group know each other, with the chance given. */
  const associateWithin = (groups: Iterable<string[]>, most: number, chance: number) => {
    for (const list of groups) {
      const group = list.slice(0, most);
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++)
          if (rng.chance(chance)) add(group[i]!, group[j]!, 'ASSOCIATE');
      }
    }
  };

  // Introductions, in referral order: the introducer is a victim already known in the same division,
  // more often one referred repeatedly.
  const knownByDivision = new Map<DivisionCode, ChildPlan[]>();
  const alreadyKnown = new Set<ChildPlan>();
  const introducedBy = referrals.map((r) => {
    const known = knownByDivision.get(r.division) ?? [];
    let introducer: ChildPlan | null = null;
    if (r.introducedByThirdParty && rng.chance(0.55)) {
      const candidates = known.filter((c) => c !== r.child);
      if (candidates.length > 0)
        introducer = rng.weighted(candidates.map((c) => [c, c.referralCount] as const));
    }
    if (!alreadyKnown.has(r.child)) {
      alreadyKnown.add(r.child);
      known.push(r.child);
    }
    knownByDivision.set(r.division, known);
    if (!introducer) return null;
    const recruited = introducer.referralCount > 1 && rng.chance(0.3);
    add(introducer.person.trueId, r.child.person.trueId, recruited ? 'RECRUITED' : 'INTRODUCED');
    return introducer.person.trueId;
  });

  // Children sharing a suspect know each other (capped so one prolific suspect does not make a clique of hundreds).
  const childrenBySuspect = new Map<string, string[]>();
  for (const r of referrals) {
    for (const s of r.suspectTrueIds) {
      const list = childrenBySuspect.get(s) ?? [];
      if (!list.includes(r.child.person.trueId)) list.push(r.child.person.trueId);
      childrenBySuspect.set(s, list);
    }
  }
  associateWithin(childrenBySuspect.values(), 8, 0.6);

  // Children placed in the same children's home.
  const byHome = new Map<string, string[]>();
  for (const c of children) {
    if (!c.person.childrensHomeCode) continue;
    const list = byHome.get(c.person.childrensHomeCode) ?? [];
    list.push(c.person.trueId);
    byHome.set(c.person.childrensHomeCode, list);
  }
  associateWithin(byHome.values(), 12, 0.3);

  // Friendships: among referred children, and with unreferred peers.
  const childrenByDivision = new Map<DivisionCode, ChildPlan[]>();
  for (const c of children) {
    const list = childrenByDivision.get(c.person.division) ?? [];
    list.push(c);
    childrenByDivision.set(c.person.division, list);
  }
  for (const c of children) {
    if (!rng.chance(0.1)) continue;
    const other = rng.pick(childrenByDivision.get(c.person.division)!);
    add(c.person.trueId, other.person.trueId, 'ASSOCIATE');
  }
  for (const a of associates) {
    const local = childrenByDivision.get(a.division) ?? children;
    if (local.length === 0) continue;
    for (let i = rng.int(1, 3); i > 0; i--) add(a.trueId, rng.pick(local).person.trueId, 'ASSOCIATE');
  }
  return { relationships, introducedBy, peersOf };
}
