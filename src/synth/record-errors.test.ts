import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../people/nhs-number.ts';
import { nhsNumberFor } from './identifiers.ts';
import { createRng } from './random.ts';
import { canSwapDayAndMonth, corruptNhsNumber, swapDayAndMonth, typo } from './record-errors.ts';

describe('record errors', () => {
  const rng = createRng(11);

  it('a typo changes a name by one substitution, transposition or deletion, never the initial', () => {
    for (let i = 0; i < 200; i++) {
      const sub = typo(rng, 'Rebecca', 'TYPO_SUBSTITUTION');
      expect(sub).toHaveLength(7);
      expect(sub[0]).toBe('R');
      expect([...sub].filter((ch, j) => ch !== 'Rebecca'[j]).length).toBeLessThanOrEqual(1);
      expect(typo(rng, 'Rebecca', 'TYPO_DELETION')).toHaveLength(6);
      const swapped = typo(rng, 'Kayleigh', 'TYPO_TRANSPOSITION');
      expect([...swapped].sort().join('')).toBe([...'Kayleigh'].sort().join(''));
      expect(swapped[0]).toBe('K');
    }
  });

  it('swaps day and month only where the result is a different date', () => {
    expect(canSwapDayAndMonth('2011-03-07')).toBe(true);
    expect(swapDayAndMonth('2011-03-07')).toBe('2011-07-03');
    expect(canSwapDayAndMonth('2011-03-25')).toBe(false);
    expect(canSwapDayAndMonth('2011-04-04')).toBe(false);
  });

  it('a corrupted NHS number fails its check digit', () => {
    for (let i = 0; i < 500; i++)
      expect(isValidNhsNumber(corruptNhsNumber(rng, nhsNumberFor(i, 0)))).toBe(false);
  });
});
