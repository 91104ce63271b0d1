/** Dates as GOV.UK date inputs (day, month, year boxes) and times on the UK wall clock. */
import { fromLocalDateTime, toLocalDateTime } from '../time/zoned-time.ts';
import { formText } from './body.ts';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function datePartsFrom(body: unknown, prefix: string): DateParts {
  return {
    day: formText(body, `${prefix}-day`, 10).trim(),
    month: formText(body, `${prefix}-month`, 10).trim(),
    year: formText(body, `${prefix}-year`, 10).trim(),
  };
}

export function datePartsEmpty(parts: DateParts): boolean {
  return !parts.day && !parts.month && !parts.year;
}

/** 'YYYY-MM-DD', or 'invalid' when something was typed that is not a date, or '' when nothing was. */
export function isoFromParts(parts: DateParts): string {
  if (datePartsEmpty(parts)) return '';
  if (![parts.day, parts.month, parts.year].every((p) => /^\d{1,4}$/.test(p)) || parts.year.length !== 4)
    return 'invalid';
  return `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}

export function partsFromIso(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])) } : blankDate();
}

export function blankDate(): DateParts {
  return { day: '', month: '', year: '' };
}

/** A date and a 24-hour time on the UK wall clock → an ISO instant, or '' if either does not parse. */
export function instantFrom(parts: DateParts, time: string): string {
  const iso = isoFromParts(parts);
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!iso || iso === 'invalid' || !t) return '';
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return '';
  const hours = Number(t[1]);
  const minutes = Number(t[2]);
  if (hours > 23 || minutes > 59) return '';
  return fromLocalDateTime({ year, month, day }, (hours * 60 + minutes) * 60_000).toISOString();
}

/** The UK wall-clock date and time of an instant, for pre-filling "received at". */
export function wallClockOf(instant: Date): { date: DateParts; time: string } {
  const local = toLocalDateTime(instant);
  const minutes = Math.floor(local.msOfDay / 60_000);
  return {
    date: { day: String(local.day), month: String(local.month), year: String(local.year) },
    time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  };
}
