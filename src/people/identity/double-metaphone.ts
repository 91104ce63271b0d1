/**
 * Double Metaphone (Lawrence Philips, C/C++ Users Journal, June 2000), ported from the C
 * implementation by Maurice Aubrey with Kevin Atkinson's fixes. It gives a primary and an alternate
 * code so that names with two plausible pronunciations (Smith/Schmidt) can still meet.
 *
 * Faithful to the original, codes are cut to four characters by default. Note that the original
 * keeps the P in "Thompson" (TMPS); only "Thomson" codes as TMSN.
 */

export interface DoubleMetaphoneCodes {
  primary: string;
  alternate: string;
}

const SLAVO_GERMANIC = /W|K|CZ|WITZ/;

class Word {
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

type Add = (main: string, alt?: string) => void;

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

function encodeC(w: Word, current: number, add: Add): number {
  // Various Germanic.
  if (
    current > 1 &&
    !w.isVowel(current - 2) &&
    w.at(current - 1, 'ACH') &&
    w.char(current + 2) !== 'I' &&
    (w.char(current + 2) !== 'E' || w.at(current - 2, 'BACHER', 'MACHER'))
  ) {
    add('K');
    return current + 2;
  }
  if (current === 0 && w.at(current, 'CAESAR')) {
    add('S');
    return current + 2;
  }
  // Italian chianti.
  if (w.at(current, 'CHIA')) {
    add('K');
    return current + 2;
  }
  if (w.at(current, 'CH')) {
    // michael
    if (current > 0 && w.at(current, 'CHAE')) {
      add('K', 'X');
      return current + 2;
    }
    // Greek roots, e.g. chemistry, chorus.
    if (
      current === 0 &&
      (w.at(current + 1, 'HARAC', 'HARIS') || w.at(current + 1, 'HOR', 'HYM', 'HIA', 'HEM')) &&
      !w.at(0, 'CHORE')
    ) {
      add('K');
      return current + 2;
    }
    // Germanic, Greek, or otherwise CH for the KH sound.
    if (
      w.germanic ||
      // architect but not arch, orchestra, orchid
      w.at(current - 2, 'ORCHES', 'ARCHIT', 'ORCHID') ||
      w.at(current + 2, 'T', 'S') ||
      ((w.at(current - 1, 'A', 'O', 'U', 'E') || current === 0) &&
        // wachtler, wechsler, but not tichner
        w.at(current + 2, 'L', 'R', 'N', 'M', 'B', 'H', 'F', 'V', 'W', ' '))
    ) {
      add('K');
    } else if (current > 0) {
      if (w.at(0, 'MC'))
        add('K'); // McHugh
      else add('X', 'K');
    } else {
      add('X');
    }
    return current + 2;
  }
  // czerny
  if (w.at(current, 'CZ') && !w.at(current - 2, 'WICZ')) {
    add('S', 'X');
    return current + 2;
  }
  // focaccia
  if (w.at(current + 1, 'CIA')) {
    add('X');
    return current + 3;
  }
  // Double C, but not McClellan.
  if (w.at(current, 'CC') && !(current === 1 && w.char(0) === 'M')) {
    // bellocchio but not bacchus
    if (w.at(current + 2, 'I', 'E', 'H') && !w.at(current + 2, 'HU')) {
      // accident, accede, succeed
      if ((current === 1 && w.char(current - 1) === 'A') || w.at(current - 1, 'UCCEE', 'UCCES')) {
        add('KS');
      } else {
        add('X'); // bacci, bertucci, other Italian
      }
      return current + 3;
    }
    add('K'); // Pierce's rule
    return current + 2;
  }
  if (w.at(current, 'CK', 'CG', 'CQ')) {
    add('K');
    return current + 2;
  }
  if (w.at(current, 'CI', 'CE', 'CY')) {
    // Italian vs. English
    if (w.at(current, 'CIO', 'CIE', 'CIA')) add('S', 'X');
    else add('S');
    return current + 2;
  }
  add('K');
  // Mac Caffrey, Mac Gregor
  if (w.at(current + 1, ' C', ' Q', ' G')) return current + 3;
  if (w.at(current + 1, 'C', 'K', 'Q') && !w.at(current + 1, 'CE', 'CI')) return current + 2;
  return current + 1;
}

function encodeG(w: Word, current: number, add: Add): number {
  if (w.char(current + 1) === 'H') {
    if (current > 0 && !w.isVowel(current - 1)) {
      add('K');
      return current + 2;
    }
    // ghislane, ghiradelli
    if (current === 0) {
      if (w.char(current + 2) === 'I') add('J');
      else add('K');
      return current + 2;
    }
    // Parker's rule (with refinements): hugh, bough, broughton.
    if (
      (current > 1 && w.at(current - 2, 'B', 'H', 'D')) ||
      (current > 2 && w.at(current - 3, 'B', 'H', 'D')) ||
      (current > 3 && w.at(current - 4, 'B', 'H'))
    ) {
      return current + 2;
    }
    // laugh, McLaughlin, cough, gough, rough, tough
    if (current > 2 && w.char(current - 1) === 'U' && w.at(current - 3, 'C', 'G', 'L', 'R', 'T')) {
      add('F');
    } else if (current > 0 && w.char(current - 1) !== 'I') {
      add('K');
    }
    return current + 2;
  }
  if (w.char(current + 1) === 'N') {
    if (current === 1 && w.isVowel(0) && !w.slavoGermanic) {
      add('KN', 'N');
    } else if (!w.at(current + 2, 'EY') && w.char(current + 1) !== 'Y' && !w.slavoGermanic) {
      add('N', 'KN'); // not e.g. cagney
    } else {
      add('KN');
    }
    return current + 2;
  }
  // tagliaro
  if (w.at(current + 1, 'LI') && !w.slavoGermanic) {
    add('KL', 'L');
    return current + 2;
  }
  // -ges-, -gep-, -gel-, -gie- at the beginning
  if (
    current === 0 &&
    (w.char(current + 1) === 'Y' ||
      w.at(current + 1, 'ES', 'EP', 'EB', 'EL', 'EY', 'IB', 'IL', 'IN', 'IE', 'EI', 'ER'))
  ) {
    add('K', 'J');
    return current + 2;
  }
  // -ger-, -gy-
  if (
    (w.at(current + 1, 'ER') || w.char(current + 1) === 'Y') &&
    !w.at(0, 'DANGER', 'RANGER', 'MANGER') &&
    !w.at(current - 1, 'E', 'I') &&
    !w.at(current - 1, 'RGY', 'OGY')
  ) {
    add('K', 'J');
    return current + 2;
  }
  // Italian, e.g. biaggi
  if (w.at(current + 1, 'E', 'I', 'Y') || w.at(current - 1, 'AGGI', 'OGGI')) {
    if (w.germanic || w.at(current + 1, 'ET')) {
      add('K'); // obvious Germanic
    } else if (w.at(current + 1, 'IER ')) {
      add('J'); // always soft if French ending
    } else {
      add('J', 'K');
    }
    return current + 2;
  }
  add('K');
  return w.char(current + 1) === 'G' ? current + 2 : current + 1;
}

function encodeJ(w: Word, current: number, add: Add): number {
  // Obvious Spanish: jose, san jacinto.
  if (w.at(current, 'JOSE') || w.at(0, 'SAN ')) {
    if ((current === 0 && w.char(current + 4) === ' ') || w.at(0, 'SAN ')) add('H');
    else add('J', 'H');
    return current + 1;
  }
  if (current === 0 && !w.at(current, 'JOSE')) {
    add('J', 'A'); // Yankelovich/Jankelowicz
  } else if (
    w.isVowel(current - 1) &&
    !w.slavoGermanic &&
    (w.char(current + 1) === 'A' || w.char(current + 1) === 'O')
  ) {
    add('J', 'H'); // Spanish pronunciation of e.g. bajador
  } else if (current === w.last) {
    add('J', '');
  } else if (
    !w.at(current + 1, 'L', 'T', 'K', 'S', 'N', 'M', 'B', 'Z') &&
    !w.at(current - 1, 'S', 'K', 'L')
  ) {
    add('J');
  }
  return w.char(current + 1) === 'J' ? current + 2 : current + 1;
}

function encodeS(w: Word, current: number, add: Add): number {
  // island, isle, carlisle, carlysle
  if (w.at(current - 1, 'ISL', 'YSL')) return current + 1;
  // sugar-
  if (current === 0 && w.at(current, 'SUGAR')) {
    add('X', 'S');
    return current + 1;
  }
  if (w.at(current, 'SH')) {
    // Germanic
    if (w.at(current + 1, 'HEIM', 'HOEK', 'HOLM', 'HOLZ')) add('S');
    else add('X');
    return current + 2;
  }
  // Italian and Armenian
  if (w.at(current, 'SIO', 'SIA') || w.at(current, 'SIAN')) {
    if (!w.slavoGermanic) add('S', 'X');
    else add('S');
    return current + 3;
  }
  // German and anglicisations, e.g. Smith matches Schmidt, snider matches Schneider; also -sz- in
  // Slavic languages, although in Hungarian it is pronounced S.
  if ((current === 0 && w.at(current + 1, 'M', 'N', 'L', 'W')) || w.at(current + 1, 'Z')) {
    add('S', 'X');
    return w.at(current + 1, 'Z') ? current + 2 : current + 1;
  }
  if (w.at(current, 'SC')) {
    // Schlesinger's rule
    if (w.char(current + 2) === 'H') {
      // Dutch origin, e.g. school, schooner
      if (w.at(current + 3, 'OO', 'ER', 'EN', 'UY', 'ED', 'EM')) {
        // schermerhorn, schenker
        if (w.at(current + 3, 'ER', 'EN')) add('X', 'SK');
        else add('SK');
        return current + 3;
      }
      if (current === 0 && !w.isVowel(3) && w.char(3) !== 'W') add('X', 'S');
      else add('X');
      return current + 3;
    }
    if (w.at(current + 2, 'I', 'E', 'Y')) {
      add('S');
      return current + 3;
    }
    add('SK');
    return current + 3;
  }
  // French, e.g. resnais, artois
  if (current === w.last && w.at(current - 2, 'AI', 'OI')) add('', 'S');
  else add('S');
  return w.at(current + 1, 'S', 'Z') ? current + 2 : current + 1;
}

function encodeT(w: Word, current: number, add: Add): number {
  if (w.at(current, 'TION')) {
    add('X');
    return current + 3;
  }
  if (w.at(current, 'TIA', 'TCH')) {
    add('X');
    return current + 3;
  }
  if (w.at(current, 'TH') || w.at(current, 'TTH')) {
    // Special case thomas, thames, or Germanic
    if (w.at(current + 2, 'OM', 'AM') || w.germanic) add('T');
    else add('0', 'T');
    return current + 2;
  }
  add('T');
  return w.at(current + 1, 'T', 'D') ? current + 2 : current + 1;
}

function encodeW(w: Word, current: number, add: Add): number {
  // Can also be in the middle of a word.
  if (w.at(current, 'WR')) {
    add('R');
    return current + 2;
  }
  if (current === 0 && (w.isVowel(current + 1) || w.at(current, 'WH'))) {
    // Wasserman should match Vasserman
    if (w.isVowel(current + 1)) add('A', 'F');
    else add('A'); // need Uomo to match Womo
  }
  // Arnow should match Arnoff
  if (
    (current === w.last && w.isVowel(current - 1)) ||
    w.at(current - 1, 'EWSKI', 'EWSKY', 'OWSKI', 'OWSKY') ||
    w.at(0, 'SCH')
  ) {
    add('', 'F');
    return current + 1;
  }
  // Polish, e.g. filipowicz
  if (w.at(current, 'WICZ', 'WITZ')) {
    add('TS', 'FX');
    return current + 4;
  }
  return current + 1;
}
