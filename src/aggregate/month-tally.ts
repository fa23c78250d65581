/**
 * What one month's counted days add up to: its wins, win days and tasks (the
 * year pages' month totals, and the headline totals), each area's tally, and
 * the days each habit was done. Areas, habits, years and totals are all sums
 * over months, so a month whose days did not change keeps its tally.
 */
import { dateParts, type IsoDate } from "../model/calendar.js";
import type { DaySummary } from "../model/site.js";
import { countAreaWin, type AreaTally } from "./areas.js";
import { isWinDay } from "./days.js";

/** What one month's counted days add up to. */
export interface MonthTally {
  readonly year: number;
  readonly month: number;
  /** Its counted days. */
  readonly days: number;
  readonly wins: number;
  /** Days with at least `minWinsPerDay` wins. */
  readonly winDays: number;
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly areas: ReadonlyMap<string, AreaTally>;
  /** The days each habit was done, in date order. */
  readonly habits: ReadonlyMap<string, readonly IsoDate[]>;
}

/** Tallies the first `counted` days of a month (the rest are after today). */
export function tallyMonth(monthDays: readonly DaySummary[], counted: number, minWinsPerDay: number): MonthTally {
  const { year, month } = dateParts(monthDays[0]!.date);
  let wins = 0;
  let winDays = 0;
  let tasksDone = 0;
  let tasksTotal = 0;
  const areas = new Map<string, AreaTally>();
  const habits = new Map<string, IsoDate[]>();
  for (let i = 0; i < counted; i++) {
    const d = monthDays[i]!;
    wins += d.wins.length;
    if (isWinDay(d.wins.length, minWinsPerDay)) winDays++;
    tasksDone += d.tasksDone;
    tasksTotal += d.tasksTotal;
    for (const w of d.wins) {
      if (w.habit) {
        const list = habits.get(w.habit);
        // A day counts once however many of its wins name the habit.
        if (!list) habits.set(w.habit, [d.date]);
        else if (list[list.length - 1] !== d.date) list.push(d.date);
      }
      if (w.area) countAreaWin(areas, w.area, w, d);
    }
  }
  return { year, month, days: counted, wins, winDays, tasksDone, tasksTotal, areas, habits };
}
