import { describe, expect, it } from 'vitest';
import {
  episodeInterviewPath,
  episodePath,
  episodeReturnPath,
  episodeRiskGradePath,
  newEpisodePath,
  personPagePath,
  placementPath,
  recordEpisodePath,
} from './paths.ts';

describe('missing paths', () => {
  it('build the URLs the routes declare', () => {
    expect(episodePath('e1')).toBe('/missing/episodes/e1');
    expect(episodePath('e1', 'repeat')).toBe('/missing/episodes/e1?notice=repeat');
    expect(episodeReturnPath('e1')).toBe('/missing/episodes/e1/return');
    expect(episodeRiskGradePath('e1')).toBe('/missing/episodes/e1/risk-grade');
    expect(episodeInterviewPath('e1')).toBe('/missing/episodes/e1/return-home-interview');
    expect(newEpisodePath('p1')).toBe('/people/p1/missing/new');
    expect(recordEpisodePath('p1')).toBe('/people/p1/missing');
    expect(placementPath('pl1')).toBe('/placements/pl1');
    expect(personPagePath('p1')).toBe('/people/p1');
  });
});
