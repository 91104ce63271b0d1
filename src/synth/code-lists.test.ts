import { describe, expect, it } from 'vitest';
import { codesOf, isCode, labelOf } from '../platform/codes/code-list.ts';
import {
  ETHNIC_GROUPS,
  ETHNICITIES,
  ethnicGroupOf,
  GENDERS,
  IDENTIFIER_KINDS,
  isInCare,
  LIVING_SITUATIONS,
} from '../platform/codes/people.ts';
import * as referralCodes from '../platform/codes/referral.ts';

describe('people code lists', () => {
  it('has the 19 census categories in five groups, plus not stated', () => {
    const detailed = ETHNICITIES.filter((e) => e.code !== 'NOT_STATED');
    expect(detailed).toHaveLength(19);
    expect(new Set(detailed.map((e) => e.group))).toEqual(
      new Set(['WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER']),
    );
    expect(ethnicGroupOf('ASIAN_PAKISTANI')).toBe('ASIAN');
    expect(ETHNIC_GROUPS.map((g) => g.code)).toContain('NOT_STATED');
  });

  it('counts foster, residential, kinship, secure and semi-independent as in care', () => {
    expect(
      LIVING_SITUATIONS.filter((l) => isInCare(l.code))
        .map((l) => l.code)
        .sort(),
    ).toEqual(
      ['FOSTER_CARE', 'KINSHIP_CARE', 'RESIDENTIAL_CHILDRENS_HOME', 'SECURE', 'SEMI_INDEPENDENT'].sort(),
    );
  });

  it('narrows untrusted values with isCode and finds labels', () => {
    expect(isCode(GENDERS, 'FEMALE')).toBe(true);
    expect(isCode(GENDERS, 'female')).toBe(false);
    expect(isCode(GENDERS, 3)).toBe(false);
    expect(labelOf(IDENTIFIER_KINDS, 'NHS_NUMBER')).toBe('NHS number');
    expect(codesOf(GENDERS)).toEqual(['FEMALE', 'MALE', 'OTHER', 'UNKNOWN']);
  });
});

describe('referral code lists', () => {
  it('has no duplicate codes in any list', () => {
    for (const value of Object.values(referralCodes)) {
      if (!Array.isArray(value) || typeof value[0] !== 'object') continue;
      const codes = (value as { code: string }[]).map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('has the national Children in Need lists with their official codes', () => {
    expect(codesOf(referralCodes.CIN_REFERRAL_SOURCES)).toEqual([
      '1A',
      '1B',
      '1C',
      '1D',
      '2A',
      '2B',
      '3A',
      '3B',
      '3C',
      '3D',
      '3E',
      '3F',
      '4',
      '5A',
      '5B',
      '5C',
      '5D',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(codesOf(referralCodes.CIN_ASSESSMENT_FACTORS)).toContain('11A');
    expect(codesOf(referralCodes.CIN_ASSESSMENT_FACTORS)).toContain('24A');
    for (const sources of Object.values(referralCodes.CIN_SOURCES_BY_AGENCY_TYPE)) {
      for (const s of sources) expect(isCode(referralCodes.CIN_REFERRAL_SOURCES, s)).toBe(true);
    }
  });

  it('has the models and methods of DOMAIN.md and about 25 indicators', () => {
    expect(codesOf(referralCodes.EXPLOITATION_MODELS)).toHaveLength(8);
    expect(codesOf(referralCodes.CONTACT_METHODS)).toHaveLength(14);
    expect(referralCodes.CSE_INDICATORS.length).toBeGreaterThanOrEqual(25);
    expect(referralCodes.isOnlineContact('ONLINE_GAMING')).toBe(true);
    expect(referralCodes.isOnlineContact('ON_STREET')).toBe(false);
  });
});
