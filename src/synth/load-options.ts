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
