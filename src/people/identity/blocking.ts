/**
 * Blocking: only pairs of records that agree on at least one blocking key are compared. Several rules
 * are combined (their union finds nearly all true pairs); a pair found by more than one rule is
 * produced once, by the first rule that finds it.
 *
 * Keys are hashed to numbers, one Float64Array per rule, with NaN for "no key" (NaN never equals
 * anything, which makes the "already found by an earlier rule" test a plain comparison). Pairs are
 * generated block by block and handed out in chunks, never all at once. Blocks too big to compare
 * whole are split or skipped (sub-blocking.ts), under a cap that keeps each rule within its pair budget.
 */
import { hash53 } from './hash.ts';
import type { PreparedRecord } from './record.ts';
import { subBlock } from './sub-blocking.ts';

/** A further key that splits an oversized block; null when the record has no value for it. */
export type Refinement = (record: PreparedRecord) => string | null;

export interface BlockingRule {
  name: string;
  /** The block a record falls in, or null when the record has no value for this rule. */
  key(record: PreparedRecord): string | null;
  /**
   * Splits a block that exceeds the size cap: one refinement, or several applied in turn while a
   * sub-block is still too big. Records without a value drop out of the split block; rules without
   * a refinement skip such blocks.
   */
  refine?: Refinement | readonly Refinement[];
}

/** A rule's refinements as a list (none, one or several). */
export function refinementsOf(rule: BlockingRule): readonly Refinement[] {
  if (rule.refine === undefined) return [];
  return typeof rule.refine === 'function' ? [rule.refine] : rule.refine;
}

function initial(text: string | null): string | null {
  return text === null ? null : text[0]!;
}

const noPart = (part: string | number | null): part is null => part === null || part === 0 || part === '';

/** Two parts joined by '|', or null when either is missing (null, 0 or empty). Called per record per rule. */
function joinKey(a: string | number | null, b: string | number | null): string | null {
  return noPart(a) || noPart(b) ? null : `${a}|${b}`;
}

function joinKey3(a: string | number | null, b: string | number | null, c: number | null): string | null {
  return noPart(a) || noPart(b) || noPart(c) ? null : `${a}|${b}|${c}`;
}

/** The default rules; each catches pairs the others miss (typos, nicknames, moves, date slips). */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'surname metaphone + birth year',
    key: (r) => joinKey(r.surnameCodes?.primary ?? null, r.dobYear),
    refine: (r) => initial(r.forename),
  },
  {
    // Day and month in either order, so that 2010-03-07 and 2010-07-03 share a block.
    name: 'date of birth (day and month either way)',
    key: (r) =>
      r.dob === null
        ? null
        : `${r.dobYear}|${Math.min(r.dobMonth, r.dobDay)}|${Math.max(r.dobMonth, r.dobDay)}`,
    refine: (r) => initial(r.surname),
  },
  {
    name: 'postcode district + forename initial',
    key: (r) => joinKey(r.postcodeDistrict ?? r.postcode, initial(r.forename)),
    // Down to one address when a district is crowded: a household's records share it, whatever else differs.
    refine: [(r) => r.postcodeSector, (r) => r.postcode],
  },
  { name: 'NHS number', key: (r) => r.nhsNumber },
  {
    name: 'forename metaphone + birthday',
    key: (r) => joinKey3(r.forenameCodes?.primary ?? null, r.dobMonth, r.dobDay),
    refine: (r) => initial(r.surname),
  },
  {
    // Nicknames and street names with no date of birth: the surname is all two records share. A crowded
    // surname is split by address, where such a pair still agrees (split by forename initial, it would
    // lose the nicknames it is for: Becca and Rebecca).
    name: 'surname',
    key: (r) => r.surname,
    refine: [(r) => r.postcodeDistrict ?? r.postcode, (r) => r.postcode],
  },
  {
    // A slip in the surname when nothing else (date of birth, postcode) is recorded.
    name: 'forename + surname initial',
    key: (r) => joinKey(r.forename, initial(r.surname)),
    refine: (r) => (r.dobYear === 0 ? null : String(Math.floor(r.dobYear / 10))),
  },
  {
    // Slips in both names: initials rarely change, nor the start of a surname.
    name: 'forename initial + surname prefix',
    key: (r) => joinKey(initial(r.forename), r.surname === null ? null : r.surname.slice(0, 3)),
    refine: (r) => (r.dobYear === 0 ? null : String(Math.floor(r.dobYear / 10))),
  },
  {
    // Catches forename and surname entered the wrong way round, which defeats every rule above.
    name: 'name metaphones in either order',
    key: (r) => {
      const forename = r.forenameCodes?.primary ?? null;
      const surname = r.surnameCodes?.primary ?? null;
      if (forename === null || surname === null) return null;
      return forename < surname ? `${forename}|${surname}` : `${surname}|${forename}`;
    },
    refine: (r) => (r.dobYear === 0 ? null : String(Math.floor(r.dobYear / 10))),
  },
  { name: 'email', key: (r) => r.email },
  {
    // The same user at another domain (jane.hall@a.example, jane.hall@b.example).
    name: 'e-mail user',
    key: (r) => r.emailUser,
    refine: (r) => initial(r.surname),
  },
  {
    // A name spelt two ways and no date of birth (parish and census records): the surname's sound and
    // the town are what two records of the person still share.
    name: 'surname metaphone + town',
    key: (r) => joinKey(r.surnameCodes?.primary ?? null, r.city),
    refine: (r) => initial(r.forename),
  },
  { name: 'other id', key: (r) => r.otherId },
];

