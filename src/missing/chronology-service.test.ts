import { describe, expect, it } from 'vitest';
import { testRow } from '../platform/chronology/test-row.ts';
import { missingSummary } from './chronology-service.ts';

describe('the missing module’s chronology lines, in words', () => {
  it('words episodes, grades, returns and interviews with labels', () => {
    expect(
      missingSummary(testRow({ kind: 'MISSING', d1: 'MISSING_FROM_CARE', d2: 'NO_APPARENT_RISK' })),
    ).toBe('Reported missing from care; police risk grade no apparent risk');
    expect(missingSummary(testRow({ kind: 'MISSING_GRADE', d1: 'LOW', d2: 'HIGH' }))).toBe(
      'Police risk grade changed from low to high',
    );
    expect(missingSummary(testRow({ kind: 'RETURN', d1: 'Bus station' }))).toBe(
      'Returned; found at Bus station',
    );
    expect(missingSummary(testRow({ kind: 'RETURN' }))).toBe('Returned');
    expect(missingSummary(testRow({ kind: 'RHI', d1: 'COMPLETED', d2: 'Barnardo’s' }))).toBe(
      'Return home interview held by Barnardo’s',
    );
    expect(missingSummary(testRow({ kind: 'RHI', d1: 'NOT_OFFERED' }))).toBe(
      'Return home interview not offered',
    );
    expect(missingSummary(testRow({ kind: 'RHI', d1: 'DECLINED' }))).toBe('Return home interview declined');
  });
});
