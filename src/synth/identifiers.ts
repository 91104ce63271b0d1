/**
 * Identifiers for synthetic people, derived from a person's global index so that they are unique across
 * every chunk of a large population without any shared state.
 */

import { nhsCheckDigit } from '../people/nhs-number.ts';

/** People per chunk the identifier scheme leaves room for; the generator checks it never exceeds this. */
export const PEOPLE_PER_CHUNK_LIMIT = 20_000;
/** Chunks the seven-digit NHS number space can hold at PEOPLE_PER_CHUNK_LIMIT people each. */
export const CHUNK_LIMIT = 500;

/** A bijection on [0, modulus): spreads consecutive indices so numbers do not look sequential. */
function scramble(index: number, modulus: number, multiplier: number, offset: number): number {
  // index and multiplier stay below 10^7, so the product is exact in a double.
  return (index * multiplier + offset) % modulus;
}

export function globalPersonIndex(chunk: number, localIndex: number): number {
  if (localIndex >= PEOPLE_PER_CHUNK_LIMIT) throw new Error('too many people in one chunk for the id scheme');
  if (chunk >= CHUNK_LIMIT) throw new Error('too many chunks for the id scheme');
  return chunk * PEOPLE_PER_CHUNK_LIMIT + localIndex;
}

/**
 * A valid NHS number in the 9xx test range. Eight digits come from the scrambled index (so they are unique);
 * the ninth is chosen to make the modulus-11 check work — at most one of the ten choices cannot, so
 * `ninthChoice` (0..8) always finds one.
 */
export function nhsNumberFor(globalIndex: number, ninthChoice: number): string {
  const eight = `9${String(scramble(globalIndex, 10_000_000, 7_368_787, 1_234_567)).padStart(7, '0')}`;
  const usable: string[] = [];
  for (let d = 0; d <= 9; d++) {
    const nine = `${eight}${d}`;
    const check = nhsCheckDigit(nine);
    if (check !== null) usable.push(`${nine}${check}`);
  }
  return usable[ninthChoice % usable.length]!;
}

/** Letters a unique pupil number's check character can take (I, O and S are never used). */
const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The UPN check letter: weights 2..13 over characters 2..13, modulus 23. */
export function upnCheckLetter(twelveDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * (i + 2);
  return UPN_CHECK_LETTERS[sum % 23]!;
}

/**
 * A unique pupil number: check letter, LA number, establishment number, two-digit year of allocation,
 * three-digit serial. Establishment and serial come from the scrambled index, so UPNs stay unique.
 */
export function schoolUpnFor(globalIndex: number, laNumber: number, allocationYear: number): string {
  const slot = scramble(globalIndex, 9_000_000, 4_999_999, 777_777);
  const establishment = 1000 + Math.floor(slot / 1000);
  const serial = slot % 1000;
  const twelve = `${laNumber}${establishment}${String(allocationYear % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  return `${upnCheckLetter(twelve)}${twelve}`;
}

/** The force's person reference, e.g. "PN/1234567". */
export function policeRefFor(globalIndex: number): string {
  return `PN/${String(scramble(globalIndex, 10_000_000, 3_456_791, 4_242_421)).padStart(7, '0')}`;
}

/** A council's case management ID for the person, e.g. "LCC-0123456"; each council numbers its own. */
export function localAuthorityIdFor(globalIndex: number, councilPrefix: string): string {
  return `${councilPrefix}-${String(scramble(globalIndex, 10_000_000, 9_876_541, 1_111_111)).padStart(7, '0')}`;
}
