/** Labels for the missing module's codes (the codes themselves come from the rules in episode.ts). */
import type { MISSING_EPISODE_TYPES, MISSING_RISK_GRADES } from './episode.ts';

export interface CodeLabel {
  code: string;
  label: string;
}

export const EPISODE_TYPE_LABELS: Record<(typeof MISSING_EPISODE_TYPES)[number], string> = {
  MISSING: 'Missing',
  ABSENT: 'Absent',
  MISSING_FROM_CARE: 'Missing from care',
  AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION: 'Away from placement without authorisation',
};

export const RISK_GRADE_LABELS: Record<(typeof MISSING_RISK_GRADES)[number], string> = {
  NO_APPARENT_RISK: 'No apparent risk',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const FROM_KINDS = ['HOME', 'PLACEMENT', 'OTHER'] as const;
export type FromKind = (typeof FROM_KINDS)[number];

export const FROM_KIND_LABELS: Record<FromKind, string> = {
  HOME: 'Home (family or kinship carers)',
  PLACEMENT: 'A care placement',
  OTHER: 'Somewhere else',
};

export const PLACEMENT_KINDS = [
  'RESIDENTIAL_CHILDRENS_HOME',
  'FOSTER',
  'KINSHIP',
  'SEMI_INDEPENDENT',
  'SECURE',
  'OTHER',
] as const;

export const PLACEMENT_KIND_LABELS: Record<(typeof PLACEMENT_KINDS)[number], string> = {
  RESIDENTIAL_CHILDRENS_HOME: 'Residential children’s home',
  FOSTER: 'Foster placement',
  KINSHIP: 'Kinship care',
  SEMI_INDEPENDENT: 'Semi-independent accommodation',
  SECURE: 'Secure children’s home',
  OTHER: 'Other',
};

export const INTERVIEW_RESPONSE_LABELS: Record<'ACCEPTED' | 'DECLINED', string> = {
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
};

/** Other spellings partners send for the same types (e.g. the referral code list's short form). */
export const EPISODE_TYPE_ALIASES: Record<string, (typeof MISSING_EPISODE_TYPES)[number]> = {
  AWAY_WITHOUT_AUTHORISATION: 'AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION',
  MISSING_FROM_HOME: 'MISSING',
};

export function codeList<T extends string>(labels: Record<T, string>): CodeLabel[] {
  return Object.entries<string>(labels).map(([code, label]) => ({ code, label }));
}

export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? code;
}
