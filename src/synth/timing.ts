/**
 * When things happen. Referrals mostly arrive on weekday working hours; some come in the evening, at night
 * or at weekends, as police and hospital referrals do.
 */

import { isWorkingDay, type Period, ukLocalToUtcMs } from './calendar.ts';
import type { Rng } from './random.ts';

/** MASH working hours, 09:00 to 17:00 local time, as minutes of the day. */
export const WORKING_DAY_START_MINUTE = 9 * 60;
export const WORKING_DAY_END_MINUTE = 17 * 60;

export function workingDaysIn(period: Period): number[] {
  const days: number[] = [];
  for (let d = period.startDay; d <= period.endDay; d++) if (isWorkingDay(d)) days.push(d);
  return days;
}

export interface Moment {
  readonly day: number;
  readonly minuteOfDay: number;
  readonly utcMs: number;
  readonly outOfHours: boolean;
}

export function moment(day: number, minuteOfDay: number): Moment {
  const outOfHours =
    !isWorkingDay(day) || minuteOfDay < WORKING_DAY_START_MINUTE || minuteOfDay >= WORKING_DAY_END_MINUTE;
  return { day, minuteOfDay, utcMs: ukLocalToUtcMs(day, minuteOfDay), outOfHours };
}

/** A working-hours minute, busier in the morning. */
export function workingMinute(rng: Rng): number {
  const hour = rng.weighted([
    [9, 16],
    [10, 16],
    [11, 14],
    [12, 10],
    [13, 11],
    [14, 12],
    [15, 12],
    [16, 9],
  ]);
  return hour * 60 + rng.int(0, 59);
}

/** A time a referral or report arrives: `outOfHoursShare` of them outside working hours. */
export function arrivalMoment(
  rng: Rng,
  period: Period,
  workingDays: readonly number[],
  outOfHoursShare: number,
): Moment {
  if (!rng.chance(outOfHoursShare)) return moment(rng.pick(workingDays), workingMinute(rng));
  const day = rng.int(period.startDay, period.endDay);
  if (!isWorkingDay(day)) return moment(day, rng.int(8 * 60, 23 * 60 + 59));
  const minute = rng.chance(0.8)
    ? rng.int(WORKING_DAY_END_MINUTE, 23 * 60 + 59)
    : rng.int(0, WORKING_DAY_START_MINUTE - 1);
  return moment(day, minute);
}

/** `count` arrival moments, in order, at least `minGapDays` apart where the period allows. */
export function spacedArrivals(
  rng: Rng,
  period: Period,
  workingDays: readonly number[],
  count: number,
  minGapDays: number,
  outOfHoursShare: number,
): Moment[] {
  let best: Moment[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    const moments = Array.from({ length: count }, () =>
      arrivalMoment(rng, period, workingDays, outOfHoursShare),
    ).sort((a, b) => a.utcMs - b.utcMs);
    best = moments;
    if (moments.every((m, i) => i === 0 || m.day - moments[i - 1]!.day >= minGapDays)) return moments;
  }
  return best;
}
