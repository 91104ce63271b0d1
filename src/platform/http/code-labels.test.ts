import { describe, expect, it } from 'vitest';
import { withCodeLabels } from './api-support.ts';

const labellers = {
  risk_grade: (c: string) => ({ HIGH: 'High' })[c],
  riskGrade: (c: string) => ({ LOW: 'Low' })[c],
};

describe('an API answer with a label beside each code', () => {
  it('adds <code>Label (or <code>_label in a row) and keeps the code', () => {
    const answer = {
      episode: { risk_grade: 'HIGH', note: 'x' },
      grades: [{ riskGrade: 'LOW' }, { riskGrade: null }],
    };
    expect(withCodeLabels(answer, labellers)).toEqual({
      episode: { risk_grade: 'HIGH', risk_grade_label: 'High', note: 'x' },
      grades: [
        { riskGrade: 'LOW', riskGradeLabel: 'Low' },
        { riskGrade: null, riskGradeLabel: null },
      ],
    });
  });

  it('answers the code itself for a code without a label', () => {
    expect(withCodeLabels({ riskGrade: 'NEW_GRADE' }, labellers)).toEqual({
      riskGrade: 'NEW_GRADE',
      riskGradeLabel: 'NEW_GRADE',
    });
  });
});
