/**
 * Days (§3 "win day"): the day files of one calendar day merged into that
 * day's summary. Several files for one date are one day; the numbers the walk
 * over all days gives a day (its streak, comeback, level-ups, milestones) come
 * in from outside, so a day's summary depends only on its files and them.
 */
import { compareDates, isoWeekOf, toDayNumber, type IsoDate } from "../model/calendar.js";
import type { DayFile, JournalFile } from "../model/entry.js";
import { isCalendarRest, periodNotes, type RestCalendar } from "../model/rest.js";
import type { DayBody, DaySummary, DayTag, DayWin, LevelUp, Milestone, RestDay, Text } from "../model/site.js";
import { tagKey } from "../model/tags.js";
import { mean, sum } from "./numbers.js";

/** A win day has at least `minWinsPerDay` wins (§3). */
export function isWinDay(wins: number, minWinsPerDay: number): boolean {
  return wins >= minWinsPerDay;
}

/** The day files of a journal, by date and then path (usually already in that order). */
export function sortedDayFiles(files: readonly JournalFile[]): DayFile[] {
  const days = files.filter((f): f is DayFile => f.kind === "day");
  const before = (a: DayFile, b: DayFile): boolean => a.date < b.date || (a.date === b.date && a.file < b.file);
  for (let i = 1; i < days.length; i++) {
    if (before(days[i]!, days[i - 1]!)) return days.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  return days;
}

/** One month of day files, in date order; `counted` of its days are on or before today. */
export interface Month {
  /** "YYYY-MM-" */
  readonly key: string;
  readonly files: readonly DayFile[];
  readonly counted: number;
}

/** Sorted day files cut into months. */
export function monthsOf(dayFiles: readonly DayFile[], today: IsoDate): Month[] {
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

/**
 * Whether a day with entries is a rest day (§6), and why: an entry's `rest:`
 * (its reason, when it gives one) or the config (a period's note). Several
 * files of one day: a rest day when any of them says so.
 */
export function restOfDay(date: IsoDate, group: readonly DayFile[], calendar: RestCalendar): RestDay | undefined {
  let entry = false;
  const reasons: Text[] = [];
  for (const f of group) {
    if (f.rest === undefined) continue;
    entry = true;
    if (typeof f.rest === "string") reasons.push({ text: f.rest, private: f.private });
  }
  const day = toDayNumber(date);
  if (!isCalendarRest(calendar, day)) return entry ? { reasons, notes: [] } : undefined;
  return { reasons, notes: periodNotes(calendar, day) };
}

/** One day's summary from its files and the numbers the walk over all days gave it. */
export function summarizeDay(
  date: IsoDate,
  group: readonly DayFile[],
  winDay: boolean,
  future: boolean,
  streak: number,
  comeback: number | undefined,
  levelUps: readonly LevelUp[],
  milestones: readonly Milestone[],
  previous: IsoDate | undefined,
  next: IsoDate | undefined,
  rest?: RestDay,
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
    isWinDay: winDay,
    future,
    streak,
    ...(comeback !== undefined ? { comebackAfter: comeback } : {}),
    ...(rest ? { rest } : {}),
    ...(moods.length ? { mood: mean(moods) } : {}),
    ...(energies.length ? { energy: mean(energies) } : {}),
    didWell: group.flatMap((f): Text[] => (f.didWell ? [{ text: f.didWell, private: f.private }] : [])),
    tags: dayTags(group),
    planned: group.flatMap((f) => f.planned.map((text) => ({ text, private: f.private }))),
    tasksDone: sum(group.map((f) => f.tasksDone)),
    tasksTotal: sum(group.map((f) => f.tasksTotal)),
    bodies: group.filter((f) => f.bodyText !== "" || f.bodyHtml !== "").map((f): DayBody => ({ file: f.file, html: f.bodyHtml, text: f.bodyText, private: f.private, references: f.references, relPath: f.relPath })),
    private: group.every((f) => f.private),
    levelUps,
    milestones,
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
  };
}

/**
 * A day's tags in the order written (its files in path order, each front
 * matter before body): one per key, kind of text and privacy, named as first
 * written. Whether one is published is the pages' and the tag metric's call.
 */
export function dayTags(group: readonly DayFile[]): DayTag[] {
  const tags: DayTag[] = [];
  const seen = new Set<string>();
  for (const f of group) {
    for (const use of f.tags) {
      const key = tagKey(use.name);
      const kind = use.source === "win" || use.source === "task" ? "win" : "note";
      const id = `${kind}${f.private ? "!" : ""}\0${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      tags.push({ key, name: use.name, kind, private: f.private });
    }
  }
  return tags;
}
