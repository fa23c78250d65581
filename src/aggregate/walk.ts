/**
 * The walk over the days: one pass in date order that gives each day the
 * numbers that depend on the days before it — its streak and whether it is a
 * comeback (§3 streaks and comebacks, by `streakStep`), the level-ups of its
 * wins (§3 areas, by `levelUpOf`) and the streak milestone it reaches (§3
 * milestones, by `isNewStreakGoal`). Rest days (§6) are not missed days:
 * the days missed before a win day leave out the config's rest days (counted
 * from the RestCalendar, never day by day) and the days entries marked as rest
 * since the last win day (carried in the state). What one day passes to the next is a
 * `WalkState`, so the days can be walked in runs: a run walked from the same
 * state with the same files gives the same result, which is what lets a watch
 * walk again only the months an edit reaches (see src/memo/model-memo.ts).
 */
import { isoWeekOf, toDayNumber, type DayNumber, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { calendarRestCount, isCalendarRest, NO_REST_CALENDAR, type RestCalendar } from "../model/rest.js";
import type { DayFile } from "../model/entry.js";
import type { LevelUp, Milestone } from "../model/site.js";
import { levelUpOf } from "./areas.js";
import { isWinDay } from "./days.js";
import { isNewStreakGoal } from "./milestones.js";
import { streakStep } from "./streaks.js";

/** What the walk carries from one day to the next. */
export interface WalkState {
  /** The last win day so far (a day number) and the streak on it. */
  readonly lastWin: DayNumber | undefined;
  readonly streak: number;
  /** Days since the last win day that an entry marks as rest and the config does not. */
  readonly restSince: number;
  /** The highest level reached in each area so far. */
  readonly highest: ReadonlyMap<string, number>;
  /** Streak goals reached so far: a goal is a milestone the first time only. */
  readonly reached: ReadonlySet<number>;
}

/** The state before the journal's first day. */
export function startOfJournal(): WalkState {
  return { lastWin: undefined, streak: 0, restSince: 0, highest: new Map(), reached: new Set() };
}

/** Whether two states are equal: a run walked from either gives the same result. */
export function sameWalkState(a: WalkState, b: WalkState): boolean {
  if (a.lastWin !== b.lastWin || a.streak !== b.streak || a.restSince !== b.restSince) return false;
  if (a.highest !== b.highest) {
    if (a.highest.size !== b.highest.size) return false;
    for (const [area, level] of a.highest) if (b.highest.get(area) !== level) return false;
  }
  if (a.reached !== b.reached) {
    if (a.reached.size !== b.reached.size) return false;
    for (const goal of a.reached) if (!b.reached.has(goal)) return false;
  }
  return true;
}

/** What walking a run of days from a state gave. Days are the run's dates with entries, by index. */
export interface WalkedDays {
  readonly files: readonly DayFile[];
  readonly counted: number;
  readonly from: WalkState;
  readonly to: WalkState;
  readonly dates: readonly IsoDate[];
  readonly groups: readonly (readonly DayFile[])[];
  readonly winCounts: readonly number[];
  /** The wins of its counted days. */
  readonly wins: number;
  readonly isWin: readonly boolean[];
  readonly streakAt: readonly number[];
  readonly comebackAt: readonly (number | undefined)[];
  readonly levelUpsAt: readonly (readonly LevelUp[] | undefined)[];
  readonly streakMilestoneAt: readonly (Milestone | undefined)[];
  readonly levelUps: readonly LevelUp[];
  readonly winDayNumbers: readonly DayNumber[];
  /** Its counted days that an entry marks as rest and the config does not. */
  readonly restDayNumbers: readonly DayNumber[];
  /** How many of its counted win days are rest days (by the config or an entry). */
  readonly restWins: number;
  /** The days missed before each comeback. */
  readonly gaps: readonly number[];
  /** The areas and habits its counted wins name, and the weeks of its counted days in order. */
  readonly areas: readonly string[];
  readonly habits: readonly string[];
  readonly weeks: readonly IsoWeek[];
}

/**
 * Walks a run of day files (sorted by date; the days of the first `counted`
 * dates are on or before today, the rest are counted in no number) from a
 * state, with the config's rest days.
 */
export function walkDays(files: readonly DayFile[], counted: number, from: WalkState, minWinsPerDay: number, streakGoals: ReadonlySet<number>, rest: RestCalendar = NO_REST_CALENDAR): WalkedDays {
  const dates: IsoDate[] = [];
  const groups: DayFile[][] = [];
  for (const f of files) {
    if (dates[dates.length - 1] === f.date) groups[groups.length - 1]!.push(f);
    else {
      dates.push(f.date);
      groups.push([f]);
    }
  }
  const winCounts = groups.map((group) => {
    let count = 0;
    for (const f of group) count += f.wins.length;
    return count;
  });
  let { lastWin, streak, restSince, highest, reached } = from;
  const restDayNumbers: DayNumber[] = [];
  let restWins = 0;
  let wins = 0;
  const isWin: boolean[] = [];
  const streakAt: number[] = [];
  const comebackAt: (number | undefined)[] = [];
  const levelUpsAt: (LevelUp[] | undefined)[] = [];
  const streakMilestoneAt: (Milestone | undefined)[] = [];
  const levelUps: LevelUp[] = [];
  const winDayNumbers: DayNumber[] = [];
  const gaps: number[] = [];
  const areas = new Set<string>();
  const habits = new Set<string>();
  const weeks: IsoWeek[] = [];
  for (let j = 0; j < dates.length; j++) {
    const date = dates[j]!;
    const win = j < counted && isWinDay(winCounts[j]!, minWinsPerDay);
    isWin.push(win);
    streakAt.push(0);
    comebackAt.push(undefined);
    levelUpsAt.push(undefined);
    streakMilestoneAt.push(undefined);
    if (j >= counted) continue;
    wins += winCounts[j]!;
    const week = isoWeekOf(date);
    if (weeks[weeks.length - 1] !== week) weeks.push(week);
    let entryRest = false;
    for (const f of groups[j]!) if (f.rest !== undefined) entryRest = true;
    if (win) {
      const day = toDayNumber(date);
      // Rest days between the last win day and this one are not missed: the config's, counted, and the entries' since then.
      const missed = lastWin === undefined ? 0 : day - lastWin - 1 - calendarRestCount(rest, lastWin + 1, day - 1) - restSince;
      const step = streakStep(lastWin, streak, day, missed);
      if (entryRest && !isCalendarRest(rest, day)) restDayNumbers.push(day);
      if (entryRest || isCalendarRest(rest, day)) restWins++;
      lastWin = day;
      restSince = 0;
      streak = step.streak;
      streakAt[j] = streak;
      winDayNumbers.push(day);
      if (step.missed > 0) {
        comebackAt[j] = step.missed;
        gaps.push(step.missed);
      }
      if (isNewStreakGoal(streak, streakGoals, reached)) {
        // Copied on change: most months reach no goal and pass the same set on.
        reached = new Set(reached).add(streak);
        streakMilestoneAt[j] = { kind: "streak", value: streak, date };
      }
    } else if (entryRest) {
      const day = toDayNumber(date);
      if (!isCalendarRest(rest, day)) {
        restDayNumbers.push(day);
        if (lastWin !== undefined) restSince++;
      }
    }
    for (const f of groups[j]!) {
      for (const w of f.wins) {
        if (w.habit) habits.add(w.habit);
        if (!w.area) continue;
        areas.add(w.area);
        const levelUp = levelUpOf(date, w.area, w, f.private, highest);
        if (levelUp) {
          levelUps.push(levelUp);
          (levelUpsAt[j] ??= []).push(levelUp);
          // Copied on change, as `reached` is.
          highest = new Map(highest).set(levelUp.area, levelUp.level);
        }
      }
    }
  }
  const to: WalkState = { lastWin, streak, restSince, highest, reached };
  return {
    files,
    counted,
    from,
    to,
    dates,
    groups,
    winCounts,
    wins,
    isWin,
    streakAt,
    comebackAt,
    levelUpsAt,
    streakMilestoneAt,
    levelUps,
    winDayNumbers,
    restDayNumbers,
    restWins,
    gaps,
    areas: [...areas],
    habits: [...habits],
    weeks,
  };
}
