/**
 * Lantern's own scored CSE screening tool. The structure (vulnerabilities, moderate and significant
 * indicators weighted by recency) is the common one; the wording is Lantern's, written neutrally so that a
 * partnership can replace it with the text of the tool it licenses.
 */
import { STANDARD_OVERRIDE_RULES } from '../override-rules.ts';
import { DEFAULT_REVIEW_INTERVAL_MONTHS, type Indicator, type ScoredTemplate } from '../template.ts';

const vulnerability = (id: string, text: string): Indicator => ({
  id,
  text,
  kind: 'VULNERABILITY',
  required: true,
});
const moderate = (id: string, text: string): Indicator => ({ id, text, kind: 'MODERATE', required: true });
const significant = (id: string, text: string): Indicator => ({
  id,
  text,
  kind: 'SIGNIFICANT',
  required: true,
});

export const SCORED_TEMPLATE_V1: ScoredTemplate = {
  id: 'lantern-scored',
  version: 1,
  name: 'Lantern scored CSE risk screening',
  kind: 'SCORED',
  sections: [
    {
      id: 'vulnerabilities',
      title: 'Vulnerabilities',
      indicators: [
        vulnerability('v-care', 'Is looked after, or lives in residential or supported accommodation'),
        vulnerability('v-unstable-home', 'Has moved address or placement recently, or has no stable home'),
        vulnerability('v-home-harm', 'Lives with conflict, neglect or domestic abuse at home'),
        vulnerability('v-earlier-abuse', 'Has experienced abuse or trauma before'),
        vulnerability('v-education', 'Is excluded, on a reduced timetable or often absent from education'),
        vulnerability('v-mental-health', 'Has emotional or mental health difficulties, including self-harm'),
        vulnerability('v-isolation', 'Has few trusted adults or friends to turn to'),
        vulnerability('v-exploited-peers', 'Has friends or siblings known to be exploited'),
      ],
    },
    {
      id: 'moderate',
      title: 'Moderate-risk indicators',
      indicators: [
        {
          ...moderate('m-repeat-missing', 'Has been reported missing repeatedly'),
          feed: { source: 'REPEAT_MISSING', answerWhenPresent: 'WITHIN_6_MONTHS' },
        },
        moderate('m-out-late', 'Stays out late or overnight without a reason the carers know of'),
        moderate(
          'm-unexplained-items',
          'Has money, phones, clothes or other items that are not accounted for',
        ),
        moderate('m-older-associates', 'Spends time with older people not known to the family or carers'),
        moderate('m-online-contact', 'Has online contact with unknown adults, or hides online activity'),
        moderate('m-substances', 'Uses alcohol or drugs, or is given them by others'),
        moderate('m-sexual-health', 'Has sexual health concerns, such as repeated testing or infections'),
        moderate('m-changed-behaviour', 'Shows sudden changes in behaviour, mood or appearance'),
      ],
    },
    {
      id: 'significant',
      title: 'Significant-risk indicators',
      indicators: [
        significant('s-collected', 'Is collected by unknown adults or in unknown vehicles'),
        significant('s-places', 'Has been found at addresses or places linked to exploitation'),
        significant(
          's-older-partner',
          'Is in a relationship with a much older person, or one thought to pose a risk',
        ),
        significant('s-images', 'Has been pressured to send, or has had shared, sexual images'),
        significant('s-coercion', 'Has been threatened, coerced or controlled into sexual activity'),
        significant('s-recruiting', 'Introduces other children to adults of concern'),
        significant('s-moved', 'Has been taken from place to place by others without a clear reason'),
      ],
    },
  ],
  points: {
    VULNERABILITY: { NOT_PRESENT: 0, PRESENT: 1 },
    // A moderate indicator counts only while current (seen in the last 6 months).
    MODERATE: {
      NOT_PRESENT: 0,
      WITHIN_6_MONTHS: 1,
      ONLY_6_TO_12_MONTHS_AGO: 0,
      WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO: 1,
    },
    // Current weighs 5, an older sighting 1, and a pattern over both periods 6.
    SIGNIFICANT: {
      NOT_PRESENT: 0,
      WITHIN_6_MONTHS: 5,
      ONLY_6_TO_12_MONTHS_AGO: 1,
      WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO: 6,
    },
  },
  bands: [
    { minScore: 0, maxScore: 5, level: 'NOT_AT_RISK' },
    { minScore: 6, maxScore: 10, level: 'LOW' },
    { minScore: 11, maxScore: 15, level: 'MEDIUM' },
    { minScore: 16, maxScore: null, level: 'HIGH' },
  ],
  overrideRules: STANDARD_OVERRIDE_RULES,
  reviewIntervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS,
};
