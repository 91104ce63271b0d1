/**
 * An in-memory index for interactive search: built once from N records with the same blocking
 * rules as batch matching, it answers "which records could this person be?" by looking up the
 * query's block keys, without scanning.
 */
import { type BlockingOptions, type BlockingPlan, planBlocking, refinementsOf } from './blocking.ts';
import { hash53 } from './hash.ts';
import { type MatchModel, pairMatchWeight, probabilityToWeight, weightToProbability } from './model.ts';
import { prepareRecord } from './prepare.ts';
import type { IdentityRecord, PreparedRecord } from './record.ts';
import { REFINE_SEPARATOR } from './sub-blocking.ts';

export interface SearchResult {
  index: number;
  id: string;
  matchWeight: number;
  matchProbability: number;
}

export interface SearchOptions {
  /** Only candidates at or above this match probability (default 0). */
  threshold?: number;
  /** At most this many results, best first (default all). */
  limit?: number;
}

export class CandidateIndex {
  readonly records: readonly PreparedRecord[];
  private readonly plan: BlockingPlan;
  /** Per rule: block key hash → indices of the records in that block. */
  private readonly blocks: Map<number, Uint32Array>[];
  /** Marks records already collected for the current query, without allocating a set per query. */
  private readonly seenStamp: Uint32Array;
  private stamp = 0;

  /** Builds the index; raw records are prepared first. */
  constructor(records: readonly (IdentityRecord | PreparedRecord)[], options: BlockingOptions = {}) {
    this.records = records.map((record) => prepareRecord(record));
    // The size cap alone: a query costs the size of its blocks, not their square, so the pair budget
    // that keeps batch runs linear would only lose candidates here.
    this.plan = planBlocking(this.records, { pairBudget: null, ...options });
    this.blocks = this.plan.rules.map((_, r) => {
      const map = new Map<number, Uint32Array>();
      const order = this.plan.orders[r]!;
      const starts = this.plan.starts[r]!;
      const keys = this.plan.keys[r]!;
      for (let b = 0; b + 1 < starts.length; b++) {
        const start = starts[b]!;
        map.set(keys[order[start]!]!, order.subarray(start, starts[b + 1]!));
      }
      return map;
    });
    this.seenStamp = new Uint32Array(this.records.length);
  }

  /** What blocking did while building: block counts per rule and oversized blocks. */
  get report() {
    return this.plan.report;
  }

  /** The query's block for a rule, following the same sub-blocking as the records' blocks. */
  private blockFor(ruleIndex: number, query: PreparedRecord): Uint32Array | undefined {
    const rule = this.plan.rules[ruleIndex]!;
    const key = rule.key(query);
    if (key === null) return undefined;
    const refinements = refinementsOf(rule);
    let text = key;
    let hash = hash53(text);
    for (let level = 0; this.plan.subBlocked[ruleIndex]!.has(hash); level++) {
      const refinement = refinements[level]?.(query) ?? null;
      if (refinement === null) return undefined;
      text = `${text}${REFINE_SEPARATOR}${refinement}`;
      hash = hash53(text);
    }
    if (this.plan.skipped[ruleIndex]!.has(hash)) return undefined;
    return this.blocks[ruleIndex]!.get(hash);
  }

  /** Indices (into `records`) of every record sharing a block with the query, each once. */
  candidates(query: IdentityRecord | PreparedRecord): number[] {
    const prepared = prepareRecord(query);
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seenStamp.fill(0);
      this.stamp = 1;
    }
    const found: number[] = [];
    for (let r = 0; r < this.plan.rules.length; r++) {
      const block = this.blockFor(r, prepared);
      if (block === undefined) continue;
      for (let k = 0; k < block.length; k++) {
        const index = block[k]!;
        if (this.seenStamp[index] === this.stamp) continue;
        this.seenStamp[index] = this.stamp;
        found.push(index);
      }
    }
    return found;
  }

  /** Ids of the candidate records. */
  candidateIds(query: IdentityRecord | PreparedRecord): string[] {
    return this.candidates(query).map((index) => this.records[index]!.id);
  }

  /** Candidates scored by the model, best first. */
  search(
    model: MatchModel,
    query: IdentityRecord | PreparedRecord,
    options: SearchOptions = {},
  ): SearchResult[] {
    const prepared = prepareRecord(query);
    const minimumWeight = options.threshold
      ? probabilityToWeight(options.threshold)
      : Number.NEGATIVE_INFINITY;
    const results: SearchResult[] = [];
    for (const index of this.candidates(prepared)) {
      const record = this.records[index]!;
      const weight = pairMatchWeight(model, prepared, record);
      if (weight < minimumWeight) continue;
      results.push({
        index,
        id: record.id,
        matchWeight: weight,
        matchProbability: weightToProbability(weight),
      });
    }
    results.sort((a, b) => b.matchWeight - a.matchWeight);
    return options.limit === undefined ? results : results.slice(0, options.limit);
  }
}
