import { describe, expect, it } from 'vitest';
import { type PriorityFacts, rank, scoreOf, withoutActiveTactic } from './priority-rules.ts';

const facts = (over: Partial<PriorityFacts> = {}): PriorityFacts => ({
  personId: '00000000-0000-4000-8000-000000000001',
  name: 'A Person',
  lastEventOn: '2026-12-01',
  eventsInYear: 1,
  linkedChildren: 1,
  kinds: ['NAMED'],
  activeTactic: false,
  ...over,
});

describe('the recency–frequency–gravity score', () => {
  it('multiplies the three, with the working in words', () => {
    const s = scoreOf(
      facts({ lastEventOn: '2026-10-28', eventsInYear: 3, kinds: ['NAMED', 'CONVICTION'] }),
      '2026-12-07',
    );
    expect(s).toMatchObject({ recency: 4, frequency: 3, gravity: 5, score: 60 });
    expect(s.working).toBe(
      'Recency 4 (last event 40 days ago) × frequency 3 (3 events in 12 months) × gravity 5 (a conviction) = 60',
    );
  });

  it('gives gravity for many linked children when that is graver than what was recorded', () => {
    const s = scoreOf(facts({ linkedChildren: 3 }), '2026-12-07');
    expect(s.gravity).toBe(4);
    expect(s.working).toContain('linked to 3 children');
  });

  it('takes the lowest points past every bound', () => {
    expect(scoreOf(facts({ lastEventOn: '2024-01-01', eventsInYear: 0 }), '2026-12-07').score).toBe(1);
  });

  it('ranks highest first and lists those at the review bound without a tactic in force', () => {
    const high = facts({ personId: 'b', lastEventOn: '2026-12-06', eventsInYear: 5, kinds: ['CHARGE'] });
    const covered = facts({
      personId: 'c',
      lastEventOn: '2026-12-06',
      eventsInYear: 5,
      kinds: ['CHARGE'],
      activeTactic: true,
    });
    const low = facts({ personId: 'a' });
    const ranked = rank([low, covered, high], '2026-12-07');
    expect(ranked.map((r) => r.personId)).toEqual(['b', 'c', 'a']);
    expect(withoutActiveTactic(ranked).map((r) => r.personId)).toEqual(['b']);
  });
});
