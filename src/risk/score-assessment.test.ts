import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskLevelRank } from './levels.ts';
import type { ChildRiskFacts } from './override-rules.ts';
import { InvalidAssessmentError, scoreAssessment } from './score-assessment.ts';
import type { IndicatorAnswer, RecencyAnswer } from './template.ts';
import { BANDED_TEMPLATE_V1 } from './templates/banded-v1.ts';
import { SCORED_TEMPLATE_V1 } from './templates/scored-v1.ts';

const NO_FLAGS: ChildRiskFacts = {
  ageYears: 15,
  learningDisability: false,
  cseConcerns: true,
  disclosure: false,
};
const allIndicators = SCORED_TEMPLATE_V1.sections.flatMap((s) => s.indicators);
const onePointers = allIndicators.filter((i) => i.kind !== 'SIGNIFICANT');

function noneScored(): Record<string, IndicatorAnswer> {
  return Object.fromEntries(allIndicators.map((i) => [i.id, 'NOT_PRESENT']));
}

/** Answers worth exactly `score` points, made of 1-point vulnerabilities and moderate indicators. */
function answersWorth(score: number): Record<string, IndicatorAnswer> {
  const answers = noneScored();
  for (const indicator of onePointers.slice(0, score)) {
    answers[indicator.id] = indicator.kind === 'VULNERABILITY' ? 'PRESENT' : 'WITHIN_6_MONTHS';
  }
  return answers;
}

const scored = (indicators: Record<string, IndicatorAnswer>, child: ChildRiskFacts = NO_FLAGS) =>
  scoreAssessment(SCORED_TEMPLATE_V1, { indicators }, child);

describe('scored template bands', () => {
  it.each([
    [0, 'NOT_AT_RISK'],
    [5, 'NOT_AT_RISK'],
    [6, 'LOW'],
    [10, 'LOW'],
    [11, 'MEDIUM'],
    [15, 'MEDIUM'],
    [16, 'HIGH'],
  ] as const)('scores %i as %s', (points, level) => {
    const result = scored(answersWorth(points));
    expect(result.score).toBe(points);
    expect(result.bandLevel).toBe(level);
    expect(result.computedLevel).toBe(level);
    expect(result.appliedOverrides).toEqual([]);
  });
});

describe('scored template points', () => {
  it.each([
    ['WITHIN_6_MONTHS', 5],
    ['ONLY_6_TO_12_MONTHS_AGO', 1],
    ['WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO', 6],
    ['NOT_PRESENT', 0],
  ] as const)('gives a significant indicator answered %s %i points', (answer, points) => {
    expect(scored({ ...noneScored(), 's-coercion': answer }).score).toBe(points);
  });

  it.each([
    ['WITHIN_6_MONTHS', 1],
    ['ONLY_6_TO_12_MONTHS_AGO', 0],
    ['WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO', 1],
  ] as const)('gives a moderate indicator answered %s %i point(s)', (answer, points) => {
    expect(scored({ ...noneScored(), 'm-out-late': answer }).score).toBe(points);
  });

  it('gives a vulnerability 1 point and explains the total per section', () => {
    const result = scored({
      ...noneScored(),
      'v-care': 'PRESENT',
      's-images': 'WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO',
    });
    expect(result.score).toBe(7);
    expect(result.sections.map((s) => [s.sectionId, s.points])).toEqual([
      ['vulnerabilities', 1],
      ['moderate', 0],
      ['significant', 6],
    ]);
    expect(result.sections[2]?.present).toEqual([
      {
        indicatorId: 's-images',
        text: expect.any(String),
        answer: 'WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO',
        points: 6,
      },
    ]);
    expect(result.sections[2]?.summary).toBe('6 points from 1 of 7 indicators present');
  });
});

describe('override rules', () => {
  const low = answersWorth(6);

  it('raises a child under 13 with CSE concerns from LOW to MEDIUM', () => {
    const result = scored(low, { ...NO_FLAGS, ageYears: 12 });
    expect(result.computedLevel).toBe('MEDIUM');
    expect(result.bandLevel).toBe('LOW');
    expect(result.appliedOverrides).toEqual([
      { rule: 'UNDER_13_WITH_CSE_CONCERNS', from: 'LOW', to: 'MEDIUM' },
    ]);
    expect(result.minimumLevel).toBe('MEDIUM');
  });

  it('does not apply the age rule at 13, nor under 13 without CSE concerns', () => {
    expect(scored(low, { ...NO_FLAGS, ageYears: 13 }).computedLevel).toBe('LOW');
    expect(scored(low, { ...NO_FLAGS, ageYears: 12.9 }).computedLevel).toBe('MEDIUM');
    expect(scored(low, { ...NO_FLAGS, ageYears: 11, cseConcerns: false }).computedLevel).toBe('LOW');
  });

  it('raises a child with a learning disability and CSE concerns from NOT_AT_RISK to MEDIUM', () => {
    const result = scored(noneScored(), { ...NO_FLAGS, learningDisability: true });
    expect(result.appliedOverrides).toEqual([
      { rule: 'LEARNING_DISABILITY_WITH_CSE_CONCERNS', from: 'NOT_AT_RISK', to: 'MEDIUM' },
    ]);
    expect(
      scored(noneScored(), { ...NO_FLAGS, learningDisability: true, cseConcerns: false }).computedLevel,
    ).toBe('NOT_AT_RISK');
  });

  it('rates a disclosure of exploitation HIGH, listing each step that raised the level', () => {
    const result = scored(noneScored(), { ...NO_FLAGS, ageYears: 12, disclosure: true });
    expect(result.computedLevel).toBe('HIGH');
    expect(result.appliedOverrides).toEqual([
      { rule: 'UNDER_13_WITH_CSE_CONCERNS', from: 'NOT_AT_RISK', to: 'MEDIUM' },
      { rule: 'DISCLOSURE_OF_EXPLOITATION', from: 'MEDIUM', to: 'HIGH' },
    ]);
  });

  it('lists no override when the level is already at or above the floor', () => {
    const result = scored(answersWorth(11), { ...NO_FLAGS, ageYears: 12, learningDisability: true });
    expect(result.computedLevel).toBe('MEDIUM');
    expect(result.appliedOverrides).toEqual([]);
    expect(result.minimumLevel).toBe('MEDIUM');
  });

  it('applies the same rules to the banded tool', () => {
    const ratings = Object.fromEntries(BANDED_TEMPLATE_V1.sections.map((s) => [s.id, 'LOW']));
    const result = scoreAssessment(
      BANDED_TEMPLATE_V1,
      { indicators: {}, domainRatings: ratings },
      {
        ...NO_FLAGS,
        learningDisability: true,
      },
    );
    expect(result.appliedOverrides).toEqual([
      { rule: 'LEARNING_DISABILITY_WITH_CSE_CONCERNS', from: 'LOW', to: 'MEDIUM' },
    ]);
    const disclosed = scoreAssessment(
      BANDED_TEMPLATE_V1,
      { indicators: {}, domainRatings: ratings },
      {
        ...NO_FLAGS,
        disclosure: true,
      },
    );
    expect(disclosed.computedLevel).toBe('HIGH');
  });
});

