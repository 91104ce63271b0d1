import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalMonths,
  fromLocalDateTime,
  LONDON,
  parseLocalDate,
  shiftLocalDays,
  toLocalDate,
  toLocalDateTime,
} from './zoned-time.ts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('London wall clock', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(toLocalDateTime(at('2024-01-15T12:00:00Z'))).toEqual({
      year: 2024,
      month: 1,
      day: 15,
      msOfDay: 12 * HOUR,
    });
    expect(toLocalDateTime(at('2024-07-15T23:30:00Z'))).toEqual({
      year: 2024,
      month: 7,
      day: 16,
      msOfDay: 0.5 * HOUR,
    });
  });

  it('moves a time skipped in March forward by the gap, like Temporal’s compatible mode', () => {
    expect(fromLocalDateTime({ year: 2025, month: 3, day: 30 }, 1.5 * HOUR)).toEqual(
      at('2025-03-30T01:30:00Z'),
    );
    expect(fromLocalDateTime({ year: 2025, month: 3, day: 30 }, 0.5 * HOUR)).toEqual(
      at('2025-03-30T00:30:00Z'),
    );
    expect(fromLocalDateTime({ year: 2025, month: 3, day: 30 }, 2.5 * HOUR)).toEqual(
      at('2025-03-30T01:30:00Z'),
    );
  });

  it('takes the earlier of a time repeated in October', () => {
    expect(fromLocalDateTime({ year: 2024, month: 10, day: 27 }, 1.5 * HOUR)).toEqual(
      at('2024-10-27T00:30:00Z'),
    );
    expect(fromLocalDateTime({ year: 2024, month: 10, day: 27 }, 2.5 * HOUR)).toEqual(
      at('2024-10-27T02:30:00Z'),
    );
  });

  it('accepts 24:00 as the next midnight', () => {
    expect(fromLocalDateTime({ year: 2024, month: 6, day: 30 }, 24 * HOUR)).toEqual(
      at('2024-06-30T23:00:00Z'),
    );
  });

  it('shifts by local days, keeping the wall-clock time across a change', () => {
    expect(shiftLocalDays(at('2024-12-30T10:00:00Z'), -90)).toEqual(at('2024-10-01T09:00:00Z'));
  });

  it('round-trips any instant through its wall-clock reading', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2031, 0, 1) }), (ms) => {
        const local = toLocalDateTime(new Date(ms));
        expect(toLocalDateTime(fromLocalDateTime(local, local.msOfDay))).toEqual(local);
      }),
      { numRuns: 300 },
    );
  });
});

describe('local dates', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addLocalMonths({ year: 2024, month: 11, day: 30 }, 3)).toEqual({ year: 2025, month: 2, day: 28 });
    expect(addLocalMonths({ year: 2023, month: 11, day: 30 }, 3)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addLocalMonths({ year: 2024, month: 1, day: 31 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('parses only real ISO dates', () => {
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseLocalDate('2023-02-29')).toBeNull();
    expect(parseLocalDate('2023-2-1')).toBeNull();
  });

  it('reads the local date of an instant', () => {
    expect(toLocalDate(at('2024-06-30T23:30:00Z'))).toEqual({ year: 2024, month: 7, day: 1 });
  });

  it('refuses an invalid instant', () => {
    expect(() => toLocalDateTime(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('offsets kept by hour', () => {
  // What the wall clock reads, straight from Intl with no cache: the reference.
  const wallOf = (ms: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(new Date(ms));
    const f = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
    return {
      year: f['year'],
      month: f['month'],
      day: f['day'],
      msOfDay: (f['hour']! * 60 + f['minute']!) * 60_000,
    };
  };

  // London changes on the UTC hour; St John's (UTC−3:30) half way through one, which an hour kept whole
  // from its first reading would get wrong.
  const changes: [string, number][] = [
    [LONDON, Date.UTC(2026, 2, 29, 1)],
    [LONDON, Date.UTC(2026, 9, 25, 1)],
    ['America/St_Johns', Date.UTC(2026, 2, 8, 5, 30)],
    ['America/St_Johns', Date.UTC(2026, 10, 1, 4, 30)],
  ];

  it.each(changes)(
    'in %s give the local time Intl gives, every minute around a change, asked twice',
    (zone, change) => {
      for (let pass = 0; pass < 2; pass++) {
        for (let ms = change - 3 * HOUR; ms <= change + 3 * HOUR; ms += 60_000) {
          expect(toLocalDateTime(new Date(ms), zone), new Date(ms).toISOString()).toEqual(wallOf(ms, zone));
        }
      }
    },
  );
});
