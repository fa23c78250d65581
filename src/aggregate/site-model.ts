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
import { currentStreak, longestStreak, neverMissTwice, streakSteps } from "./streaks.js";

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
  /** Warnings of each day file, for the config and today they were found with. */
  checks: { config?: Config; today?: IsoDate; readonly found: WeakMap<DayFile, readonly Diagnostic[]> };
}

/** An empty memo, for a watch to keep between builds. */
export function createModelMemo(): ModelMemo {
  return { days: new Map(), weeks: new Map(), habits: new Map(), checks: { found: new WeakMap() } };
}

/** Two lists with the same items (by identity), in the same order. */
function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
  const dayFiles = files.filter((f): f is DayFile => f.kind === "day").sort((a, b) => compareDates(a.date, b.date) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const reflections = pickReflections(files.filter((f): f is WeekFile => f.kind === "week"), diagnostics);
  crossCheck(dayFiles, [...reflections.values()], config, today, diagnostics, memo);

  // Indexes, not maps keyed by date: this runs over every day on every edit in a watch.
  // The files are sorted by date, so each day's files are one run of them.
  const dates: IsoDate[] = [];
  const groups: DayFile[][] = [];
  for (const f of dayFiles) {
    if (dates[dates.length - 1] === f.date) groups[groups.length - 1]!.push(f);
    else {
      dates.push(f.date);
      groups.push([f]);
    }
  }
  const n = dates.length;
  let countedEnd = 0;
  while (countedEnd < n && compareDates(dates[countedEnd]!, today) <= 0) countedEnd++;
  const winCounts = groups.map((group) => {
    let count = 0;
    for (const f of group) count += f.wins.length;
    return count;
  });
  const isWin = (i: number): boolean => i < countedEnd && winCounts[i]! >= config.minWinsPerDay;
  // Streaks and comebacks in one walk over the win days.
  const streakAt = new Array<number>(n).fill(0);
  const comebackAt = new Array<number | undefined>(n).fill(undefined);
  const winIndexes: number[] = [];
  for (let i = 0; i < countedEnd; i++) if (isWin(i)) winIndexes.push(i);
  const winDayNumbers: DayNumber[] = winIndexes.map((i) => toDayNumber(dates[i]!));
  const steps = streakSteps(winDayNumbers);
  const gaps = steps.missed.filter((missed) => missed > 0);
  winIndexes.forEach((i, k) => {
    streakAt[i] = steps.streak[k]!;
    if (steps.missed[k]! > 0) comebackAt[i] = steps.missed[k];
  });

  // Level-ups and milestones walk the counted days in order.
  const levelUps: LevelUp[] = [];
  const levelUpsAt: LevelUp[][] = [];
  const highest = new Map<string, number>();
  const milestones: Milestone[] = [];
  const milestonesAt: Milestone[][] = [];
  // A streak grows one day at a time, so it reaches a goal on the day it equals it.
  const streakGoals = new Set(config.milestones);
  const reachedStreak = new Set<number>();
  let total = 0;
  /** The smallest total-win milestone above the running total: most days cross none. */
  let nextTotal = totalMilestoneValues(0)[0]!;
  for (let i = 0; i < countedEnd; i++) {
    const date = dates[i]!;
    for (const f of groups[i]!) {
      for (const w of f.wins) {
        if (!w.area) continue;
        const before = highest.get(w.area) ?? 1;
        if (w.level > before) {
          const levelUp: LevelUp = { date, area: w.area, level: w.level, previousLevel: before, win: { text: w.text, private: f.private } };
          levelUps.push(levelUp);
          (levelUpsAt[i] ??= []).push(levelUp);
          highest.set(w.area, w.level);
        }
      }
    }
    const streak = streakAt[i]!;
    if (streak > 0 && streakGoals.has(streak) && !reachedStreak.has(streak)) {
      reachedStreak.add(streak);
      const milestone: Milestone = { kind: "streak", value: streak, date };
      milestones.push(milestone);
      (milestonesAt[i] ??= []).push(milestone);
    }
    const before = total;
    total += winCounts[i]!;
    if (total >= nextTotal) {
      for (const goal of totalMilestoneValues(total)) {
        if (goal > before && goal <= total) {
          const milestone: Milestone = { kind: "total", value: goal, date };
          milestones.push(milestone);
          (milestonesAt[i] ??= []).push(milestone);
        }
      }
      nextTotal = totalMilestoneValues(total).find((goal) => goal > total)!;
    }
  }

  const days: DaySummary[] = dates.map((date, i) => {
    const group = groups[i]!;
    const isWinDay = isWin(i);
    const future = i >= countedEnd;
    const streak = streakAt[i]!;
    const comeback = comebackAt[i];
    const previous = dates[i - 1];
    const next = dates[i + 1];
    const dayLevelUps = levelUpsAt[i] ?? [];
    const dayMilestones = milestonesAt[i] ?? [];
    // A day's summary is made of its files (an unchanged file is the same object) and the numbers the walk above gave it.
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
        sameList(known.files, group) &&
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
  if (memo && memo.days.size !== dates.length) {
    const dateSet = new Set(dates);
    prune(memo.days, dates.length, (d) => dateSet.has(d));
  }
  const dayByDate = new Map(days.map((d) => [d.date, d]));
  const countedDays = days.filter((d) => !d.future);

  const weekOf = (week: IsoWeek): WeekSummary => summarizeWeek(week, dayByDate, reflections.get(week));
  const weekKeys = [...new Set([...countedDays.map((d) => d.week), ...[...reflections.keys()].filter((w) => w <= isoWeekOf(today))])].sort();
  const daysByWeek = groupBy(days, (d) => d.week);
  const weeks = weekKeys.map((week, i) => {
    const previousWeek = weekKeys[i - 1];
    const nextWeek = weekKeys[i + 1];
    // A week's summary reads its own days and the week before's (future days included, to be safe).
    const own = daysByWeek.get(week) ?? [];
    const before = daysByWeek.get(addWeeks(week, -1)) ?? [];
    const reflection = reflections.get(week);
    const known = memo?.weeks.get(week);
    if (known && known.reflection === reflection && known.value.previousWeek === previousWeek && known.value.nextWeek === nextWeek && sameList(known.own, own) && sameList(known.before, before)) {
      return known.value;
    }
    const value: WeekSummary = { ...weekOf(week), ...(previousWeek ? { previousWeek } : {}), ...(nextWeek ? { nextWeek } : {}) };
    memo?.weeks.set(week, { own, before, reflection, value });
    return value;
  });
  const weekKeySet = new Set(weekKeys);
  if (memo) prune(memo.weeks, weekKeys.length, (w) => weekKeySet.has(w));
  const thisWeek = weeks.find((w) => w.week === isoWeekOf(today)) ?? weekOf(isoWeekOf(today));

  const totalWins = sum(countedDays.map((d) => d.wins.length));
  const current = currentStreak(winDayNumbers, today);
  const summary: Summary = {
    today,
    currentStreak: current,
    longestStreak: longestStreak(winDayNumbers),
    neverMissTwice: neverMissTwice(winDayNumbers),
    totalWins,
    winDays: winDayNumbers.length,
    comebacks: gaps.length,
    longestGapBridged: gaps.length ? Math.max(...gaps) : 0,
    tasksDone: sum(countedDays.map((d) => d.tasksDone)),
    tasksTotal: sum(countedDays.map((d) => d.tasksTotal)),
    ...(countedDays[0] ? { first: countedDays[0].date } : {}),
    ...(countedDays.length ? { last: countedDays[countedDays.length - 1]!.date } : {}),
    ...optional("nextStreakMilestone", config.milestones.find((m) => m > current.days)),
    ...optional("nextTotalMilestone", totalMilestoneValues(totalWins).find((m) => m > totalWins)),
  };

  const model: SiteModel = {
    config,
    today,
    summary,
    days,
    weeks,
    thisWeek,
    areas: summarizeAreas(countedDays, levelUps, config, today),
    habits: summarizeHabits(countedDays, config, today, memo),
    years: summarizeYears(countedDays, config.minWinsPerDay),
    milestones,
    onThisDay: onThisDay(countedDays, today),
    winsByDate: new Map(countedDays.map((d) => [d.date, d.wins.length])),
  };
  return { model, diagnostics };
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

/** Checks that need the config or today: habits and areas that are not configured, future entries. */
function crossCheck(days: readonly DayFile[], weeks: readonly WeekFile[], config: Config, today: IsoDate, diagnostics: Diagnostic[], memo: ModelMemo | undefined): void {
  const habits = Object.keys(config.habits);
  const areas = Object.keys(config.areas);
  if (memo && (memo.checks.config !== config || memo.checks.today !== today)) memo.checks = { config, today, found: new WeakMap() };
  for (const f of days) {
    const known = memo?.checks.found.get(f);
    if (known) {
      diagnostics.push(...known);
      continue;
    }
    const found = checkDay(f, habits, areas, today);
    memo?.checks.found.set(f, found);
    diagnostics.push(...found);
  }
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
  return summarizeWeek(week, new Map(model.days.map((d) => [d.date, d])), undefined);
}

function summarizeWeek(week: IsoWeek, dayByDate: ReadonlyMap<IsoDate, DaySummary>, reflectionFile: WeekFile | undefined): WeekSummary {
  const dates = weekDates(week);
  const present = (d: IsoDate): DaySummary | undefined => {
    const day = dayByDate.get(d);
    return day && !day.future ? day : undefined;
  };
  const days = dates.flatMap((d) => present(d) ?? []);
  const areaWins = noPrototype<number>();
  for (const day of days) for (const w of day.wins) if (w.area) areaWins[w.area] = (areaWins[w.area] ?? 0) + 1;
  const moods = days.flatMap((d) => (d.mood === undefined ? [] : [d.mood]));
  let bestDay: { date: IsoDate; wins: number } | undefined;
  for (const d of days) if (d.wins.length > 0 && (!bestDay || d.wins.length > bestDay.wins)) bestDay = { date: d.date, wins: d.wins.length };
  const previousWeek = addWeeks(week, -1);
  const previousDays = weekDates(previousWeek).flatMap((d) => present(d) ?? []);
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

function summarizeAreas(days: readonly DaySummary[], levelUps: readonly LevelUp[], config: Config, today: IsoDate): AreaSummary[] {
  interface Tally {
    wins: number;
    winDays: number;
    lastDay: IsoDate | undefined;
    first: IsoDate | undefined;
    highestLevel: number;
    readonly byLevel: number[];
    readonly perWeek: Map<IsoWeek, { wins: number; highestLevel: number }>;
    /** The last ten wins and their days, oldest first. */
    readonly recentWins: DayWin[];
    readonly recentDates: IsoDate[];
  }
  const tallies = new Map<string, Tally>();
  for (const slug of Object.keys(config.areas)) tallies.set(slug, { wins: 0, winDays: 0, lastDay: undefined, first: undefined, highestLevel: 0, byLevel: [0, 0, 0, 0, 0], perWeek: new Map(), recentWins: [], recentDates: [] });
  // One pass over every win, without an object per win: this runs on every edit in a watch.
  for (const d of days) {
    for (const w of d.wins) {
      if (!w.area) continue;
      let t = tallies.get(w.area);
      if (!t) {
        t = { wins: 0, winDays: 0, lastDay: undefined, first: undefined, highestLevel: 0, byLevel: [0, 0, 0, 0, 0], perWeek: new Map(), recentWins: [], recentDates: [] };
        tallies.set(w.area, t);
      }
      t.wins++;
      if (t.lastDay !== d.date) {
        t.winDays++;
        t.lastDay = d.date;
      }
      t.first ??= d.date;
      t.highestLevel = Math.max(t.highestLevel, w.level);
      t.byLevel[w.level - 1]!++;
      const week = t.perWeek.get(d.week);
      if (week) {
        week.wins++;
        week.highestLevel = Math.max(week.highestLevel, w.level);
      } else t.perWeek.set(d.week, { wins: 1, highestLevel: w.level });
      if (t.recentWins.length === 10) {
        t.recentWins.shift();
        t.recentDates.shift();
      }
      t.recentWins.push(w);
      t.recentDates.push(d.date);
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
      ...(t.lastDay ? { last: t.lastDay } : {}),
      highestLevel: t.highestLevel,
      byLevel: t.byLevel,
      levelUps: levelUpsOf.get(slug) ?? [],
      weekly: t.first ? weekSpan(isoWeekOf(t.first), thisWeek).map((week) => ({ week, wins: t.perWeek.get(week)?.wins ?? 0, highestLevel: t.perWeek.get(week)?.highestLevel ?? 0 })) : [],
      recent: t.recentWins.map((w, i) => ({ ...w, date: t.recentDates[i]! })).reverse(),
    };
  });
}

function summarizeHabits(days: readonly DaySummary[], config: Config, today: IsoDate, memo: ModelMemo | undefined): HabitSummary[] {
  const done = new Map<string, IsoDate[]>(Object.keys(config.habits).map((slug) => [slug, []]));
  for (const d of days) {
    for (const w of d.wins) {
      if (!w.habit) continue;
      const list = done.get(w.habit);
      // A day counts once however many of its wins name the habit.
      if (!list) done.set(w.habit, [d.date]);
      else if (list[list.length - 1] !== d.date) list.push(d.date);
    }
  }
  const slugs = [...done.keys()].sort();
  const out = slugs.map((slug) => {
    const dates = done.get(slug) ?? [];
    const habit = config.habits[slug];
    const known = memo?.habits.get(slug);
    if (known && known.config === habit && known.today === today && sameList(known.done, dates)) return known.value;
    const value = summarizeHabit(slug, habit, dates, today);
    memo?.habits.set(slug, { config: habit, today, done: dates, value });
    return value;
  });
  if (memo) prune(memo.habits, slugs.length, (slug) => done.has(slug));
  return out;
}

function summarizeYears(days: readonly DaySummary[], minWinsPerDay: number): YearSummary[] {
  const years = new Map<number, { year: number; wins: number; winDays: number; months: { month: number; wins: number; winDays: number }[] }>();
  for (const d of days) {
    const { year, month } = dateParts(d.date);
    let y = years.get(year);
    if (!y) {
      y = { year, wins: 0, winDays: 0, months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, wins: 0, winDays: 0 })) };
      years.set(year, y);
    }
    const isWin = d.wins.length >= minWinsPerDay ? 1 : 0;
    const m = y.months[month - 1]!;
    m.wins += d.wins.length;
    m.winDays += isWin;
    y.wins += d.wins.length;
    y.winDays += isWin;
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
