import { describe, expect, it } from 'vitest';
import { whoOf } from './entry.ts';
import { govukDate, govukDateOf, govukDateTime, govukTime } from './when.ts';

describe('GOV.UK dates and times, UK time', () => {
  it('writes a date and time as "4 December 2026 at 2:05pm" in London time', () => {
    expect(govukDateTime(new Date('2026-12-04T14:05:00Z'))).toBe('4 December 2026 at 2:05pm');
    // British Summer Time: 09:30 UTC is 10:30 in London.
    expect(govukDateTime(new Date('2026-07-01T09:30:00Z'))).toBe('1 July 2026 at 10:30am');
    // Late in the UTC evening in summer is already the next day in London.
    expect(govukDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
  });

  it('says midday and midnight, and drops ":00"', () => {
    expect(govukTime(12, 0)).toBe('midday');
    expect(govukTime(0, 0)).toBe('midnight');
    expect(govukTime(9, 0)).toBe('9am');
    expect(govukTime(0, 5)).toBe('12:05am');
    expect(govukTime(23, 59)).toBe('11:59pm');
  });

  it('writes a date-only value without a time', () => {
    expect(govukDateOf('2027-03-04')).toBe('4 March 2027');
    expect(govukDateOf('not a date')).toBe('');
  });
});

describe('who did it', () => {
  it('names a person, never a username or a token', () => {
    expect(whoOf('Sam Social Worker', 'sam.sw')).toBe('Sam Social Worker');
    expect(whoOf(null, 'sam.sw')).toBeNull();
    expect(whoOf(null, 'Pat Teacher')).toBe('Pat Teacher');
    expect(whoOf(null, 'token:Police system')).toBe('A partner system');
    expect(whoOf(null, null)).toBeNull();
  });
});
