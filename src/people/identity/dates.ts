/**
 * Dates of birth as people write them: ISO `YYYY-MM-DD` or day-first `DD/MM/YYYY`. Parsing accepts
 * any real calendar date (a parish register's 1712 birth is as much a date as a child's 2015 one);
 * whether a date is plausible for a living person is a separate question the registry asks.
 */

export interface ParsedDate {
  iso: string;
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01 (negative before). */
  days: number;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * The registry's range for a date of birth: wider than any living person's, narrow enough to catch
 * 0019 or 2919 typos. Generic linkage (the CSV tool) does not apply it.
 */
export const REGISTRY_DATE_OF_BIRTH_RANGE = Object.freeze({ earliestYear: 1880, latestYear: 2100 });

export type DateRange = { earliestYear: number; latestYear: number };

/** Parses a date; null for anything that is not a real calendar date (31/02, 2010-13-01, garbage). */
export function parseCalendarDate(raw: string): ParsedDate | null {
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    const uk = DAY_FIRST.exec(text);
    if (!uk) return null;
    day = Number(uk[1]);
    month = Number(uk[2]);
    year = Number(uk[3]);
  }
  return makeDate(year, month, day);
}

/** Whether a real date is a plausible date of birth within `range` (the registry's by default). */
export function plausibleDateOfBirth(
  date: ParsedDate,
  range: DateRange = REGISTRY_DATE_OF_BIRTH_RANGE,
): boolean {
  return date.year >= range.earliestYear && date.year <= range.latestYear;
}

/** Parses a date of birth the registry would accept: a real calendar date in the registry's range. */
export function parseDateOfBirth(raw: string): ParsedDate | null {
  const date = parseCalendarDate(raw);
  return date !== null && plausibleDateOfBirth(date) ? date : null;
}

/** A checked calendar date (years 1 to 9999), or null when the day does not exist (31/02). */
export function makeDate(year: number, month: number, day: number): ParsedDate | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const check = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, year, month, day, days: Math.round(check.getTime() / 86_400_000) };
}
