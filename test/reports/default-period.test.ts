/**
 * The briefing's default period (issue 15 item 6): the last six complete calendar months, which the demo's
 * data (six months to the day before it is loaded: decision 0014) covers on whatever day it is opened, so a
 * reader of the demo sees figures without typing dates. Pure: no database.
 */
import { describe, expect, it } from 'vitest';
import { defaultPeriod, describePeriod, todayInUk } from '../../src/reports/period.ts';
import { parseBriefingQuery } from '../../src/reports/request.ts';
import { periodEnding } from '../../src/synth/calendar.ts';
import { lastWholeUkDay } from '../../src/synth/demo-period.ts';

describe('the default briefing period', () => {
  it('is the last six complete months before today, today excluded', () => {
    expect(defaultPeriod('2026-12-06')).toEqual({ from: '2026-06-01', to: '2026-11-30' });
    expect(defaultPeriod('2026-12-01')).toEqual({ from: '2026-06-01', to: '2026-11-30' });
    expect(defaultPeriod('2026-11-30')).toEqual({ from: '2026-05-01', to: '2026-10-31' });
    expect(defaultPeriod('2027-01-15')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parseBriefingQuery({}, '2026-12-06').request.period).toEqual({
      from: '2026-06-01',
      to: '2026-11-30',
    });
    expect(describePeriod(defaultPeriod('2026-12-06'))).toBe('1 June 2026 to 30 November 2026');
  });

  it('lies within the demo loaded that day, but for the first days of its first month', () => {
    for (const now of [
      '2026-12-06T12:00:00Z',
      '2026-12-01T08:00:00Z',
      '2027-03-31T22:30:00Z',
      '2026-07-15T09:00:00Z',
    ]) {
      const demo = periodEnding(lastWholeUkDay(new Date(now)), 6);
      const shown = defaultPeriod(todayInUk(new Date(now)));
      // Every day of the default period up to its end has demo data, from at most a month after its start.
      expect({ now, ends: shown.to <= demo.end }).toEqual({ now, ends: true });
      const gapDays = (Date.parse(demo.start) - Date.parse(shown.from)) / 86_400_000;
      expect({ now, gapDays: gapDays < 31 }).toEqual({ now, gapDays: true });
    }
  });
});
