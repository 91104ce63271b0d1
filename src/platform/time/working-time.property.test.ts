import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLAND_WALES_BANK_HOLIDAYS } from './bank-holidays-england-wales.ts';
import { addWorkingDays, addWorkingMinutes, isWorkingTime, workingMinutesBetween } from './working-time.ts';

const MINUTE = 60_000;

/**
 * Start instants are minute-aligned and drawn near the hard parts: the two clock changes, Christmas and
 * New Year substitutes, Easter, and the one-off 2022/2023 holidays, plus anywhere in 2018–2030.
 */
const HOTSPOTS = [
  '2021-03-26T00:00:00Z', // last Sunday of March 2021 = 28th
  '2024-03-28T00:00:00Z', // Easter + clock change in the same week
  '2024-10-24T00:00:00Z', // last Sunday of October 2024 = 27th
  '2025-03-27T00:00:00Z',
  '2025-10-23T00:00:00Z',
  '2021-12-22T00:00:00Z', // both Christmas substitutes and the 2022 New Year substitute
  '2020-12-22T00:00:00Z',
  '2022-09-15T00:00:00Z', // Queen's funeral
  '2023-05-04T00:00:00Z', // coronation
].map((iso) => new Date(iso).getTime());

const nearHotspot = fc
  .tuple(fc.constantFrom(...HOTSPOTS), fc.integer({ min: 0, max: 10 * 24 * 60 }))
  .map(([base, minutes]) => new Date(base + minutes * MINUTE));
const anywhere = fc
  .integer({ min: Date.UTC(2018, 0, 1) / MINUTE, max: Date.UTC(2030, 10, 1) / MINUTE })
  .map((minutes) => new Date(minutes * MINUTE));
const instant = fc.oneof(nearHotspot, anywhere);
const workingMinutes = fc.integer({ min: 0, max: 6000 });

/** An independent reading of "is this minute working time": format in London, look at the wall clock. */
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const HOLIDAYS = new Set(ENGLAND_WALES_BANK_HOLIDAYS.map((h) => h.date));
function oracleIsWorkingMinute(t: Date): boolean {
  const p = Object.fromEntries(londonParts.formatToParts(t).map((part) => [part.type, part.value]));
  if (p['weekday'] === 'Sat' || p['weekday'] === 'Sun') return false;
  if (HOLIDAYS.has(`${p['year']}-${p['month']}-${p['day']}`)) return false;
  const clock = `${p['hour']}:${p['minute']}`;
  return clock >= '09:00' && clock < '17:00';
}

const RUNS = { numRuns: 300 };

describe('working-time clock properties', () => {
  it('agrees minute by minute with an independent wall-clock reading over a few days', () => {
    fc.assert(
      fc.property(nearHotspot, fc.integer({ min: 0, max: 3 * 24 * 60 }), (start, span) => {
        let expected = 0;
        for (let m = 0; m < span; m++)
          if (oracleIsWorkingMinute(new Date(start.getTime() + m * MINUTE))) expected++;
        const end = new Date(start.getTime() + span * MINUTE);
        expect(workingMinutesBetween(start, end)).toBe(expected);
        expect(isWorkingTime(start)).toBe(oracleIsWorkingMinute(start));
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips: the working minutes from start to addWorkingMinutes(start, m) are m', () => {
    fc.assert(
      fc.property(instant, workingMinutes, (start, minutes) => {
        expect(workingMinutesBetween(start, addWorkingMinutes(start, minutes))).toBe(minutes);
      }),
      RUNS,
    );
  });

  it('never puts a deadline outside working time: the minute before it is always worked', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 6000 }), (start, minutes) => {
        const deadline = addWorkingMinutes(start, minutes);
        expect(isWorkingTime(new Date(deadline.getTime() - MINUTE))).toBe(true);
        expect(oracleIsWorkingMinute(new Date(deadline.getTime() - MINUTE))).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives the earliest such instant: one minute earlier, fewer minutes have been worked', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 6000 }), (start, minutes) => {
        const deadline = addWorkingMinutes(start, minutes);
        expect(workingMinutesBetween(start, new Date(deadline.getTime() - MINUTE))).toBe(minutes - 1);
      }),
      RUNS,
    );
  });

  it('adds in two steps exactly as it adds once', () => {
    fc.assert(
      fc.property(instant, workingMinutes, workingMinutes, (start, a, b) => {
        expect(addWorkingMinutes(addWorkingMinutes(start, a), b)).toEqual(addWorkingMinutes(start, a + b));
      }),
      RUNS,
    );
  });

  it('is monotonic in both the start and the minutes', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 5000 }),
        workingMinutes,
        workingMinutes,
        (start, gap, a, b) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          expect(addWorkingMinutes(start, fewer).getTime()).toBeLessThanOrEqual(
            addWorkingMinutes(start, more).getTime(),
          );
          const later = new Date(start.getTime() + gap * MINUTE);
          expect(addWorkingMinutes(start, a).getTime()).toBeLessThanOrEqual(
            addWorkingMinutes(later, a).getTime(),
          );
        },
      ),
      RUNS,
    );
  });

  it('splits a span additively and antisymmetrically', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const whole = workingMinutesBetween(a, c);
        expect(workingMinutesBetween(a, b) + workingMinutesBetween(b, c)).toBeCloseTo(whole, 9);
        // Exactly opposite (a sum, so that +0 and -0 of an empty span compare equal).
        expect(workingMinutesBetween(c, a) + whole).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('allows exactly N full working days in addWorkingDays, and keeps the local time when started in hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (start, days) => {
        const deadline = addWorkingDays(start, days);
        expect(workingMinutesBetween(start, deadline)).toBe(days * 8 * 60);
        if (isWorkingTime(start)) {
          const local = (t: Date) => t.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' });
          expect(local(deadline)).toBe(local(start));
        }
      }),
      RUNS,
    );
  });
});
