/**
 * Bank holidays are shipped as data (see bank-holidays-england-wales.ts) and extended by each partnership,
 * for instance with a council's closure days between Christmas and New Year. A holiday is a whole local
 * calendar day: working-time code never counts any of it.
 */
import { parseLocalDate } from './zoned-time.ts';

export interface BankHoliday {
  /** Local calendar date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

function assertValidHoliday(holiday: BankHoliday): void {
  if (parseLocalDate(holiday.date) === null) {
    throw new RangeError(
      `Bank holiday "${holiday.name}" has an invalid date "${holiday.date}"; use YYYY-MM-DD`,
    );
  }
  if (holiday.name.trim() === '') throw new RangeError(`Bank holiday on ${holiday.date} needs a name`);
}

/**
 * The union of the shipped list and a partnership's extra days, sorted by date. When both name the same date
 * the shipped entry wins, so an extension can never rename a statutory holiday. Invalid dates throw: a typo in
 * configuration must stop start-up rather than silently count a closed day as working time.
 */
export function mergeBankHolidays(
  base: readonly BankHoliday[],
  extra: readonly BankHoliday[] = [],
): BankHoliday[] {
  const byDate = new Map<string, BankHoliday>();
  for (const holiday of [...base, ...extra]) {
    assertValidHoliday(holiday);
    if (!byDate.has(holiday.date)) byDate.set(holiday.date, { date: holiday.date, name: holiday.name });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export function bankHolidayDates(holidays: readonly BankHoliday[]): ReadonlySet<string> {
  return new Set(mergeBankHolidays(holidays).map((holiday) => holiday.date));
}
