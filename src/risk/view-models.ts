/**
 * What the risk pages show: plain view objects (labels, tags, UK dates, names) made from the store's rows
 * and the tools' templates. Pure.
 */

import { ukDate, ukDateTime } from '../platform/time/display.ts';
import {
  ANSWER_LABELS,
  DOMAIN_RATING_ITEMS,
  levelTag,
  RISK_LEVEL_ITEMS,
  RISK_LEVEL_LABELS,
} from './codes.ts';
import type { AssessmentValues } from './form.ts';
import { newRiskAssessmentPath, riskAssessmentPath, riskAssessmentsPath } from './paths.ts';
import type { AssessmentRow, CseFlag, ReassessmentRow } from './service.ts';
import { answersAllowedFor, type RiskTemplate } from './template.ts';
import { riskTemplate } from './templates/index.ts';

/** Today's date in the UK as YYYY-MM-DD. */
export function todayIso(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

export function personName(p: { forename: string | null; surname: string | null }): string {
  return [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';
}

export interface CseFlagView {
  tag: { text: string; classes: string };
  due: string;
  overdue: boolean;
  href: string;
}

export function cseFlagViewOf(personId: string, flag: CseFlag, today: string): CseFlagView {
  return {
    tag: levelTag(flag.level),
    due: ukDate(flag.reviewDue),
    overdue: flag.reviewDue !== null && flag.reviewDue < today,
    href: riskAssessmentsPath(personId),
  };
}

const OVERRIDE_TEXT: Record<string, string> = {
  UNDER_13_WITH_CSE_CONCERNS: 'The child is under 13: never rated low or not at risk',
  LEARNING_DISABILITY_WITH_CSE_CONCERNS:
    'The child has a learning disability: never rated low or not at risk',
  DISCLOSURE_OF_EXPLOITATION: 'A disclosure of exploitation is high risk',
};

/** One assessment as its history row and its own page show it. */
export function assessmentView(personId: string, r: AssessmentRow) {
  const template = riskTemplate(r.template_id);
  const overrides = r.overrides ?? [];
  return {
    id: r.id,
    href: riskAssessmentPath(personId, r.id),
    template: template ? `${template.name} (version ${r.template_version})` : r.template_id,
    score: r.score,
    computed: levelTag(r.computed_level),
    final: levelTag(r.final_level),
    differs: r.computed_level !== r.final_level,
    rationale: r.rationale,
    overrides: overrides.map(
      (o) =>
        `${OVERRIDE_TEXT[o.rule] ?? o.rule} (raised from ${RISK_LEVEL_LABELS[o.from] ?? o.from} to ${RISK_LEVEL_LABELS[o.to] ?? o.to})`,
    ),
    by: r.assessed_by_label,
    at: ukDateTime(r.assessed_at),
    nextReview: ukDate(r.next_review_date),
  };
}

/** A child due for reassessment, for the reassessments list. */
export function reassessmentView(r: ReassessmentRow, today: string) {
  return {
    id: r.id,
    name: personName(r),
    dob: r.dob ? ukDate(r.dob) : 'Not known',
    tag: levelTag(r.cse_risk_level),
    due: ukDate(r.review_due),
    overdue: r.review_due < today,
    href: riskAssessmentsPath(r.id),
    reassessHref: newRiskAssessmentPath(r.id),
  };
}

/** A tool as the assessment form lays it out: sections, their rating (banded tools) and indicators. */
export function templateView(
  template: RiskTemplate,
  values: AssessmentValues,
  fieldErrors: Record<string, { text: string }>,
) {
  return {
    id: template.id,
    name: template.name,
    banded: template.kind === 'BANDED',
    reviewMonths: template.reviewIntervalMonths,
    sections: template.sections.map((s) => ({
      id: s.id,
      title: s.title,
      rating:
        template.kind === 'BANDED'
          ? {
              name: `dom-${s.id}`,
              required: 'ratingRequired' in s ? s.ratingRequired : true,
              error: fieldErrors[`dom-${s.id}`],
              items: DOMAIN_RATING_ITEMS.map((r) => ({
                value: r.code,
                text: r.label,
                checked: values.domainRatings[s.id] === r.code,
              })),
            }
          : null,
      indicators: s.indicators.map((i) => ({
        name: `ind-${i.id}`,
        text: i.text,
        required: i.required,
        error: fieldErrors[`ind-${i.id}`],
        items: answersAllowedFor(i.kind).map((a) => ({
          value: a,
          text: ANSWER_LABELS[a],
          checked: values.indicators[i.id] === a,
        })),
      })),
    })),
  };
}

/** The form's disclosure question and the assessor's level choice, with what was chosen. */
export function assessmentChoices(values: AssessmentValues) {
  return {
    disclosureItems: [
      { value: 'yes', text: 'Yes', checked: values.disclosure === 'yes' },
      { value: 'no', text: 'No', checked: values.disclosure === 'no' },
    ],
    levelItems: [
      { value: '', text: 'Keep the computed level' },
      ...RISK_LEVEL_ITEMS.map((l) => ({
        value: l.code,
        text: l.label,
        selected: values.assessorLevel === l.code,
      })),
    ],
  };
}
