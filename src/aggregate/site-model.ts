import { noPrototype, type Config, type HabitConfig } from "../config/schema.js";
import type { DayNumber } from "../model/calendar.js";
import {
  addWeeks,
  compareDates,
  dateParts,
  isLeapYear,
  isoWeekOf,
  makeDate,
  toDayNumber,
  weekDates,
  weekSpan,
  type IsoDate,
  type IsoWeek,
} from "../model/calendar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { sameItems } from "../model/lists.js";
import type { DayFile, JournalFile, WeekFile } from "../model/entry.js";
import type {
  AreaSummary,
  DayBody,
  DaySummary,
  DayWin,
  HabitSummary,
  LevelUp,
  Milestone,
  Reflection,
  SiteModel,
  Summary,
  Text,
  WeekSummary,
  YearSummary,
} from "../model/site.js";
import { closest } from "../model/suggest.js";
import { summarizeHabit } from "./habits.js";
import { currentStreak, longestStreak, neverMissTwice, streakStep } from "./streaks.js";

/** The questions a weekly reflection answers; shown when one is missing and written by `new --week`. */
export const REFLECTION_PROMPTS: readonly string[] = [
  "What went well this week, and why?",
  "What got in the way?",
  "What is one small step for next week?",
];

/** Total-win milestones: 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, ... */
export function totalMilestoneValues(upTo: number): number[] {
  const out = [10, 50];
  for (let scale = 100; out[out.length - 1]! <= upTo; scale *= 10) out.push(scale, scale * 2.5, scale * 5);
  return out;
}

/**
 * Day, week and habit summaries of earlier runs, reused when their inputs are
 * the same objects and numbers: after an edit, every day the edit does not
 * touch keeps its summary object, so later stages can skip it by identity.
 * A memo only saves work; a model built with one equals a model built without.
 */
export interface ModelMemo {
  readonly days: Map<IsoDate, { readonly files: readonly DayFile[]; readonly value: DaySummary }>;
  readonly weeks: Map<IsoWeek, { readonly own: readonly DaySummary[]; readonly before: readonly DaySummary[]; readonly reflection: WeekFile | undefined; readonly value: WeekSummary }>;
  readonly habits: Map<string, { readonly config: HabitConfig | undefined; readonly today: IsoDate; readonly done: readonly IsoDate[]; readonly value: HabitSummary }>;
  /** Each month's walk and day summaries (by "YYYY-MM-"), for the config and today they were made with. */
  walk: { config?: Config; today?: IsoDate; readonly months: Map<string, MemoMonth> };
}

/** An empty memo, for a watch to keep between builds. */
export function createModelMemo(): ModelMemo {
  return { days: new Map(), weeks: new Map(), habits: new Map(), walk: { months: new Map() } };
}

function sameLevelUps(a: readonly LevelUp[], b: readonly LevelUp[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.area !== y.area || x.level !== y.level || x.previousLevel !== y.previousLevel || x.win.text !== y.win.text || x.win.private !== y.win.private) return false;
  }
  return true;
}

function sameMilestones(a: readonly Milestone[], b: readonly Milestone[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.kind !== b[i]!.kind || a[i]!.value !== b[i]!.value) return false;
  return true;
}

/** Drops the entries of a memo map whose keys are gone. */
function prune<K, V>(map: Map<K, V>, present: number, has: (key: K) => boolean): void {
  // Every present key was just looked up and set: a larger map holds stale keys.
  if (map.size === present) return;
  for (const key of map.keys()) if (!has(key)) map.delete(key);
}

