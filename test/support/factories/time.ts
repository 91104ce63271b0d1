/** Instants relative to now, as ISO strings: what the API and the services take. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}