/** Blocks above this size are sub-blocked (or skipped): a block of n records costs n(n-1)/2 comparisons. */
export const DEFAULT_MAX_BLOCK_SIZE = 1000;

/**
 * How many candidate pairs each rule may yield. A size cap alone lets a rule's pairs grow with the
 * square of the data (more records share each key); a rule over its budget has its cap lowered until
 * it fits, so that comparisons grow in step with the records.
 */
export interface PairBudget {
  /** Pairs per record: 30 keeps nearly every pair the model would link at 1,000,000 records. */
  perRecord: number;
  /** But never fewer than this many per rule: small data is compared as fully as the size cap allows. */
  atLeast: number;
}

export const DEFAULT_PAIR_BUDGET: PairBudget = { perRecord: 30, atLeast: 10_000_000 };

export interface BlockingOptions {
  rules?: readonly BlockingRule[];
  /** The largest block compared whole, whatever the budget. */
  maxBlockSize?: number;
  /** Each rule's pair budget (default DEFAULT_PAIR_BUDGET); null for none, the size cap only. */
  pairBudget?: PairBudget | null;
}

export interface OversizedBlock {
  rule: string;
  key: string;
  size: number;
  outcome: 'sub-blocked' | 'skipped';
}

export interface RuleStatistics {
  rule: string;
  recordsWithKey: number;
  blocks: number;
  /** Pairs within this rule's blocks, before removing pairs an earlier rule already found. */
  pairs: number;
  /** The block size cap applied to this rule (below maxBlockSize when its pair budget required). */
  cap: number;
}

export interface BlockingReport {
  rules: RuleStatistics[];
  /** Blocks over the cap; at most MAX_REPORTED_OVERSIZED are listed. */
  oversized: OversizedBlock[];
  oversizedCount: number;
}

const MAX_REPORTED_OVERSIZED = 200;