/** The site model and the diagnostics that need the whole journal and the config to see. */
export interface ModelResult {
  readonly model: SiteModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Computes every number of §3 from parsed journal files. Pure: the files, the
 * config and `today` decide everything, and file order does not matter.
 */
export function buildSiteModel(files: readonly JournalFile[], config: Config, today: IsoDate, memo?: ModelMemo): ModelResult {
  const diagnostics: Diagnostic[] = [];
  const dayFiles = sortedDayFiles(files);
  const reflections = pickReflections(files.filter((f): f is WeekFile => f.kind === "week"), diagnostics);
  checkReflections([...reflections.values()], config, today, diagnostics);

  // The walk over the days (streaks, comebacks, level-ups, milestones) goes a
  // month at a time: a month whose files and starting state are those of the
  // last run is not walked again, so an edit re-walks its own month and the
  // months its change reaches (a streak or a level carried over).
  const walk = memo ? validWalkMemo(memo, config, today) : undefined;
  const blocks = monthsOf(dayFiles, today);
  const streakGoals = new Set(config.milestones);
  const known = { habits: Object.keys(config.habits), areas: Object.keys(config.areas) };
  let state: WalkState = { lastWin: undefined, streak: 0, highest: new Map(), reached: new Set() };
  const walked = blocks.map(({ key, files, counted }) => {
    const last = walk?.get(key);
    const block = last && last.block.counted === counted && sameItems(last.block.files, files) && sameState(last.block.from, state) ? last : { block: walkMonth(files, counted, state, config.minWinsPerDay, streakGoals, known, today) };
    walk?.set(key, block);
    state = block.block.to;
    for (const d of block.block.checks) diagnostics.push(d);
    return block;
  });
  if (walk && walk.size !== blocks.length) {
    const keys = new Set(blocks.map((b) => b.key));
    prune(walk, blocks.length, (k) => keys.has(k));
  }

  // Total-win milestones need the running total, which every month before changes: they are found
  // apart from the walk, and most months cross none, so the total moves a month at a time.
  const days: DaySummary[] = [];
  const milestones: Milestone[] = [];
  const levelUps: LevelUp[] = [];
  let total = 0;
  let nextTotal = totalMilestoneValues(0)[0]!;
  let countedEnd = 0;
  walked.forEach((memoed, b) => {
    const block = memoed.block;
    const totals: (Milestone[] | undefined)[] = [];
    if (total + block.wins >= nextTotal) {
      for (let j = 0; j < block.counted; j++) {
        const before = total;
        total += block.winCounts[j]!;
        if (total < nextTotal) continue;
        totals[j] = totalMilestoneValues(total)
          .filter((goal) => goal > before && goal <= total)
          .map((value): Milestone => ({ kind: "total", value, date: block.dates[j]! }));
        nextTotal = totalMilestoneValues(total).find((goal) => goal > total)!;
      }
    } else total += block.wins;
    const previous = walked[b - 1]?.block.dates.at(-1);
    const next = walked[b + 1]?.block.dates[0];
    const made = memoed.summaries;
    const summaries =
      made && made.previous === previous && made.next === next && sameTotals(made.totals, totals)
        ? made
        : monthSummaries(block, totals, previous, next, memo);
    memoed.summaries = summaries;
    for (const day of summaries.days) days.push(day);
    for (const m of summaries.milestones) milestones.push(m);
    for (const l of block.levelUps) levelUps.push(l);
    countedEnd += block.counted;
  });
  if (memo && memo.days.size !== days.length) {
    const dateSet = new Set(days.map((d) => d.date));
    prune(memo.days, days.length, (d) => dateSet.has(d));
  }
  const winDayNumbers = once(() => walked.flatMap((b) => b.block.winDayNumbers));
  const gaps = once(() => walked.flatMap((b) => b.block.gaps));
  const areasUsed = new Set(walked.flatMap((b) => b.block.areas));
  const habitsUsed = new Set(walked.flatMap((b) => b.block.habits));

  const thisWeekKey = isoWeekOf(today);
  const weekKeySet = new Set<IsoWeek>();
  for (const b of walked) for (const week of b.block.weeks) weekKeySet.add(week);
  for (const week of reflections.keys()) if (week <= thisWeekKey) weekKeySet.add(week);
  const weekKeys = [...weekKeySet].sort();
  const keys = {
    weeks: weekKeys,
    areas: [...new Set([...Object.keys(config.areas), ...areasUsed])].sort(),
    habits: [...new Set([...Object.keys(config.habits), ...habitsUsed])].sort(),
  };

  // Everything below is made on first use: a watch writes the edited day's page before it asks for any of it.
  // Days are in date order and future days come last, so the counted days are the first ones.
  const countedDays = once(() => days.slice(0, countedEnd));
  // What each month's counted days add up to, kept with its summaries: an edit tallies its own month again, not the journal.
  const tallies = once(() => walked.map(({ block, summaries }) => (summaries!.tally ??= tallyMonth(summaries!.days, block.counted, config.minWinsPerDay))));
  // A week's days are one run of the days, which are in date order: no lookup per day.
  const daysByWeek = once(() => {
    const runs = new Map<IsoWeek, DaySummary[]>();
    for (let start = 0; start < days.length; ) {
      const week = days[start]!.week;
      let end = start + 1;
      while (end < days.length && days[end]!.week === week) end++;
      runs.set(week, days.slice(start, end));
      start = end;
    }
    return runs;
  });
  const weekOf = (week: IsoWeek): WeekSummary => summarizeWeek(week, daysByWeek().get(week) ?? [], daysByWeek().get(addWeeks(week, -1)) ?? [], reflections.get(week));
  const weeks = once(() => {
    const out = weekKeys.map((week, i) => {
      const previousWeek = weekKeys[i - 1];
      const nextWeek = weekKeys[i + 1];
      // A week's summary reads its own days and the week before's (future days included, to be safe).
      const own = daysByWeek().get(week) ?? [];
      const before = daysByWeek().get(addWeeks(week, -1)) ?? [];
      const reflection = reflections.get(week);
      const known = memo?.weeks.get(week);
      if (known && known.reflection === reflection && known.value.previousWeek === previousWeek && known.value.nextWeek === nextWeek && sameItems(known.own, own) && sameItems(known.before, before)) {
        return known.value;
      }
      const value: WeekSummary = { ...weekOf(week), ...(previousWeek ? { previousWeek } : {}), ...(nextWeek ? { nextWeek } : {}) };
      memo?.weeks.set(week, { own, before, reflection, value });
      return value;
    });
    if (memo) prune(memo.weeks, weekKeys.length, (w) => weekKeySet.has(w));
    return out;
  });
  const thisWeek = once(() => weeks().find((w) => w.week === thisWeekKey) ?? weekOf(thisWeekKey));

  const summary = once((): Summary => {
    const totalWins = sum(tallies().map((t) => t.wins));
    const current = currentStreak(winDayNumbers(), today);
    return {
      today,
      currentStreak: current,
      longestStreak: longestStreak(winDayNumbers()),
      neverMissTwice: neverMissTwice(winDayNumbers()),
      totalWins,
      winDays: winDayNumbers().length,
      comebacks: gaps().length,
      longestGapBridged: gaps().length ? Math.max(...gaps()) : 0,
      tasksDone: sum(tallies().map((t) => t.tasksDone)),
      tasksTotal: sum(tallies().map((t) => t.tasksTotal)),
      ...(countedEnd > 0 ? { first: days[0]!.date, last: days[countedEnd - 1]!.date } : {}),
      ...optional("nextStreakMilestone", config.milestones.find((m) => m > current.days)),
      ...optional("nextTotalMilestone", totalMilestoneValues(totalWins).find((m) => m > totalWins)),
    };
  });
  const areas = once(() => summarizeAreas(tallies(), levelUps, config, today));
  const habits = once(() => summarizeHabits(tallies(), config, today, memo));
  const years = once(() => summarizeYears(tallies()));
  const onThisDayDates = once(() => onThisDay(countedDays(), today));
  const winsByDate = once(() => new Map(countedDays().map((d) => [d.date, d.wins.length])));

  const model: SiteModel = {
    config,
    today,
    days,
    milestones,
    keys,
    get summary() {
      return summary();
    },
    get weeks() {
      return weeks();
    },
    get thisWeek() {
      return thisWeek();
    },
    get areas() {
      return areas();
    },
    get habits() {
      return habits();
    },
    get years() {
      return years();
    },
    get onThisDay() {
      return onThisDayDates();
    },
    get winsByDate() {
      return winsByDate();
    },
  };
  return { model, diagnostics };
}

/**
 * The state the walk over days carries from one month to the next, besides
 * the win total (see buildSiteModel): two months walked from equal states with
 * the same files give the same results.
 */
interface WalkState {
  /** The last win day so far (a day number) and the streak on it. */
  readonly lastWin: DayNumber | undefined;
  readonly streak: number;
  /** The highest level reached in each area so far. */
  readonly highest: ReadonlyMap<string, number>;
  /** Streak goals reached so far: a goal is a milestone the first time only. */
  readonly reached: ReadonlySet<number>;
}

function sameState(a: WalkState, b: WalkState): boolean {
  if (a.lastWin !== b.lastWin || a.streak !== b.streak) return false;
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

/** One month of day files, in date order; `counted` of its days are on or before today. */
interface Month {
  readonly key: string;
  readonly files: readonly DayFile[];
  readonly counted: number;
}

/** What walking one month from a state gave. Days are the month's dates with entries, by index. */
interface WalkedMonth {
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
  /** The days missed before each comeback. */
  readonly gaps: readonly number[];
  /** The areas and habits its counted wins name, and the weeks of its counted days in order. */
  readonly areas: readonly string[];
  readonly habits: readonly string[];
  readonly weeks: readonly IsoWeek[];
  /** Warnings of its files that need the config or today (which a walked month is kept for). */
  readonly checks: readonly Diagnostic[];
}

/** A walked month and the day summaries last made of it, with what besides the month they were made from. */
interface MemoMonth {
  readonly block: WalkedMonth;
  summaries?: MonthSummaries;
}

/** A month's day summaries and milestones, and what besides the walked month they were made from. */
interface MonthSummaries {
  readonly previous: IsoDate | undefined;
  readonly next: IsoDate | undefined;
  readonly totals: readonly (Milestone[] | undefined)[];
  readonly days: readonly DaySummary[];
  readonly milestones: readonly Milestone[];
  /** What its counted days add up to, made on first use. */
  tally?: MonthTally;
}

/** The memo's walked months, emptied when the config or today changed (they decide what counts). */
function validWalkMemo(memo: ModelMemo, config: Config, today: IsoDate): Map<string, MemoMonth> {
  if (memo.walk.config !== config || memo.walk.today !== today) memo.walk = { config, today, months: new Map() };
  return memo.walk.months;
}

/** Sorted day files cut into months. */
function monthsOf(dayFiles: readonly DayFile[], today: IsoDate): Month[] {
  const months: { key: string; files: DayFile[]; counted: number }[] = [];
  let last: IsoDate | undefined;
  for (const f of dayFiles) {
    let month = months[months.length - 1];
    // "YYYY-MM-": compared in place, without cutting a string per file.
    if (!month || !f.date.startsWith(month.key)) {
      month = { key: f.date.slice(0, 8), files: [], counted: 0 };
      months.push(month);
      last = undefined;
    }
    month.files.push(f);
    if (f.date !== last && compareDates(f.date, today) <= 0) month.counted++;
    last = f.date;
  }
  return months;
}

/** Walks one month's days from a state: streaks, comebacks, level-ups and streak milestones. */
function walkMonth(
  files: readonly DayFile[],
  counted: number,
  from: WalkState,
  minWinsPerDay: number,
  streakGoals: ReadonlySet<number>,
  known: { readonly habits: readonly string[]; readonly areas: readonly string[] },
  today: IsoDate,
): WalkedMonth {
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
  let { lastWin, streak, highest, reached } = from;
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
    const win = j < counted && winCounts[j]! >= minWinsPerDay;
    isWin.push(win);
    streakAt.push(0);
    comebackAt.push(undefined);
    levelUpsAt.push(undefined);
    streakMilestoneAt.push(undefined);
    if (j >= counted) continue;
    wins += winCounts[j]!;
    const week = isoWeekOf(date);
    if (weeks[weeks.length - 1] !== week) weeks.push(week);
    if (win) {
      const day = toDayNumber(date);
      const step = streakStep(lastWin, streak, day);
      lastWin = day;
      streak = step.streak;
      streakAt[j] = streak;
      winDayNumbers.push(day);
      if (step.missed > 0) {
        comebackAt[j] = step.missed;
        gaps.push(step.missed);
      }
      // A streak grows one day at a time, so it reaches a goal on the day it equals it.
      if (streakGoals.has(streak) && !reached.has(streak)) {
        // Copied on change: most months reach no goal and pass the same set on.
        reached = new Set(reached).add(streak);
        streakMilestoneAt[j] = { kind: "streak", value: streak, date };
      }
    }
    for (const f of groups[j]!) {
      for (const w of f.wins) {
        if (w.habit) habits.add(w.habit);
        if (!w.area) continue;
        areas.add(w.area);
        const before = highest.get(w.area) ?? 1;
        if (w.level > before) {
          const levelUp: LevelUp = { date, area: w.area, level: w.level, previousLevel: before, win: { text: w.text, private: f.private } };
          levelUps.push(levelUp);
          (levelUpsAt[j] ??= []).push(levelUp);
          highest = new Map(highest).set(w.area, w.level);
        }
      }
    }
  }
  const to: WalkState = { lastWin, streak, highest, reached };
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
    gaps,
    areas: [...areas],
    habits: [...habits],
    weeks,
    checks: files.flatMap((f) => checkDay(f, known.habits, known.areas, today)),
  };
}

