/**
 * Weeks (§3 weekly summary): for every ISO week, its wins, win days out of 7
 * (out of its days that are not rest days, §6, with its rest days counted),
 * wins per area, average mood, best day, level-ups, milestones, comebacks, the
 * change against the previous week, task completion, and the reflection or
 * prompts to write one.
 */
import { noPrototype } from "../config/schema.js";
import { addWeeks, toDayNumber, weekDates, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { isRestDay, type RestDays } from "../model/rest.js";
import type { WeekFile } from "../model/entry.js";
import type { DaySummary, Reflection, SiteModel, WeekSummary } from "../model/site.js";
import { mean, sum } from "./numbers.js";

/** The questions a weekly reflection answers; shown when one is missing and written by `new --week`. */
export const REFLECTION_PROMPTS: readonly string[] = [
  "What went well this week, and why?",
  "What got in the way?",
  "What is one small step for next week?",
];

/**
 * The rest days without a win of a week (§6), with or without entries: the
 * days of the week up to today that are rest days of the journal, less those
 * of its days with entries (`own`, in date order) that are win days.
 */
export function weekRestDates(week: IsoWeek, own: readonly DaySummary[], rest: RestDays): IsoDate[] {
  if (rest.from === undefined) return [];
  const out: IsoDate[] = [];
  let i = 0;
  for (const date of weekDates(week)) {
    while (i < own.length && own[i]!.date < date) i++;
    const day = own[i]?.date === date ? own[i] : undefined;
    if (day?.isWinDay && !day.future) continue;
    if (isRestDay(rest, toDayNumber(date))) out.push(date);
  }
  return out;
}

/**
 * A week's summary from its days and the days of the week before (each in
 * date order; future days are left out here), and its rest days without a win
 * (see `weekRestDates`).
 */
export function summarizeWeek(week: IsoWeek, own: readonly DaySummary[], before: readonly DaySummary[], reflectionFile: WeekFile | undefined, restDates: readonly IsoDate[] = []): WeekSummary {
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
        references: reflectionFile.references,
        relPath: reflectionFile.relPath,
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
    restDates,
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

/** A week's summary with links to the weeks listed before and after it. */
export function withNeighbours(summary: WeekSummary, previousWeek: IsoWeek | undefined, nextWeek: IsoWeek | undefined): WeekSummary {
  return { ...summary, ...(previousWeek ? { previousWeek } : {}), ...(nextWeek ? { nextWeek } : {}) };
}

/** Days (in date order) cut into their weeks: a week's days are one run of them, so no day is looked up. */
export function daysByWeek(days: readonly DaySummary[]): Map<IsoWeek, DaySummary[]> {
  const runs = new Map<IsoWeek, DaySummary[]>();
  for (let start = 0; start < days.length; ) {
    const week = days[start]!.week;
    let end = start + 1;
    while (end < days.length && days[end]!.week === week) end++;
    runs.set(week, days.slice(start, end));
    start = end;
  }
  return runs;
}

/** The summary of any week of a model, also one with no entries (for `new --week`). */
export function weekSummaryOf(model: SiteModel, week: IsoWeek): WeekSummary {
  const known = model.weeks.find((w) => w.week === week);
  if (known) return known;
  const previousWeek = addWeeks(week, -1);
  const own = model.days.filter((d) => d.week === week);
  return summarizeWeek(week, own, model.days.filter((d) => d.week === previousWeek), undefined, weekRestDates(week, own, model.rest));
}
