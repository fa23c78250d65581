/** src/aggregate/weeks.ts: a week's summary from its days, the week before, and its reflection. */
import { describe, expect, it } from "vitest";
import { summarizeDay } from "../../src/aggregate/days.js";
import { daysByWeek, REFLECTION_PROMPTS, summarizeWeek, withNeighbours } from "../../src/aggregate/weeks.js";
import type { IsoWeek } from "../../src/model/calendar.js";
import type { DaySummary } from "../../src/model/site.js";
import { date, dayFile, weekFile, type WinInput } from "../helpers/journal-files.js";

const W47 = "2026-W47" as IsoWeek;

function day(d: string, wins: WinInput[], options: { mood?: number; future?: boolean; comeback?: number; min?: number } = {}): DaySummary {
  const file = dayFile(d, wins, { ...(options.mood !== undefined ? { mood: options.mood } : {}), tasksDone: 1, tasksTotal: 2 });
  return summarizeDay(date(d), [file], !options.future && wins.length >= (options.min ?? 1), options.future ?? false, 0, options.comeback, [], [], undefined, undefined);
}

describe("summarizeWeek", () => {
  const own = [
    day("2026-11-16", ["a", { text: "b", area: "work" }], { mood: 4 }),
    day("2026-11-17", [], { mood: 2 }),
    day("2026-11-19", ["c", "d", { text: "e", area: "work" }], { comeback: 1 }),
    day("2026-11-21", [{ text: "f", area: "home" }]),
    day("2026-11-22", ["later", "later"], { future: true }),
  ];
  const before = [day("2026-11-10", ["x"]), day("2026-11-12", ["y", "z"])];

  it("adds up its counted days, leaving out days after today", () => {
    const w = summarizeWeek(W47, own, before, undefined);
    expect(w).toMatchObject({ week: W47, wins: 6, winDays: 3, entryDays: 4, averageMood: 3, tasksDone: 4, tasksTotal: 8, comebacks: ["2026-11-19"] });
    expect(w.dates).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(w.areaWins).toEqual({ work: 2, home: 1 });
    expect(w.bestDay).toEqual({ date: "2026-11-19", wins: 3 });
  });

  it("compares with the week before", () => {
    const w = summarizeWeek(W47, own, before, undefined);
    expect(w.previous).toEqual({ week: "2026-W46", wins: 3, winDays: 2 });
    expect(w.change).toEqual({ wins: 3, winDays: 1 });
  });

  it("shows the reflection, or the prompts when it is missing or has no text", () => {
    expect(summarizeWeek(W47, own, before, undefined).prompts).toEqual(REFLECTION_PROMPTS);
    const reflected = summarizeWeek(W47, own, before, weekFile(W47, { rating: 4, focus: "work" }));
    expect(reflected.reflection).toEqual({ file: "journal/2026-W47.md", relPath: "2026-W47.md", references: [], html: "<p>A week.</p>", text: "A week.", private: false, rating: 4, focus: "work" });
    expect(reflected.prompts).toEqual([]);
    expect(summarizeWeek(W47, own, before, weekFile(W47, { rating: 3, bodyHtml: "", bodyText: "" })).prompts).toEqual(REFLECTION_PROMPTS);
  });

  it("of a week with no entries has no mood and no best day", () => {
    const w = summarizeWeek(W47, [], [], undefined);
    expect(w).toMatchObject({ wins: 0, winDays: 0, entryDays: 0 });
    expect("averageMood" in w || "bestDay" in w).toBe(false);
  });
});

describe("withNeighbours", () => {
  it("adds the links to the weeks before and after that exist", () => {
    const w = summarizeWeek(W47, [], [], undefined);
    expect(withNeighbours(w, "2026-W45" as IsoWeek, undefined)).toEqual({ ...w, previousWeek: "2026-W45" });
    expect(withNeighbours(w, undefined, undefined)).toEqual(w);
  });
});

describe("daysByWeek", () => {
  it("cuts days in date order into their weeks", () => {
    const days = [day("2026-11-15", []), day("2026-11-16", []), day("2026-11-22", []), day("2026-11-23", [])];
    expect([...daysByWeek(days)].map(([week, list]) => [week, list.map((d) => d.date)])).toEqual([
      ["2026-W46", ["2026-11-15"]],
      ["2026-W47", ["2026-11-16", "2026-11-22"]],
      ["2026-W48", ["2026-11-23"]],
    ]);
  });
});
