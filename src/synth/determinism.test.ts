import { describe, expect, it } from 'vitest';
import { generatePopulation, generatePopulationChunks } from './population.ts';

describe('determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    const a = JSON.stringify(generatePopulation({ seed: 42 }));
    const b = JSON.stringify(generatePopulation({ seed: 42 }));
    expect(a).toBe(b);
  });

  it('gives different people and referrals for a different seed', () => {
    const a = generatePopulation({ seed: 1, scale: 0.25 });
    const b = generatePopulation({ seed: 2, scale: 0.25 });
    expect(a.people.map((p) => p.forename + p.surname)).not.toEqual(
      b.people.map((p) => p.forename + p.surname),
    );
    expect(a.victimReferrals.map((r) => r.receivedAt)).not.toEqual(
      b.victimReferrals.map((r) => r.receivedAt),
    );
  });

  it('generates chunk by chunk the same population, reporting progress', () => {
    const progress: [number, number][] = [];
    const chunks = [
      ...generatePopulationChunks({ seed: 3, scale: 1.5, onProgress: (d, t) => progress.push([d, t]) }),
    ];
    const whole = generatePopulation({ seed: 3, scale: 1.5 });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(chunks.flatMap((c) => c.victimReferrals)).toEqual(whole.victimReferrals);
    expect(chunks.flatMap((c) => c.people)).toEqual(whole.people);
  });

  it('keeps ids unique across chunks', () => {
    const p = generatePopulation({ seed: 4, scale: 2 });
    const unique = (xs: readonly string[]): boolean => new Set(xs).size === xs.length;
    expect(unique(p.people.map((x) => x.trueId))).toBe(true);
    expect(unique(p.people.map((x) => x.nhsNumber))).toBe(true);
    expect(unique(p.sourceRecords.map((x) => x.sourceRecordId))).toBe(true);
    expect(unique(p.victimReferrals.map((x) => x.reference))).toBe(true);
    expect(unique(p.suspectReferrals.map((x) => x.reference))).toBe(true);
    expect(unique(p.missingEpisodes.map((x) => x.episodeId))).toBe(true);
    expect(unique(p.disposals.map((x) => x.disposalId))).toBe(true);
  });

  it('rejects nonsense options', () => {
    expect(() => generatePopulation({ scale: 0 })).toThrow(/scale/);
    expect(() => generatePopulation({ months: 0 })).toThrow(/months/);
    expect(() => generatePopulation({ periodEnd: '30/09/2026' })).toThrow(/periodEnd/);
  });
});
