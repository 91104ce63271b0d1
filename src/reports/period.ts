/**
 * Report periods: whole calendar days in the UK, inclusive at both ends. The default is the last six
 * complete calendar months before today; the previous period is the same number of months just before.
 */

export interface Period {
  /** First day, ISO date. */
  readonly from: string;
  /** Last day (inclusive), ISO date. */
  readonly to: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function utc(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Today's date in the UK. */
export function todayInUk(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The last `months` complete calendar months before `today` (e.g. on 2026-11-30: 2026-05-01 to 2026-10-31). */
export function defaultPeriod(today: string, months = 6): Period {
  const t = utc(today);
  const firstOfThisMonth = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  const to = new Date(firstOfThisMonth.getTime() - 86_400_000);
  const from = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - months, 1));
  return { from: iso(from), to: iso(to) };
}

/** Whole calendar months from `from` to `to`, or null when the period is not whole months. */
function wholeMonths(p: Period): number | null {
  const f = utc(p.from);
  const next = new Date(utc(p.to).getTime() + 86_400_000);
  if (f.getUTCDate() !== 1 || next.getUTCDate() !== 1) return null;
  return (next.getUTCFullYear() - f.getUTCFullYear()) * 12 + next.getUTCMonth() - f.getUTCMonth();
}

/** The period of the same length just before: whole months when the period is whole months, else days. */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  const f = utc(p.from);
  const to = new Date(f.getTime() - 86_400_000);
  if (months !== null) {
    return { from: iso(new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() - months, 1))), to: iso(to) };
  }
  const days = Math.round((utc(p.to).getTime() - f.getTime()) / 86_400_000) + 1;
  return { from: iso(new Date(f.getTime() - days * 86_400_000)), to: iso(to) };
}

export function periodDays(p: Period): number {
  return Math.round((utc(p.to).getTime() - utc(p.from).getTime()) / 86_400_000) + 1;
}

/** "1 April 2026 to 30 September 2026". */
export function describePeriod(p: Period): string {
  const fmt = (d: string) =>
    utc(d).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${fmt(p.from)} to ${fmt(p.to)}`;
}
