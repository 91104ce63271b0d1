/**
 * The mistakes real agency records carry, applied to copies of a true identity so that identity
 * resolution has something realistic to resolve. Each returns the changed value; callers record which
 * error they applied as ground truth.
 */

import type { Rng } from './random.ts';

export const SOURCE_RECORD_ERRORS = [
  'TYPO_SUBSTITUTION',
  'TYPO_TRANSPOSITION',
  'TYPO_DELETION',
  'NICKNAME',
  'DOB_DAY_MONTH_SWAP',
  'MOVED_ADDRESS',
  'MISSING_DOB',
  'MISSING_POSTCODE',
  'MISSING_NHS_NUMBER',
  'MISSING_ETHNICITY',
  'SURNAME_CHANGE',
  'NHS_NUMBER_CORRUPTED',
  /** A referrer who knows a suspect only by a first name or nickname. */
  'NAME_PARTIAL',
  /** An age estimated by the referrer instead of a date of birth. */
  'DOB_ESTIMATED',
] as const;
export type SourceRecordError = (typeof SOURCE_RECORD_ERRORS)[number];

export type TypoKind = 'TYPO_SUBSTITUTION' | 'TYPO_TRANSPOSITION' | 'TYPO_DELETION';

// Letters next to each other on a UK keyboard: most substitutions are slips to a neighbouring key.
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'wa',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One typing slip. The first letter is left alone, as people rarely mistype the initial. */
export function typo(rng: Rng, name: string, kind: TypoKind): string {
  if (name.length < 3) return name;
  const i = rng.int(1, name.length - 1);
  switch (kind) {
    case 'TYPO_SUBSTITUTION': {
      const lower = name[i]!.toLowerCase();
      const options = NEIGHBOURS[lower] ?? 'aeiou';
      const replacement = rng.pick([...options]);
      return name.slice(0, i) + replacement + name.slice(i + 1);
    }
    case 'TYPO_TRANSPOSITION': {
      // Swap with the next letter; at the end swap with the previous one.
      const j = i === name.length - 1 ? i - 1 : i;
      if (j < 1 || name[j] === name[j + 1]) return typo(rng, name, 'TYPO_SUBSTITUTION');
      return name.slice(0, j) + name[j + 1] + name[j] + name.slice(j + 2);
    }
    case 'TYPO_DELETION':
      return name.slice(0, i) + name.slice(i + 1);
  }
}

/** Whether a date could be recorded with day and month swapped and still be a date that differs. */
export function canSwapDayAndMonth(isoDob: string): boolean {
  const day = Number(isoDob.slice(8, 10));
  const month = Number(isoDob.slice(5, 7));
  return day <= 12 && day !== month;
}

/** 2010-03-07 recorded as 2010-07-03: the American-order slip. */
export function swapDayAndMonth(isoDob: string): string {
  return `${isoDob.slice(0, 4)}-${isoDob.slice(8, 10)}-${isoDob.slice(5, 7)}`;
}

/** Two neighbouring digits swapped in the first nine: always fails the modulus-11 check. */
export function corruptNhsNumber(rng: Rng, nhsNumber: string): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.int(1, 7);
    if (nhsNumber[i] !== nhsNumber[i + 1]) {
      return nhsNumber.slice(0, i) + nhsNumber[i + 1] + nhsNumber[i] + nhsNumber.slice(i + 2);
    }
  }
  // Nine identical digits cannot happen with our numbers, but keep a corruption anyway.
  return nhsNumber.slice(0, 9) + String((Number(nhsNumber[9]) + 1) % 10);
}
