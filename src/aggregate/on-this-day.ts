/** On this day (§3): entries of the same month and day in earlier years. */
import { compareDates, dateParts, isLeapYear, makeDate, type IsoDate } from "../model/calendar.js";
import type { DaySummary } from "../model/site.js";

/** Earlier years' days with today's month and day, newest first; on 28 February of a common year, 29 February too. */
export function onThisDay(days: readonly DaySummary[], today: IsoDate): IsoDate[] {
  const { year, month, day } = dateParts(today);
  const matches = new Set<string>([today.slice(5)]);
  if (month === 2 && day === 28 && !isLeapYear(year)) matches.add("02-29");
  const newYear = makeDate(year, 1, 1);
  return days
    .filter((d) => compareDates(d.date, newYear) < 0 && matches.has(d.date.slice(5)))
    .map((d) => d.date)
    .reverse();
}
