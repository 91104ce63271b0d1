/**
 * The chronology's dates: GOV.UK style, UK time, as every page shows them (src/platform/time/display.ts),
 * under the names its view models use.
 */
import { ukClock, ukDate, ukDateTime } from '../time/display.ts';

/** "4 December 2026", the UK date of an instant. */
export function govukDate(instant: Date): string {
  return ukDate(instant);
}

/** "4 December 2026" for a 'YYYY-MM-DD' date, or '' when it is not one. */
export function govukDateOf(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(iso);
  return date ? ukDate(date[0]) : '';
}

/** "2:05pm", "10am", "midday" and "midnight". */
export function govukTime(hours: number, minutes: number): string {
  return ukClock(hours, minutes);
}

/** "4 December 2026 at 2:05pm", UK time. */
export function govukDateTime(instant: Date): string {
  return ukDateTime(instant);
}
