import { describe, expect, it } from 'vitest';
import { completedOutcome, type PastOutcomeInput, validatePastOutcome } from './history-rules.ts';

const outcome = (overrides: Partial<PastOutcomeInput> = {}): PastOutcomeInput => ({
  decidedAt: '2026-05-12T14:00:00Z',
  contactOutcome: 'REFERRAL_TO_CSC',
  referralOutcome: 'STRATEGY_S47',
  statutoryMeasures: ['S47'],
  cinFactors: [],
  rationale: '',
  feedbackToReferrer: '',
  ...overrides,
});
const RECEIVED = new Date('2026-05-12T09:00:00Z');
const NOW = new Date('2026-12-06T12:00:00Z');

describe('a past MASH outcome', () => {
  it('is accepted at its real time, between receipt and now', () => {
    expect(validatePastOutcome(outcome(), RECEIVED, NOW)).toEqual([]);
  });

  it('may not be decided before receipt, in the future, or at no readable time', () => {
    for (const decidedAt of ['2026-05-12T08:59:00Z', '2027-01-01T00:00:00Z', 'soon']) {
      expect(validatePastOutcome(outcome({ decidedAt }), RECEIVED, NOW).map((e) => e.field)).toEqual([
        'decidedAt',
      ]);
    }
  });

  it('names a rationale and feedback the previous system did not keep as not recorded there', () => {
    const done = completedOutcome(outcome(), 'Mosaic');
    expect(done.rationale).toBe('Not recorded in Mosaic');
    expect(done.feedbackToReferrer).toBe('Not recorded in Mosaic');
    expect(completedOutcome(outcome({ rationale: 'Sibling known' }), 'Mosaic').rationale).toBe(
      'Sibling known',
    );
  });
});
