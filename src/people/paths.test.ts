import { describe, expect, it } from 'vitest';
import {
  dedupeJobPath,
  matchDecisionPath,
  matchesPath,
  mergePath,
  mergeSearchPath,
  openPersonPath,
  personPath,
  restrictionPath,
  timelineRecordPath,
  undoMergePath,
} from './paths.ts';

describe('people paths', () => {
  it('builds the person pages’ addresses', () => {
    expect(personPath('p1')).toBe('/people/p1');
    expect(personPath('p1', 'merged')).toBe('/people/p1?notice=merged');
    expect(openPersonPath('p1')).toBe('/people/p1/open');
    expect(mergePath('p1')).toBe('/people/p1/merge');
    expect(mergeSearchPath('p1')).toBe('/people/p1/merge/search');
    expect(undoMergePath('p1', 'm1')).toBe('/people/p1/merges/m1/undo');
    expect(restrictionPath('p1')).toBe('/people/p1/restriction');
  });

  it('builds the identity pages’ addresses', () => {
    expect(matchesPath()).toBe('/matches');
    expect(matchesPath('match-rejected')).toBe('/matches?notice=match-rejected');
    expect(matchDecisionPath('m1', 'confirm')).toBe('/matches/m1/confirm');
    expect(dedupeJobPath('j1')).toBe('/identity/jobs/j1');
  });

  it('links the timeline to referrals and suspect referrals', () => {
    expect(timelineRecordPath('REFERRAL', 'r1')).toBe('/referrals/r1');
    expect(timelineRecordPath('SUSPECT_REFERRAL', 'r1')).toBe('/suspect-referrals/r1');
  });
});
