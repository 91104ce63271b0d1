/**
 * The CSE risk assessment form: reading the posted answers into the service's input (the service and the
 * tool validate them), and the element each error links to. Pure.
 */
import { formText } from '../platform/forms/body.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { AssessmentInput } from './service.ts';
import type { RiskTemplate } from './template.ts';

type YesNo = '' | 'yes' | 'no';

export interface AssessmentValues {
  indicators: Record<string, string>;
  domainRatings: Record<string, string>;
  disclosure: YesNo;
  assessorLevel: string;
  rationale: string;
}

export function blankAssessment(): AssessmentValues {
  return { indicators: {}, domainRatings: {}, disclosure: '', assessorLevel: '', rationale: '' };
}

function yesNo(body: unknown, name: string): YesNo {
  const v = formText(body, name, 5);
  return v === 'yes' || v === 'no' ? v : '';
}

/** Indicator answers are posted as `ind-<id>`, domain ratings as `dom-<id>`; only answered ones are sent on. */
export function assessmentFrom(
  body: unknown,
  template: RiskTemplate,
): { values: AssessmentValues; input: AssessmentInput; errors: FieldError[] } {
  const indicators: Record<string, string> = {};
  const domainRatings: Record<string, string> = {};
  for (const section of template.sections) {
    for (const indicator of section.indicators) {
      const answer = formText(body, `ind-${indicator.id}`, 60);
      if (answer) indicators[indicator.id] = answer;
    }
    if (template.kind === 'BANDED') {
      const rating = formText(body, `dom-${section.id}`, 20);
      if (rating) domainRatings[section.id] = rating;
    }
  }
  const values: AssessmentValues = {
    indicators,
    domainRatings,
    disclosure: yesNo(body, 'disclosure'),
    assessorLevel: formText(body, 'assessorLevel', 20),
    // One character over the limit is kept so that the service reports the length, not a silent cut.
    rationale: formText(body, 'rationale', 5001).trim(),
  };
  const errors: FieldError[] = [];
  if (!values.disclosure)
    errors.push({ field: 'disclosure', message: 'Say whether the child has disclosed exploitation' });
  return {
    values,
    errors,
    input: {
      templateId: template.id,
      answers: template.kind === 'BANDED' ? { indicators, domainRatings } : { indicators },
      disclosure: values.disclosure === 'yes',
      assessorLevel: values.assessorLevel || null,
      rationale: values.rationale || null,
    },
  };
}

/** The element an assessment error links to: the first radio of the indicator or domain. */
export function assessmentAnchor(field: string): string {
  const indicator = /^indicators\.(.+)$/.exec(field);
  if (indicator) return `ind-${indicator[1]}`;
  const domain = /^domainRatings\.(.+)$/.exec(field);
  if (domain) return `dom-${domain[1]}`;
  return field === 'templateId' ? 'disclosure' : field;
}

export function assessmentErrors(errors: FieldError[]) {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[assessmentAnchor(e.field)] ??= { text: e.message };
  return {
    errorList: errors.map((e) => ({ text: e.message, href: `#${assessmentAnchor(e.field)}` })),
    fieldErrors,
  };
}
