import { describe, expect, it } from 'vitest';
import {
  currentRiskGrade,
  type MissingEpisodeInput,
  type RiskGradeChange,
  validateMissingEpisode,
} from './episode.ts';

const at = (iso: string) => new Date(iso);
const now = at('2024-06-30T12:00:00+01:00');
const valid: MissingEpisodeInput = {
  type: 'MISSING_FROM_CARE',
  reportedAt: at('2024-06-28T22:00:00+01:00'),
  lastSeenAt: at('2024-06-28T19:00:00+01:00'),
  returnedAt: at('2024-06-29T09:00:00+01:00'),
  riskGrade: 'MEDIUM',
};
const raise: RiskGradeChange = {
  from: 'MEDIUM',
  to: 'HIGH',
  changedAt: at('2024-06-29T01:00:00+01:00'),
  changedBy: 'sergeant-1',
  rationale: 'Seen getting into a car with two adult men',
};
const codes = (episode: Partial<MissingEpisodeInput>) =>
  validateMissingEpisode({ ...valid, ...episode }, now).map((e) => `${e.field}:${e.code}`);

describe('validateMissingEpisode', () => {
  it('accepts a well-formed episode with a graded change', () => {
    expect(codes({ riskGradeChanges: [raise] })).toEqual([]);
    expect(currentRiskGrade({ riskGrade: 'MEDIUM', riskGradeChanges: [raise] })).toBe('HIGH');
  });

  it('refuses a return before the report', () => {
    expect(codes({ returnedAt: at('2024-06-28T21:59:00+01:00') })).toEqual([
      'returnedAt:RETURN_BEFORE_REPORT',
    ]);
    expect(codes({ returnedAt: at('2024-06-28T22:00:00+01:00') })).toEqual([]);
  });

  it('refuses unknown types and grades', () => {
    expect(codes({ type: 'RUNAWAY', riskGrade: 'SEVERE' })).toEqual([
      'type:UNKNOWN_TYPE',
      'riskGrade:UNKNOWN_GRADE',
    ]);
  });

  it('needs a rationale, who and a sensible time for every grade change', () => {
    expect(codes({ riskGradeChanges: [{ ...raise, rationale: 'worse' }] })).toEqual([
      'riskGradeChanges.0.rationale:RATIONALE_REQUIRED',
    ]);
    expect(codes({ riskGradeChanges: [{ ...raise, changedBy: '' }] })).toEqual([
      'riskGradeChanges.0.changedBy:REQUIRED',
    ]);
    expect(codes({ riskGradeChanges: [{ ...raise, changedAt: at('2024-06-28T21:00:00+01:00') }] })).toEqual([
      'riskGradeChanges.0.changedAt:OUT_OF_ORDER',
    ]);
  });

  it('needs each change to start from the grade before it and to change it', () => {
    const lower = {
      ...raise,
      from: 'HIGH' as const,
      to: 'LOW' as const,
      changedAt: at('2024-06-29T08:00:00+01:00'),
    };
    expect(codes({ riskGradeChanges: [raise, lower] })).toEqual([]);
    expect(codes({ riskGradeChanges: [lower] })).toEqual(['riskGradeChanges.0.from:STALE']);
    expect(codes({ riskGradeChanges: [{ ...raise, to: 'MEDIUM' }] })).toEqual([
      'riskGradeChanges.0.to:UNCHANGED',
    ]);
  });

  it('refuses times in the future and missing report times', () => {
    expect(codes({ reportedAt: at('2024-06-30T12:01:00+01:00'), returnedAt: null })).toEqual([
      'reportedAt:IN_FUTURE',
    ]);
    expect(codes({ reportedAt: new Date('x') })).toEqual(['reportedAt:REQUIRED']);
  });
});