function sameTotals(a: readonly (Milestone[] | undefined)[], b: readonly (Milestone[] | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || !sameMilestones(x, y)) return false;
  }
  return true;
}

/** The day summaries of a walked month; a day whose files and numbers are unchanged keeps its summary object. */
function monthSummaries(block: WalkedMonth, totals: readonly (Milestone[] | undefined)[], previousDate: IsoDate | undefined, nextDate: IsoDate | undefined, memo: ModelMemo | undefined): MonthSummaries {
  const { dates, groups } = block;
  const days = dates.map((date, j) => {
    const group = groups[j]!;
    const isWinDay = block.isWin[j]!;
    const future = j >= block.counted;
    const streak = block.streakAt[j]!;
    const comeback = block.comebackAt[j];
    const previous = j === 0 ? previousDate : dates[j - 1];
    const next = j === dates.length - 1 ? nextDate : dates[j + 1];
    const dayLevelUps = block.levelUpsAt[j] ?? [];
    const streakMilestone = block.streakMilestoneAt[j];
    const dayTotals = totals[j];
    // Within a day, the streak milestone comes before the total ones.
    const dayMilestones = streakMilestone ? (dayTotals ? [streakMilestone, ...dayTotals] : [streakMilestone]) : (dayTotals ?? []);
    // A day's summary is made of its files (an unchanged file is the same object) and the numbers the walk gave it.
    const known = memo?.days.get(date);
    if (known) {
      const v = known.value;
      if (
        v.isWinDay === isWinDay &&
        v.future === future &&
        v.streak === streak &&
        v.comebackAfter === comeback &&
        v.previous === previous &&
        v.next === next &&
        sameItems(known.files, group) &&
        sameLevelUps(v.levelUps, dayLevelUps) &&
        sameMilestones(v.milestones, dayMilestones)
      ) {
        return v;
      }
    }
    const value = summarizeDay(date, group, isWinDay, future, streak, comeback, dayLevelUps, dayMilestones, previous, next);
    memo?.days.set(date, { files: group, value });
    return value;
  });
  return { previous: previousDate, next: nextDate, totals, days, milestones: days.flatMap((d) => d.milestones) };
}

