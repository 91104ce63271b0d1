/**
 * The MASH working-time clock. Instants are UTC `Date`s; working hours are local wall-clock hours in the
 * calendar's time zone, so 09:00–17:00 stays 09:00–17:00 on both sides of a BST/GMT change.
 *
 * Rules, in one place:
 * - Working windows are half-open, [start, end): 09:00 is working time, 17:00 is not.
 * - `addWorkingMinutes` answers the EARLIEST instant by which that many working minutes have passed, so a
 *   deadline that uses up a whole day is 17:00 that day, never 09:00 the next working day. A deadline of one
 *   or more minutes therefore lies inside a window or exactly at a window's end.
 * - `workingMinutesBetween` is signed (negative when b is before a), which gives "minutes left" for free.
 * - Working minutes are real elapsed minutes inside the windows: if a partnership configures hours that span
 *   the 01:00 clock change, that day's window is an hour shorter or longer, as it was for the people working.
 * - An ELAPSED calendar is the 24/7 mode: every minute counts (used for timescales set in hours, not
 *   working hours, and for partnerships that run a RAG clock around the clock).
 */
import { type BankHoliday, bankHolidayDates } from './bank-holidays.ts';
import {
  ENGLAND_WALES_BANK_HOLIDAYS,
  ENGLAND_WALES_BANK_HOLIDAYS_FIRST_YEAR,
  ENGLAND_WALES_BANK_HOLIDAYS_LAST_YEAR,
} from './bank-holidays-england-wales.ts';
import {
  addLocalDays,
  formatLocalDate,
  fromLocalDateTime,
  type IsoWeekday,
  isoWeekday,
  LONDON,
  type LocalDate,
  MS_PER_DAY,
  MS_PER_HOUR,
  parseLocalDate,
  shiftLocalDays,
  toLocalDate,
  toLocalDateTime,
} from './zoned-time.ts';

const MS_PER_MINUTE = 60_000;
/** No calendar has gone this long without a working day; stops a loop if a configuration somehow did. */
const MAX_DAYS_WITHOUT_WORK = 366;

export interface OfficeHoursCalendar {
  kind: 'OFFICE_HOURS';
  timeZone: string;
  workingWeekdays: ReadonlySet<IsoWeekday>;
  dayStartMs: number;
  dayEndMs: number;
  holidays: ReadonlySet<string>;
  /** Years the holiday data is known to cover: outside them a closed day may be counted as working time. */
  holidayYears: { first: number; last: number } | null;
}

export interface ElapsedCalendar {
  kind: 'ELAPSED';
  timeZone: string;
}

export type WorkingCalendar = OfficeHoursCalendar | ElapsedCalendar;

export interface WorkingCalendarOptions {
  timeZone?: string;
  /** ISO weekdays, 1 = Monday. Default Monday to Friday. */
  workingWeekdays?: readonly IsoWeekday[];
  /** Local wall-clock 'HH:MM'; end may be '24:00'. Default 09:00–17:00. */
  hours?: { start: string; end: string };
  /** Default: England and Wales bank holidays. Pass a merged list to add partnership closure days. */
  bankHolidays?: readonly BankHoliday[];
  holidayYears?: { first: number; last: number } | null;
}

function parseClock(text: string, label: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours * 60 + minutes > 24 * 60) {
    throw new RangeError(`Working hours ${label} "${text}" must be HH:MM between 00:00 and 24:00`);
  }
  return (hours * 60 + minutes) * MS_PER_MINUTE;
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): OfficeHoursCalendar {
  const dayStartMs = parseClock(options.hours?.start ?? '09:00', 'start');
  const dayEndMs = parseClock(options.hours?.end ?? '17:00', 'end');
  if (dayStartMs >= dayEndMs) throw new RangeError('Working hours must start before they end');
  const weekdays = options.workingWeekdays ?? [1, 2, 3, 4, 5];
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError('Working weekdays must be a non-empty list of ISO weekdays 1–7');
  }
  const timeZone = options.timeZone ?? LONDON;
  // Fails fast on an unknown zone name rather than at the first deadline.
  new Intl.DateTimeFormat('en-GB', { timeZone });
  const usesShippedHolidays = options.bankHolidays === undefined;
  return {
    kind: 'OFFICE_HOURS',
    timeZone,
    workingWeekdays: new Set(weekdays),
    dayStartMs,
    dayEndMs,
    holidays: bankHolidayDates(options.bankHolidays ?? ENGLAND_WALES_BANK_HOLIDAYS),
    holidayYears:
      options.holidayYears !== undefined
        ? options.holidayYears
        : usesShippedHolidays
          ? { first: ENGLAND_WALES_BANK_HOLIDAYS_FIRST_YEAR, last: ENGLAND_WALES_BANK_HOLIDAYS_LAST_YEAR }
          : null,
  };
}

