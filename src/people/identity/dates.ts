/** Dates of birth as people write them in England: ISO `YYYY-MM-DD` or day-first `DD/MM/YYYY`. */

export interface ParsedDate {
  iso: string;
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01. */
  days: number;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// Wider than any living person's date of birth, narrow enough to catch 0019 or 2919 typos.
const EARLIEST_YEAR = 1880;
const LATEST_YEAR = 2100;

/** Parses a date of birth; null for anything that is not a real calendar date in a plausible range. */
export function parseDateOfBirth(raw: string): ParsedDate | null {
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

/** A checked calendar date, or null when the day does not exist (31/02) or the year is implausible. */
export function makeDate(year: number, month: number, day: number): ParsedDate | null {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, year, month, day, days: Math.round(ms / 86_400_000) };
}
