/** MASH code lists (DOMAIN.md): outcomes, statutory measures, legal bases for sharing, handling codes. */
import type { CodeEntry } from '../platform/codes/code-list.ts';

export const CONTACT_OUTCOMES = [
  { code: 'NO_FURTHER_ACTION', label: 'No further action' },
  { code: 'INFORMATION_AND_ADVICE', label: 'Information and advice' },
  { code: 'EARLY_HELP', label: 'Early help' },
  { code: 'REFERRAL_TO_CSC', label: 'Referral to children’s social care' },
] as const satisfies readonly CodeEntry[];

export const REFERRAL_OUTCOMES = [
  { code: 'NO_FURTHER_ACTION', label: 'No further action' },
  { code: 'ADVICE_SIGNPOST', label: 'Advice or signposting' },
  { code: 'STEP_DOWN_EARLY_HELP', label: 'Step down to early help' },
  { code: 'ASSESSMENT_S17', label: 'Assessment (section 17, child in need)' },
  { code: 'STRATEGY_S47', label: 'Strategy discussion and/or section 47 enquiry' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies readonly CodeEntry[];

export const STATUTORY_MEASURES = [
  { code: 'S17', label: 'Section 17: child in need' },
  { code: 'S47', label: 'Section 47: enquiry, child at risk of significant harm' },
  { code: 'S20', label: 'Section 20: accommodation' },
  { code: 'S31', label: 'Section 31: care or supervision order' },
  { code: 'S44', label: 'Section 44: emergency protection order' },
  { code: 'S46', label: 'Section 46: police protection' },
] as const satisfies readonly CodeEntry[];

/**
 * The outcome the partnership's figures count, derived from the statutory measures: the most serious
 * measure, or "no social care outcome required" when there is none. Every statutory measure is listed, so
 * an emergency protection order (s44) or police protection (s46) counts as further social care enquiries;
 * they rank after s31 and s20 so that the children with a section 20 or 31 outcome are all counted.
 */
export const SOCIAL_CARE_OUTCOME_ORDER = ['S31', 'S20', 'S44', 'S46', 'S47', 'S17'] as const;

export const LEGAL_BASES = [
  { code: 'CA1989_S47', label: 'Children Act 1989 section 47' },
  { code: 'CA1989_S17', label: 'Children Act 1989 section 17' },
  { code: 'CA2004_S10', label: 'Children Act 2004 section 10' },
  { code: 'CA2004_S11', label: 'Children Act 2004 section 11' },
  { code: 'CDA1998_S115', label: 'Crime and Disorder Act 1998 section 115' },
  {
    code: 'DPA2018_SCH8_P4',
    label: 'Data Protection Act 2018 Schedule 8 paragraph 4 (safeguarding, law enforcement)',
  },
  { code: 'UKGDPR_DPA2018_SCH1_P18', label: 'UK GDPR with Data Protection Act 2018 Schedule 1 paragraph 18' },
  { code: 'CONSENT', label: 'Consent' },
  { code: 'OTHER', label: 'Other (give the basis)' },
] as const satisfies readonly CodeEntry[];

export const SHARING_CHANNELS = [
  { code: 'MASH_SYSTEM', label: 'Within Lantern' },
  { code: 'SECURE_EMAIL', label: 'Secure email' },
  { code: 'PHONE', label: 'Telephone' },
  { code: 'MEETING', label: 'Meeting' },
  { code: 'LETTER', label: 'Letter' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies readonly CodeEntry[];

/** Police intelligence handling codes: how far an item may be disseminated (1 widest, 5 with conditions). */
export const HANDLING_CODES = [
  { code: '1', label: '1: may be disseminated to other law enforcement and prosecuting agencies' },
  { code: '2', label: '2: may be disseminated to UK non-prosecuting parties' },
  { code: '3', label: '3: may be disseminated to non-UK law enforcement agencies' },
  { code: '4', label: '4: may be disseminated within the originating agency only' },
  { code: '5', label: '5: no further dissemination without the originator’s consent' },
] as const satisfies readonly CodeEntry[];
