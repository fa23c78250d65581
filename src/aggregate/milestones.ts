/**
 * Milestones (§3): the day the streak first reached each configured length,
 * and the day the running total of wins reached 10, 50, 100, 250, 500, 1000, ...
 */
import type { IsoDate } from "../model/calendar.js";
import type { Milestone } from "../model/site.js";

/** Total-win milestones: 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, ... */
export function totalMilestoneValues(upTo: number): number[] {
  const out = [10, 50];
  for (let scale = 100; out[out.length - 1]! <= upTo; scale *= 10) out.push(scale, scale * 2.5, scale * 5);
  return out;
}

/**
 * Whether a streak of this length is a milestone: a configured goal not
 * reached before. A streak grows one day at a time, so it reaches a goal on
 * the day it equals it.
 */
export function isNewStreakGoal(streak: number, goals: ReadonlySet<number>, reached: ReadonlySet<number>): boolean {
  return goals.has(streak) && !reached.has(streak);
}

/** The running total of wins before a run of days, and the next total-win milestone after it. */
export interface RunningTotal {
  readonly total: number;
  readonly next: number;
}

/** The running total before the first day. */
export const NO_WINS_YET: RunningTotal = { total: 0, next: totalMilestoneValues(0)[0]! };

/**
 * The total-win milestones reached on each of a run of days (in date order;
 * the first `counted` are on or before today), given the running total before
 * them. `wins` is the run's counted wins: most runs cross no milestone, and
 * then no day is looked at.
 */
export function totalMilestones(
  dates: readonly IsoDate[],
  winCounts: readonly number[],
  counted: number,
  wins: number,
  before: RunningTotal,
): { readonly at: (Milestone[] | undefined)[]; readonly after: RunningTotal } {
  const at: (Milestone[] | undefined)[] = [];
  let { total, next } = before;
  if (total + wins < next) return { at, after: { total: total + wins, next } };
  for (let j = 0; j < counted; j++) {
    const previous = total;
    total += winCounts[j]!;
    if (total < next) continue;
    at[j] = totalMilestoneValues(total)
      .filter((goal) => goal > previous && goal <= total)
      .map((value): Milestone => ({ kind: "total", value, date: dates[j]! }));
    next = totalMilestoneValues(total).find((goal) => goal > total)!;
  }
  return { at, after: { total, next } };
}

/** A day's milestones: the streak milestone comes before the total ones. */
export function dayMilestones(streak: Milestone | undefined, totals: readonly Milestone[] | undefined): readonly Milestone[] {
  return streak ? (totals ? [streak, ...totals] : [streak]) : (totals ?? []);
}

/** The next configured streak length above the current streak, if any. */
export function nextStreakMilestone(goals: readonly number[], current: number): number | undefined {
  return goals.find((m) => m > current);
}

/** The next total-win milestone above a total. */
export function nextTotalMilestone(total: number): number | undefined {
  return totalMilestoneValues(total).find((m) => m > total);
}
