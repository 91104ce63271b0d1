import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  episodesInWindow,
  isRepeatMissing,
  missingMoreThanOnce,
  repeatMissingTriggeredBy,
} from './repeat-missing.ts';

const at = (iso: string) => new Date(iso);
const episode = (iso: string) => ({ startedAt: at(iso) });
const MINUTE = 60_000;

describe('isRepeatMissing (3 in a rolling 90 days by default)', () => {
  const asOf = at('2024-06-30T12:00:00+01:00');
  const recent = [at('2024-05-10T20:00:00+01:00'), at('2024-06-29T23:00:00+01:00')];

  it('counts an episode that started exactly 90 days before', () => {
    expect(isRepeatMissing([at('2024-04-01T12:00:00+01:00'), ...recent], asOf)).toBe(true);
  });

  it('does not count one that started 90 days and 1 minute before', () => {
    expect(isRepeatMissing([at('2024-04-01T11:59:00+01:00'), ...recent], asOf)).toBe(false);
  });

  it('counts the window on the London wall clock across the October clock change', () => {
    const december = at('2024-12-30T10:00:00+00:00');
    const later = [at('2024-11-01T10:00:00Z'), at('2024-12-01T10:00:00Z')];
    // 10:00 BST on 1 October is exactly 90 local days before 10:00 GMT on 30 December (90 days + 1 hour elapsed).
    expect(isRepeatMissing([at('2024-10-01T10:00:00+01:00'), ...later], december)).toBe(true);
    expect(isRepeatMissing([at('2024-10-01T09:59:00+01:00'), ...later], december)).toBe(false);
  });

  it('ignores episodes that start after the date asked about', () => {
    expect(episodesInWindow([...recent, at('2024-07-01T00:00:00+01:00')], asOf)).toBe(2);
  });

  it('takes a partnership’s own rule', () => {
    const rule = { episodes: 2, windowDays: 7 };
    expect(
      isRepeatMissing([at('2024-06-23T12:00:00+01:00'), at('2024-06-30T12:00:00+01:00')], asOf, rule),
    ).toBe(true);
    expect(
      isRepeatMissing([at('2024-06-23T11:59:00+01:00'), at('2024-06-30T12:00:00+01:00')], asOf, rule),
    ).toBe(false);
    expect(() => isRepeatMissing([], asOf, { episodes: 1, windowDays: 7 })).toThrow(RangeError);
  });
});

describe('repeatMissingTriggeredBy', () => {
  const first = episode('2024-04-01T12:00:00+01:00');
  const second = episode('2024-05-01T12:00:00+01:00');

  it('triggers when the new episode is the third within 90 days, up to the window edge', () => {
    expect(repeatMissingTriggeredBy([first, second], episode('2024-06-30T12:00:00+01:00'))).toBe(true);
    expect(repeatMissingTriggeredBy([first, second], episode('2024-06-30T12:01:00+01:00'))).toBe(false);
  });

  it('does not trigger again for the fourth episode of the same run', () => {
    const third = episode('2024-05-15T12:00:00+01:00');
    expect(repeatMissingTriggeredBy([first, second, third], episode('2024-05-20T12:00:00+01:00'))).toBe(
      false,
    );
  });

  it('triggers again when a run has lapsed and builds up afresh', () => {
    const run = [first, second, episode('2024-05-15T12:00:00+01:00')];
    const later = [episode('2024-11-01T12:00:00Z'), episode('2024-11-10T12:00:00Z')];
    expect(repeatMissingTriggeredBy([...run, ...later], episode('2024-11-20T12:00:00Z'))).toBe(true);
  });

  it('triggers for a late-recorded episode that completes a run, not for one that only moves its start', () => {
    const onFile = [first, episode('2024-06-01T12:00:00+01:00')];
    expect(repeatMissingTriggeredBy(onFile, episode('2024-05-01T12:00:00+01:00'))).toBe(true);
    const runOnFile = [first, episode('2024-05-20T12:00:00+01:00'), episode('2024-06-10T12:00:00+01:00')];
    expect(repeatMissingTriggeredBy(runOnFile, episode('2024-05-01T12:00:00+01:00'))).toBe(false);
  });

  it('triggers, recording in order, exactly when the count in the window reaches N', () => {
    const gapsInMinutes = fc.array(fc.integer({ min: 0, max: 80 * 24 * 60 }), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(gapsInMinutes, (gaps) => {
        let t = Date.UTC(2023, 0, 1);
        const recorded: { startedAt: Date }[] = [];
        for (const gap of gaps) {
          t += gap * MINUTE;
          const next = { startedAt: new Date(t) };
          const before = episodesInWindow(
            recorded.map((e) => e.startedAt),
            next.startedAt,
          );
          expect(repeatMissingTriggeredBy(recorded, next)).toBe(before === 2);
          recorded.push(next);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('missingMoreThanOnce', () => {
  it('is true from the second episode ever', () => {
    expect(missingMoreThanOnce([])).toBe(false);
    expect(missingMoreThanOnce([episode('2019-01-01T00:00:00Z')])).toBe(false);
    expect(missingMoreThanOnce([episode('2019-01-01T00:00:00Z'), episode('2024-01-01T00:00:00Z')])).toBe(
      true,
    );
  });
});
