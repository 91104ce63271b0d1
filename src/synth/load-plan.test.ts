import { describe, expect, it } from 'vitest';
import {
  chunkKeyOf,
  FOUND_BY_SEARCH,
  monthsBefore,
  planChunk,
  SUSPECT_FOUND_BY_SEARCH,
  stableUuid,
} from './load-plan.ts';
import { AGENCIES } from './partnership.ts';
import { generatePopulationChunks } from './population.ts';

const identity = { seed: 7, periodEnd: '2026-09-30', months: 6, chunkIndex: 0, fraction: 1 };
const agencyIds = new Map(AGENCIES.map((a, i) => [a.code, stableUuid('agencies', 'agency', String(i))]));
const chunk = generatePopulationChunks({ seed: 7, scale: 1 }).next().value!;
const rows = planChunk(chunk, identity, agencyIds);

describe('monthsBefore', () => {
  it('steps back calendar months, clamped to the end of a shorter month', () => {
    expect(new Date(monthsBefore('2026-03-31T10:15:00.000Z', 1)).toISOString()).toBe(
      '2026-02-28T10:15:00.000Z',
    );
    expect(new Date(monthsBefore('2024-02-29T00:00:00.000Z', 12)).toISOString()).toBe(
      '2023-02-28T00:00:00.000Z',
    );
    expect(new Date(monthsBefore('2026-09-30T23:59:00.000Z', 12)).toISOString()).toBe(
      '2025-09-30T23:59:00.000Z',
    );
  });
});

describe('stableUuid', () => {
  it('is a well-formed UUID that depends only on its inputs', () => {
    const id = stableUuid(chunkKeyOf(identity), 'person', 'P0000001#0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid(chunkKeyOf(identity), 'person', 'P0000001#0')).toBe(id);
    expect(stableUuid(chunkKeyOf({ ...identity, seed: 8 }), 'person', 'P0000001#0')).not.toBe(id);
    expect(stableUuid(chunkKeyOf({ ...identity, fraction: 0.5 }), 'person', 'P0000001#0')).not.toBe(id);
  });
});

describe('planChunk', () => {
  it('puts every record on a person, and an agency’s records of one identity on one person', () => {
    expect(rows.sourceRecords).toHaveLength(chunk.sourceRecords.length);
    const byAgency = new Map<string, Set<string>>();
    for (const r of rows.sourceRecords) {
      const key = `${r.trueId}|${r.agencyId}`;
      byAgency.set(key, (byAgency.get(key) ?? new Set()).add(r.personId));
    }
    expect([...byAgency.values()].every((people) => people.size === 1)).toBe(true);
    const trueIdOfPerson = new Map<string, string>();
    for (const r of rows.sourceRecords) {
      expect(trueIdOfPerson.get(r.personId) ?? r.trueId).toBe(r.trueId);
      trueIdOfPerson.set(r.personId, r.trueId);
    }
  });

  it('joins another agency’s person about four times in five, a named suspect nineteen in twenty', () => {
    // Records arriving from a new agency for an identity already in the registry, by the record's subject.
    const seenAgencies = new Map<string, Set<string>>();
    const joined = { SUSPECT: 0, OTHER: 0 };
    const chances = { SUSPECT: 0, OTHER: 0 };
    const people = new Set<string>();
    const ordered = [...rows.sourceRecords].sort(
      (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id),
    );
    for (const r of rows.sourceRecords) people.add(r.personId);
    const firstPersonOf = new Map<string, string>();
    for (const r of ordered) {
      const agencies = seenAgencies.get(r.trueId) ?? new Set<string>();
      const subject = r.subjectRole === 'SUSPECT' ? 'SUSPECT' : 'OTHER';
      if (agencies.size > 0 && !agencies.has(r.agencyId)) {
        chances[subject]++;
        if (r.personId === firstPersonOf.get(r.trueId)) joined[subject]++;
      }
      if (!firstPersonOf.has(r.trueId)) firstPersonOf.set(r.trueId, r.personId);
      agencies.add(r.agencyId);
      seenAgencies.set(r.trueId, agencies);
    }
    expect(chances.OTHER).toBeGreaterThan(100);
    expect(Math.abs(joined.OTHER / chances.OTHER - FOUND_BY_SEARCH)).toBeLessThan(0.08);
    expect(chances.SUSPECT).toBeGreaterThan(20);
    expect(joined.SUSPECT / chances.SUSPECT).toBeGreaterThan(FOUND_BY_SEARCH + 0.05);
    expect(Math.abs(joined.SUSPECT / chances.SUSPECT - SUSPECT_FOUND_BY_SEARCH)).toBeLessThan(0.08);
    expect(rows.persons).toHaveLength(people.size);
  });

  it('leaves out ground truth and NHS numbers that fail their check digit', () => {
    const corrupted = new Set(
      chunk.sourceRecords.flatMap((r) => r.identifiers.filter((i) => i.corrupted).map((i) => i.value)),
    );
    expect(corrupted.size).toBeGreaterThan(0);
    expect(rows.sourceRecords.some((r) => corrupted.has(r.details.nhsNumber ?? ''))).toBe(false);
    for (const v of rows.victimReferrals) {
      expect(Object.keys(v)).not.toEqual(expect.arrayContaining(['outcome']));
      expect(v).not.toHaveProperty('ragRating');
      expect(v).not.toHaveProperty('childTrueId');
    }
  });

  it('counts earlier referrals of the same person, and summarises a person from their latest record', () => {
    const referralsOf = new Map<string, number>();
    for (const v of rows.victimReferrals) {
      expect(v.priorReferralsEver).toBe(referralsOf.get(v.personId) ?? 0);
      referralsOf.set(v.personId, (referralsOf.get(v.personId) ?? 0) + 1);
    }
    const latest = new Map<string, (typeof rows.sourceRecords)[number]>();
    for (const r of rows.sourceRecords) latest.set(r.personId, r);
    for (const p of rows.persons) {
      const last = latest.get(p.id)!;
      if (last.details.surname) expect(p.surname).toBe(last.details.surname);
      expect(p.updatedAt).toBe(last.submittedAt);
    }
  });
});