/** The day files of a journal, by date and then path (usually already in that order). */
function sortedDayFiles(files: readonly JournalFile[]): DayFile[] {
  const days = files.filter((f): f is DayFile => f.kind === "day");
  const before = (a: DayFile, b: DayFile): boolean => a.date < b.date || (a.date === b.date && a.file < b.file);
  for (let i = 1; i < days.length; i++) {
    if (before(days[i]!, days[i - 1]!)) return days.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  return days;
}

/** One day's summary from its files and the numbers the walk over all days gave it. */
function summarizeDay(
  date: IsoDate,
  group: readonly DayFile[],
  isWinDay: boolean,
  future: boolean,
  streak: number,
  comeback: number | undefined,
  levelUps: readonly LevelUp[],
  milestones: readonly Milestone[],
  previous: IsoDate | undefined,
  next: IsoDate | undefined,
): DaySummary {
  const wins: DayWin[] = group.flatMap((f) =>
    f.wins.map((w) => ({
      text: w.text,
      private: f.private,
      level: w.level,
      source: w.source,
      file: f.file,
      ...(w.area ? { area: w.area } : {}),
      ...(w.habit ? { habit: w.habit } : {}),
    })),
  );
  const moods = group.flatMap((f) => (f.mood === undefined ? [] : [f.mood]));
  const energies = group.flatMap((f) => (f.energy === undefined ? [] : [f.energy]));
  return {
    date,
    week: isoWeekOf(date),
    files: group.map((f) => f.file),
    wins,
    isWinDay,
    future,
    streak,
    ...(comeback !== undefined ? { comebackAfter: comeback } : {}),
    ...(moods.length ? { mood: mean(moods) } : {}),
    ...(energies.length ? { energy: mean(energies) } : {}),
    didWell: group.flatMap((f): Text[] => (f.didWell ? [{ text: f.didWell, private: f.private }] : [])),
    tags: [...new Set(group.flatMap((f) => (f.private ? [] : f.tags)))].sort(),
    planned: group.flatMap((f) => f.planned.map((text) => ({ text, private: f.private }))),
    tasksDone: sum(group.map((f) => f.tasksDone)),
    tasksTotal: sum(group.map((f) => f.tasksTotal)),
    bodies: group.filter((f) => f.bodyText !== "" || f.bodyHtml !== "").map((f): DayBody => ({ file: f.file, html: f.bodyHtml, text: f.bodyText, private: f.private })),
    private: group.every((f) => f.private),
    levelUps,
    milestones,
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
  };
}

/** A value made on the first call and kept. */
function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Items grouped by a key, in their order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

/** One reflection per week: a second file for the same week is an error, the first (by path) wins. */
function pickReflections(files: readonly WeekFile[], diagnostics: Diagnostic[]): Map<IsoWeek, WeekFile> {
  const out = new Map<IsoWeek, WeekFile>();
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const first = out.get(f.week);
    if (first) {
      diagnostics.push(diagnostic("error", f.file, { line: 1, column: 1 }, `a second reflection for ${f.week}; ${first.file} is the first`, "merge the two files into one"));
    } else {
      out.set(f.week, f);
    }
  }
  return out;
}

