import { describe, expect, it } from 'vitest';
import { ukClock, ukDate, ukDateTime } from './display.ts';

describe('GOV.UK dates and times, UK time', () => {
  it('shows a winter (GMT) time as on the UK clock', () => {
    expect(ukDateTime(new Date('2026-12-04T14:05:00Z'))).toBe('4 December 2026 at 2:05pm');
    expect(ukDateTime('2026-01-09T09:30:00Z')).toBe('9 January 2026 at 9:30am');
  });

  it('shows a summer (BST) time an hour ahead of UTC, on the UK date', () => {
    expect(ukDateTime(new Date('2025-05-14T13:30:00Z'))).toBe('14 May 2025 at 2:30pm');
    expect(ukDateTime(new Date('2025-07-01T23:30:00Z'))).toBe('2 July 2025 at 12:30am');
    expect(ukDate(new Date('2025-07-01T23:30:00Z'))).toBe('2 July 2025');
  });

  it('says midnight and midday', () => {
    expect(ukDateTime(new Date('2026-12-04T00:00:00Z'))).toBe('4 December 2026 at midnight');
    expect(ukDateTime(new Date('2026-06-04T11:00:00Z'))).toBe('4 June 2026 at midday');
    expect(ukClock(12, 1)).toBe('12:01pm');
    expect(ukClock(0, 5)).toBe('12:05am');
  });

  it('shows a calendar date (a date of birth) as it is', () => {
    expect(ukDate('2011-03-05')).toBe('5 March 2011');
    expect(ukDate('2011-10-30')).toBe('30 October 2011');
  });

  it('shows nothing for nothing or nonsense', () => {
    expect(ukDateTime(null)).toBe('');
    expect(ukDateTime('not a date')).toBe('');
    expect(ukDate(undefined)).toBe('');
    expect(ukDate('')).toBe('');
  });
});
