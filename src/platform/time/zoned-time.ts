/**
 * Wall-clock conversions for one IANA time zone using only the built-in Intl API (no date library).
 * Instants are UTC `Date`s; people's timescales (working hours, "90 days", review dates) are local.
 *
 * Local times that do not exist (the hour skipped when clocks go forward) and local times that happen twice
 * (the hour repeated when clocks go back) are resolved like Temporal's 'compatible' disambiguation:
 * a skipped time moves forward by the length of the gap; a repeated time takes the earlier instant.
 */

export const LONDON = 'Europe/London';

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** A calendar date with no time zone; month is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A local date plus the milliseconds since local midnight shown on the wall clock. */
export interface LocalDateTime extends LocalDate {
  msOfDay: number;
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Expected a valid Date instant');
  }
}

/** The wall-clock reading, to the whole second, as if it were UTC (so that Date.UTC arithmetic applies). */
function wallClockAsUtcMs(wholeSecondMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSecondMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields['year']!,
    fields['month']! - 1,
    fields['day']!,
    fields['hour']!,
    fields['minute']!,
    fields['second']!,
  );
}

function offsetAt(wholeSecondMs: number, timeZone: string): number {
  return wallClockAsUtcMs(wholeSecondMs, timeZone) - wholeSecondMs;
}

/**
 * Offsets by zone and UTC hour, for hours with one offset throughout (its first and last second agree):
 * formatToParts is slow (a loaded demo and every page of dates ask for hundreds of thousands), and an offset
 * changes a few times a year. An hour holding a change is never kept, so every answer is exact.
 */
const steadyHours = new Map<string, Map<number, number>>();
const MAX_KEPT_HOURS = 200_000;

/** Local time minus UTC, in milliseconds, at the given instant (3 600 000 during BST in London). */
function utcOffsetMs(instantMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  const hour = Math.floor(wholeSecondMs / MS_PER_HOUR);
  let hours = steadyHours.get(timeZone);
  const kept = hours?.get(hour);
  if (kept !== undefined) return kept;
  const offset = offsetAt(wholeSecondMs, timeZone);
  const first = offsetAt(hour * MS_PER_HOUR, timeZone);
  const last = offsetAt((hour + 1) * MS_PER_HOUR - 1000, timeZone);
  if (first === offset && last === offset) {
    if (!hours || hours.size >= MAX_KEPT_HOURS) {
      hours = new Map();
      steadyHours.set(timeZone, hours);
    }
    hours.set(hour, offset);
  }
  return offset;
}

export function toLocalDateTime(instant: Date, timeZone: string = LONDON): LocalDateTime {
  assertValidInstant(instant);
  const wallMs = instant.getTime() + utcOffsetMs(instant.getTime(), timeZone);
  const wall = new Date(wallMs);
  const midnightMs = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    msOfDay: wallMs - midnightMs,
  };
}

export function toLocalDate(instant: Date, timeZone: string = LONDON): LocalDate {
  const { year, month, day } = toLocalDateTime(instant, timeZone);
  return { year, month, day };
}

/**
 * The instant at which the wall clock in `timeZone` reads `msOfDay` after midnight on `date`.
 * `msOfDay` may be 24:00 (the next midnight). Offsets are sampled a day either side, which is safe for zones
 * whose transitions are more than two days apart (all of the UK's are).
 */
export function fromLocalDateTime(date: LocalDate, msOfDay: number, timeZone: string = LONDON): Date {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day) + msOfDay;
  const offsetBefore = utcOffsetMs(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = utcOffsetMs(wallMs + MS_PER_DAY, timeZone);
  const consistent = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset)
    .filter((candidate) => utcOffsetMs(candidate, timeZone) === wallMs - candidate);
  if (consistent.length > 0) return new Date(Math.min(...consistent));
  return new Date(wallMs - offsetBefore);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Adds calendar months, clamping to the last day of a shorter month (30 November + 3 months = 28/29 February). */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const firstOfTarget = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  const year = firstOfTarget.getUTCFullYear();
  const month = firstOfTarget.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  const sundayZero = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses 'YYYY-MM-DD', rejecting dates that do not exist (e.g. 2023-02-29). */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return formatLocalDate(addLocalDays(date, 0)) === text ? date : null;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The same wall-clock time `days` local days later (or earlier, if negative). */
export function shiftLocalDays(instant: Date, days: number, timeZone: string = LONDON): Date {
  const local = toLocalDateTime(instant, timeZone);
  return fromLocalDateTime(addLocalDays(local, days), local.msOfDay, timeZone);
}
