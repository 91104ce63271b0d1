import { describe, expect, it } from 'vitest';
import {
  childAndFamilyAssessmentDueDate,
  completedByDueDate,
  decidedWithinStandard,
  decisionDeadline,
  initialChildProtectionConferenceDueDate,
  policeProtectionExpiry,
  policeProtectionWithinLimit,
} from './statutory-timescales.ts';

const at = (iso: string) => new Date(iso);

describe('decision within 1 working day', () => {
  it('is due at the same local time next working day when received in hours', () => {
    const received = at('2024-06-14T11:20:00+01:00');
    expect(decisionDeadline(received)).toEqual(at('2024-06-17T11:20:00+01:00'));
    expect(decidedWithinStandard(received, at('2024-06-17T11:20:00+01:00'))).toBe(true);
    expect(decidedWithinStandard(received, at('2024-06-17T11:21:00+01:00'))).toBe(false);
  });

  it('is due at the end of the next working day when received out of hours', () => {
    expect(decisionDeadline(at('2024-06-15T02:00:00+01:00'))).toEqual(at('2024-06-17T17:00:00+01:00'));
    expect(decisionDeadline(at('2023-05-05T19:00:00+01:00'))).toEqual(at('2023-05-09T17:00:00+01:00'));
  });

  it('refuses a decision before receipt', () => {
    expect(() => decidedWithinStandard(at('2024-06-14T11:20:00Z'), at('2024-06-14T11:19:00Z'))).toThrow(
      RangeError,
    );
  });
});

describe('date-level statutory timescales', () => {
  it('dues a child and family assessment on the 45th working day after referral', () => {
    const due = childAndFamilyAssessmentDueDate(at('2024-06-03T15:00:00+01:00'));
    expect(due).toBe('2024-08-05');
    expect(completedByDueDate(at('2024-08-05T23:59:00+01:00'), due)).toBe(true);
    expect(completedByDueDate(at('2024-08-06T00:00:00+01:00'), due)).toBe(false);
  });

  it('dues an initial child protection conference 15 working days after the strategy discussion, over Christmas', () => {
    expect(initialChildProtectionConferenceDueDate(at('2024-12-18T14:00:00Z'))).toBe('2025-01-13');
  });
});

describe('police protection (s46)', () => {
  it('lasts at most 72 elapsed hours, even across the October clock change', () => {
    const started = at('2024-10-26T12:00:00+01:00');
    expect(policeProtectionExpiry(started)).toEqual(at('2024-10-29T11:00:00+00:00'));
    expect(policeProtectionWithinLimit(started, at('2024-10-29T11:00:00+00:00'))).toBe(true);
    expect(policeProtectionWithinLimit(started, at('2024-10-29T11:01:00+00:00'))).toBe(false);
  });
});
