import { describe, expect, it } from 'vitest';
import { doubleMetaphone } from './double-metaphone.ts';

const codes = (word: string, maxLength?: number) => {
  const result = doubleMetaphone(word, maxLength);
  return [result.primary, result.alternate];
};

describe('doubleMetaphone', () => {
  it('codes names as the original algorithm does', () => {
    expect(codes('Smith')).toEqual(['SM0', 'XMT']);
    expect(codes('Schmidt')).toEqual(['XMT', 'SMT']);
    expect(codes('Thomson')).toEqual(['TMSN', 'TMSN']);
    // The original keeps the P of Thompson; Thomson/Thompson still meet through Jaro–Winkler.
    expect(codes('Thompson')).toEqual(['TMPS', 'TMPS']);
    expect(codes('Jessica')).toEqual(['JSK', 'ASK']);
    expect(codes('Katherine')).toEqual(['K0RN', 'KTRN']);
    expect(codes('Catherine')).toEqual(codes('Katherine'));
    expect(codes('Mohammed')).toEqual(codes('Muhammad'));
    expect(codes('Siobhan')).toEqual(['SPN', 'XPN']);
    expect(codes('Wright')).toEqual(['RT', 'RT']);
    expect(codes('Knight')).toEqual(['NT', 'NT']);
  });

  it('covers the special cases of the C, G, J, S, W and X rules', () => {
    expect(codes('michael')).toEqual(['MKL', 'MXL']);
    expect(codes('Xavier')).toEqual(['SF', 'SFR']);
    expect(codes('Caesar')).toEqual(['SSR', 'SSR']);
    expect(codes('chemistry')).toEqual(['KMST', 'KMST']);
    expect(codes('czerny')).toEqual(['SRN', 'XRN']);
    expect(codes('focaccia')).toEqual(['FKX', 'FKX']);
    expect(codes('McHugh')).toEqual(['MK', 'MK']);
    expect(codes('laugh')).toEqual(['LF', 'LF']);
    expect(codes('broughton')).toEqual(['PRTN', 'PRTN']);
    expect(codes('tagliaro')).toEqual(['TKLR', 'TLR']);
    expect(codes('Gerben')).toEqual(['KRPN', 'JRPN']);
    expect(codes('Jose')).toEqual(['HS', 'HS']);
    expect(codes('sugar')).toEqual(['XKR', 'SKR']);
    expect(codes('school')).toEqual(['SKL', 'SKL']);
    expect(codes('Wasserman')).toEqual(['ASRM', 'FSRM']);
    expect(codes('breaux')).toEqual(['PR', 'PR']);
    expect(codes('Zhao')).toEqual(['J', 'J']);
  });

  it('gives full-length codes when asked', () => {
    expect(codes('Filipowitz', 99)).toEqual(['FLPTS', 'FLPFX']);
    expect(codes('acceptingness', 99)).toEqual(['AKSPTNNS', 'AKSPTNKNS']);
    expect(codes('allegrettos', 99)).toEqual(['ALKRTS', 'AKRTS']);
    expect(codes('Thompson', 99)).toEqual(['TMPSN', 'TMPSN']);
  });

  it('ignores case and copes with empty input', () => {
    expect(codes('SMITH')).toEqual(codes('smith'));
    expect(codes('')).toEqual(['', '']);
  });
});
