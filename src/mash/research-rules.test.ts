import { describe, expect, it } from 'vitest';
import { CONTRIBUTING_ROLES, researchDueAt, researchDueHours } from './research-rules.ts';

describe('research due times', () => {
  // Friday 6 March 2026, 15:00 in London (GMT): two working hours are left that day.
  const friday = new Date('2026-03-06T15:00:00Z');

  it('gives Red 4, Amber 24 and Green 72 working hours, carried over the weekend', () => {
    expect(researchDueAt(friday, 'RED').toISOString()).toBe('2026-03-09T11:00:00.000Z');
    // 2 on Friday, 8 each on Monday and Tuesday, the last 6 on Wednesday.
    expect(researchDueAt(friday, 'AMBER').toISOString()).toBe('2026-03-11T15:00:00.000Z');
    // 2 + 8 × 8 = 66 by Wednesday of the next week, then 6 more on Thursday.
    expect(researchDueAt(friday, 'GREEN').toISOString()).toBe('2026-03-19T15:00:00.000Z');
  });

  it('treats an untriaged episode as Amber and Blue as Green', () => {
    expect(researchDueHours(null)).toBe(24);
    expect(researchDueHours('BLUE')).toBe(72);
    expect(researchDueAt(friday, null).getTime()).toBe(researchDueAt(friday, 'AMBER').getTime());
  });

  it('counts as contributing exactly the roles that may record research', () => {
    expect([...CONTRIBUTING_ROLES].sort()).toEqual(['MASH_MANAGER', 'MASH_PRACTITIONER']);
  });
});
