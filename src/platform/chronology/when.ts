/**
 * GOV.UK style dates for the chronology's own pages: "4 December 2026" and "4 December 2026 at 2:05pm",
 * UK time. (Issue 14 item 3 makes this the one style everywhere; until then the chronology formats its
 * own, already-formatted strings in its view models.)
 */
import { toLocalDateTime } from '../time/zoned-time.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "4 December 2026", the UK date of an instant. */
export function govukDate(instant: Date): string {
  const local = toLocalDateTime(instant);
  return `${local.day} ${MONTHS[local.month - 1]} ${local.year}`;
}

/** "4 December 2026" for a 'YYYY-MM-DD' date, or '' when it is not one. */
export function govukDateOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2:05pm", "12am" style times as GOV.UK writes them ("midday" and "midnight" for the hour itself). */
export function govukTime(hours: number, minutes: number): string {
  if (minutes === 0 && hours === 12) return 'midday';
  if (minutes === 0 && hours === 0) return 'midnight';
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const suffix = hours < 12 ? 'am' : 'pm';
  return minutes === 0 ? `${h12}${suffix}` : `${h12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** "4 December 2026 at 2:05pm", UK time. */
export function govukDateTime(instant: Date): string {
  const local = toLocalDateTime(instant);
  const minutes = Math.floor(local.msOfDay / 60_000);
  return `${govukDate(instant)} at ${govukTime(Math.floor(minutes / 60), minutes % 60)}`;
}
