/**
 * Calendar arithmetic for the generator. Dates are handled as whole day numbers (days since 1970-01-01)
 * so that adding days is integer arithmetic; instants are ISO strings in UTC, converted from UK local
 * time because working hours, evenings and weekends are local.
 */

import { ENGLAND_WALES_BANK_HOLIDAYS } from '../platform/time/bank-holidays-england-wales.ts';

const DAY_MS = 86_400_000;

/**
 * England and Wales bank holidays (ISO dates): the platform’s one list (GOV.UK, 2018–2030). Within the
 * periods the generator is used for (2024–2027) it holds exactly the days the generator always used, so the
 * generated population is unchanged.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = ENGLAND_WALES_BANK_HOLIDAYS.map(
  (h) => h.date,
);

const BANK_HOLIDAY_DAYS = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((d) => dayNumber(d)));

export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day of the month `months` later (or earlier), clamped to the month's last day. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() / DAY_MS;
}

export function addYears(day: number, years: number): number {
  return addMonths(day, years * 12);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !BANK_HOLIDAY_DAYS.has(day);
}

/** The n-th working day after `day` (n = 0 gives `day` itself if it is a working day, else the next). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  for (let i = 0; i < n; i++) {
    d++;
    while (!isWorkingDay(d)) d++;
  }
  return d;
}

/** Last Sunday of a month, as a day number. */
function lastSunday(year: number, monthIndex: number): number {
  const last = Date.UTC(year, monthIndex + 1, 0) / DAY_MS;
  return last - weekday(last);
}

/** UK summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function isBritishSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  const start = lastSunday(year, 2) * DAY_MS + 3_600_000;
  const end = lastSunday(year, 9) * DAY_MS + 3_600_000;
  return utcMs >= start && utcMs < end;
}

/** A UK local wall-clock time on a day, as milliseconds since the epoch (UTC). */
export function ukLocalToUtcMs(day: number, minuteOfDay: number): number {
  const asIfUtc = day * DAY_MS + minuteOfDay * 60_000;
  return isBritishSummerTime(asIfUtc - 3_600_000) ? asIfUtc - 3_600_000 : asIfUtc;
}

/** The UK local day and minute of an instant. */
export function utcMsToUkLocal(utcMs: number): { day: number; minuteOfDay: number } {
  const local = utcMs + (isBritishSummerTime(utcMs) ? 3_600_000 : 0);
  const day = Math.floor(local / DAY_MS);
  return { day, minuteOfDay: Math.floor((local - day * DAY_MS) / 60_000) };
}

export function isoInstant(utcMs: number): string {
  return new Date(utcMs).toISOString();
}

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export { DAY_MS };

/** Whole years between a date of birth and a day (the age a practitioner would record). */
export function ageOn(dob: string, day: number): number {
  const birth = new Date(dayNumber(dob) * DAY_MS);
  const on = new Date(day * DAY_MS);
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < birth.getUTCMonth() ||
    (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}

export interface Period {
  /** First day, inclusive. */
  readonly startDay: number;
  /** Last day, inclusive. */
  readonly endDay: number;
  readonly start: string;
  readonly end: string;
}

/** `months` whole months ending on periodEnd: 2026-09-30 and 6 months give 2026-04-01 .. 2026-09-30. */
export function periodEnding(periodEnd: string, months: number): Period {
  const endDay = dayNumber(periodEnd);
  const startDay = addMonths(endDay + 1, -months);
  return { startDay, endDay, start: isoDate(startDay), end: periodEnd };
}

/** First instant of the period and the first instant after it, both in UK local time. */
export function periodBoundsMs(period: Period): { fromMs: number; toMs: number } {
  return { fromMs: ukLocalToUtcMs(period.startDay, 0), toMs: ukLocalToUtcMs(period.endDay + 1, 0) };
}
