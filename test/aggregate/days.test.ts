/** src/aggregate/days.ts: several files for one date are one day, and a day's summary is made of its files and the walk's numbers. */
import { describe, expect, it } from "vitest";
import { isWinDay, sortedDayFiles, summarizeDay } from "../../src/aggregate/days.js";
import { date, dayFile, weekFile } from "../helpers/journal-files.js";

describe("isWinDay", () => {
  it("needs at least minWinsPerDay wins", () => {
    expect([0, 1, 2, 3].map((wins) => isWinDay(wins, 2))).toEqual([false, false, true, true]);
  });
});

describe("sortedDayFiles", () => {
  it("keeps the day files only, by date and then path", () => {
    const a = dayFile("2026-11-21", [], { slug: "b" });
    const b = dayFile("2026-11-20");
    const c = dayFile("2026-11-21", [], { slug: "a" });
    expect(sortedDayFiles([a, weekFile("2026-W47"), b, c]).map((f) => f.file)).toEqual(["journal/2026-11-20.md", "journal/2026-11-21-a.md", "journal/2026-11-21-b.md"]);
  });
});

describe("summarizeDay", () => {
  const at = { line: 1, column: 1 };
  const morning = dayFile("2026-11-21", ["Ran", { text: "Spoke up", area: "work", level: 2, habit: "speak" }], {
    slug: "a",
    mood: 4,
    energy: 2,
    tags: [
      { name: "run", at, source: "tags" },
      { name: "Calm", at, source: "tags" },
      { name: "calm", at, source: "body" },
      { name: "RUN", at, source: "task" },
      { name: "run", at, source: "win" },
    ],
    didWell: "Kept going",
    planned: ["Call"],
    tasksDone: 1,
    tasksTotal: 2,
    bodyHtml: "<p>Morning</p>",
    bodyText: "Morning",
  });
  const evening = dayFile("2026-11-21", ["Read"], { slug: "b", mood: 3, tags: [{ name: "secret", at, source: "tags" }, { name: "Run", at, source: "tags" }], private: true });

  it("merges the wins, notes and numbers of every file of the day", () => {
    const day = summarizeDay(date("2026-11-21"), [morning, evening], true, false, 3, 2, [], [], date("2026-11-19"), undefined);
    expect(day).toMatchObject({ date: "2026-11-21", week: "2026-W47", files: [morning.file, evening.file], isWinDay: true, future: false, streak: 3, comebackAfter: 2, mood: 3.5, energy: 2, tasksDone: 1, tasksTotal: 2, private: false, previous: "2026-11-19" });
    expect(day.wins.map((w) => [w.text, w.private, w.area, w.level, w.habit])).toEqual([
      ["Ran", false, undefined, 1, undefined],
      ["Spoke up", false, "work", 2, "speak"],
      ["Read", true, undefined, 1, undefined],
    ]);
    expect(day.didWell).toEqual([{ text: "Kept going", private: false }]);
    expect(day.planned).toEqual([{ text: "Call", private: false }]);
    // Once per key, kind of text (a win's or a note's) and privacy, as first written; the pages decide what is published.
    expect(day.tags).toEqual([
      { key: "run", name: "run", kind: "note", private: false },
      { key: "calm", name: "Calm", kind: "note", private: false },
      { key: "run", name: "RUN", kind: "win", private: false },
      { key: "secret", name: "secret", kind: "note", private: true },
      { key: "run", name: "Run", kind: "note", private: true },
    ]);
    // Only files with a body have one.
    expect(day.bodies).toEqual([{ file: morning.file, relPath: "2026-11-21-a.md", html: "<p>Morning</p>", text: "Morning", private: false, references: [] }]);
    expect("next" in day).toBe(false);
  });

  it("is private only when every file is", () => {
    expect(summarizeDay(date("2026-11-21"), [evening], false, false, 0, undefined, [], [], undefined, undefined).private).toBe(true);
    const day = summarizeDay(date("2026-11-21"), [evening], false, false, 0, undefined, [], [], undefined, undefined);
    expect("comebackAfter" in day || "energy" in day).toBe(false);
  });
});
