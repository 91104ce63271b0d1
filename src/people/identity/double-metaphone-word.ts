/** The word being encoded by Double Metaphone, with the look-ups its rules share (see ./double-metaphone.ts). */

/** Appends to the primary code and, when different, the alternate one. */
export type Add = (main: string, alt?: string) => void;

const SLAVO_GERMANIC = /W|K|CZ|WITZ/;

export class Word {
  readonly text: string;
  readonly length: number;
  readonly last: number;
  readonly slavoGermanic: boolean;
  readonly germanic: boolean;

  constructor(value: string) {
    this.length = value.length;
    this.last = value.length - 1;
    // Padding lets look-ahead past the end read spaces, as in the C original.
    this.text = `${value}     `;
    this.slavoGermanic = SLAVO_GERMANIC.test(value);
    this.germanic = this.at(0, 'VAN ', 'VON ') || this.at(0, 'SCH');
  }

  char(pos: number): string {
    return pos < 0 || pos >= this.text.length ? '' : this.text[pos]!;
  }

  /** True when one of `options` (all the same length) starts at `start`. */
  at(start: number, ...options: string[]): boolean {
    if (start < 0) return false;
    const length = options[0]!.length;
    const slice = this.text.slice(start, start + length);
    return options.includes(slice);
  }

  isVowel(pos: number): boolean {
    if (pos < 0 || pos >= this.length) return false;
    const c = this.text[pos];
    return c === 'A' || c === 'E' || c === 'I' || c === 'O' || c === 'U' || c === 'Y';
  }
}
