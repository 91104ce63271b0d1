/**
 * Clustering of linked pairs into people: connected components by union–find, and a constrained
 * version that refuses links putting two different NHS numbers or incompatible dates of birth
 * into one cluster (the registry's hard rules), or joining two clusters whose members do not link
 * to each other on average (generic linkage).
 */
import type { PreparedRecord } from './record.ts';

/** Union–find with path halving and union by size; typed arrays keep a million records cheap. */
export class UnionFind {
  private readonly parent: Uint32Array;
  private readonly size: Uint32Array;

  constructor(count: number) {
    this.parent = new Uint32Array(count);
    this.size = new Uint32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      this.parent[node] = this.parent[this.parent[node]!]!;
      node = this.parent[node]!;
    }
    return node;
  }

  union(a: number, b: number): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA]! += this.size[rootB]!;
  }

  /**
   * Cluster number per element: 0, 1, 2, ... in order of each cluster's first element, so the
   * numbering does not depend on the order pairs were linked.
   */
  clusterIds(): Int32Array {
    const count = this.parent.length;
    const ids = new Int32Array(count);
    const numberOfRoot = new Int32Array(count).fill(-1);
    let next = 0;
    for (let i = 0; i < count; i++) {
      const root = this.find(i);
      if (numberOfRoot[root] === -1) numberOfRoot[root] = next++;
      ids[i] = numberOfRoot[root]!;
    }
    return ids;
  }
}

export interface ScoredPair {
  left: number;
  right: number;
  matchProbability: number;
}

/**
 * Links every pair at or above `threshold` and returns a cluster number per record (see
 * UnionFind.clusterIds). Records in no linked pair are clusters of their own.
 */
export function cluster(recordCount: number, pairs: Iterable<ScoredPair>, threshold: number): Int32Array {
  const sets = new UnionFind(recordCount);
  for (const pair of pairs) if (pair.matchProbability >= threshold) sets.union(pair.left, pair.right);
  return sets.clusterIds();
}

/** Linked pairs kept for clustering: record indices and match weights, in growable typed arrays. */
export class LinkList {
  left = new Uint32Array(1024);
  right = new Uint32Array(1024);
  weight = new Float64Array(1024);
  length = 0;

  add(left: number, right: number, weight: number): void {
    if (this.length === this.left.length) {
      const grow = <T extends Uint32Array | Float64Array>(array: T, make: (n: number) => T): T => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.left = grow(this.left, (n) => new Uint32Array(n));
      this.right = grow(this.right, (n) => new Uint32Array(n));
      this.weight = grow(this.weight, (n) => new Float64Array(n));
    }
    this.left[this.length] = left;
    this.right[this.length] = right;
    this.weight[this.length] = weight;
    this.length++;
  }

  /** Indices of the links with weight ≥ minWeight, strongest first (ties by position, so stable). */
  orderFrom(minWeight: number): Uint32Array {
    let count = 0;
    for (let k = 0; k < this.length; k++) if (this.weight[k]! >= minWeight) count++;
    const order = new Uint32Array(count);
    let p = 0;
    for (let k = 0; k < this.length; k++) if (this.weight[k]! >= minWeight) order[p++] = k;
    return order.sort((a, b) => this.weight[b]! - this.weight[a]! || a - b);
  }
}

// Positions of the eight digits of YYYY-MM-DD.
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

function differingDigits(x: string, y: string): number {
  let count = 0;
  for (const position of DATE_DIGITS) if (x.charCodeAt(position) !== y.charCodeAt(position)) count++;
  return count;
}

/**
 * Whether two dates of birth cannot belong to one person: more than two years apart and at least three
 * of their eight digits different, with day and month read either way round. Slips (a wrong digit, a
 * year out by one, day and month swapped) stay compatible.
 */
export function incompatibleDates(a: PreparedRecord, b: PreparedRecord): boolean {
  if (a.dob === null || b.dob === null) return false;
  if (Math.abs(a.dobDays - b.dobDays) <= 2 * 366) return false;
  const swapped = `${b.dob.slice(0, 5)}${b.dob.slice(8, 10)}-${b.dob.slice(5, 7)}`;
  return Math.min(differingDigits(a.dob, b.dob), differingDigits(a.dob, swapped)) >= 3;
}

/**
 * Whether two records cannot be the same person whatever else agrees: both hold valid NHS numbers that
 * differ, or incompatible dates of birth. Used to stop chains of links (A–B, B–C) from merging two
 * people through a third record.
 */
export function conflicting(a: PreparedRecord, b: PreparedRecord): boolean {
  if (a.nhsNumber !== null && b.nhsNumber !== null && a.nhsNumber !== b.nhsNumber) return true;
  return incompatibleDates(a, b);
}

