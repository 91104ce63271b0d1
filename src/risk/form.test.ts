import { describe, expect, it } from 'vitest';
import { assessmentAnchor, assessmentErrors, assessmentFrom } from './form.ts';
import { BANDED_TEMPLATE_V1 } from './templates/banded-v1.ts';
import { SCORED_TEMPLATE_V1 } from './templates/scored-v1.ts';

describe('the CSE risk assessment form', () => {
  it('sends on only the answered indicators, and asks for the disclosure question', () => {
    const first = SCORED_TEMPLATE_V1.sections[0]!.indicators[0]!;
    const { values, input, errors } = assessmentFrom(
      { templateId: SCORED_TEMPLATE_V1.id, [`ind-${first.id}`]: 'PRESENT', rationale: '  why  ' },
      SCORED_TEMPLATE_V1,
    );
    expect(input.answers).toEqual({ indicators: { [first.id]: 'PRESENT' } });
    expect(input.disclosure).toBe(false);
    expect(input.rationale).toBe('why');
    expect(values.disclosure).toBe('');
    expect(errors).toEqual([
      { field: 'disclosure', message: 'Say whether the child has disclosed exploitation' },
    ]);
  });

  it('reads a banded tool’s domain ratings too', () => {
    const section = BANDED_TEMPLATE_V1.sections[0]!;
    const { input, errors } = assessmentFrom(
      { [`dom-${section.id}`]: 'HIGH', disclosure: 'yes', assessorLevel: 'HIGH' },
      BANDED_TEMPLATE_V1,
    );
    expect(input.answers).toEqual({ indicators: {}, domainRatings: { [section.id]: 'HIGH' } });
    expect(input.disclosure).toBe(true);
    expect(input.assessorLevel).toBe('HIGH');
    expect(errors).toEqual([]);
  });

  it('links each error to the first radio of its indicator or domain', () => {
    expect(assessmentAnchor('indicators.v-care')).toBe('ind-v-care');
    expect(assessmentAnchor('domainRatings.missing')).toBe('dom-missing');
    expect(assessmentAnchor('templateId')).toBe('disclosure');
    expect(assessmentErrors([{ field: 'indicators.v-care', message: 'Answer' }])).toEqual({
      errorList: [{ text: 'Answer', href: '#ind-v-care' }],
      fieldErrors: { 'ind-v-care': { text: 'Answer' } },
    });
  });
});
