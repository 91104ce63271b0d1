import { describe, expect, it } from 'vitest';
import { createRagConfig, DEFAULT_RAG_CONFIG, slaDeadline, slaStatus } from './rag.ts';

const at = (iso: string) => new Date(iso);

describe('slaDeadline', () => {
  it('gives Red 4 working hours, so a Friday 16:30 Red is due 12:30 Monday', () => {
    expect(slaDeadline(at('2024-06-14T16:30:00+01:00'), 'RED')).toEqual(at('2024-06-17T12:30:00+01:00'));
  });

  it('gives Amber 24 working hours and Green 72', () => {
    expect(slaDeadline(at('2024-06-14T16:00:00+01:00'), 'AMBER')).toEqual(at('2024-06-19T16:00:00+01:00'));
    expect(slaDeadline(at('2024-06-17T09:00:00+01:00'), 'GREEN')).toEqual(at('2024-06-27T17:00:00+01:00'));
  });

  it('gives Blue no target', () => {
    expect(slaDeadline(at('2024-06-14T16:00:00+01:00'), 'BLUE')).toBeNull();
  });

  it('takes a partnership’s own timescales, including a Red clock on elapsed time', () => {
    const config = createRagConfig({ timescales: { RED: { clock: 'ELAPSED' }, AMBER: { hours: 8 } } });
    expect(slaDeadline(at('2024-06-14T16:30:00+01:00'), 'RED', config)).toEqual(
      at('2024-06-14T20:30:00+01:00'),
    );
    expect(slaDeadline(at('2024-06-14T16:00:00+01:00'), 'AMBER', config)).toEqual(
      at('2024-06-17T16:00:00+01:00'),
    );
    expect(config.timescales.GREEN).toEqual(DEFAULT_RAG_CONFIG.timescales.GREEN);
  });

  it('refuses a timescale that is not a positive number of hours', () => {
    expect(() => createRagConfig({ timescales: { AMBER: { hours: 0 } } })).toThrow(RangeError);
    expect(() => createRagConfig({ timescales: { AMBER: { hours: Number.NaN } } })).toThrow(RangeError);
  });
});

describe('slaStatus', () => {
  const received = at('2024-06-14T16:30:00+01:00');
  const deadline = at('2024-06-17T12:30:00+01:00');

  it('keeps Red open out of hours and does not run its working clock overnight', () => {
    const fridayEvening = slaStatus(received, 'RED', at('2024-06-14T22:00:00+01:00'));
    const mondayMorning = slaStatus(received, 'RED', at('2024-06-17T09:00:00+01:00'));
    expect(fridayEvening).toEqual({
      deadline,
      workingMinutesLeft: 210,
      breached: false,
      completed: false,
      workedOutOfHours: true,
    });
    expect(mondayMorning.workingMinutesLeft).toBe(210);
    expect(slaStatus(received, 'AMBER', received).workedOutOfHours).toBe(false);
  });

  it('is in time exactly at the deadline and breached one minute later', () => {
    expect(slaStatus(received, 'RED', deadline)).toMatchObject({ breached: false, workingMinutesLeft: 0 });
    expect(slaStatus(received, 'RED', at('2024-06-17T12:31:00+01:00'))).toMatchObject({
      breached: true,
      workingMinutesLeft: -1,
    });
  });

  it('judges a completed referral at its completion, whatever the time now', () => {
    const now = at('2024-07-01T10:00:00+01:00');
    expect(slaStatus(received, 'RED', now, deadline)).toMatchObject({ breached: false, completed: true });
    expect(slaStatus(received, 'RED', now, at('2024-06-17T12:31:00+01:00'))).toMatchObject({
      breached: true,
      workingMinutesLeft: -1,
    });
    expect(() => slaStatus(received, 'RED', now, at('2024-06-14T16:00:00+01:00'))).toThrow(RangeError);
  });

  it('never breaches Blue', () => {
    expect(slaStatus(received, 'BLUE', at('2030-01-01T00:00:00Z'))).toMatchObject({
      deadline: null,
      workingMinutesLeft: null,
      breached: false,
    });
  });
});