export interface ClusterOptions {
  /** Refuse links that would put conflicting records in one cluster (see `conflicting`); default on. */
  hardRules?: boolean;
  /**
   * The match weight of any two records. When given, two clusters (one of them more than one record)
   * are joined only if their members link to each other on average (mean match probability of the
   * pairs across them at least LINKAGE_MIN_PROBABILITY): a single link between two people's records
   * cannot chain them into one giant cluster.
   */
  weightOf?: (left: number, right: number) => number;
}

/** The least mean match probability across two clusters for them to be joined (see ClusterOptions). */
export const LINKAGE_MIN_PROBABILITY = 0.5;

/** Pairs across two clusters looked at, at most (members taken evenly from each), to bound the work. */
const MAX_LINKAGE_MEMBERS = 16;

function spread(members: readonly number[]): readonly number[] {
  if (members.length <= MAX_LINKAGE_MEMBERS) return members;
  const step = members.length / MAX_LINKAGE_MEMBERS;
  return Array.from({ length: MAX_LINKAGE_MEMBERS }, (_, i) => members[Math.floor(i * step)]!);
}

function meanProbability(
  a: readonly number[],
  b: readonly number[],
  weightOf: (left: number, right: number) => number,
): number {
  let sum = 0;
  let count = 0;
  for (const left of spread(a)) {
    for (const right of spread(b)) {
      const odds = 2 ** weightOf(left, right);
      sum += Number.isFinite(odds) ? odds / (1 + odds) : 1;
      count++;
    }
  }
  return count === 0 ? 1 : sum / count;
}

/**
 * Clusters by linking pairs strongest first, refusing any link that would put two conflicting records
 * (see `conflicting`) in one cluster, and (with `weightOf`) any that would join two clusters whose
 * members do not link to each other. Plain connected components let one weak link chain two people
 * together; here the strong links form each person first and a weaker link that contradicts them is
 * left out. Returns a cluster number per record (see UnionFind.clusterIds) and the links refused.
 */
export function constrainedClusters(
  records: readonly PreparedRecord[],
  links: LinkList,
  minWeight: number,
  options: ClusterOptions = {},
): { clusterIds: Int32Array; linked: number; refused: number } {
  const hardRules = options.hardRules ?? true;
  const weightOf = options.weightOf;
  const sets = new UnionFind(records.length);
  // Per root: the records holding distinct NHS numbers or dates of birth (absent while a singleton).
  const witnesses = new Map<number, number[]>();
  const witnessesOf = (root: number): number[] => {
    const known = witnesses.get(root);
    if (known) return known;
    const record = records[root]!;
    return record.nhsNumber !== null || record.dob !== null ? [root] : [];
  };
  // Per root of a cluster of two or more: its members (only kept when linkage is checked).
  const members = new Map<number, number[]>();
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  let linked = 0;
  let refused = 0;
  for (const k of links.orderFrom(minWeight)) {
    const rootA = sets.find(links.left[k]!);
    const rootB = sets.find(links.right[k]!);
    if (rootA === rootB) {
      linked++;
      continue;
    }
    const a = hardRules ? witnessesOf(rootA) : [];
    const b = hardRules ? witnessesOf(rootB) : [];
    let clash = false;
    for (let i = 0; i < a.length && !clash; i++) {
      for (let j = 0; j < b.length; j++) {
        if (conflicting(records[a[i]!]!, records[b[j]!]!)) {
          clash = true;
          break;
        }
      }
    }
    if (!clash && weightOf) {
      const left = membersOf(rootA);
      const right = membersOf(rootB);
      if (
        left.length + right.length > 2 &&
        meanProbability(left, right, weightOf) < LINKAGE_MIN_PROBABILITY
      ) {
        clash = true;
      }
    }
    if (clash) {
      refused++;
      continue;
    }
    sets.union(rootA, rootB);
    linked++;
    const root = sets.find(rootA);
    if (weightOf) {
      const joined = [...membersOf(rootA), ...membersOf(rootB)];
      members.delete(rootA);
      members.delete(rootB);
      members.set(root, joined);
    }
    if (!hardRules) continue;
    witnesses.delete(rootA);
    witnesses.delete(rootB);
    // Keep one witness per distinct NHS number and date of birth, so the lists stay short.
    const merged: number[] = [...a];
    for (const candidate of b) {
      const record = records[candidate]!;
      const seen = merged.some((m) => {
        const other = records[m]!;
        return other.nhsNumber === record.nhsNumber && other.dob === record.dob;
      });
      if (!seen) merged.push(candidate);
    }
    witnesses.set(root, merged);
  }
  return { clusterIds: sets.clusterIds(), linked, refused };
}
