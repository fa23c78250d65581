/** Dates and counts as the pages write them. */
import { dateParts, isoWeekday, monthName, weekdayName, type IsoDate } from "../../model/calendar.js";

/** A day written for people: "Saturday 21 November 2026". */
export function longDate(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${weekdayName(isoWeekday(date))} ${day} ${monthName(month)} ${year}`;
}

/** A day written short: "Sat 21 Nov". */
export function shortDate(date: IsoDate): string {
  const { month, day } = dateParts(date);
  return `${weekdayName(isoWeekday(date)).slice(0, 3)} ${day} ${monthName(month).slice(0, 3)}`;
}

/** "1 win", "3 wins", "2 entries". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** A number to one decimal: several files on one day average their moods, and 3.3333333333333335 must not reach a page. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Whether a week has more wins than the one before, as many, or fewer. */
export type WeekTrend = "up" | "same" | "down";

/**
 * A week's wins against the week before, in the site's voice: a rise is named,
 * a drop is said plainly and kindly (docs/site.md, Decisions). `previous` is
 * the week before's wins: "1 fewer than last week (15) — every win counts".
 */
export function againstLastWeek(change: number, previous: number): { readonly trend: WeekTrend; readonly text: string } {
  if (change > 0) return { trend: "up", text: `${change} more than last week (${previous})` };
  if (change === 0) return { trend: "same", text: `as many as last week (${previous})` };
  return { trend: "down", text: `${-change} fewer than last week (${previous}) — every win counts` };
}