/** A day file's warnings that need the config or today. */
function checkDay(f: DayFile, habits: readonly string[], areas: readonly string[], today: IsoDate): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (compareDates(f.date, today) > 0) {
    diagnostics.push(diagnostic("warning", f.file, { line: 1, column: 1 }, `dated after today (${today}): shown, but counted in no number until the day comes`, "check the date in the file name"));
  }
  for (const w of f.wins) {
    if (w.habit && !habits.includes(w.habit)) {
      const guess = closest(w.habit, habits);
      diagnostics.push(
        diagnostic("warning", f.file, w.at, `habit \`${w.habit}\` is not in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'habit: ${guess}'` : `add it under habits: in smallwins.config.yaml, e.g. '${w.habit}: { label: ..., target: daily }'`),
      );
    }
    if (w.area && areas.length > 0 && !areas.includes(w.area)) {
      const guess = closest(w.area, areas);
      diagnostics.push(
        diagnostic("warning", f.file, w.at, `area \`${w.area}\` is not in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'area: ${guess}'` : `add it under areas: in smallwins.config.yaml`),
      );
    }
  }
  return diagnostics;
}

/** Reflection checks that need the config or today (day files' are made as their month is walked). */
function checkReflections(weeks: readonly WeekFile[], config: Config, today: IsoDate, diagnostics: Diagnostic[]): void {
  const areas = Object.keys(config.areas);
  const thisWeek = isoWeekOf(today);
  for (const r of weeks) {
    if (r.week > thisWeek) {
      diagnostics.push(diagnostic("warning", r.file, { line: 1, column: 1 }, `a reflection for ${r.week}, after this week (${thisWeek}): shown in no week until it comes`, "check the week in the file name"));
    }
    if (r.focus && areas.length > 0 && !areas.includes(r.focus)) {
      const guess = closest(r.focus, areas);
      diagnostics.push(diagnostic("warning", r.file, r.focusAt ?? { line: 1, column: 1 }, `focus \`${r.focus}\` is not an area in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'focus: ${guess}'` : "use an area slug from smallwins.config.yaml"));
    }
  }
}

