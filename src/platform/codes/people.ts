/**
 * Code lists for people: gender, ethnicity (ONS 2021 census), living situation and identifier kinds.
 * Each list is data (`as const`) so it can seed reference tables, drive select boxes and type unions alike.
 */

import type { CodeEntry } from './code-list.ts';

export const GENDERS = [
  { code: 'FEMALE', label: 'Female' },
  { code: 'MALE', label: 'Male' },
  { code: 'OTHER', label: 'Other' },
  { code: 'UNKNOWN', label: 'Not known' },
] as const satisfies readonly CodeEntry[];
export type Gender = (typeof GENDERS)[number]['code'];

export const ETHNIC_GROUPS = [
  { code: 'WHITE', label: 'White' },
  { code: 'MIXED', label: 'Mixed or Multiple ethnic groups' },
  { code: 'ASIAN', label: 'Asian, Asian British or Asian Welsh' },
  { code: 'BLACK', label: 'Black, Black British, Black Welsh, Caribbean or African' },
  { code: 'OTHER', label: 'Other ethnic group' },
  { code: 'NOT_STATED', label: 'Not stated' },
] as const satisfies readonly CodeEntry[];
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number]['code'];

/** The 19 detailed categories of the 2021 census in England and Wales, plus "not stated". */
export const ETHNICITIES = [
  { code: 'WHITE_BRITISH', group: 'WHITE', label: 'English, Welsh, Scottish, Northern Irish or British' },
  { code: 'WHITE_IRISH', group: 'WHITE', label: 'Irish' },
  { code: 'WHITE_GYPSY_TRAVELLER', group: 'WHITE', label: 'Gypsy or Irish Traveller' },
  { code: 'WHITE_ROMA', group: 'WHITE', label: 'Roma' },
  { code: 'WHITE_OTHER', group: 'WHITE', label: 'Any other White background' },
  { code: 'MIXED_WHITE_BLACK_CARIBBEAN', group: 'MIXED', label: 'White and Black Caribbean' },
  { code: 'MIXED_WHITE_BLACK_AFRICAN', group: 'MIXED', label: 'White and Black African' },
  { code: 'MIXED_WHITE_ASIAN', group: 'MIXED', label: 'White and Asian' },
  { code: 'MIXED_OTHER', group: 'MIXED', label: 'Any other Mixed or Multiple background' },
  { code: 'ASIAN_INDIAN', group: 'ASIAN', label: 'Indian' },
  { code: 'ASIAN_PAKISTANI', group: 'ASIAN', label: 'Pakistani' },
  { code: 'ASIAN_BANGLADESHI', group: 'ASIAN', label: 'Bangladeshi' },
  { code: 'ASIAN_CHINESE', group: 'ASIAN', label: 'Chinese' },
  { code: 'ASIAN_OTHER', group: 'ASIAN', label: 'Any other Asian background' },
  { code: 'BLACK_AFRICAN', group: 'BLACK', label: 'African' },
  { code: 'BLACK_CARIBBEAN', group: 'BLACK', label: 'Caribbean' },
  { code: 'BLACK_OTHER', group: 'BLACK', label: 'Any other Black, Black British or Caribbean background' },
  { code: 'OTHER_ARAB', group: 'OTHER', label: 'Arab' },
  { code: 'OTHER_ANY', group: 'OTHER', label: 'Any other ethnic group' },
  { code: 'NOT_STATED', group: 'NOT_STATED', label: 'Not stated' },
] as const satisfies readonly (CodeEntry & { readonly group: EthnicGroup })[];
export type Ethnicity = (typeof ETHNICITIES)[number]['code'];

export function ethnicGroupOf(ethnicity: Ethnicity): EthnicGroup {
  return ETHNICITIES.find((entry) => entry.code === ethnicity)!.group;
}

export const LIVING_SITUATIONS = [
  { code: 'FAMILY_HOME', label: 'Family home', inCare: false },
  { code: 'KINSHIP_CARE', label: 'Kinship care (family or friends carer)', inCare: true },
  { code: 'FOSTER_CARE', label: 'Foster care', inCare: true },
  { code: 'RESIDENTIAL_CHILDRENS_HOME', label: "Residential children's home", inCare: true },
  { code: 'SEMI_INDEPENDENT', label: 'Semi-independent accommodation', inCare: true },
  { code: 'SECURE', label: "Secure children's home or secure unit", inCare: true },
  { code: 'HOMELESS', label: 'Homeless or sofa-surfing', inCare: false },
  { code: 'OTHER', label: 'Other', inCare: false },
] as const satisfies readonly (CodeEntry & { readonly inCare: boolean })[];
export type LivingSituation = (typeof LIVING_SITUATIONS)[number]['code'];

/** "Children in care" in the partnership's statistics: the looked-after and kinship placements. */
export function isInCare(situation: LivingSituation): boolean {
  return LIVING_SITUATIONS.find((entry) => entry.code === situation)!.inCare;
}

export const IDENTIFIER_KINDS = [
  { code: 'NHS_NUMBER', label: 'NHS number' },
  { code: 'SCHOOL_UPN', label: 'Unique pupil number (UPN)' },
  { code: 'POLICE_REF', label: 'Police person reference' },
  { code: 'LA_ID', label: 'Local authority person ID' },
] as const satisfies readonly CodeEntry[];
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]['code'];
