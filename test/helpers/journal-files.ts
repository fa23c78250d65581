/** Parsed journal files made in code, for the metric modules' unit tests. */
import type { IsoDate, IsoWeek } from "../../src/model/calendar.js";
import type { DayFile, WeekFile, Win } from "../../src/model/entry.js";

/** A win: a plain text, or its fields. */
export type WinInput = string | { readonly text: string; readonly area?: string; readonly level?: number; readonly habit?: string };

/** A parsed day file for `date` (file name `journal/DATE.md`, or with a slug). */
export function dayFile(date: string, wins: readonly WinInput[] = [], extra: Partial<Omit<DayFile, "kind" | "date" | "wins">> & { slug?: string } = {}): DayFile {
  const { slug, ...rest } = extra;
  const name = `${date}${slug ? `-${slug}` : ""}.md`;
  return {
    kind: "day",
    file: `journal/${name}`,
    relPath: name,
    date: date as IsoDate,
    wins: wins.map((w, i): Win => {
      const win = typeof w === "string" ? { text: w } : w;
      return { text: win.text, level: win.level ?? 1, source: "front-matter", at: { line: 3 + i, column: 5 }, ...(win.area ? { area: win.area } : {}), ...(win.habit ? { habit: win.habit } : {}) };
    }),
    planned: [],
    tasksDone: 0,
    tasksTotal: 0,
    tags: [],
    private: false,
    bodyHtml: "",
    bodyText: "",
    references: [],
    ...rest,
  };
}

/** A parsed weekly reflection. */
export function weekFile(week: string, extra: Partial<Omit<WeekFile, "kind" | "week">> = {}): WeekFile {
  return { kind: "week", file: `journal/${week}.md`, relPath: `${week}.md`, week: week as IsoWeek, private: false, bodyHtml: "<p>A week.</p>", bodyText: "A week.", references: [], ...extra };
}

/** A date, typed. */
export const date = (text: string): IsoDate => text as IsoDate;