export const DEFAULT_WORKING_CALENDAR: OfficeHoursCalendar = createWorkingCalendar();
export const ELAPSED_CALENDAR: ElapsedCalendar = { kind: 'ELAPSED', timeZone: LONDON };

export function isWorkingDate(
  date: LocalDate,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): boolean {
  if (calendar.kind === 'ELAPSED') return true;
  return calendar.workingWeekdays.has(isoWeekday(date)) && !calendar.holidays.has(formatLocalDate(date));
}

interface Window {
  startMs: number;
  endMs: number;
}

/**
 * Windows are memoised per calendar and day: each costs several Intl calls, and reports sum working minutes
 * over years of referrals. The cache is bounded by the number of distinct days asked about and is reset past
 * a ceiling so that a long-running process cannot grow it without limit.
 */
const WINDOW_CACHE_LIMIT = 50_000;
const windowCache = new WeakMap<OfficeHoursCalendar, Map<string, Window | null>>();

function windowOn(date: LocalDate, calendar: OfficeHoursCalendar): Window | null {
  let cache = windowCache.get(calendar);
  if (!cache || cache.size > WINDOW_CACHE_LIMIT) {
    cache = new Map();
    windowCache.set(calendar, cache);
  }
  const key = formatLocalDate(date);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const window = isWorkingDate(date, calendar)
    ? {
        startMs: fromLocalDateTime(date, calendar.dayStartMs, calendar.timeZone).getTime(),
        endMs: fromLocalDateTime(date, calendar.dayEndMs, calendar.timeZone).getTime(),
      }
    : null;
  cache.set(key, window);
  return window;
}

/** Working windows that end after `fromMs`, in order, starting with the local day containing `fromMs`. */
function* windowsFrom(fromMs: number, calendar: OfficeHoursCalendar): Generator<Window> {
  let date = toLocalDate(new Date(fromMs), calendar.timeZone);
  let daysWithoutWork = 0;
  for (;;) {
    const window = windowOn(date, calendar);
    if (window && window.endMs > fromMs) {
      daysWithoutWork = 0;
      yield window;
    } else if (++daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError('The working calendar has no working day in a whole year');
    }
    date = addLocalDays(date, 1);
  }
}

function assertInstant(value: Date, label: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new RangeError(`${label} must be a valid Date`);
}

