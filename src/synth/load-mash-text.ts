/**
 * What the MASH writes on the loaded episodes: the wording of research answers, triage, decisions and
 * strategy actions, and the codes each generated outcome is recorded with. Data only (and the draw of a
 * contact outcome), for `load-mash.ts`.
 */
import type { AreaCode } from './partnership-types.ts';
import type { Rng } from './random.ts';
import type { VictimReferral } from './types.ts';

export const COUNCIL_OF: Record<AreaCode, string> = {
  LANCASHIRE: 'LCC-CSC',
  BLACKBURN_WITH_DARWEN: 'BWD-CSC',
  BLACKPOOL: 'BPL-CSC',
};
export const HOSPITAL_OF: Record<AreaCode, string> = {
  LANCASHIRE: 'NHS-LTH',
  BLACKBURN_WITH_DARWEN: 'NHS-ELH',
  BLACKPOOL: 'NHS-BTH',
};

export const RAG_RATIONALE: Record<string, string> = {
  RED: 'Rated Red at triage: an immediate safeguarding concern, to be worked to completion today.',
  AMBER: 'Rated Amber at triage: significant concerns; partner agency checks needed within 24 working hours.',
  GREEN: 'Rated Green at triage: concerns to be checked with partner agencies within 72 working hours.',
  BLUE: 'Rated Blue at triage: information only; no further MASH checks expected.',
};

export const POLICE_SUMMARIES = [
  'No police information held about the child beyond this referral.',
  'Child recorded as a missing person in the last year; returned safe on each occasion.',
  'Intelligence held on an adult associated with the child; shared under its handling code.',
  'Child named as a witness in an earlier investigation; no offences recorded against the child.',
  'Police attended the home address once in the last year; no crime recorded.',
];
export const HEALTH_SUMMARIES = [
  'Registered with a GP; no safeguarding concerns recorded.',
  'Attended the emergency department once in the last year; discharged home.',
  'School nursing contact this year about emotional wellbeing.',
  'No recent health contact; immunisations up to date.',
];
export const COUNCIL_SUMMARIES = [
  'Not previously known to children’s social care.',
  'Previously known to children’s social care; case closed after an assessment.',
  'The family received early help support last year.',
  'Sibling known to children’s social care; no current involvement with this child.',
];

export const NFA_REASONS = [
  'Concerns addressed by the referrer with the family; no role for social care.',
  'Checks found no information to support the concern.',
  'Parents are acting protectively and the child is engaging with school support.',
];

export const STRATEGY_ACTIONS: ReadonlyArray<{
  description: string;
  owner: 'POLICE' | 'COUNCIL' | 'HEALTH';
}> = [
  { description: 'Joint visit to the child and family by police and social care', owner: 'COUNCIL' },
  { description: 'Speak to the school’s designated safeguarding lead about attendance', owner: 'COUNCIL' },
  { description: 'Offer a health check and sexual health advice through school nursing', owner: 'HEALTH' },
  { description: 'Research the adults named in the referral and share the outcome', owner: 'POLICE' },
  { description: 'Agree a disruption plan for the places of concern', owner: 'POLICE' },
];

export const MEASURES_OF: Record<VictimReferral['outcome'], string[]> = {
  NO_OUTCOME_REQUIRED: [],
  S17: ['S17'],
  S47: ['S47'],
  S20: ['S20'],
  S31: ['S31'],
};

export function contactOutcomeFor(rng: Rng, outcome: VictimReferral['outcome']) {
  switch (outcome) {
    case 'S47':
    case 'S31':
      return { contact: 'REFERRAL_TO_CSC', referral: 'STRATEGY_S47' };
    case 'S17':
    case 'S20':
      return { contact: 'REFERRAL_TO_CSC', referral: 'ASSESSMENT_S17' };
    default:
      return {
        contact: rng.weighted<string>([
          ['NO_FURTHER_ACTION', 40],
          ['INFORMATION_AND_ADVICE', 35],
          ['EARLY_HELP', 25],
        ]),
        referral: null,
      };
  }
}

export const FEEDBACK: Record<VictimReferral['outcome'], string> = {
  NO_OUTCOME_REQUIRED: 'The MASH has considered your referral; no social care outcome is required.',
  S17: 'The MASH has decided that the child will be assessed as a child in need (section 17).',
  S47: 'The MASH held a strategy discussion; a section 47 enquiry will be made.',
  S20: 'The MASH has decided that the child will be accommodated (section 20).',
  S31: 'The MASH has decided to seek a care or supervision order (section 31).',
};

export const RATIONALE: Record<VictimReferral['outcome'], string> = {
  NO_OUTCOME_REQUIRED:
    'Agency checks do not indicate that the child is in need or at risk of significant harm.',
  S17: 'Agency checks indicate the child is in need of support; the threshold for a section 47 enquiry is not met.',
  S47: 'There is reasonable cause to suspect the child is suffering, or likely to suffer, significant harm.',
  S20: 'The child cannot remain at home safely; the parents agree to the child being accommodated.',
  S31: 'The child is at risk of significant harm and the parents cannot protect them; legal advice sought.',
};
