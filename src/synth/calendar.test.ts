import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  ageOn,
  dayNumber,
  isoDate,
  isWorkingDay,
  periodEnding,
  ukLocalToUtcMs,
  utcMsToUkLocal,
} from './calendar.ts';

describe('calendar', () => {
  it('takes six whole months ending on the period end', () => {
    expect(periodEnding('2026-09-30', 6)).toMatchObject({ start: '2026-04-01', end: '2026-09-30' });
    expect(periodEnding('2026-03-31', 12).start).toBe('2025-04-01');
  });

  it('skips weekends and bank holidays', () => {
    expect(isWorkingDay(dayNumber('2026-04-03'))).toBe(false); // Good Friday
    expect(isWorkingDay(dayNumber('2026-04-04'))).toBe(false); // Saturday
    expect(isWorkingDay(dayNumber('2026-04-07'))).toBe(true);
    expect(isoDate(addWorkingDays(dayNumber('2026-04-02'), 1))).toBe('2026-04-07');
  });

  it('converts UK local time to UTC across summer time', () => {
    expect(new Date(ukLocalToUtcMs(dayNumber('2026-01-15'), 9 * 60)).toISOString()).toBe(
      '2026-01-15T09:00:00.000Z',
    );
    expect(new Date(ukLocalToUtcMs(dayNumber('2026-07-15'), 9 * 60)).toISOString()).toBe(
      '2026-07-15T08:00:00.000Z',
    );
    expect(utcMsToUkLocal(Date.parse('2026-07-15T23:30:00Z'))).toEqual({
      day: dayNumber('2026-07-16'),
      minuteOfDay: 30,
    });
  });

  it('counts age in whole years', () => {
    expect(ageOn('2012-06-17', dayNumber('2026-06-16'))).toBe(13);
    expect(ageOn('2012-06-17', dayNumber('2026-06-17'))).toBe(14);
  });
});