/** Records grouped into blocks for every rule. Build once, then generate pairs or build an index. */
export interface BlockingPlan {
  readonly records: readonly PreparedRecord[];
  readonly rules: readonly BlockingRule[];
  /** Per rule, each record's effective block key hash (NaN: no key, or in a skipped block). */
  readonly keys: readonly Float64Array[];
  /** Per rule, record indices grouped by key (blocks in order of first record, then by index): each block is a run. */
  readonly orders: readonly Uint32Array[];
  /** Per rule, the start of each run in `orders`, plus a final end marker. */
  readonly starts: readonly Uint32Array[];
  /** Per rule, key hashes of blocks (and sub-blocks) that were split by the next refinement. */
  readonly subBlocked: readonly ReadonlySet<number>[];
  /** Per rule, key hashes of blocks that were dropped as too big. */
  readonly skipped: readonly ReadonlySet<number>[];
  readonly report: BlockingReport;
}

interface Runs {
  order: Uint32Array;
  starts: Uint32Array;
}

/**
 * Records grouped by key hash into runs (NaN left out): blocks in order of their first record, each
 * block's records in index order. A counting sort, linear in the records; a comparison sort of a
 * million indices took seconds per rule. Blocks are numbered through an open-addressing table on the
 * key hashes themselves (a Map would box every key hash as a heap number).
 */
function groupByKey(keys: Float64Array): Runs {
  const n = keys.length;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slotKeys = new Float64Array(capacity);
  const slotBlocks = new Int32Array(capacity).fill(-1);
  const blockOf = new Int32Array(n).fill(-1);
  const sizes = new Int32Array(n);
  let blocks = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (Number.isNaN(key)) continue;
    // The low 32 bits of a hash53 key are well mixed; any other number still lands somewhere fixed.
    let slot = (key >>> 0) & mask;
    let block = slotBlocks[slot]!;
    while (block >= 0 && slotKeys[slot] !== key) {
      slot = (slot + 1) & mask;
      block = slotBlocks[slot]!;
    }
    if (block < 0) {
      block = blocks++;
      slotKeys[slot] = key;
      slotBlocks[slot] = block;
    }
    blockOf[i] = block;
    sizes[block]!++;
    count++;
  }
  const starts = new Uint32Array(blocks + 1);
  for (let b = 0; b < blocks; b++) starts[b + 1] = starts[b]! + sizes[b]!;
  const next = starts.slice(0, blocks);
  const order = new Uint32Array(count);
  for (let i = 0; i < n; i++) {
    const block = blockOf[i]!;
    if (block >= 0) order[next[block]!++] = i;
  }
  return { order, starts };
}

/**
 * Groups records into blocks for each rule, sub-blocking or skipping blocks over the rule's cap: the
 * size cap, lowered where needed so that the rule stays within its pair budget.
 */
export function planBlocking(
  records: readonly PreparedRecord[],
  options: BlockingOptions = {},
): BlockingPlan {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  const maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  const pairBudget = options.pairBudget === undefined ? DEFAULT_PAIR_BUDGET : options.pairBudget;
  const budget =
    pairBudget === null
      ? Number.POSITIVE_INFINITY
      : Math.max(pairBudget.perRecord * records.length, pairBudget.atLeast);
  const report: BlockingReport = { rules: [], oversized: [], oversizedCount: 0 };
  const keys: Float64Array[] = [];
  const orders: Uint32Array[] = [];
  const starts: Uint32Array[] = [];
  const subBlocked: Set<number>[] = [];
  const skipped: Set<number>[] = [];

  for (const rule of rules) {
    const ruleKeys = new Float64Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const key = rule.key(records[i]!);
      ruleKeys[i] = key === null ? Number.NaN : hash53(key);
    }
    let runs = groupByKey(ruleKeys);
    const split = subBlock(records, rule, refinementsOf(rule), ruleKeys, runs, maxBlockSize, budget);
    for (const block of split.oversized) {
      report.oversizedCount++;
      if (report.oversized.length < MAX_REPORTED_OVERSIZED) report.oversized.push(block);
    }
    if (split.oversized.length > 0) runs = groupByKey(ruleKeys);
    report.rules.push({
      rule: rule.name,
      recordsWithKey: runs.order.length,
      blocks: runs.starts.length - 1,
      pairs: split.pairs,
      cap: split.cap,
    });
    keys.push(ruleKeys);
    orders.push(runs.order);
    starts.push(runs.starts);
    subBlocked.push(split.subBlocked);
    skipped.push(split.skipped);
  }
  return { records, rules, keys, orders, starts, subBlocked, skipped, report };
}

