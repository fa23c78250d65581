/**
 * Habits (§3): per-habit streaks (daily) or week streaks (`N/week`: a week
 * counts when it holds at least N days with the habit), and a strength score
 * in [0, 1] by exponential smoothing, as Loop Habit Tracker computes it.
 *
 * A rest day (§6) on which the habit was not done is Loop's "skip": it keeps a
 * daily habit's streak without adding to it, and the score carries over
 * unchanged that day (Loop's ScoreList: a SKIP day does not update the score,
 * while the rolling window still spans calendar days). A week's target scales
 * with its days that are not rest days, as Loop's target card takes skipped
 * days off a period's target: N × (7 - rest days) / 7 days, rounded up; a
 * week of rest days only neither breaks nor lengthens a week streak.
 */
import type { Config, HabitConfig, HabitTarget } from "../config/schema.js";
import { fromDayNumber, isoWeekOf, isoWeekOfDayNumber, toDayNumber, weekMondayNumber, weekSpan, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { isRestDay, missedBetween, restDaysIn, type RestDays } from "../model/rest.js";
import type { HabitSummary, WeekStretch } from "../model/site.js";
import type { MonthTally } from "./month-tally.js";
import { currentStreak, longestStreak, NO_STRETCH, sortedDayNumbers, type MissedBetween } from "./streaks.js";

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
 * A rest day without the habit is skipped: the score stays as it was.
 * Returns the score at the end of every day, keyed by day number.
 */
export function habitScores(done: readonly IsoDate[], target: HabitTarget, today: IsoDate, rest?: RestDays): { day: number; score: number }[] {
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
    const isDone = doneSet.has(day);
    if (isDone) inWindow++;
    if (doneSet.has(day - rolling.days)) inWindow--;
    if (isDone || !rest || !isRestDay(rest, day)) score = score * m + Math.min(1, inWindow / rolling.count) * (1 - m);
    out.push({ day, score });
  }
  return out;
}

/** A run of weeks that met the target. */
interface WeekRun {
  from: IsoWeek;
  to: IsoWeek;
  weeks: number;
}

/**
 * Runs of ISO weeks that met the target, oldest first, and the run still open
 * at the last week (`thisWeek`, not over: it does not break a run unmet). A
 * week of rest days only is passed over: it neither breaks nor lengthens a run.
 */
function weekRuns(perWeek: readonly { readonly week: IsoWeek; readonly met: boolean; readonly target: number }[], thisWeek: IsoWeek): { runs: WeekRun[]; open: WeekRun | undefined } {
  const runs: WeekRun[] = [];
  let open: WeekRun | undefined;
  for (const { week, met, target } of perWeek) {
    if (target === 0) continue;
    if (met) {
      if (open) {
        open.to = week;
        open.weeks++;
      } else {
        open = { from: week, to: week, weeks: 1 };
        runs.push(open);
      }
    } else if (week !== thisWeek) {
      open = undefined;
    }
  }
  return { runs, open };
}

/** A week's target scaled to its days that are not rest days, rounded up (Loop takes N/7 off per skipped day). */
export function weekTarget(perWeek: number, restDays: number): number {
  return Math.ceil((perWeek * (7 - restDays)) / 7 - 1e-9);
}

const NO_WEEKS: WeekStretch = { weeks: 0, from: null, to: null };


/**
 * A habit's streaks and strength. `done` holds the days (up to today) with a
 * win marked with the habit; on the journal's rest days without it, the habit is skipped.
 */
export function summarizeHabit(slug: string, config: HabitConfig | undefined, done: readonly IsoDate[], today: IsoDate, rest?: RestDays): HabitSummary {
  const target: HabitTarget = config?.target ?? { kind: "daily" };
  const days = sortedDayNumbers(done);
  const dates = days.map(fromDayNumber);
  const scores = habitScores(dates, target, today, rest);
  const missed: MissedBetween | undefined = rest ? (earlier, later) => missedBetween(rest, earlier, later) : undefined;
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
  // A week's rest days without the habit done: its days that are rest days, less the rest days it was done on.
  const restDoneByWeek = new Map<IsoWeek, number>();
  if (rest) for (const day of days) if (isRestDay(rest, day)) restDoneByWeek.set(isoWeekOfDayNumber(day), (restDoneByWeek.get(isoWeekOfDayNumber(day)) ?? 0) + 1);
  const perWeek = span.map((week) => {
    const count = counts.get(week) ?? 0;
    const monday = weekMondayNumber(week);
    const restDays = rest ? restDaysIn(rest, monday, monday + 6) - (restDoneByWeek.get(week) ?? 0) : 0;
    const weekly = weekTarget(perWeekTarget, restDays);
    return { week, days: count, met: weekly > 0 && count >= weekly, target: weekly, restDays };
  });
  // Like the daily streak: a week not yet over does not break the run.
  const { runs, open: current } = weekRuns(perWeek, thisWeek);
  let longestWeeks = NO_WEEKS;
  for (const run of runs) if (run.weeks >= longestWeeks.weeks) longestWeeks = run;

  return {
    slug,
    label: config?.label ?? slug,
    ...(config?.cue ? { cue: config.cue } : {}),
    target,
    configured: config !== undefined,
    done: dates,
    total: dates.length,
    currentStreak: days.length ? currentStreak(days, today, missed) : NO_STRETCH,
    longestStreak: longestStreak(days, missed),
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