/** The summary of any week of a model, also one with no entries (for `new --week`). */
export function weekSummaryOf(model: SiteModel, week: IsoWeek): WeekSummary {
  const known = model.weeks.find((w) => w.week === week);
  if (known) return known;
  const previousWeek = addWeeks(week, -1);
  return summarizeWeek(
    week,
    model.days.filter((d) => d.week === week),
    model.days.filter((d) => d.week === previousWeek),
    undefined,
  );
}

/** A week's summary from its days and the days of the week before (each in date order; future days are left out here). */
function summarizeWeek(week: IsoWeek, own: readonly DaySummary[], before: readonly DaySummary[], reflectionFile: WeekFile | undefined): WeekSummary {
  const dates = weekDates(week);
  const days = own.filter((d) => !d.future);
  const areaWins = noPrototype<number>();
  for (const day of days) for (const w of day.wins) if (w.area) areaWins[w.area] = (areaWins[w.area] ?? 0) + 1;
  const moods = days.flatMap((d) => (d.mood === undefined ? [] : [d.mood]));
  let bestDay: { date: IsoDate; wins: number } | undefined;
  for (const d of days) if (d.wins.length > 0 && (!bestDay || d.wins.length > bestDay.wins)) bestDay = { date: d.date, wins: d.wins.length };
  const previousWeek = addWeeks(week, -1);
  const previousDays = before.filter((d) => !d.future);
  const wins = sum(days.map((d) => d.wins.length));
  const winDays = days.filter((d) => d.isWinDay).length;
  const previous = { week: previousWeek, wins: sum(previousDays.map((d) => d.wins.length)), winDays: previousDays.filter((d) => d.isWinDay).length };
  const reflection: Reflection | undefined = reflectionFile
    ? {
        file: reflectionFile.file,
        html: reflectionFile.bodyHtml,
        text: reflectionFile.bodyText,
        private: reflectionFile.private,
        ...(reflectionFile.rating !== undefined ? { rating: reflectionFile.rating } : {}),
        ...(reflectionFile.focus !== undefined ? { focus: reflectionFile.focus } : {}),
      }
    : undefined;
  return {
    week,
    dates,
    wins,
    winDays,
    entryDays: days.length,
    areaWins,
    ...(moods.length ? { averageMood: mean(moods) } : {}),
    ...(bestDay ? { bestDay } : {}),
    levelUps: days.flatMap((d) => d.levelUps),
    milestones: days.flatMap((d) => d.milestones),
    comebacks: days.flatMap((d) => (d.comebackAfter !== undefined ? [d.date] : [])),
    previous,
    change: { wins: wins - previous.wins, winDays: winDays - previous.winDays },
    tasksDone: sum(days.map((d) => d.tasksDone)),
    tasksTotal: sum(days.map((d) => d.tasksTotal)),
    ...(reflection ? { reflection } : {}),
    prompts: reflection && reflection.text !== "" ? [] : REFLECTION_PROMPTS,
  };
}

