/**
 * Lantern's own banded CSE tool: the assessor rates each domain none/low/medium/high, guided by prompts,
 * and the level is the highest domain rating. Prompts are optional evidence; the ratings carry the decision.
 */
import { STANDARD_OVERRIDE_RULES } from '../override-rules.ts';
import {
  type BandedSection,
  type BandedTemplate,
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  type Indicator,
} from '../template.ts';

const prompt = (id: string, text: string, kind: Indicator['kind'] = 'MODERATE'): Indicator => ({
  id,
  text,
  kind,
  required: false,
});

const domain = (
  id: string,
  title: string,
  indicators: Indicator[],
  ratingRequired = true,
): BandedSection => ({
  id,
  title,
  indicators,
  ratingRequired,
});

export const BANDED_TEMPLATE_V1: BandedTemplate = {
  id: 'lantern-banded',
  version: 1,
  name: 'Lantern banded CSE risk assessment',
  kind: 'BANDED',
  sections: [
    domain('missing', 'Missing', [
      {
        ...prompt('b-missing-repeat', 'Has been reported missing repeatedly'),
        feed: { source: 'REPEAT_MISSING', answerWhenPresent: 'WITHIN_6_MONTHS' },
      },
      prompt(
        'b-missing-found-away',
        'Has been found a long way from home or with adults of concern',
        'SIGNIFICANT',
      ),
    ]),
    domain('accommodation', 'Accommodation', [
      prompt(
        'b-accommodation-unstable',
        'Has no stable home, or has moved placement recently',
        'VULNERABILITY',
      ),
    ]),
    domain('education', 'Education', [
      prompt('b-education-absent', 'Is often absent, excluded or on a reduced timetable', 'VULNERABILITY'),
    ]),
    domain('substance-misuse', 'Substance misuse', [
      prompt('b-substances-given', 'Is given alcohol or drugs by others'),
    ]),
    domain('family', 'Family', [
      prompt('b-family-harm', 'Lives with conflict, neglect or abuse at home', 'VULNERABILITY'),
    ]),
    domain('engagement', 'Engagement with services', [
      prompt('b-engagement-avoids', 'Avoids or stops engaging with professionals'),
    ]),
    domain('coercion-control', 'Coercion and control', [
      prompt(
        'b-coercion-threats',
        'Is threatened, controlled or made to feel in debt to someone',
        'SIGNIFICANT',
      ),
    ]),
    domain('sexual-health', 'Sexual health', [
      prompt(
        'b-sexual-health-concerns',
        'Has sexual health concerns, such as repeated testing or infections',
      ),
    ]),
    domain('emotional-mental-health', 'Emotional and mental health', [
      prompt('b-mental-health-self-harm', 'Self-harms or shows marked changes in mood', 'VULNERABILITY'),
    ]),
    domain('risky-adults-places', 'Contact with risky adults or places', [
      prompt(
        'b-risky-adults',
        'Spends time with older people or at places linked to exploitation',
        'SIGNIFICANT',
      ),
    ]),
    domain('online', 'Online', [
      prompt('b-online-contact', 'Has online contact with unknown adults or shares images'),
    ]),
    domain('other', 'Other', [], false),
  ],
  bands: [
    { rating: 'NONE', level: 'NOT_AT_RISK' },
    { rating: 'LOW', level: 'LOW' },
    { rating: 'MEDIUM', level: 'MEDIUM' },
    { rating: 'HIGH', level: 'HIGH' },
  ],
  overrideRules: STANDARD_OVERRIDE_RULES,
  reviewIntervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS,
};
