/** On this day (§3): entries of the same month and day in earlier years. */
import { compareDates, dateParts, isLeapYear, makeDate, type IsoDate } from "../model/calendar.js";
import type { DaySummary } from "../model/site.js";

/** Earlier years' days with today's month and day, newest first; on 28 February of a common year, 29 February too. */
export function onThisDay(days: readonly DaySummary[], today: IsoDate): IsoDate[] {
  const { year, month, day } = dateParts(today);
  if (days.length === 0) return [];
  const first = dateParts(days[0]!.date).year;
  const out: IsoDate[] = [];
  // Days are in date order: each earlier year's match is found by a binary search, not a pass over every day.
  for (let y = year - 1; y >= first; y--) {
    const wanted = [makeDate(y, month, day)];
    if (month === 2 && day === 28 && !isLeapYear(year) && isLeapYear(y)) wanted.push(makeDate(y, 2, 29));
    for (const date of wanted.reverse()) if (hasDate(days, date)) out.push(date);
  }
  return out;
}

/** Whether the sorted days hold one on `date`. */
function hasDate(days: readonly DaySummary[], date: IsoDate): boolean {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareDates(days[mid]!.date, date) < 0) low = mid + 1;
    else high = mid;
  }
  return days[low]?.date === date;
}
