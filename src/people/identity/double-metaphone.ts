/**
 * Double Metaphone (Lawrence Philips, C/C++ Users Journal, June 2000), ported from the C
 * implementation by Maurice Aubrey with Kevin Atkinson's fixes. It gives a primary and an alternate
 * code so that names with two plausible pronunciations (Smith/Schmidt) can still meet.
 *
 * Faithful to the original, codes are cut to four characters by default. Note that the original
 * keeps the P in "Thompson" (TMPS); only "Thomson" codes as TMSN.
 */

import { encodeC, encodeG, encodeJ } from './double-metaphone-cgj.ts';
import { encodeS, encodeT, encodeW } from './double-metaphone-stw.ts';
import { type Add, Word } from './double-metaphone-word.ts';

export interface DoubleMetaphoneCodes {
  primary: string;
  alternate: string;
}

/** Primary and alternate Double Metaphone codes of a word (letters other than A–Z are skipped). */
export function doubleMetaphone(value: string, maxLength = 4): DoubleMetaphoneCodes {
  const w = new Word(value.toUpperCase());
  let primary = '';
  let alternate = '';
  const add = (main: string, alt: string = main): void => {
    primary += main;
    alternate += alt;
  };
  let current = 0;
  if (w.at(0, 'GN', 'KN', 'PN', 'WR', 'PS')) current++;
  // Initial X is pronounced Z, which maps to S (Xavier).
  if (w.char(0) === 'X') {
    add('S');
    current++;
  }
  while (primary.length < maxLength || alternate.length < maxLength) {
    if (current >= w.length) break;
    current = step(w, current, add);
  }
  return { primary: primary.slice(0, maxLength), alternate: alternate.slice(0, maxLength) };
}

/** Encodes the letter at `current` and returns the position of the next letter to look at. */
function step(w: Word, current: number, add: Add): number {
  switch (w.char(current)) {
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 'Y':
      if (current === 0) add('A');
      return current + 1;
    case 'B':
      add('P');
      return w.char(current + 1) === 'B' ? current + 2 : current + 1;
    case 'Ç':
      add('S');
      return current + 1;
    case 'C':
      return encodeC(w, current, add);
    case 'D':
      if (w.at(current, 'DG')) {
        if (w.at(current + 2, 'I', 'E', 'Y')) {
          add('J'); // edge
          return current + 3;
        }
        add('TK'); // Edgar
        return current + 2;
      }
      add('T');
      return w.at(current, 'DT', 'DD') ? current + 2 : current + 1;
    case 'F':
      add('F');
      return w.char(current + 1) === 'F' ? current + 2 : current + 1;
    case 'G':
      return encodeG(w, current, add);
    case 'H':
      // Kept only when first or between vowels.
      if ((current === 0 || w.isVowel(current - 1)) && w.isVowel(current + 1)) {
        add('H');
        return current + 2;
      }
      return current + 1;
    case 'J':
      return encodeJ(w, current, add);
    case 'K':
      add('K');
      return w.char(current + 1) === 'K' ? current + 2 : current + 1;
    case 'L':
      if (w.char(current + 1) === 'L') {
        // Spanish, e.g. cabrillo, gallegos.
        if (
          (current === w.length - 3 && w.at(current - 1, 'ILLO', 'ILLA', 'ALLE')) ||
          ((w.at(w.last - 1, 'AS', 'OS') || w.at(w.last, 'A', 'O')) && w.at(current - 1, 'ALLE'))
        ) {
          add('L', '');
          return current + 2;
        }
        add('L');
        return current + 2;
      }
      add('L');
      return current + 1;
    case 'M':
      add('M');
      // dumb, thumb
      if (
        (w.at(current - 1, 'UMB') && (current + 1 === w.last || w.at(current + 2, 'ER'))) ||
        w.char(current + 1) === 'M'
      ) {
        return current + 2;
      }
      return current + 1;
    case 'N':
      add('N');
      return w.char(current + 1) === 'N' ? current + 2 : current + 1;
    case 'Ñ':
      add('N');
      return current + 1;
    case 'P':
      if (w.char(current + 1) === 'H') {
        add('F');
        return current + 2;
      }
      add('P');
      // campbell, raspberry
      return w.at(current + 1, 'P', 'B') ? current + 2 : current + 1;
    case 'Q':
      add('K');
      return w.char(current + 1) === 'Q' ? current + 2 : current + 1;
    case 'R':
      // French, e.g. rogier, but not hochmeier.
      if (
        current === w.last &&
        !w.slavoGermanic &&
        w.at(current - 2, 'IE') &&
        !w.at(current - 4, 'ME', 'MA')
      ) {
        add('', 'R');
      } else {
        add('R');
      }
      return w.char(current + 1) === 'R' ? current + 2 : current + 1;
    case 'S':
      return encodeS(w, current, add);
    case 'T':
      return encodeT(w, current, add);
    case 'V':
      add('F');
      return w.char(current + 1) === 'V' ? current + 2 : current + 1;
    case 'W':
      return encodeW(w, current, add);
    case 'X':
      // French, e.g. breaux.
      if (!(current === w.last && (w.at(current - 3, 'IAU', 'EAU') || w.at(current - 2, 'AU', 'OU')))) {
        add('KS');
      }
      return w.at(current + 1, 'C', 'X') ? current + 2 : current + 1;
    case 'Z':
      // Chinese pinyin, e.g. Zhao.
      if (w.char(current + 1) === 'H') {
        add('J');
        return current + 2;
      }
      if (
        w.at(current + 1, 'ZO', 'ZI', 'ZA') ||
        (w.slavoGermanic && current > 0 && w.char(current - 1) !== 'T')
      ) {
        add('S', 'TS');
      } else {
        add('S');
      }
      return w.char(current + 1) === 'Z' ? current + 2 : current + 1;
    default:
      return current + 1;
  }
}
