import { describe, expect, it } from 'vitest';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { levelTag } from './codes.ts';
import type { AssessmentRow } from './service.ts';
import { SCORED_TEMPLATE_V1 } from './templates/scored-v1.ts';
import {
  assessmentChoices,
  assessmentView,
  cseFlagViewOf,
  personName,
  reassessmentView,
  templateView,
} from './view-models.ts';

const PERSON = '0b7f6d7e-1111-4222-8333-944455556666';

function row(overrides: Partial<AssessmentRow> = {}): AssessmentRow {
  return {
    id: 'a1',
    template_id: SCORED_TEMPLATE_V1.id,
    template_version: 1,
    score: 12,
    computed_level: 'LOW',
    final_level: 'HIGH',
    rationale: 'Disclosed to a teacher',
    overrides: [{ rule: 'DISCLOSURE_OF_EXPLOITATION', from: 'LOW', to: 'HIGH' }],
    assessed_by_label: 'Sam Assessor',
    assessed_at: new Date('2025-05-14T13:30:00Z'),
    next_review_date: '2025-08-14',
    ...overrides,
  };
}

describe('how CSE risk reads', () => {
  it('shows a level as a tag with text, and no level as not assessed', () => {
    expect(levelTag('HIGH')).toEqual({ text: 'High', classes: 'govuk-tag--red' });
    expect(levelTag('NOT_AT_RISK')).toEqual({ text: 'Not at risk', classes: 'govuk-tag--grey' });
    expect(levelTag(null)).toEqual({ text: 'Not assessed', classes: 'govuk-tag--grey' });
  });

  it('formats dates the UK way, in UK time', () => {
    expect(ukDate('2025-08-14')).toBe('14 August 2025');
    expect(ukDate(null)).toBe('');
    expect(ukDateTime(new Date('2025-05-14T13:30:00Z'))).toBe('14 May 2025 at 2:30pm');
    expect(ukDateTime('not a date')).toBe('');
  });

  it('names a child, or says the name is not known', () => {
    expect(personName({ forename: 'Ava', surname: 'Example' })).toBe('Ava Example');
    expect(personName({ forename: null, surname: null })).toBe('Name not known');
  });
});

describe('an assessment as the pages show it', () => {
  it('names the tool and version, the levels as tags, the overrides in words and the dates', () => {
    const view = assessmentView(PERSON, row());
    expect(view).toEqual({
      id: 'a1',
      href: `/people/${PERSON}/risk-assessments/a1`,
      template: `${SCORED_TEMPLATE_V1.name} (version 1)`,
      score: 12,
      computed: { text: 'Low', classes: 'govuk-tag--yellow' },
      final: { text: 'High', classes: 'govuk-tag--red' },
      differs: true,
      rationale: 'Disclosed to a teacher',
      overrides: ['A disclosure of exploitation is high risk (raised from Low to High)'],
      by: 'Sam Assessor',
      at: '14 May 2025 at 2:30pm',
      nextReview: '14 August 2025',
    });
  });

  it('keeps an unknown tool’s id and an unknown rule’s code rather than hiding them', () => {
    const view = assessmentView(
      PERSON,
      row({ template_id: 'retired-tool', overrides: [{ rule: 'OLD_RULE', from: 'LOW', to: 'MEDIUM' }] }),
    );
    expect(view.template).toBe('retired-tool');
    expect(view.overrides).toEqual(['OLD_RULE (raised from Low to Medium)']);
    expect(assessmentView(PERSON, row({ overrides: null })).overrides).toEqual([]);
  });
});

describe('the flag and the reassessments list', () => {
  it('says when a review is overdue, and links to the child’s assessments', () => {
    expect(cseFlagViewOf(PERSON, { level: 'MEDIUM', reviewDue: '2025-05-13' }, '2025-05-14')).toEqual({
      tag: { text: 'Medium', classes: 'govuk-tag--orange' },
      due: '13 May 2025',
      overdue: true,
      href: `/people/${PERSON}/risk-assessments`,
    });
    expect(cseFlagViewOf(PERSON, { level: 'LOW', reviewDue: '2025-05-14' }, '2025-05-14').overdue).toBe(
      false,
    );
    expect(cseFlagViewOf(PERSON, { level: 'LOW', reviewDue: null }, '2025-05-14').overdue).toBe(false);
  });

  it('shows a child due for review with their name, date of birth and level', () => {
    const base = {
      id: PERSON,
      forename: 'Ava',
      surname: 'Example',
      dob: '2012-02-02',
      cse_risk_level: 'HIGH',
      review_due: '2025-05-20',
    };
    expect(reassessmentView(base, '2025-05-14')).toMatchObject({
      name: 'Ava Example',
      dob: '2 February 2012',
      tag: { text: 'High', classes: 'govuk-tag--red' },
      due: '20 May 2025',
      overdue: false,
    });
    expect(
      reassessmentView({ ...base, dob: null, forename: null, surname: null }, '2025-05-21'),
    ).toMatchObject({ name: 'Name not known', dob: 'Not known', overdue: true });
  });
});

describe('the assessment form', () => {
  it('lays out each indicator with its allowed answers, the chosen one checked and its error', () => {
    const indicator = SCORED_TEMPLATE_V1.sections[0]!.indicators[0]!;
    const view = templateView(
      SCORED_TEMPLATE_V1,
      {
        indicators: { [indicator.id]: 'PRESENT' },
        domainRatings: {},
        disclosure: '',
        assessorLevel: '',
        rationale: '',
      },
      { [`ind-${indicator.id}`]: { text: 'Answer this' } },
    );
    expect(view.banded).toBe(false);
    const first = view.sections[0]!.indicators[0]!;
    expect(first.name).toBe(`ind-${indicator.id}`);
    expect(first.error).toEqual({ text: 'Answer this' });
    expect(first.items.find((i) => i.value === 'PRESENT')).toEqual({
      value: 'PRESENT',
      text: 'Present',
      checked: true,
    });
    expect(view.sections[0]!.rating).toBeNull();
  });

  it('offers to keep the computed level, and keeps what the assessor chose', () => {
    const choices = assessmentChoices({
      indicators: {},
      domainRatings: {},
      disclosure: 'no',
      assessorLevel: 'MEDIUM',
      rationale: '',
    });
    expect(choices.disclosureItems).toEqual([
      { value: 'yes', text: 'Yes', checked: false },
      { value: 'no', text: 'No', checked: true },
    ]);
    expect(choices.levelItems[0]).toEqual({ value: '', text: 'Keep the computed level' });
    expect(choices.levelItems.find((i) => i.value === 'MEDIUM')).toEqual({
      value: 'MEDIUM',
      text: 'Medium',
      selected: true,
    });
  });
});
