/** Instants relative to now, as ISO strings: what the API and the services take. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** A moment as a form's fields take it: London wall-clock day, month, year and 24-hour time. */
export function wallClock(d: Date): { day: string; month: string; year: string; time: string } {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => local.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year'), time: `${get('hour')}:${get('minute')}` };
}

/** A GOV.UK date input and its time box as a form posts them: `<prefix>-day`, `-month`, `-year`, `<prefix>Time`. */
export function dateTimeFields(prefix: string, d: Date): Record<string, string> {
  const { day, month, year, time } = wallClock(d);
  return {
    [`${prefix}-day`]: day,
    [`${prefix}-month`]: month,
    [`${prefix}-year`]: year,
    [`${prefix}Time`]: time,
  };
}
