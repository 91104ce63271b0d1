/**
 * Sub-blocking: what a rule does with blocks too big to compare whole. A block over the cap is split
 * by the rule's refinements in turn (surname, then surname initial, say) until every part fits; parts
 * still too big when the refinements run out are skipped. The cap is the size cap, lowered where a
 * rule would otherwise exceed its pair budget, so that a rule's pairs grow in step with the records
 * rather than with their square.
 */
import type { BlockingRule, OversizedBlock, Refinement } from './blocking.ts';
import { hash53 } from './hash.ts';
import type { PreparedRecord } from './record.ts';

/** Joins a key and its refinements before hashing; it occurs in no name, date or postcode. */
export const REFINE_SEPARATOR = '\u0001';

/** At most this many rounds of lowering a rule's cap to meet its pair budget. */
const MAX_CAP_ROUNDS = 8;

export const pairsIn = (size: number): number => (size * (size - 1)) / 2;

/**
 * The largest cap (at most maxBlockSize) such that the blocks no bigger than it yield no more than
 * the budget: a first guess, as the parts of bigger blocks add pairs of their own.
 */
export function capForBudget(sizes: readonly number[], maxBlockSize: number, budget: number): number {
  const ascending = Float64Array.from(sizes).sort();
  let total = 0;
  for (let b = 0; b < ascending.length; b++) {
    const size = ascending[b]!;
    if (size > maxBlockSize) return maxBlockSize;
    total += pairsIn(size);
    if (total > budget) return Math.max(2, size - 1);
  }
  return maxBlockSize;
}

/**
 * Each record's key hash refined to every level (level 0 is the key itself; NaN where the record
 * lacks a value), computed once per record and only for records in oversized blocks.
 */
class RefinedKeys {
  private readonly levels: Float64Array[];
  private readonly done: Uint8Array;

  constructor(
    private readonly records: readonly PreparedRecord[],
    private readonly rule: BlockingRule,
    private readonly refinements: readonly Refinement[],
    keys: Float64Array,
  ) {
    this.levels = [keys, ...refinements.map(() => new Float64Array(records.length))];
    this.done = new Uint8Array(records.length);
  }

  get levelCount(): number {
    return this.refinements.length;
  }

  at(index: number, level: number): number {
    if (level > 0 && this.done[index] === 0) this.compute(index);
    return this.levels[level]![index]!;
  }

  private compute(index: number): void {
    const record = this.records[index]!;
    let text: string | null = this.rule.key(record);
    for (let level = 1; level <= this.refinements.length; level++) {
      const value = text === null ? null : this.refinements[level - 1]!(record);
      text = value === null ? null : `${text}${REFINE_SEPARATOR}${value}`;
      this.levels[level]![index] = text === null ? Number.NaN : hash53(text);
    }
    this.done[index] = 1;
  }

  /** "SMITH / J": the block's key and refinement values, for the report. */
  label(index: number, level: number): string {
    const record = this.records[index]!;
    const parts = [this.rule.key(record)];
    for (let l = 0; l < level; l++) parts.push(this.refinements[l]!(record));
    return parts.join(' / ');
  }
}

/** What splitting a rule's oversized blocks under one cap gives. */
export interface Split {
  cap: number;
  /** Pairs within all the rule's blocks and parts. */
  pairs: number;
  /** Hashes of the blocks (and parts) split by the next refinement. */
  subBlocked: Set<number>;
  /** Hashes of the parts dropped as too big. */
  skipped: Set<number>;
  oversized: OversizedBlock[];
}

interface Block {
  /** Record indices, ascending. */
  members: number[];
  level: number;
  hash: number;
  /** The block split by the next refinement, once asked for: the same whatever the cap. */
  parts?: Block[];
  /** Members without a value for the next refinement. */
  dropped?: number[];
}

