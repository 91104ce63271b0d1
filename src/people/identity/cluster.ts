/** Clustering of linked pairs into people: connected components by union–find. */

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
