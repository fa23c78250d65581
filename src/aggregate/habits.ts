/**
 * Habits (§3): per-habit streaks (daily) or week streaks (`N/week`: a week
 * counts when it holds at least N days with the habit), and a strength score
 * in [0, 1] by exponential smoothing, as Loop Habit Tracker computes it.
 */
import type { Config, HabitConfig, HabitTarget } from "../config/schema.js";
import { addWeeks, fromDayNumber, isoWeekOf, toDayNumber, weekSpan, type IsoDate, type IsoWeek } from "../model/calendar.js";
import type { HabitSummary, WeekStretch } from "../model/site.js";
import type { MonthTally } from "./month-tally.js";
import { currentStreak, longestStreak, NO_STRETCH, sortedDayNumbers } from "./streaks.js";

/** Target frequency per day: 1 for daily, N/7 for N/week. */
export function frequencyPerDay(target: HabitTarget): number {
  return target.kind === "daily" ? 1 : target.perWeek / 7;
}

/** The smoothing multiplier of Loop Habit Tracker's score: `0.5 ** (sqrt(f) / 13)`. */
export function scoreMultiplier(target: HabitTarget): number {
  return 0.5 ** (Math.sqrt(frequencyPerDay(target)) / 13);
}

/**
 * The rolling window in which Loop Habit Tracker measures `done` for a day:
 * the target count and the window length in days. Daily: 1 in 1 day, so
 * `done` is 1 or 0. N/week: N in 7 days, both doubled when N < 7 (Loop does
 * this "to smooth out irregular repetition schedules").
 */
export function scoreWindow(target: HabitTarget): { count: number; days: number } {
  if (target.kind === "daily") return { count: 1, days: 1 };
  return target.perWeek < 7 ? { count: target.perWeek * 2, days: 14 } : { count: target.perWeek, days: 7 };
}

/**
 * Habit strength in [0, 1] by exponential smoothing, one step per calendar
 * day from the first day done to `today`: `score = previous * m + done * (1 - m)`.
 * As in Loop Habit Tracker, `done` is the share of the target met in the
 * rolling window ending that day (see `scoreWindow`): 1 or 0 for a daily
 * habit, and for 3/week the days done in the last 14 over 6, at most 1, so a
 * habit kept exactly to its target grows towards 1 rather than towards 3/7.
 * Returns the score at the end of every day, keyed by day number.
 */
export function habitScores(done: readonly IsoDate[], target: HabitTarget, today: IsoDate): { day: number; score: number }[] {
  const days = sortedDayNumbers(done);
  const first = days[0];
  if (first === undefined) return [];
  const m = scoreMultiplier(target);
  const rolling = scoreWindow(target);
  const doneSet = new Set(days);
  const end = toDayNumber(today);
  const out: { day: number; score: number }[] = [];
  let score = 0;
  let inWindow = 0;
  for (let day = first; day <= end; day++) {
    if (doneSet.has(day)) inWindow++;
    if (doneSet.has(day - rolling.days)) inWindow--;
    score = score * m + Math.min(1, inWindow / rolling.count) * (1 - m);
    out.push({ day, score });
  }
  return out;
}

/** Runs of consecutive ISO weeks in which `met` holds, oldest first. */
function weekRuns(weeks: readonly IsoWeek[], met: ReadonlySet<IsoWeek>): { from: IsoWeek; to: IsoWeek; weeks: number }[] {
  const runs: { from: IsoWeek; to: IsoWeek; weeks: number }[] = [];
  let open: { from: IsoWeek; to: IsoWeek; weeks: number } | undefined;
  for (const week of weeks) {
    if (met.has(week)) {
      if (open) {
        open.to = week;
        open.weeks++;
      } else {
        open = { from: week, to: week, weeks: 1 };
        runs.push(open);
      }
    } else {
      open = undefined;
    }
  }
  return runs;
}

const NO_WEEKS: WeekStretch = { weeks: 0, from: null, to: null };


/**
 * A habit's streaks and strength. `done` holds the days (up to today) with a
 * win marked with the habit.
 */
export function summarizeHabit(slug: string, config: HabitConfig | undefined, done: readonly IsoDate[], today: IsoDate): HabitSummary {
  const target: HabitTarget = config?.target ?? { kind: "daily" };
  const days = sortedDayNumbers(done);
  const dates = days.map(fromDayNumber);
  const scores = habitScores(dates, target, today);
  const thisWeek = isoWeekOf(today);

  const scoreByWeek: { week: IsoWeek; score: number }[] = [];
  // ISO weeks start on Monday: day number n (0 = Thursday 1970-01-01) is in Monday-week floor((n + 3) / 7).
  let lastIndex: number | undefined;
  for (const { day, score } of scores) {
    const index = Math.floor((day + 3) / 7);
    const last = scoreByWeek[scoreByWeek.length - 1];
    if (last && index === lastIndex) last.score = score;
    else scoreByWeek.push({ week: isoWeekOf(fromDayNumber(day)), score });
    lastIndex = index;
  }

  const perWeekTarget = target.kind === "weekly" ? target.perWeek : 7;
  const counts = new Map<IsoWeek, number>();
  for (const date of dates) counts.set(isoWeekOf(date), (counts.get(isoWeekOf(date)) ?? 0) + 1);
  const firstDate = dates[0];
  const span = firstDate ? weekSpan(isoWeekOf(firstDate), thisWeek) : [];
  const perWeek = span.map((week) => ({ week, days: counts.get(week) ?? 0, met: (counts.get(week) ?? 0) >= perWeekTarget }));
  const met = new Set(perWeek.filter((w) => w.met).map((w) => w.week));
  const runs = weekRuns(span, met);
  let longestWeeks = NO_WEEKS;
  for (const run of runs) if (run.weeks >= longestWeeks.weeks) longestWeeks = run;
  // Like the daily streak: a week not yet over does not break the run.
  const lastWeek = addWeeks(thisWeek, -1);
  const current = runs.find((r) => r.to === thisWeek) ?? runs.find((r) => r.to === lastWeek);

  return {
    slug,
    label: config?.label ?? slug,
    ...(config?.cue ? { cue: config.cue } : {}),
    target,
    configured: config !== undefined,
    done: dates,
    total: dates.length,
    currentStreak: days.length ? currentStreak(days, today) : NO_STRETCH,
    longestStreak: longestStreak(days),
    currentWeeks: current ? { weeks: current.weeks, from: current.from, to: current.to } : NO_WEEKS,
    longestWeeks: longestWeeks.weeks ? { weeks: longestWeeks.weeks, from: longestWeeks.from, to: longestWeeks.to } : NO_WEEKS,
    score: scores[scores.length - 1]?.score ?? 0,
    scoreByWeek,
    perWeek,
  };
}

/**
 * The days each habit was done, from the months' tallies (in date order):
 * every configured habit, done or not, and every habit a counted win names.
 */
export function daysDoneByHabit(months: readonly MonthTally[], config: Config): Map<string, IsoDate[]> {
  const done = new Map<string, IsoDate[]>(Object.keys(config.habits).map((slug) => [slug, []]));
  for (const m of months) {
    for (const [slug, dates] of m.habits) {
      const list = done.get(slug);
      if (list) for (const date of dates) list.push(date);
      else done.set(slug, [...dates]);
    }
  }
  return done;
}
