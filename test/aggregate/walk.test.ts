/** src/aggregate/walk.ts: the walk gives each day its streak, comeback, level-ups and streak milestone, and can go in runs. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameWalkState, startOfJournal, walkDays, type WalkState } from "../../src/aggregate/walk.js";
import { addDays, toDayNumber } from "../../src/model/calendar.js";
import type { DayFile } from "../../src/model/entry.js";
import { date, dayFile } from "../helpers/journal-files.js";

const goals = new Set([2, 3]);

describe("walkDays", () => {
  const files = [
    dayFile("2026-11-01", ["a", { text: "b", area: "work", level: 2 }]),
    dayFile("2026-11-02", ["c"]),
    dayFile("2026-11-02", ["d"], { slug: "x" }),
    dayFile("2026-11-03", []),
    dayFile("2026-11-05", [{ text: "e", area: "work", level: 2 }, { text: "f", area: "work", level: 3, habit: "gym" }]),
    dayFile("2026-11-06", ["g"]),
  ];
  const walk = walkDays(files, 5, startOfJournal(), 1, goals);

  it("groups the files of one date and counts their wins", () => {
    expect(walk.dates).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"]);
    expect(walk.groups.map((g) => g.length)).toEqual([1, 2, 1, 1, 1]);
    expect(walk.winCounts).toEqual([2, 2, 0, 2, 1]);
    expect(walk.wins).toBe(7);
  });

  it("gives each win day its streak, and a comeback the days missed before it", () => {
    expect(walk.isWin).toEqual([true, true, false, true, true]);
    expect(walk.streakAt).toEqual([1, 2, 0, 1, 2]);
    expect(walk.comebackAt).toEqual([undefined, undefined, undefined, 2, undefined]);
    expect(walk.gaps).toEqual([2]);
    expect(walk.winDayNumbers).toEqual(["2026-11-01", "2026-11-02", "2026-11-05", "2026-11-06"].map((d) => toDayNumber(date(d))));
  });

  it("finds level-ups: the first win in an area above every earlier level there", () => {
    expect(walk.levelUps.map((l) => [l.date, l.area, l.previousLevel, l.level, l.win.text])).toEqual([
      ["2026-11-01", "work", 1, 2, "b"],
      ["2026-11-05", "work", 2, 3, "f"],
    ]);
    expect(walk.levelUpsAt[3]?.map((l) => l.level)).toEqual([3]);
    expect(walk.to.highest.get("work")).toBe(3);
  });

  it("marks a streak goal the first time only", () => {
    expect(walk.streakMilestoneAt.map((m) => m?.value)).toEqual([undefined, 2, undefined, undefined, undefined]);
    expect([...walk.to.reached]).toEqual([2]);
  });

  it("lists the areas, habits and weeks of its counted days", () => {
    expect(walk.areas).toEqual(["work"]);
    expect(walk.habits).toEqual(["gym"]);
    expect(walk.weeks).toEqual(["2026-W44", "2026-W45"]);
  });

  it("counts no day after the first `counted`", () => {
    const early = walkDays(files, 2, startOfJournal(), 1, goals);
    expect(early.isWin).toEqual([true, true, false, false, false]);
    expect(early.wins).toBe(4);
    expect(early.levelUps).toHaveLength(1);
    expect(early.to.lastWin).toBe(toDayNumber(date("2026-11-02")));
  });
});

describe("sameWalkState", () => {
  it("compares the carried values, not the objects", () => {
    const a: WalkState = { lastWin: 5, streak: 2, restSince: 0, highest: new Map([["work", 2]]), reached: new Set([2]) };
    expect(sameWalkState(a, { ...a, highest: new Map([["work", 2]]), reached: new Set([2]) })).toBe(true);
    expect(sameWalkState(a, { ...a, highest: new Map([["work", 3]]) })).toBe(false);
    expect(sameWalkState(a, { ...a, reached: new Set([3]) })).toBe(false);
    expect(sameWalkState(a, { ...a, streak: 1 })).toBe(false);
    expect(sameWalkState(a, { ...a, restSince: 1 })).toBe(false);
  });
});

describe("walking in runs", () => {
  it("gives the same days as one walk over all of them, from the state each run hands on", () => {
    const file = fc.record({ offset: fc.integer({ min: 0, max: 40 }), wins: fc.integer({ min: 0, max: 2 }), level: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 30 }), fc.integer({ min: 0, max: 41 }), (inputs, cut) => {
        const files: DayFile[] = inputs
          .map((f, i) => dayFile(addDays(date("2026-01-01"), f.offset), Array.from({ length: f.wins }, () => ({ text: "w", area: "work", level: f.level })), { slug: String(i).padStart(2, "0") }))
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1));
        const dates = new Set(files.map((f) => f.date));
        const whole = walkDays(files, dates.size, startOfJournal(), 1, goals);
        const first = files.filter((f) => f.date < addDays(date("2026-01-01"), cut));
        const second = files.slice(first.length);
        const a = walkDays(first, new Set(first.map((f) => f.date)).size, startOfJournal(), 1, goals);
        const b = walkDays(second, new Set(second.map((f) => f.date)).size, a.to, 1, goals);
        expect([...a.streakAt, ...b.streakAt]).toEqual(whole.streakAt);
        expect([...a.comebackAt, ...b.comebackAt]).toEqual(whole.comebackAt);
        expect([...a.levelUps, ...b.levelUps]).toEqual(whole.levelUps);
        expect([...a.streakMilestoneAt, ...b.streakMilestoneAt]).toEqual(whole.streakMilestoneAt);
        expect(sameWalkState(b.to, whole.to)).toBe(true);
      }),
    );
  });
});
