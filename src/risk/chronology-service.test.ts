import { describe, expect, it } from 'vitest';
import { testRow } from '../platform/chronology/test-row.ts';
import { riskSummary } from './chronology-service.ts';

describe('the risk module’s chronology lines, in words', () => {
  it('gives the final level, the tool’s when different, the flag and the review date', () => {
    expect(riskSummary(testRow({ kind: 'RISK_ASSESSMENT', d1: 'MEDIUM', d2: 'LOW', d3: '2027-03-04' }))).toBe(
      'CSE risk assessed as Medium (the tool gave Low); CSE flag set to Medium; review by 4 March 2027',
    );
    expect(riskSummary(testRow({ kind: 'RISK_ASSESSMENT', d1: 'NOT_AT_RISK', d2: 'NOT_AT_RISK' }))).toBe(
      'CSE risk assessed as Not at risk; CSE flag set to Not at risk',
    );
  });
});
