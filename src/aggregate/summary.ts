/**
 * The headline numbers (§3, and `stats`): current and longest streak, the
 * never-miss-twice chain, total wins and win days, comebacks and the longest
 * gap bridged, tasks, the rest days (§6), and the next milestones.
 */
import type { DayNumber, IsoDate } from "../model/calendar.js";
import { missedBetween, noRestDays, restDaysIn, type RestDays } from "../model/rest.js";
import type { Summary } from "../model/site.js";
import { nextStreakMilestone, nextTotalMilestone } from "./milestones.js";
import type { MonthTally } from "./month-tally.js";
import { sum } from "./numbers.js";
import { currentStreak, longestStreak, neverMissTwice, type MissedBetween } from "./streaks.js";

/** What the headline numbers are made from. */
export interface SummaryInput {
  readonly today: IsoDate;
  /** Every counted win day, as sorted day numbers. */
  readonly winDayNumbers: readonly DayNumber[];
  /** The days missed before each comeback. */
  readonly gaps: readonly number[];
  /** The journal's rest days (none when absent), and how many of its counted win days are rest days. */
  readonly rest?: RestDays;
  readonly restWins?: number;
  /** The tallies of every month with counted days. */
  readonly months: readonly MonthTally[];
  /** The first and last counted day, when there is one. */
  readonly span: { readonly first: IsoDate; readonly last: IsoDate } | undefined;
  /** The configured streak milestones. */
  readonly streakGoals: readonly number[];
}

/** The headline numbers. */
export function summarize(input: SummaryInput): Summary {
  const { today, winDayNumbers, gaps, months } = input;
  const rest = input.rest ?? noRestDays(today);
  const totalWins = sum(months.map((t) => t.wins));
  const missed: MissedBetween = (earlier, later) => missedBetween(rest, earlier, later);
  const current = currentStreak(winDayNumbers, today, missed);
  return {
    today,
    currentStreak: current,
    longestStreak: longestStreak(winDayNumbers, missed),
    neverMissTwice: neverMissTwice(winDayNumbers, missed),
    totalWins,
    winDays: winDayNumbers.length,
    restDays: rest.from === undefined ? 0 : restDaysIn(rest, rest.from, rest.to) - (input.restWins ?? 0),
    comebacks: gaps.length,
    longestGapBridged: gaps.length ? Math.max(...gaps) : 0,
    tasksDone: sum(months.map((t) => t.tasksDone)),
    tasksTotal: sum(months.map((t) => t.tasksTotal)),
    ...(input.span ? { first: input.span.first, last: input.span.last } : {}),
    ...optional("nextStreakMilestone", nextStreakMilestone(input.streakGoals, current.days)),
    ...optional("nextTotalMilestone", nextTotalMilestone(totalWins)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
