import { describe, expect, it } from 'vitest';
import {
  returnHomeInterviewDeadline,
  returnHomeInterviewStatus,
  validateReturnHomeInterview,
} from './return-home-interview.ts';

const at = (iso: string) => new Date(iso);
const returned = at('2024-06-28T18:00:00+01:00');
const deadline = at('2024-07-01T18:00:00+01:00');
const oneMinuteLate = at('2024-07-01T18:01:00+01:00');

describe('return home interview deadline', () => {
  it('is 72 elapsed hours after the return, weekends included', () => {
    expect(returnHomeInterviewDeadline(returned)).toEqual(deadline);
  });

  it('is elapsed time across the October clock change (17:00 GMT for an 18:00 BST return)', () => {
    expect(returnHomeInterviewDeadline(at('2024-10-25T18:00:00+01:00'))).toEqual(
      at('2024-10-28T17:00:00+00:00'),
    );
  });
});

describe('returnHomeInterviewStatus', () => {
  it('is DUE up to and at 72 hours, OVERDUE one minute after', () => {
    expect(returnHomeInterviewStatus(returned, {}, deadline)).toBe('DUE');
    expect(returnHomeInterviewStatus(returned, { offeredAt: returned }, deadline)).toBe('DUE');
    expect(returnHomeInterviewStatus(returned, {}, oneMinuteLate)).toBe('OVERDUE');
  });

  it('is COMPLETED_IN_TIME at exactly 72 hours and COMPLETED_LATE one minute after', () => {
    const later = at('2024-08-01T00:00:00Z');
    expect(returnHomeInterviewStatus(returned, { completedAt: deadline, completedBy: 'worker' }, later)).toBe(
      'COMPLETED_IN_TIME',
    );
    expect(
      returnHomeInterviewStatus(returned, { completedAt: oneMinuteLate, completedBy: 'worker' }, later),
    ).toBe('COMPLETED_LATE');
  });

  it('is DECLINED when the child declines the offer, and NOT_OFFERED on a recorded decision', () => {
    const later = at('2024-08-01T00:00:00Z');
    expect(returnHomeInterviewStatus(returned, { offeredAt: returned, declinedAt: deadline }, later)).toBe(
      'DECLINED',
    );
    const notOffered = {
      reason: 'Child moved out of area to family',
      decidedBy: 'manager',
      decidedAt: returned,
    };
    expect(returnHomeInterviewStatus(returned, { notOffered }, later)).toBe('NOT_OFFERED');
  });
});

describe('validateReturnHomeInterview', () => {
  const codes = (record: Parameters<typeof validateReturnHomeInterview>[1]) =>
    validateReturnHomeInterview(returned, record).map((e) => `${e.field}:${e.code}`);

  it('needs a reason (and who and when) for not offering an interview', () => {
    expect(codes({ notOffered: { reason: ' ', decidedBy: 'manager', decidedAt: returned } })).toEqual([
      'notOffered.reason:REASON_REQUIRED',
    ]);
    expect(
      codes({ notOffered: { reason: 'Moved out of area', decidedBy: '', decidedAt: new Date('x') } }),
    ).toEqual(['notOffered.decidedBy:REQUIRED', 'notOffered.decidedAt:REQUIRED']);
  });

  it('refuses contradictions, times before the return, and completions with no one named', () => {
    expect(
      codes({
        offeredAt: returned,
        notOffered: { reason: 'Moved out of area', decidedBy: 'm', decidedAt: returned },
      }),
    ).toEqual(['notOffered:CONTRADICTORY']);
    expect(codes({ completedAt: at('2024-06-28T17:59:00+01:00'), completedBy: 'worker' })).toEqual([
      'completedAt:BEFORE_RETURN',
    ]);
    expect(codes({ completedAt: deadline })).toEqual(['completedBy:REQUIRED']);
    expect(codes({ declinedAt: deadline })).toEqual(['offeredAt:REQUIRED']);
  });
});
