/**
 * Dates and times as every page, export and label shows them: GOV.UK style ("4 December 2026",
 * "4 December 2026 at 2:05pm", "midnight", "midday"), on the UK wall clock (Europe/London).
 */

const DATE_PARTS = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function instantOf(value: Date | string | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function partsOf(d: Date): { day: string; month: string; year: string; hour: number; minute: number } {
  const parts = Object.fromEntries(DATE_PARTS.formatToParts(d).map((p) => [p.type, p.value]));
  return {
    day: parts['day'] ?? '',
    month: parts['month'] ?? '',
    year: parts['year'] ?? '',
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
  };
}

/** "2:05pm", "10am", "midnight", "midday" for a wall-clock hour and minute (GOV.UK: no ":00" on the hour). */
export function ukClock(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  return minute === 0 ? `${h12}${suffix}` : `${h12}:${String(minute).padStart(2, '0')}${suffix}`;
}

/** "4 December 2026 at 2:05pm", UK time; '' for nothing or a value that is not a time. */
export function ukDateTime(value: Date | string | null | undefined): string {
  const d = instantOf(value);
  if (!d) return '';
  const p = partsOf(d);
  return `${p.day} ${p.month} ${p.year} at ${ukClock(p.hour, p.minute)}`;
}

/**
 * "4 December 2026". A 'YYYY-MM-DD' calendar date (a date of birth) is shown as it is; an instant (a Date
 * or a timestamp) by its date on the UK wall clock.
 */
export function ukDate(value: Date | string | null | undefined): string {
  if (typeof value === 'string') {
    const m = CALENDAR_DATE.exec(value);
    if (m) {
      return ukDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
    }
  }
  const d = instantOf(value);
  if (!d) return '';
  const p = partsOf(d);
  return `${p.day} ${p.month} ${p.year}`;
}
