import { describe, expect, it } from 'vitest';
import { BANDED_TEMPLATE_V1 } from './templates/banded-v1.ts';
import { SCORED_TEMPLATE_V1 } from './templates/scored-v1.ts';
import { validateAssessment } from './validate-assessment.ts';
import { validateTemplate } from './validate-template.ts';

const allScored = () =>
  Object.fromEntries(
    SCORED_TEMPLATE_V1.sections
      .flatMap((s) => s.indicators)
      .map((i): [string, string] => [i.id, 'NOT_PRESENT']),
  ) as Record<string, unknown>;

const codes = (errors: { field: string; code?: string }[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('validateAssessment', () => {
  it('accepts a complete scored assessment', () => {
    expect(validateAssessment(SCORED_TEMPLATE_V1, { indicators: allScored() })).toEqual([]);
  });

  it('reports each unanswered required indicator against its field', () => {
    const { 'v-care': _vCare, 's-places': _sPlaces, ...rest } = allScored();
    expect(codes(validateAssessment(SCORED_TEMPLATE_V1, { indicators: rest }))).toEqual([
      'indicators.v-care:REQUIRED',
      'indicators.s-places:REQUIRED',
    ]);
  });

  it('reports unknown indicator ids and answers that do not fit the indicator kind', () => {
    const errors = validateAssessment(SCORED_TEMPLATE_V1, {
      indicators: {
        ...allScored(),
        'x-made-up': 'PRESENT',
        'v-care': 'WITHIN_6_MONTHS',
        'm-out-late': 'PRESENT',
        's-moved': 7,
      },
    });
    expect(codes(errors)).toEqual([
      'indicators.v-care:INVALID_ANSWER',
      'indicators.m-out-late:INVALID_ANSWER',
      'indicators.s-moved:INVALID_ANSWER',
      'indicators.x-made-up:UNKNOWN_INDICATOR',
    ]);
  });

  it('refuses domain ratings on a scored tool', () => {
    expect(
      codes(
        validateAssessment(SCORED_TEMPLATE_V1, { indicators: allScored(), domainRatings: { online: 'LOW' } }),
      ),
    ).toEqual(['domainRatings.online:NOT_APPLICABLE']);
  });

  it('needs every required domain rated in the banded tool, with a known rating', () => {
    const ratings: Record<string, unknown> = Object.fromEntries(
      BANDED_TEMPLATE_V1.sections.map((s) => [s.id, 'NONE']),
    );
    delete ratings['other'];
    expect(validateAssessment(BANDED_TEMPLATE_V1, { domainRatings: ratings })).toEqual([]);
    delete ratings['missing'];
    ratings['online'] = 'SEVERE';
    ratings['made-up'] = 'LOW';
    expect(codes(validateAssessment(BANDED_TEMPLATE_V1, { domainRatings: ratings }))).toEqual([
      'domainRatings.online:INVALID_RATING',
      'domainRatings.made-up:UNKNOWN_DOMAIN',
      'domainRatings.missing:REQUIRED',
    ]);
  });
});

describe('validateTemplate', () => {
  it('passes both shipped templates', () => {
    expect(validateTemplate(SCORED_TEMPLATE_V1)).toEqual([]);
    expect(validateTemplate(BANDED_TEMPLATE_V1)).toEqual([]);
  });

  it('catches a gap between score bands and a duplicated id', () => {
    const broken = {
      ...SCORED_TEMPLATE_V1,
      bands: [
        { minScore: 0, maxScore: 5, level: 'NOT_AT_RISK' as const },
        { minScore: 7, maxScore: null, level: 'HIGH' as const },
      ],
      sections: [...SCORED_TEMPLATE_V1.sections, SCORED_TEMPLATE_V1.sections[0]!],
    };
    expect(validateTemplate(broken)).toEqual(
      expect.arrayContaining([
        'Score band 2 should start at 6',
        'Id "vulnerabilities" is used more than once',
      ]),
    );
  });
});
