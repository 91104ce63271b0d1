/**
 * Option parsers of `lantern demo`, apart from the generator: the CLI defines its options at start, and a
 * production install (no demo generator) must still start the CLI.
 */
import { InvalidArgumentError } from 'commander';

export function parseScale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 500) throw new InvalidArgumentError('a number above 0, up to 500');
  return n;
}

export function parseWhole(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function parseIsoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('a date, YYYY-MM-DD');
  return value;
}