/** What one area's wins in some stretch of days add up to. */
interface AreaTally {
  wins: number;
  winDays: number;
  first: IsoDate | undefined;
  last: IsoDate | undefined;
  highestLevel: number;
  readonly byLevel: number[];
  readonly perWeek: Map<IsoWeek, { wins: number; highestLevel: number }>;
  /** The last ten wins and their days, oldest first. */
  readonly recentWins: DayWin[];
  readonly recentDates: IsoDate[];
}

const emptyAreaTally = (): AreaTally => ({ wins: 0, winDays: 0, first: undefined, last: undefined, highestLevel: 0, byLevel: [0, 0, 0, 0, 0], perWeek: new Map(), recentWins: [], recentDates: [] });

/** What one month's counted days add up to: the totals, each area's tally, and the days each habit was done. */
interface MonthTally {
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
  readonly habits: ReadonlyMap<string, readonly IsoDate[]>;
}

/** Tallies the first `counted` days of a month (the rest are after today). */
function tallyMonth(monthDays: readonly DaySummary[], counted: number, minWinsPerDay: number): MonthTally {
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
    if (d.wins.length >= minWinsPerDay) winDays++;
    tasksDone += d.tasksDone;
    tasksTotal += d.tasksTotal;
    for (const w of d.wins) {
      if (w.habit) {
        const list = habits.get(w.habit);
        // A day counts once however many of its wins name the habit.
        if (!list) habits.set(w.habit, [d.date]);
        else if (list[list.length - 1] !== d.date) list.push(d.date);
      }
      if (!w.area) continue;
      let t = areas.get(w.area);
      if (!t) areas.set(w.area, (t = emptyAreaTally()));
      t.wins++;
      if (t.last !== d.date) {
        t.winDays++;
        t.last = d.date;
      }
      t.first ??= d.date;
      t.highestLevel = Math.max(t.highestLevel, w.level);
      t.byLevel[w.level - 1]!++;
      addWeek(t.perWeek, d.week, 1, w.level);
      pushRecent(t, [w], [d.date]);
    }
  }
  return { year, month, days: counted, wins, winDays, tasksDone, tasksTotal, areas, habits };
}

function addWeek(perWeek: Map<IsoWeek, { wins: number; highestLevel: number }>, week: IsoWeek, wins: number, level: number): void {
  const known = perWeek.get(week);
  if (known) {
    known.wins += wins;
    known.highestLevel = Math.max(known.highestLevel, level);
  } else perWeek.set(week, { wins, highestLevel: level });
}

/** Adds wins (oldest first) to a tally's last ten. */
function pushRecent(t: AreaTally, wins: readonly DayWin[], dates: readonly IsoDate[]): void {
  for (let i = Math.max(0, wins.length - 10); i < wins.length; i++) {
    if (t.recentWins.length === 10) {
      t.recentWins.shift();
      t.recentDates.shift();
    }
    t.recentWins.push(wins[i]!);
    t.recentDates.push(dates[i]!);
  }
}

