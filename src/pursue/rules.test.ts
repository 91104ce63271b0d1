import { describe, expect, it } from 'vitest';
import { blankTacticForm, validateBreach, validateSroDecision, validateTactic } from './rules.ts';
import { sentenceWords } from './view.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const on = (day: string, month: string, year: string) => ({ day, month, year });

describe('the disruption register’s rules', () => {
  it('takes a conviction with its sentence in months, and words it back', () => {
    const { input } = validateTactic(
      {
        ...blankTacticForm(),
        tactic: 'CONVICTION',
        startedOn: on('7', '12', '2026'),
        sentenceYears: '7',
        sentenceMonths: '6',
      },
      [],
      NOW,
    );
    expect(input?.sentenceMonths).toBe(90);
    expect(sentenceWords(90)).toBe('7 years and 6 months');
    expect(sentenceWords(84)).toBe('7 years');
    expect(sentenceWords(1)).toBe('1 month');
  });

  it('refuses months over 11, a review before the start and a real-looking date that is not one', () => {
    const { errors } = validateTactic(
      {
        ...blankTacticForm(),
        tactic: 'CONVICTION',
        startedOn: on('31', '4', '2026'),
        sentenceMonths: '12',
        reviewOn: on('1', '1', '2020'),
      },
      [],
      NOW,
    );
    expect(errors.map((e) => e.field)).toEqual(['startedOn', 'sentenceMonths']);
    const review = validateTactic(
      {
        ...blankTacticForm(),
        tactic: 'ARREST',
        startedOn: on('1', '12', '2026'),
        reviewOn: on('1', '1', '2020'),
      },
      [],
      NOW,
    );
    expect(review.errors).toEqual([
      { field: 'reviewOn', message: 'The review date must be on or after the date it was issued' },
    ]);
  });

  it('takes a breach only of a notice or order, on or after its start', () => {
    const before = validateBreach(
      { breachedOn: on('1', '11', '2026'), details: 'Seen together.' },
      { type: 'CAWN_S2', startedOn: '2026-12-01' },
      NOW,
    );
    expect(before.errors.map((e) => e.message)).toEqual([
      'The date of the breach must be on or after the date it was issued',
    ]);
    const charge = validateBreach(
      { breachedOn: on('2', '12', '2026'), details: 'x' },
      { type: 'CHARGE', startedOn: '2026-12-01' },
      NOW,
    );
    expect(charge.errors.map((e) => e.message)).toEqual(['Only a notice or an order can be breached']);
  });

  it('asks why when a Sexual Risk Order is not needed', () => {
    expect(validateSroDecision({ decision: 'NOT_NEEDED', reason: '' }).errors).toEqual([
      { field: 'reason', message: 'Enter why an order is not needed now' },
    ]);
    expect(validateSroDecision({ decision: 'APPLY', reason: '' }).input).toEqual({
      decision: 'APPLY',
      reason: null,
    });
  });
});
