/**
 * Identifiers for generated records. Each chunk has its own block of numbers, so chunks can be generated
 * independently and still never collide.
 */

import { globalPersonIndex } from './identifiers.ts';

const BLOCK = 100_000;

function numbered(prefix: string, chunk: number, n: number, width: number): string {
  if (n >= BLOCK) throw new Error(`more than ${BLOCK} ${prefix} records in one chunk`);
  return `${prefix}${String(chunk * BLOCK + n).padStart(width, '0')}`;
}

export const ids = {
  person: (chunk: number, n: number): string => `P${String(globalPersonIndex(chunk, n)).padStart(7, '0')}`,
  sourceRecord: (chunk: number, n: number): string => numbered('SRC', chunk, n, 8),
  place: (chunk: number, n: number): string => numbered('PL', chunk, n, 7),
  episode: (chunk: number, n: number): string => numbered('ME', chunk, n, 8),
  disposal: (chunk: number, n: number): string => numbered('DSP', chunk, n, 7),
  /** "VR-2026-000123": the year the referral arrived and a number unique across chunks. */
  victimReferral: (year: number, chunk: number, n: number): string =>
    `VR-${year}-${String(chunk * 10_000 + n + 1).padStart(6, '0')}`,
  suspectReferral: (year: number, chunk: number, n: number): string =>
    `SR-${year}-${String(chunk * 10_000 + n + 1).padStart(6, '0')}`,
};