function assertNonNegative(value: number, label: string, integer: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${label} must be a non-negative ${integer ? 'whole number' : 'number'}`);
  }
}

export function isWorkingTime(t: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  assertInstant(t, 'Time');
  if (calendar.kind === 'ELAPSED') return true;
  const window = windowOn(toLocalDate(t, calendar.timeZone), calendar);
  return window !== null && window.startMs <= t.getTime() && t.getTime() < window.endMs;
}

/** The earliest instant at or after `t` that is working time (`t` itself when it already is). */
export function nextWorkingTime(t: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  assertInstant(t, 'Time');
  if (calendar.kind === 'ELAPSED') return t;
  const first = windowsFrom(t.getTime(), calendar).next().value as Window;
  return new Date(Math.max(first.startMs, t.getTime()));
}

/** The earliest instant by which `minutes` working minutes have passed since `start`. */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Date {
  assertInstant(start, 'Start');
  assertNonNegative(minutes, 'Working minutes', false);
  let remainingMs = minutes * MS_PER_MINUTE;
  if (calendar.kind === 'ELAPSED' || remainingMs === 0) return new Date(start.getTime() + remainingMs);
  for (const window of windowsFrom(start.getTime(), calendar)) {
    const from = Math.max(window.startMs, start.getTime());
    const available = window.endMs - from;
    if (remainingMs <= available) return new Date(from + remainingMs);
    remainingMs -= available;
  }
  throw new Error('unreachable: windowsFrom never ends');
}

/** Working minutes from `a` to `b`; negative when `b` is before `a`. Fractional when instants carry seconds. */
export function workingMinutesBetween(
  a: Date,
  b: Date,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): number {
  assertInstant(a, 'From');
  assertInstant(b, 'To');
  // 0 - x, not -x: a zero span read backwards is 0, never -0.
  if (b.getTime() < a.getTime()) return 0 - workingMinutesBetween(b, a, calendar);
  if (calendar.kind === 'ELAPSED') return (b.getTime() - a.getTime()) / MS_PER_MINUTE;
  let totalMs = 0;
  for (const window of windowsFrom(a.getTime(), calendar)) {
    if (window.startMs >= b.getTime()) break;
    totalMs += Math.min(window.endMs, b.getTime()) - Math.max(window.startMs, a.getTime());
  }
  return totalMs / MS_PER_MINUTE;
}

/**
 * Adds whole working days, the way a person reads "within N working days" of an instant:
 * - received during working hours: the same local time on the Nth following working day
 *   (Tuesday 10:30 + 1 = Wednesday 10:30; Friday 16:00 + 1 = Monday 16:00);
 * - received outside working hours (evening, weekend, bank holiday, or exactly at closing time): the clock
 *   starts at the next opening, and the deadline is the END of the Nth working day counting that one
 *   (Tuesday 18:00 + 1 = Wednesday 17:00; Saturday + 1 = Monday 17:00; Tuesday 08:00 + 1 = Tuesday 17:00).
 * Either way exactly N working days of working minutes are allowed; the only difference from
 * `addWorkingMinutes(start, N × day length)` is that a start at 09:00 sharp ends at 09:00, not 17:00 the day
 * before. In the ELAPSED (24/7) calendar it is the same wall-clock time N local days later.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Date {
  assertInstant(start, 'Start');
  assertNonNegative(days, 'Working days', true);
  if (days === 0) return start;
  if (calendar.kind === 'ELAPSED') return shiftLocalDays(start, days, calendar.timeZone);
  const local = toLocalDateTime(start, calendar.timeZone);
  if (isWorkingTime(start, calendar)) {
    return fromLocalDateTime(nthWorkingDateAfter(local, days, calendar), local.msOfDay, calendar.timeZone);
  }
  const firstWindow = windowsFrom(start.getTime(), calendar).next().value as Window;
  const firstDate = toLocalDate(new Date(firstWindow.startMs), calendar.timeZone);
  const lastDate = nthWorkingDateAfter(firstDate, days - 1, calendar);
  return fromLocalDateTime(lastDate, calendar.dayEndMs, calendar.timeZone);
}

/** The Nth working date after `date` (`date` itself is never counted); `date` when n is 0. */
export function nthWorkingDateAfter(
  date: LocalDate,
  n: number,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): LocalDate {
  assertNonNegative(n, 'Working days', true);
  let current = date;
  let daysWithoutWork = 0;
  for (let counted = 0; counted < n; ) {
    current = addLocalDays(current, 1);
    if (isWorkingDate(current, calendar)) {
      counted++;
      daysWithoutWork = 0;
    } else if (++daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError('The working calendar has no working day in a whole year');
    }
  }
  return current;
}

/**
 * Day-granular statutory timescales ("within 45 working days of referral"): the local date of the Nth working
 * day after the local date of `start`, as 'YYYY-MM-DD'. Whatever the time of day, the whole due date counts.
 */
export function workingDaysDueDate(
  start: Date,
  days: number,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): string {
  assertInstant(start, 'Start');
  return formatLocalDate(nthWorkingDateAfter(toLocalDate(start, calendar.timeZone), days, calendar));
}

/** True when `done` fell on or before the local due date 'YYYY-MM-DD'. */
export function isOnOrBeforeDueDate(
  done: Date,
  dueDate: string,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): boolean {
  assertInstant(done, 'Done');
  if (parseLocalDate(dueDate) === null) throw new RangeError(`Due date "${dueDate}" must be YYYY-MM-DD`);
  return formatLocalDate(toLocalDate(done, calendar.timeZone)) <= dueDate;
}

/**
 * False when `t` lies in a year the calendar's holiday data does not cover, so a service can warn that a
 * deadline may have counted an unlisted bank holiday as working time.
 */
export function holidayDataCovers(t: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  if (calendar.kind === 'ELAPSED' || calendar.holidayYears === null) return true;
  const { year } = toLocalDate(t, calendar.timeZone);
  return year >= calendar.holidayYears.first && year <= calendar.holidayYears.last;
}

/** Adds elapsed hours (real time, DST-proof): for timescales set in clock hours such as s46's 72 hours. */
export function addElapsedHours(start: Date, hours: number): Date {
  assertInstant(start, 'Start');
  assertNonNegative(hours, 'Hours', false);
  return new Date(start.getTime() + hours * MS_PER_HOUR);
}

/** The length of one working day in minutes, for converting a days-based target to working minutes. */
export function workingDayLengthMinutes(calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): number {
  if (calendar.kind === 'ELAPSED') return MS_PER_DAY / MS_PER_MINUTE;
  return (calendar.dayEndMs - calendar.dayStartMs) / MS_PER_MINUTE;
}