/** Whether records i and j share a block under some rule, i.e. whether the plan compares them. */
export function sharesBlock(plan: BlockingPlan, i: number, j: number): boolean {
  for (const keys of plan.keys) if (keys[i] === keys[j]) return true;
  return false;
}

/** An upper bound on the candidate pairs a plan yields (pairs found by several rules count once per rule). */
export function plannedPairCount(plan: BlockingPlan): number {
  let total = 0;
  for (const rule of plan.report.rules) total += rule.pairs;
  return total;
}

/** A batch of candidate pairs: left[k] < right[k] are record indices, for k < length. */
export interface PairChunk {
  left: Uint32Array;
  right: Uint32Array;
  length: number;
}

export const DEFAULT_CHUNK_SIZE = 65_536;

/**
 * Each record's block number under every rule, side by side (-1: no block), so that "did an earlier rule
 * find this pair" reads a cache line or two per record, not one key array per earlier rule (at a million
 * records far bigger than the caches). Equal block numbers are equal key hashes: the same pairs.
 */
function blockNumbers(plan: BlockingPlan): Int32Array {
  const rules = plan.rules.length;
  const numbers = new Int32Array(plan.records.length * rules).fill(-1);
  for (let r = 0; r < rules; r++) {
    const order = plan.orders[r]!;
    const starts = plan.starts[r]!;
    for (let b = 0; b + 1 < starts.length; b++) {
      for (let p = starts[b]!; p < starts[b + 1]!; p++) numbers[order[p]! * rules + r] = b;
    }
  }
  return numbers;
}

/**
 * Yields the candidate pairs of a plan in chunks, each pair once (by the first rule that finds it),
 * with the smaller record index on the left. Memory stays at one chunk whatever the data size.
 */
export function* candidatePairChunks(
  plan: BlockingPlan,
  chunkSize = DEFAULT_CHUNK_SIZE,
): Generator<PairChunk> {
  let left = new Uint32Array(chunkSize);
  let right = new Uint32Array(chunkSize);
  let length = 0;
  const rules = plan.rules.length;
  const numbers = blockNumbers(plan);
  for (let r = 0; r < rules; r++) {
    const order = plan.orders[r]!;
    const starts = plan.starts[r]!;
    for (let b = 0; b + 1 < starts.length; b++) {
      const start = starts[b]!;
      const end = starts[b + 1]!;
      for (let p = start; p < end - 1; p++) {
        const i = order[p]!;
        const atI = i * rules;
        for (let q = p + 1; q < end; q++) {
          const j = order[q]!;
          const atJ = j * rules;
          let seen = false;
          for (let earlier = 0; earlier < r; earlier++) {
            const block = numbers[atI + earlier]!;
            if (block >= 0 && block === numbers[atJ + earlier]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          left[length] = i;
          right[length] = j;
          length++;
          if (length === chunkSize) {
            yield { left, right, length };
            left = new Uint32Array(chunkSize);
            right = new Uint32Array(chunkSize);
            length = 0;
          }
        }
      }
    }
  }
  if (length > 0) yield { left, right, length };
}

/**
 * Yields candidate pairs [i, j] (i < j, record indices), each once. Convenient for small data; for
 * large runs use planBlocking + candidatePairChunks, which avoid a tuple per pair.
 */
export function* candidatePairs(
  records: readonly PreparedRecord[],
  options: BlockingOptions = {},
): Generator<[number, number]> {
  const plan = planBlocking(records, options);
  for (const chunk of candidatePairChunks(plan)) {
    for (let k = 0; k < chunk.length; k++) yield [chunk.left[k]!, chunk.right[k]!];
  }
}
