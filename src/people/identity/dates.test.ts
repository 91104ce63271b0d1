import { describe, expect, it } from 'vitest';
import { makeDate, parseCalendarDate, parseDateOfBirth, plausibleDateOfBirth } from './dates.ts';
import { prepareRecord } from './prepare.ts';
import type { ValueIssue } from './record.ts';

describe('calendar dates', () => {
  it('accepts any real date, years before 1900 included, in either written form', () => {
    expect(parseCalendarDate('1712-03-04')).toMatchObject({
      iso: '1712-03-04',
      year: 1712,
      month: 3,
      day: 4,
    });
    expect(parseCalendarDate('04/03/1712')?.iso).toBe('1712-03-04');
    expect(parseCalendarDate('1650-01-01')?.iso).toBe('1650-01-01');
    // 1700 was not a leap year; 1600 was.
    expect(parseCalendarDate('29/02/1700')).toBeNull();
    expect(parseCalendarDate('1600-02-29')?.iso).toBe('1600-02-29');
    // Two-digit-looking years are not read as the 1900s.
    expect(makeDate(19, 5, 1)?.iso).toBe('0019-05-01');
  });

  it('counts days before 1970 as negative, a day apart for consecutive days', () => {
    const a = parseCalendarDate('1799-12-31')!;
    const b = parseCalendarDate('1800-01-01')!;
    expect(a.days).toBeLessThan(0);
    expect(b.days - a.days).toBe(1);
  });

  it('refuses what is not a date', () => {
    for (const text of ['31/02/2010', '2010-13-01', 'not a date', '', '1712-3', '00/01/1800']) {
      expect(parseCalendarDate(text)).toBeNull();
    }
  });

  it('keeps the registry’s plausibility range apart from parsing', () => {
    const old = parseCalendarDate('1712-03-04')!;
    expect(plausibleDateOfBirth(old)).toBe(false);
    expect(plausibleDateOfBirth(old, { earliestYear: 1600, latestYear: 2100 })).toBe(true);
    expect(parseDateOfBirth('1712-03-04')).toBeNull();
    expect(parseDateOfBirth('2012-03-04')?.iso).toBe('2012-03-04');
  });
});

describe('prepareRecord and dates of birth', () => {
  it('reports an impossible date as invalid and a real 1712 date as implausible for the registry', () => {
    const issues: ValueIssue[] = [];
    expect(prepareRecord({ id: 'a', dob: '31/02/2010' }, issues).dob).toBeNull();
    expect(prepareRecord({ id: 'b', dob: '1712-03-04' }, issues).dob).toBeNull();
    expect(issues).toEqual([
      {
        field: 'dob',
        value: '31/02/2010',
        reason: expect.stringMatching(/not a valid date/),
        kind: 'invalid',
      },
      {
        field: 'dob',
        value: '1712-03-04',
        reason: expect.stringMatching(/implausible date of birth/),
        kind: 'implausible',
      },
    ]);
  });

  it('keeps every real date when no range is asked for (generic linkage)', () => {
    const issues: ValueIssue[] = [];
    const record = prepareRecord({ id: 'a', dob: '04/03/1712' }, issues, { dateOfBirthRange: null });
    expect(record).toMatchObject({ dob: '1712-03-04', dobYear: 1712, dobMonth: 3, dobDay: 4 });
    expect(issues).toEqual([]);
  });
});
