import { noPrototype, type Config } from "../config/schema.js";
import {
  addWeeks,
  compareDates,
  dateParts,
  isLeapYear,
  isoWeekOf,
  makeDate,
  toDayNumber,
  weekDates,
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
import { summarizeHabit, weekSpan } from "./habits.js";
import { comebacks, currentStreak, longestStreak, neverMissTwice, sortedDayNumbers, streakLengths } from "./streaks.js";

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

/** The site model and the diagnostics that need the whole journal and the config to see. */
export interface ModelResult {
  readonly model: SiteModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Computes every number of §3 from parsed journal files. Pure: the files, the
 * config and `today` decide everything, and file order does not matter.
 */
export function buildSiteModel(files: readonly JournalFile[], config: Config, today: IsoDate): ModelResult {
  const diagnostics: Diagnostic[] = [];
  const dayFiles = files.filter((f): f is DayFile => f.kind === "day").sort((a, b) => compareDates(a.date, b.date) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const reflections = pickReflections(files.filter((f): f is WeekFile => f.kind === "week"), diagnostics);
  crossCheck(dayFiles, [...reflections.values()], config, today, diagnostics);

  const byDate = new Map<IsoDate, DayFile[]>();
  for (const f of dayFiles) {
    const list = byDate.get(f.date);
    if (list) list.push(f);
    else byDate.set(f.date, [f]);
  }
  const dates = [...byDate.keys()];
  const counted = (d: IsoDate): boolean => compareDates(d, today) <= 0;
  const winCount = (d: IsoDate): number => (byDate.get(d) ?? []).reduce((n, f) => n + f.wins.length, 0);
  const winDates = dates.filter((d) => counted(d) && winCount(d) >= config.minWinsPerDay);
  const winDayNumbers = sortedDayNumbers(winDates);
  const winDaySet = new Set(winDates);
  const streakOn = streakLengths(winDayNumbers);
  const comebackList = comebacks(winDayNumbers);
  const comebackOn = new Map(comebackList.map((c) => [c.date, c.missed]));

  // Level-ups and milestones walk the counted days in order.
  const levelUps: LevelUp[] = [];
  const highest = new Map<string, number>();
  const milestones: Milestone[] = [];
  const streakGoals = [...config.milestones];
  const reachedStreak = new Set<number>();
  let total = 0;
  let totalGoals = totalMilestoneValues(0);
  for (const date of dates) {
    if (!counted(date)) continue;
    for (const f of byDate.get(date) ?? []) {
      for (const w of f.wins) {
        if (!w.area) continue;
        const before = highest.get(w.area) ?? 1;
        if (w.level > before) levelUps.push({ date, area: w.area, level: w.level, previousLevel: before, win: { text: w.text, private: f.private } });
        highest.set(w.area, Math.max(before, w.level));
      }
    }
    const streak = streakOn.get(date) ?? 0;
    for (const goal of streakGoals) {
      if (streak >= goal && !reachedStreak.has(goal)) {
        reachedStreak.add(goal);
        milestones.push({ kind: "streak", value: goal, date });
      }
    }
    const before = total;
    total += winCount(date);
    if (total >= (totalGoals[totalGoals.length - 1] ?? 0)) totalGoals = totalMilestoneValues(total);
    for (const goal of totalGoals) if (goal > before && goal <= total) milestones.push({ kind: "total", value: goal, date });
  }

  const levelUpsOn = groupBy(levelUps, (l) => l.date);
  const milestonesOn = groupBy(milestones, (m) => m.date);
  const days: DaySummary[] = dates.map((date, i) => {
    const group = byDate.get(date) ?? [];
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
    const comeback = comebackOn.get(date);
    const previous = dates[i - 1];
    const next = dates[i + 1];
    return {
      date,
      week: isoWeekOf(date),
      files: group.map((f) => f.file),
      wins,
      isWinDay: winDaySet.has(date),
      future: !counted(date),
      streak: streakOn.get(date) ?? 0,
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
      levelUps: levelUpsOn.get(date) ?? [],
      milestones: milestonesOn.get(date) ?? [],
      ...(previous ? { previous } : {}),
      ...(next ? { next } : {}),
    };
  });
  const dayByDate = new Map(days.map((d) => [d.date, d]));
  const countedDays = days.filter((d) => !d.future);

  const weekOf = (week: IsoWeek): WeekSummary => summarizeWeek(week, dayByDate, reflections.get(week));
  const weekKeys = [...new Set([...countedDays.map((d) => d.week), ...[...reflections.keys()].filter((w) => w <= isoWeekOf(today))])].sort();
  const weeks = weekKeys.map(weekOf).map((w, i, all) => ({
    ...w,
    ...(all[i - 1] ? { previousWeek: all[i - 1]!.week } : {}),
    ...(all[i + 1] ? { nextWeek: all[i + 1]!.week } : {}),
  }));
  const thisWeek = weeks.find((w) => w.week === isoWeekOf(today)) ?? weekOf(isoWeekOf(today));

  const totalWins = sum(countedDays.map((d) => d.wins.length));
  const gaps = comebackList.map((c) => c.missed);
  const current = currentStreak(winDayNumbers, today);
  const summary: Summary = {
    today,
    currentStreak: current,
    longestStreak: longestStreak(winDayNumbers),
    neverMissTwice: neverMissTwice(winDayNumbers),
    totalWins,
    winDays: winDates.length,
    comebacks: comebackList.length,
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
    habits: summarizeHabits(countedDays, config, today),
    years: summarizeYears(countedDays, config.minWinsPerDay),
    milestones,
    onThisDay: onThisDay(countedDays, today),
    winsByDate: new Map(countedDays.map((d) => [d.date, d.wins.length])),
  };
  return { model, diagnostics };
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

/** Checks that need the config or today: habits and areas that are not configured, future entries. */
function crossCheck(days: readonly DayFile[], weeks: readonly WeekFile[], config: Config, today: IsoDate, diagnostics: Diagnostic[]): void {
  const habits = Object.keys(config.habits);
  const areas = Object.keys(config.areas);
  for (const f of days) {
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
  const slugs = new Set<string>(Object.keys(config.areas));
  for (const d of days) for (const w of d.wins) if (w.area) slugs.add(w.area);
  const thisWeek = isoWeekOf(today);
  return [...slugs].sort().map((slug) => {
    const entries = days.flatMap((d) => d.wins.filter((w) => w.area === slug).map((w) => ({ win: w, date: d.date, week: d.week, level: w.level })));
    const byLevel = [0, 0, 0, 0, 0];
    const perWeek = new Map<IsoWeek, { wins: number; highestLevel: number }>();
    for (const e of entries) {
      byLevel[e.level - 1]!++;
      const week = e.week;
      const w = perWeek.get(week) ?? { wins: 0, highestLevel: 0 };
      perWeek.set(week, { wins: w.wins + 1, highestLevel: Math.max(w.highestLevel, e.level) });
    }
    const first = entries[0]?.date;
    const last = entries[entries.length - 1]?.date;
    const area = config.areas[slug];
    return {
      slug,
      label: area?.label ?? slug,
      ...(area?.color ? { color: area.color } : {}),
      configured: area !== undefined,
      wins: entries.length,
      winDays: new Set(entries.map((e) => e.date)).size,
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      highestLevel: entries.reduce((m, e) => Math.max(m, e.level), 0),
      byLevel,
      levelUps: levelUps.filter((l) => l.area === slug),
      weekly: first ? weekSpan(isoWeekOf(first), thisWeek).map((week) => ({ week, wins: perWeek.get(week)?.wins ?? 0, highestLevel: perWeek.get(week)?.highestLevel ?? 0 })) : [],
      recent: entries.slice(-10).reverse().map((e) => ({ ...e.win, date: e.date })),
    };
  });
}

function summarizeHabits(days: readonly DaySummary[], config: Config, today: IsoDate): HabitSummary[] {
  const done = new Map<string, IsoDate[]>(Object.keys(config.habits).map((slug) => [slug, []]));
  for (const d of days) {
    for (const slug of new Set(d.wins.flatMap((w) => (w.habit ? [w.habit] : [])))) {
      const list = done.get(slug);
      if (list) list.push(d.date);
      else done.set(slug, [d.date]);
    }
  }
  return [...done.keys()].sort().map((slug) => summarizeHabit(slug, config.habits[slug], done.get(slug) ?? [], today));
}

function summarizeYears(days: readonly DaySummary[], minWinsPerDay: number): YearSummary[] {
  const years = new Map<number, YearSummary & { months: { month: number; wins: number; winDays: number }[] }>();
  for (const d of days) {
    const { year, month } = dateParts(d.date);
    let y = years.get(year);
    if (!y) {
      y = { year, wins: 0, winDays: 0, months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, wins: 0, winDays: 0 })) };
      years.set(year, y);
    }
    const isWin = d.wins.length >= minWinsPerDay;
    const m = y.months[month - 1]!;
    m.wins += d.wins.length;
    m.winDays += isWin ? 1 : 0;
    years.set(year, { ...y, wins: y.wins + d.wins.length, winDays: y.winDays + (isWin ? 1 : 0) });
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** Earlier years' days with today's month and day; on 28 February of a common year, 29 February too. */
function onThisDay(days: readonly DaySummary[], today: IsoDate): IsoDate[] {
  const { year, month, day } = dateParts(today);
  const matches = new Set<string>([today.slice(5)]);
  if (month === 2 && day === 28 && !isLeapYear(year)) matches.add("02-29");
  return days
    .filter((d) => toDayNumber(d.date) < toDayNumber(makeDate(year, 1, 1)) && matches.has(d.date.slice(5)))
    .map((d) => d.date)
    .reverse();
}
