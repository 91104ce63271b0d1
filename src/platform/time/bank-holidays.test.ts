import { describe, expect, it } from 'vitest';
import { bankHolidayDates, mergeBankHolidays } from './bank-holidays.ts';
import {
  ENGLAND_WALES_BANK_HOLIDAYS,
  ENGLAND_WALES_BANK_HOLIDAYS_FIRST_YEAR,
  ENGLAND_WALES_BANK_HOLIDAYS_LAST_YEAR,
} from './bank-holidays-england-wales.ts';
import { addLocalDays, formatLocalDate, isoWeekday, type LocalDate, parseLocalDate } from './zoned-time.ts';

/** Western Easter Sunday (anonymous Gregorian algorithm), to cross-check the hand-entered list. */
function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

function firstMonday(year: number, month: number): LocalDate {
  let date = { year, month, day: 1 };
  while (isoWeekday(date) !== 1) date = addLocalDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): LocalDate {
  let date = addLocalDays({ year, month: month + 1, day: 1 }, -1);
  while (isoWeekday(date) !== 1) date = addLocalDays(date, -1);
  return date;
}

/** Moves a weekend date to the next weekday not already taken (the substitute-day rule). */
function substitute(date: LocalDate, taken: Set<string>): string {
  let current = date;
  while (isoWeekday(current) >= 6 || taken.has(formatLocalDate(current))) current = addLocalDays(current, 1);
  taken.add(formatLocalDate(current));
  return formatLocalDate(current);
}

function standingRules(year: number): string[] {
  const taken = new Set<string>();
  const easter = easterSunday(year);
  const fixed = [
    substitute({ year, month: 1, day: 1 }, taken),
    formatLocalDate(addLocalDays(easter, -2)),
    formatLocalDate(addLocalDays(easter, 1)),
    formatLocalDate(firstMonday(year, 5)),
    formatLocalDate(lastMonday(year, 5)),
    formatLocalDate(lastMonday(year, 8)),
  ];
  const christmas = substitute({ year, month: 12, day: 25 }, taken);
  const boxingDay = substitute({ year, month: 12, day: 26 }, taken);
  return [...fixed, christmas, boxingDay].sort();
}

function listedFor(year: number): string[] {
  return ENGLAND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
}

describe('England and Wales bank holidays', () => {
  it('are valid weekdays, unique and in date order', () => {
    const dates = ENGLAND_WALES_BANK_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const date of dates) {
      const parsed = parseLocalDate(date);
      expect(parsed, date).not.toBeNull();
      expect(isoWeekday(parsed!), date).toBeLessThanOrEqual(5);
    }
  });

  it('follow the standing rules in every ordinary year from 2018 to 2030', () => {
    for (
      let year = ENGLAND_WALES_BANK_HOLIDAYS_FIRST_YEAR;
      year <= ENGLAND_WALES_BANK_HOLIDAYS_LAST_YEAR;
      year++
    ) {
      if (year === 2020 || year === 2022 || year === 2023) continue;
      expect(listedFor(year), String(year)).toEqual(standingRules(year));
    }
  });

  it('include the one-off changes of 2020, 2022 and 2023', () => {
    expect(listedFor(2020)).toContain('2020-05-08');
    expect(listedFor(2020)).not.toContain('2020-05-04');
    expect(listedFor(2022)).toEqual(
      expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19', '2022-12-26', '2022-12-27']),
    );
    expect(listedFor(2022)).not.toContain('2022-05-30');
    expect(listedFor(2022)).toHaveLength(10);
    expect(listedFor(2023)).toContain('2023-05-08');
    expect(listedFor(2023)).toHaveLength(9);
  });

  it('have substitute days when Christmas and Boxing Day fall at a weekend', () => {
    expect(listedFor(2021).slice(-2)).toEqual(['2021-12-27', '2021-12-28']);
    expect(listedFor(2020).slice(-2)).toEqual(['2020-12-25', '2020-12-28']);
    expect(listedFor(2022)[0]).toBe('2022-01-03');
  });
});

describe('mergeBankHolidays', () => {
  it('adds a partnership closure day in date order and keeps the shipped name on a clash', () => {
    const merged = mergeBankHolidays(ENGLAND_WALES_BANK_HOLIDAYS, [
      { date: '2025-12-29', name: 'Council closure day' },
      { date: '2025-12-25', name: 'Renamed' },
    ]);
    expect(merged).toHaveLength(ENGLAND_WALES_BANK_HOLIDAYS.length + 1);
    const december = merged.filter((h) => h.date.startsWith('2025-12'));
    expect(december).toEqual([
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'Boxing Day' },
      { date: '2025-12-29', name: 'Council closure day' },
    ]);
    expect(bankHolidayDates(merged).has('2025-12-29')).toBe(true);
  });

  it('refuses a date that does not exist or is not ISO formatted', () => {
    expect(() => mergeBankHolidays([], [{ date: '2025-02-29', name: 'Typo' }])).toThrow(RangeError);
    expect(() => mergeBankHolidays([], [{ date: '29/12/2025', name: 'Typo' }])).toThrow(RangeError);
    expect(() => mergeBankHolidays([], [{ date: '2025-12-29', name: ' ' }])).toThrow(RangeError);
  });
});