/** Splits a block by its next refinement (parts in order of their first member), keeping the result. */
function partsOf(keys: RefinedKeys, block: Block): { parts: Block[]; dropped: number[] } {
  if (block.parts && block.dropped) return { parts: block.parts, dropped: block.dropped };
  const level = block.level + 1;
  const byHash = new Map<number, Block>();
  const dropped: number[] = [];
  for (const index of block.members) {
    const hash = keys.at(index, level);
    if (Number.isNaN(hash)) {
      dropped.push(index);
      continue;
    }
    const part = byHash.get(hash);
    if (part) part.members.push(index);
    else byHash.set(hash, { members: [index], level, hash });
  }
  block.parts = [...byHash.values()];
  block.dropped = dropped;
  return { parts: block.parts, dropped };
}

/** Splits one block under `cap`, calling `place` with each record's final key hash (NaN: left out). */
function splitBlock(
  keys: RefinedKeys,
  rule: BlockingRule,
  block: Block,
  cap: number,
  split: Split,
  place: ((index: number, hash: number) => void) | null,
): void {
  const pending: Block[] = [block];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { members, level, hash } = next;
    if (members.length <= cap) {
      split.pairs += pairsIn(members.length);
      if (place) for (const index of members) place(index, hash);
      continue;
    }
    const refine = level < keys.levelCount;
    split.oversized.push({
      rule: rule.name,
      key: keys.label(members[0]!, level),
      size: members.length,
      outcome: refine ? 'sub-blocked' : 'skipped',
    });
    (refine ? split.subBlocked : split.skipped).add(hash);
    if (!refine) {
      if (place) for (const index of members) place(index, Number.NaN);
      continue;
    }
    const { parts, dropped } = partsOf(keys, next);
    if (place) for (const index of dropped) place(index, Number.NaN);
    // Reversed onto the stack, so that parts are visited (and reported) in order.
    for (let p = parts.length - 1; p >= 0; p--) pending.push(parts[p]!);
  }
}

/**
 * Splits a rule's blocks (runs of `order`, records grouped by `keys`) that are over the cap, lowering
 * the cap until the rule's pairs fit the budget, and writes each record's final key hash into `keys`.
 */
export function subBlock(
  records: readonly PreparedRecord[],
  rule: BlockingRule,
  refinements: readonly Refinement[],
  keys: Float64Array,
  runs: { order: Uint32Array; starts: Uint32Array },
  maxBlockSize: number,
  budget: number,
): Split {
  const refined = new RefinedKeys(records, rule, refinements, keys);
  const sizes: number[] = [];
  for (let b = 0; b + 1 < runs.starts.length; b++) sizes.push(runs.starts[b + 1]! - runs.starts[b]!);
  // Only blocks over a cap are ever split: made when first needed, and kept as the cap is lowered.
  const oversized = new Map<number, Block>();
  const blockAt = (b: number): Block => {
    let block = oversized.get(b);
    if (!block) {
      const start = runs.starts[b]!;
      const members = Array.from(runs.order.subarray(start, runs.starts[b + 1]!));
      block = { members, level: 0, hash: keys[runs.order[start]!]! };
      oversized.set(b, block);
    }
    return block;
  };
  const trial = (cap: number, place: ((index: number, hash: number) => void) | null): Split => {
    const split: Split = { cap, pairs: 0, subBlocked: new Set(), skipped: new Set(), oversized: [] };
    for (let b = 0; b < sizes.length; b++) {
      const size = sizes[b]!;
      if (size <= cap) split.pairs += pairsIn(size);
      else splitBlock(refined, rule, blockAt(b), cap, split, place);
    }
    return split;
  };
  let cap = capForBudget(sizes, maxBlockSize, budget);
  let split = trial(cap, null);
  for (let round = 1; split.pairs > budget && cap > 2 && round < MAX_CAP_ROUNDS; round++) {
    // A block's pairs per record grow about linearly with the cap: shrink it in proportion, and a bit.
    cap = Math.max(2, Math.floor((cap * budget * 0.95) / split.pairs));
    split = trial(cap, null);
  }
  return trial(cap, (index, hash) => {
    keys[index] = hash;
  });
}
