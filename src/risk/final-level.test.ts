import { describe, expect, it } from 'vitest';
import { finalLevel, reviewDue, reviewOverdue } from './final-level.ts';
import { applyRepeatMissingFeed } from './missing-feed.ts';
import { BANDED_TEMPLATE_V1 } from './templates/banded-v1.ts';
import { SCORED_TEMPLATE_V1 } from './templates/scored-v1.ts';

describe('finalLevel', () => {
  it('keeps the computed level when the assessor agrees, with no rationale needed', () => {
    expect(finalLevel('LOW')).toEqual({
      ok: true,
      computedLevel: 'LOW',
      finalLevel: 'LOW',
      assessorChangedLevel: false,
      rationale: null,
    });
    expect(finalLevel('LOW', 'LOW')).toMatchObject({ ok: true, finalLevel: 'LOW' });
  });

  it('needs a written rationale to raise or lower the level, and keeps the computed one beside it', () => {
    expect(finalLevel('LOW', 'HIGH')).toMatchObject({
      ok: false,
      errors: [{ field: 'rationale', code: 'RATIONALE_REQUIRED' }],
    });
    expect(finalLevel('LOW', 'HIGH', 'too short')).toMatchObject({ ok: false });
    expect(finalLevel('LOW', 'HIGH', ' Sibling was exploited by the same group ')).toEqual({
      ok: true,
      computedLevel: 'LOW',
      finalLevel: 'HIGH',
      assessorChangedLevel: true,
      rationale: 'Sibling was exploited by the same group',
    });
    expect(finalLevel('MEDIUM', 'LOW', 'Protective factors now in place at home')).toMatchObject({
      ok: true,
      finalLevel: 'LOW',
    });
  });

  it('never lets the assessor go below an override floor', () => {
    expect(finalLevel('MEDIUM', 'LOW', 'Protective factors now in place at home', 'MEDIUM')).toMatchObject({
      ok: false,
      errors: [{ field: 'assessorLevel', code: 'BELOW_MINIMUM' }],
    });
  });

  it('refuses an unknown level', () => {
    expect(finalLevel('LOW', 'SEVERE' as 'HIGH', 'A long enough reason')).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_LEVEL' }],
    });
  });
});

describe('reviewDue', () => {
  it('is the local assessment date plus the review interval, clamped to month end', () => {
    expect(reviewDue(new Date('2024-06-15T10:00:00+01:00'), SCORED_TEMPLATE_V1)).toBe('2024-09-15');
    expect(reviewDue(new Date('2024-11-30T10:00:00Z'), SCORED_TEMPLATE_V1)).toBe('2025-02-28');
    // 00:30 BST on 1 July is still 30 June in UTC: the local date counts.
    expect(reviewDue(new Date('2024-06-30T23:30:00Z'), SCORED_TEMPLATE_V1)).toBe('2024-10-01');
    expect(reviewDue(new Date('2024-06-15T10:00:00+01:00'), { reviewIntervalMonths: 6 })).toBe('2024-12-15');
  });

  it('is overdue from the day after the due date', () => {
    const assessed = new Date('2024-06-15T10:00:00+01:00');
    expect(reviewOverdue(assessed, SCORED_TEMPLATE_V1, new Date('2024-09-15T23:59:00+01:00'))).toBe(false);
    expect(reviewOverdue(assessed, SCORED_TEMPLATE_V1, new Date('2024-09-16T00:00:00+01:00'))).toBe(true);
  });
});

describe('applyRepeatMissingFeed', () => {
  it('sets the missing indicator when the child is repeatedly missing', () => {
    const fed = applyRepeatMissingFeed(
      SCORED_TEMPLATE_V1,
      { indicators: { 'm-repeat-missing': 'NOT_PRESENT' } },
      true,
    );
    expect(fed.answers.indicators['m-repeat-missing']).toBe('WITHIN_6_MONTHS');
    expect(fed.changed).toEqual(['m-repeat-missing']);
    const banded = applyRepeatMissingFeed(BANDED_TEMPLATE_V1, { indicators: {} }, true);
    expect(banded.answers.indicators['b-missing-repeat']).toBe('WITHIN_6_MONTHS');
  });

  it('adds to an older sighting rather than replacing it', () => {
    const fed = applyRepeatMissingFeed(
      SCORED_TEMPLATE_V1,
      { indicators: { 'm-repeat-missing': 'ONLY_6_TO_12_MONTHS_AGO' } },
      true,
    );
    expect(fed.answers.indicators['m-repeat-missing']).toBe('WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO');
  });

  it('leaves the assessor’s answer alone when the flag is false, without mutating the input', () => {
    const answers = { indicators: { 'm-repeat-missing': 'WITHIN_6_MONTHS' as const } };
    const fed = applyRepeatMissingFeed(SCORED_TEMPLATE_V1, answers, false);
    expect(fed).toEqual({ answers, changed: [] });
    expect(applyRepeatMissingFeed(SCORED_TEMPLATE_V1, answers, true).changed).toEqual([]);
  });
});
