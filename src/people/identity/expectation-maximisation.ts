/**
 * Expectation–maximisation for the Fellegi–Sunter mixture over comparison patterns. Pairs are
 * collapsed into distinct level patterns with counts first, so each iteration costs one pass over a
 * few thousand patterns however many pairs there were.
 */
import { FIELD_COUNT, NULL_LEVEL } from './comparisons.ts';

/** Distinct comparison patterns (levels, FIELD_COUNT per pattern) and how many pairs had each. */
export interface PatternCounts {
  levels: Int8Array;
  counts: Float64Array;
  size: number;
}

/** Collects level vectors into distinct patterns. */
export class PatternCounter {
  private readonly counts = new Map<number, number>();
  private readonly radix: number;

  /** `levelCounts[f]` is the number of levels of field f (without the null level). */
  constructor(levelCounts: readonly number[]) {
    // One digit per field in base (most levels + 1), the extra value standing for "missing".
    this.radix = Math.max(...levelCounts) + 1;
  }

  add(levels: Int8Array, count = 1): void {
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) key = key * this.radix + (levels[f]! + 1);
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  get pairs(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  patterns(): PatternCounts {
    const size = this.counts.size;
    const levels = new Int8Array(size * FIELD_COUNT);
    const counts = new Float64Array(size);
    let p = 0;
    for (const [key, count] of [...this.counts].sort((a, b) => a[0] - b[0])) {
      let rest = key;
      for (let f = FIELD_COUNT - 1; f >= 0; f--) {
        levels[p * FIELD_COUNT + f] = (rest % this.radix) - 1;
        rest = Math.floor(rest / this.radix);
      }
      counts[p] = count;
      p++;
    }
    return { levels, counts, size };
  }
}

export interface MixtureParameters {
  lambda: number;
  /** m[f][l] and u[f][l]: probability of level l of field f among matches / non-matches. */
  m: number[][];
  u: number[][];
}

export interface EmOptions {
  maxIterations?: number;
  /** Stop when no parameter moves by more than this. */
  tolerance?: number;
  /** Keep u as given (estimated elsewhere, from random pairs) and learn only λ and m. */
  fixedU?: boolean;
}

export interface EmResult {
  parameters: MixtureParameters;
  iterations: number;
  converged: boolean;
  logLikelihoods: number[];
}

function logOf(p: number): number {
  return p > 0 ? Math.log(p) : Number.NEGATIVE_INFINITY;
}

/**
 * Maximum-likelihood EM: estimates λ, m and u of a two-class mixture in which fields are
 * independent given the class. Missing levels are left out of both classes' likelihoods. Pure ML
 * updates (no smoothing) keep the log-likelihood non-decreasing, which the tests check.
 */
export function expectationMaximisation(
  patterns: PatternCounts,
  initial: MixtureParameters,
  options: EmOptions = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  let { lambda } = initial;
  let m = initial.m.map((row) => [...row]);
  let u = initial.u.map((row) => [...row]);
  const logLikelihoods: number[] = [];
  let converged = false;
  let iterations = 0;
  const { levels, counts, size } = patterns;

  while (iterations < maxIterations) {
    iterations++;
    const mCounts = m.map((row) => new Float64Array(row.length));
    const uCounts = u.map((row) => new Float64Array(row.length));
    let matchTotal = 0;
    let pairTotal = 0;
    let logLikelihood = 0;
    const logM = m.map((row) => row.map(logOf));
    const logU = u.map((row) => row.map(logOf));
    const logLambda = logOf(lambda);
    const logNotLambda = logOf(1 - lambda);
    for (let p = 0; p < size; p++) {
      let a = logLambda;
      let b = logNotLambda;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const level = levels[p * FIELD_COUNT + f]!;
        if (level === NULL_LEVEL) continue;
        a += logM[f]![level]!;
        b += logU[f]![level]!;
      }
      const top = Math.max(a, b);
      const logSum = top + Math.log(Math.exp(a - top) + Math.exp(b - top));
      const posterior = Math.exp(a - logSum);
      const count = counts[p]!;
      logLikelihood += count * logSum;
      matchTotal += count * posterior;
      pairTotal += count;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const level = levels[p * FIELD_COUNT + f]!;
        if (level === NULL_LEVEL) continue;
        mCounts[f]![level]! += count * posterior;
        uCounts[f]![level]! += count * (1 - posterior);
      }
    }
    logLikelihoods.push(logLikelihood);
    const normalise = (row: Float64Array, previous: number[]): number[] => {
      let sum = 0;
      for (const value of row) sum += value;
      return sum > 0 ? Array.from(row, (value) => value / sum) : previous;
    };
    const nextM = mCounts.map((row, f) => normalise(row, m[f]!));
    const nextU = options.fixedU ? u : uCounts.map((row, f) => normalise(row, u[f]!));
    const nextLambda = pairTotal > 0 ? matchTotal / pairTotal : lambda;
    let change = Math.abs(nextLambda - lambda);
    for (let f = 0; f < nextM.length; f++) {
      for (let l = 0; l < nextM[f]!.length; l++) {
        change = Math.max(change, Math.abs(nextM[f]![l]! - m[f]![l]!), Math.abs(nextU[f]![l]! - u[f]![l]!));
      }
    }
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  return { parameters: { lambda, m, u }, iterations, converged, logLikelihoods };
}
