/**
 * Double Metaphone rules for S, T and W: sibilants (SCH, SIO, SUGAR), TH and TIA, and the Polish and
 * Germanic W. Part of ./double-metaphone.ts, split out unchanged.
 */
import type { Add, Word } from './double-metaphone-word.ts';

export function encodeS(w: Word, current: number, add: Add): number {
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

export function encodeT(w: Word, current: number, add: Add): number {
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

export function encodeW(w: Word, current: number, add: Add): number {
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