function summarizeAreas(months: readonly MonthTally[], levelUps: readonly LevelUp[], config: Config, today: IsoDate): AreaSummary[] {
  const tallies = new Map<string, AreaTally>();
  for (const slug of Object.keys(config.areas)) tallies.set(slug, emptyAreaTally());
  // The months' tallies, merged in date order: an area's days in two months are different days.
  for (const m of months) {
    for (const [slug, part] of m.areas) {
      let t = tallies.get(slug);
      if (!t) tallies.set(slug, (t = emptyAreaTally()));
      t.wins += part.wins;
      t.winDays += part.winDays;
      t.first ??= part.first;
      t.last = part.last;
      t.highestLevel = Math.max(t.highestLevel, part.highestLevel);
      part.byLevel.forEach((n, i) => (t.byLevel[i]! += n));
      // A week across two months is in both months' tallies.
      for (const [week, w] of part.perWeek) addWeek(t.perWeek, week, w.wins, w.highestLevel);
      pushRecent(t, part.recentWins, part.recentDates);
    }
  }
  const levelUpsOf = groupBy(levelUps, (l) => l.area);
  const thisWeek = isoWeekOf(today);
  return [...tallies.keys()].sort().map((slug) => {
    const t = tallies.get(slug)!;
    const area = config.areas[slug];
    return {
      slug,
      label: area?.label ?? slug,
      ...(area?.color ? { color: area.color } : {}),
      configured: area !== undefined,
      wins: t.wins,
      winDays: t.winDays,
      ...(t.first ? { first: t.first } : {}),
      ...(t.last ? { last: t.last } : {}),
      highestLevel: t.highestLevel,
      byLevel: t.byLevel,
      levelUps: levelUpsOf.get(slug) ?? [],
      weekly: t.first ? weekSpan(isoWeekOf(t.first), thisWeek).map((week) => ({ week, wins: t.perWeek.get(week)?.wins ?? 0, highestLevel: t.perWeek.get(week)?.highestLevel ?? 0 })) : [],
      recent: t.recentWins.map((w, i) => ({ ...w, date: t.recentDates[i]! })).reverse(),
    };
  });
}

function summarizeHabits(months: readonly MonthTally[], config: Config, today: IsoDate, memo: ModelMemo | undefined): HabitSummary[] {
  const done = new Map<string, IsoDate[]>(Object.keys(config.habits).map((slug) => [slug, []]));
  for (const m of months) {
    for (const [slug, dates] of m.habits) {
      const list = done.get(slug);
      if (list) for (const date of dates) list.push(date);
      else done.set(slug, [...dates]);
    }
  }
  const slugs = [...done.keys()].sort();
  const out = slugs.map((slug) => {
    const dates = done.get(slug) ?? [];
    const habit = config.habits[slug];
    const known = memo?.habits.get(slug);
    if (known && known.config === habit && known.today === today && sameItems(known.done, dates)) return known.value;
    const value = summarizeHabit(slug, habit, dates, today);
    memo?.habits.set(slug, { config: habit, today, done: dates, value });
    return value;
  });
  if (memo) prune(memo.habits, slugs.length, (slug) => done.has(slug));
  return out;
}

function summarizeYears(months: readonly MonthTally[]): YearSummary[] {
  const years = new Map<number, { year: number; wins: number; winDays: number; months: { month: number; wins: number; winDays: number }[] }>();
  for (const m of months) {
    // A month of only future days adds nothing, and makes no year.
    if (m.days === 0) continue;
    let y = years.get(m.year);
    if (!y) {
      y = { year: m.year, wins: 0, winDays: 0, months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, wins: 0, winDays: 0 })) };
      years.set(m.year, y);
    }
    const month = y.months[m.month - 1]!;
    month.wins += m.wins;
    month.winDays += m.winDays;
    y.wins += m.wins;
    y.winDays += m.winDays;
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** Earlier years' days with today's month and day; on 28 February of a common year, 29 February too. */
function onThisDay(days: readonly DaySummary[], today: IsoDate): IsoDate[] {
  const { year, month, day } = dateParts(today);
  const matches = new Set<string>([today.slice(5)]);
  if (month === 2 && day === 28 && !isLeapYear(year)) matches.add("02-29");
  const newYear = makeDate(year, 1, 1);
  return days
    .filter((d) => compareDates(d.date, newYear) < 0 && matches.has(d.date.slice(5)))
    .map((d) => d.date)
    .reverse();
}
