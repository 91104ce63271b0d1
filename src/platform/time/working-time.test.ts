import { describe, expect, it } from 'vitest';
import { mergeBankHolidays } from './bank-holidays.ts';
import { ENGLAND_WALES_BANK_HOLIDAYS } from './bank-holidays-england-wales.ts';
import {
  addWorkingDays,
  addWorkingMinutes,
  createWorkingCalendar,
  ELAPSED_CALENDAR,
  holidayDataCovers,
  isWorkingTime,
  nextWorkingTime,
  workingDaysDueDate,
  workingMinutesBetween,
} from './working-time.ts';

// Examples are written with explicit UTC offsets (+00:00 GMT, +01:00 BST) so they do not lean on the code
// under test to convert local time.
const at = (iso: string) => new Date(iso);
const HOUR = 60;

describe('addWorkingMinutes', () => {
  it('gives an Amber referral received at 16:00 on a Friday until 16:00 the next Wednesday', () => {
    expect(addWorkingMinutes(at('2024-03-22T16:00:00+00:00'), 24 * HOUR)).toEqual(
      at('2024-03-27T16:00:00+00:00'),
    );
  });

  it('starts the clock on Monday morning for a referral received on a Saturday', () => {
    const saturday = at('2024-06-15T11:00:00+01:00');
    expect(addWorkingMinutes(saturday, 4 * HOUR)).toEqual(at('2024-06-17T13:00:00+01:00'));
    expect(addWorkingMinutes(saturday, 24 * HOUR)).toEqual(at('2024-06-19T17:00:00+01:00'));
  });

  it('ends a deadline that uses up a whole day at 17:00 that day, and resumes at 09:00 the next', () => {
    expect(addWorkingMinutes(at('2024-06-18T09:00:00+01:00'), 8 * HOUR)).toEqual(
      at('2024-06-18T17:00:00+01:00'),
    );
    expect(addWorkingMinutes(at('2024-06-18T17:00:00+01:00'), 1)).toEqual(at('2024-06-19T09:01:00+01:00'));
    expect(addWorkingMinutes(at('2024-06-18T16:59:00+01:00'), 2)).toEqual(at('2024-06-19T09:01:00+01:00'));
  });

  it('returns the start itself for zero minutes, in or out of hours', () => {
    const sunday = at('2024-06-16T03:00:00+01:00');
    expect(addWorkingMinutes(sunday, 0)).toEqual(sunday);
  });

  it('skips Christmas and Boxing Day substitute days (2020: Boxing Day on Saturday)', () => {
    // 24 Dec 5h; 25 Dec holiday; weekend; 28 Dec substitute; 29, 30 Dec 16h; 31 Dec 3h.
    expect(addWorkingMinutes(at('2020-12-24T12:00:00+00:00'), 24 * HOUR)).toEqual(
      at('2020-12-31T12:00:00+00:00'),
    );
  });

  it('skips both 2021 Christmas substitutes and the 2022 New Year substitute for a Green referral', () => {
    // 24 Dec 1h; 27, 28 Dec substitutes; 29–31 Dec 24h; 3 Jan substitute; 4–7 Jan 32h; 10 Jan 8h; 11 Jan 7h.
    expect(addWorkingMinutes(at('2021-12-24T16:00:00+00:00'), 72 * HOUR)).toEqual(
      at('2022-01-11T16:00:00+00:00'),
    );
  });

  it('keeps 09:00–17:00 local across the last Sunday of March (clocks go forward)', () => {
    // Friday 28 March 2025 16:00 GMT; Sunday 30 March the clocks change; due Wednesday 16:00 BST.
    const deadline = addWorkingMinutes(at('2025-03-28T16:00:00+00:00'), 24 * HOUR);
    expect(deadline).toEqual(at('2025-04-02T16:00:00+01:00'));
    expect(deadline.toISOString()).toBe('2025-04-02T15:00:00.000Z');
  });

  it('keeps 09:00–17:00 local across the last Sunday of October (clocks go back)', () => {
    const deadline = addWorkingMinutes(at('2024-10-25T16:00:00+01:00'), 24 * HOUR);
    expect(deadline).toEqual(at('2024-10-30T16:00:00+00:00'));
    expect(workingMinutesBetween(at('2024-10-25T16:00:00+01:00'), deadline)).toBe(24 * HOUR);
  });

  it('skips the 2022 Queen’s funeral and the 2023 coronation bank holiday', () => {
    expect(addWorkingMinutes(at('2022-09-16T16:00:00+01:00'), 2 * HOUR)).toEqual(
      at('2022-09-20T10:00:00+01:00'),
    );
    expect(addWorkingMinutes(at('2023-05-05T16:00:00+01:00'), 2 * HOUR)).toEqual(
      at('2023-05-09T10:00:00+01:00'),
    );
  });

  it('skips the 2020 VE day holiday but not the Monday it moved from', () => {
    expect(isWorkingTime(at('2020-05-04T10:00:00+01:00'))).toBe(true);
    expect(isWorkingTime(at('2020-05-08T10:00:00+01:00'))).toBe(false);
  });

  it('refuses negative or non-finite minutes and invalid dates', () => {
    expect(() => addWorkingMinutes(at('2024-06-18T09:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2024-06-18T09:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(new Date('nonsense'), 10)).toThrow(RangeError);
  });
});

describe('isWorkingTime', () => {
  it('treats 09:00 as working time and 17:00 as not (half-open hours)', () => {
    expect(isWorkingTime(at('2024-06-18T08:59:59+01:00'))).toBe(false);
    expect(isWorkingTime(at('2024-06-18T09:00:00+01:00'))).toBe(true);
    expect(isWorkingTime(at('2024-06-18T16:59:59+01:00'))).toBe(true);
    expect(isWorkingTime(at('2024-06-18T17:00:00+01:00'))).toBe(false);
  });

  it('follows local time on both sides of the October change', () => {
    expect(isWorkingTime(at('2024-10-25T08:00:00Z'))).toBe(true); // 09:00 BST
    expect(isWorkingTime(at('2024-10-25T16:00:00Z'))).toBe(false); // 17:00 BST
    expect(isWorkingTime(at('2024-10-28T08:30:00Z'))).toBe(false); // 08:30 GMT
    expect(isWorkingTime(at('2024-10-28T16:30:00Z'))).toBe(true); // 16:30 GMT
  });

  it('is never true on the clock-change Sundays, including the repeated and skipped hours', () => {
    expect(isWorkingTime(at('2024-10-27T00:30:00Z'))).toBe(false); // 01:30 BST
    expect(isWorkingTime(at('2024-10-27T01:30:00Z'))).toBe(false); // 01:30 GMT
    expect(isWorkingTime(at('2025-03-30T01:30:00Z'))).toBe(false); // 02:30 BST
    expect(workingMinutesBetween(at('2025-03-30T00:00:00Z'), at('2025-03-31T00:00:00Z'))).toBe(0);
  });

  it('is always true in the 24/7 calendar', () => {
    expect(isWorkingTime(at('2025-03-30T01:30:00Z'), ELAPSED_CALENDAR)).toBe(true);
    expect(addWorkingMinutes(at('2025-03-29T23:00:00Z'), 4 * HOUR, ELAPSED_CALENDAR)).toEqual(
      at('2025-03-30T03:00:00Z'),
    );
  });
});

describe('workingMinutesBetween', () => {
  it('counts working minutes across Easter and the March change, and is signed', () => {
    const from = at('2024-03-22T16:00:00+00:00');
    const to = at('2024-04-05T17:00:00+01:00');
    // Fri 1h; 25–28 Mar 32h; Good Friday and Easter Monday; 2–4 Apr 24h; 5 Apr 8h.
    expect(workingMinutesBetween(from, to)).toBe(65 * HOUR);
    expect(workingMinutesBetween(to, from)).toBe(-65 * HOUR);
    expect(workingMinutesBetween(from, from)).toBe(0);
  });
});

describe('addWorkingDays', () => {
  const cases: [string, string, string][] = [
    ['in hours: same local time next working day', '2024-06-18T10:30:00+01:00', '2024-06-19T10:30:00+01:00'],
    ['Friday in hours: Monday', '2024-06-14T16:00:00+01:00', '2024-06-17T16:00:00+01:00'],
    ['exactly at opening', '2024-06-18T09:00:00+01:00', '2024-06-19T09:00:00+01:00'],
    ['evening: end of next working day', '2024-06-18T18:00:00+01:00', '2024-06-19T17:00:00+01:00'],
    ['exactly at closing counts as out of hours', '2024-06-18T17:00:00+01:00', '2024-06-19T17:00:00+01:00'],
    ['early morning: end of that same day', '2024-06-18T08:00:00+01:00', '2024-06-18T17:00:00+01:00'],
    ['Saturday: end of Monday', '2024-06-15T11:00:00+01:00', '2024-06-17T17:00:00+01:00'],
    [
      'Christmas Eve 2020: past Christmas and the Boxing Day substitute',
      '2020-12-24T10:00:00Z',
      '2020-12-29T10:00:00Z',
    ],
    ['Friday before the October change', '2024-10-25T15:00:00+01:00', '2024-10-28T15:00:00+00:00'],
    ['Friday before the March change', '2025-03-28T11:15:00+00:00', '2025-03-31T11:15:00+01:00'],
  ];
  it.each(cases)('%s', (_label, start, expected) => {
    expect(addWorkingDays(at(start), 1)).toEqual(at(expected));
  });

  it('spans several working days at the same local time', () => {
    expect(addWorkingDays(at('2024-06-18T10:30:00+01:00'), 5)).toEqual(at('2024-06-25T10:30:00+01:00'));
  });
});

describe('workingDaysDueDate (date-level statutory timescales)', () => {
  it('counts working days after the start date, skipping weekends and bank holidays', () => {
    expect(workingDaysDueDate(at('2024-06-18T23:30:00+01:00'), 1)).toBe('2024-06-19');
    expect(workingDaysDueDate(at('2024-06-15T11:00:00+01:00'), 1)).toBe('2024-06-17');
    expect(workingDaysDueDate(at('2020-12-23T10:00:00Z'), 2)).toBe('2020-12-29');
  });
});

describe('configurable calendars', () => {
  it('uses partnership hours and weekdays', () => {
    const calendar = createWorkingCalendar({
      hours: { start: '08:00', end: '18:00' },
      workingWeekdays: [1, 2, 3, 4, 5, 6],
    });
    expect(isWorkingTime(at('2024-06-15T17:30:00+01:00'), calendar)).toBe(true);
    expect(addWorkingMinutes(at('2024-06-14T17:00:00+01:00'), 2 * HOUR, calendar)).toEqual(
      at('2024-06-15T09:00:00+01:00'),
    );
  });

  it('counts a partnership closure day as non-working', () => {
    const calendar = createWorkingCalendar({
      bankHolidays: mergeBankHolidays(ENGLAND_WALES_BANK_HOLIDAYS, [{ date: '2025-12-29', name: 'Closure' }]),
    });
    expect(nextWorkingTime(at('2025-12-24T17:00:00Z'), calendar)).toEqual(at('2025-12-30T09:00:00Z'));
    expect(nextWorkingTime(at('2025-12-24T17:00:00Z'))).toEqual(at('2025-12-29T09:00:00Z'));
  });

  it('refuses impossible hours and weekdays', () => {
    expect(() => createWorkingCalendar({ hours: { start: '17:00', end: '09:00' } })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ hours: { start: '9am', end: '17:00' } })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ workingWeekdays: [] })).toThrow(RangeError);
  });

  it('says when a date lies outside the shipped holiday data', () => {
    expect(holidayDataCovers(at('2030-12-31T12:00:00Z'))).toBe(true);
    expect(holidayDataCovers(at('2031-01-02T12:00:00Z'))).toBe(false);
  });
});
