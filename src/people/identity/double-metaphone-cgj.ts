/**
 * Double Metaphone rules for C, G and J: the letters whose sound depends most on a name's language of
 * origin (Italian, Spanish, Germanic, Greek). Part of ./double-metaphone.ts, split out unchanged.
 */
import type { Add, Word } from './double-metaphone-word.ts';

export function encodeC(w: Word, current: number, add: Add): number {
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

export function encodeG(w: Word, current: number, add: Add): number {
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

export function encodeJ(w: Word, current: number, add: Add): number {
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