describe('banded template', () => {
  const ratedNone = () => Object.fromEntries(BANDED_TEMPLATE_V1.sections.map((s) => [s.id, 'NONE' as const]));

  it('takes the highest domain rating as the level', () => {
    const result = scoreAssessment(
      BANDED_TEMPLATE_V1,
      { indicators: {}, domainRatings: { ...ratedNone(), online: 'MEDIUM', education: 'LOW' } },
      NO_FLAGS,
    );
    expect(result.score).toBeNull();
    expect(result.computedLevel).toBe('MEDIUM');
    expect(result.sections.find((s) => s.sectionId === 'online')?.summary).toBe('Rated MEDIUM (MEDIUM)');
  });

  it('is NOT_AT_RISK when every domain is NONE and treats an unrated optional domain as NONE', () => {
    const { other: _other, ...withoutOther } = ratedNone();
    expect(scoreAssessment(BANDED_TEMPLATE_V1, { domainRatings: withoutOther }, NO_FLAGS).computedLevel).toBe(
      'NOT_AT_RISK',
    );
  });

  it('is HIGH when any one domain is HIGH', () => {
    const result = scoreAssessment(
      BANDED_TEMPLATE_V1,
      { domainRatings: { ...ratedNone(), 'coercion-control': 'HIGH' } },
      NO_FLAGS,
    );
    expect(result.computedLevel).toBe('HIGH');
  });
});

describe('inputs', () => {
  it('refuses to score invalid answers or child facts', () => {
    expect(() => scored({})).toThrow(InvalidAssessmentError);
    expect(() => scored(noneScored(), { ...NO_FLAGS, ageYears: -1 })).toThrow(InvalidAssessmentError);
  });

  it('has no place for ethnicity, religion or nationality, and ignores them if smuggled in', () => {
    const facts: ChildRiskFacts = {
      ageYears: 14,
      learningDisability: false,
      cseConcerns: true,
      disclosure: false,
      // @ts-expect-error ethnicity is never an input to a risk level
      ethnicity: 'any',
    };
    const smuggled = { ...NO_FLAGS, ethnicity: 'x', religion: 'y', nationality: 'z' } as ChildRiskFacts;
    expect(scored(answersWorth(7), smuggled)).toEqual(scored(answersWorth(7), NO_FLAGS));
    expect(facts.ageYears).toBe(14);
  });
});

describe('scoring properties', () => {
  const recency = fc.constantFrom<RecencyAnswer>(
    'NOT_PRESENT',
    'WITHIN_6_MONTHS',
    'ONLY_6_TO_12_MONTHS_AGO',
    'WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO',
  );
  const answers = fc.record(
    Object.fromEntries(
      allIndicators.map((i) => [
        i.id,
        i.kind === 'VULNERABILITY' ? fc.constantFrom('NOT_PRESENT', 'PRESENT') : recency,
      ]),
    ) as Record<string, fc.Arbitrary<IndicatorAnswer>>,
  );
  const child = fc.record({
    ageYears: fc.integer({ min: 0, max: 17 }),
    learningDisability: fc.boolean(),
    cseConcerns: fc.boolean(),
    disclosure: fc.boolean(),
  });

  it('never lets overrides lower a level, and always meets the floor', () => {
    fc.assert(
      fc.property(answers, child, (given, facts) => {
        const result = scored(given, facts);
        expect(riskLevelRank(result.computedLevel)).toBeGreaterThanOrEqual(riskLevelRank(result.bandLevel));
        expect(riskLevelRank(result.computedLevel)).toBeGreaterThanOrEqual(
          riskLevelRank(result.minimumLevel),
        );
        expect(result.score).toBe(result.sections.reduce((sum, s) => sum + (s.points ?? 0), 0));
      }),
      { numRuns: 300 },
    );
  });
});
