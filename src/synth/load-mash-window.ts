/**
 * The moment the loaded MASH work stands at, and the window of referrals the demo leaves open. Pure.
 */
import { isWorkingDay, periodBoundsMs, periodEnding, utcMsToUkLocal } from './calendar.ts';

/** Working days at the end of the period whose referrals the demo loader leaves open. */
export const DEMO_OPEN_WORKING_DAYS = 4;

export interface MashWindow {
  /** The moment the loaded data stands at: the first instant after the period (UK local). */
  asOfMs: number;
  /** Referrals received at or after this stay open; equal to asOfMs when none do. */
  openFromMs: number;
  /** Open referrals received at or after this (the last two working days) are mostly still at triage. */
  triageFromMs: number;
}

/** Start of the `n`th working day back from the period's last day (the whole period when it has fewer). */
function workingDaysBack(period: ReturnType<typeof periodEnding>, n: number): number {
  let day = period.endDay;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day)) counted++;
    if (counted >= n || day <= period.startDay) break;
    day--;
  }
  return periodBoundsMs({ ...period, startDay: day }).fromMs;
}

/** The period end as "now", and the start of the open window `openWorkingDays` working days back from it. */
export function mashWindow(periodEnd: string, months: number, openWorkingDays: number): MashWindow {
  const period = periodEnding(periodEnd, months);
  const { toMs } = periodBoundsMs(period);
  if (openWorkingDays <= 0) return { asOfMs: toMs, openFromMs: toMs, triageFromMs: toMs };
  return {
    asOfMs: toMs,
    openFromMs: workingDaysBack(period, openWorkingDays),
    triageFromMs: workingDaysBack(period, Math.min(2, openWorkingDays)),
  };
}

/** Strategy actions due in the last this many working days may be outstanding; older ones were completed. */
export const ACTION_LAPSE_WORKING_DAYS = 10;
/** Share of those recent actions not yet completed: partnerships complete their actions. */
export const ACTION_LAPSE_SHARE = 0.1;

/** The first day (a day number) of the last `ACTION_LAPSE_WORKING_DAYS` working days before `asOfMs`. */
export function actionLapseFromDay(asOfMs: number): number {
  let day = utcMsToUkLocal(asOfMs).day;
  for (let n = 0; n < ACTION_LAPSE_WORKING_DAYS; n++) {
    do day--;
    while (!isWorkingDay(day));
  }
  return day;
}
