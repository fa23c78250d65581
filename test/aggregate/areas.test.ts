/** src/aggregate/areas.ts: level-ups, and area figures tallied in runs of days and merged. */
import { describe, expect, it } from "vitest";
import { countAreaWin, levelUpOf, summarizeAreas, type AreaTally } from "../../src/aggregate/areas.js";
import { summarizeDay } from "../../src/aggregate/days.js";
import { validateConfig } from "../../src/config/schema.js";
import type { DaySummary } from "../../src/model/site.js";
import { date, dayFile, type WinInput } from "../helpers/journal-files.js";

const config = validateConfig({ areas: { work: { label: "Work", color: "#123456" }, rest: { label: "Rest" } } }, "smallwins.config.yaml", null).config;

const day = (d: string, wins: WinInput[]): DaySummary => summarizeDay(date(d), [dayFile(d, wins)], wins.length > 0, false, 0, undefined, [], [], undefined, undefined);

function tally(days: readonly DaySummary[]): Map<string, AreaTally> {
  const tallies = new Map<string, AreaTally>();
  for (const d of days) for (const w of d.wins) if (w.area) countAreaWin(tallies, w.area, w, d);
  return tallies;
}

describe("levelUpOf", () => {
  const win = (level: number) => dayFile("2026-11-21", [{ text: "Led the meeting", area: "work", level }]).wins[0]!;

  it("is a win above the highest level so far, counting from level 1", () => {
    expect(levelUpOf(date("2026-11-21"), "work", win(2), false, new Map())).toEqual({ date: "2026-11-21", area: "work", level: 2, previousLevel: 1, win: { text: "Led the meeting", private: false } });
    expect(levelUpOf(date("2026-11-21"), "work", win(1), false, new Map())).toBeUndefined();
    expect(levelUpOf(date("2026-11-21"), "work", win(3), true, new Map([["work", 3]]))).toBeUndefined();
    expect(levelUpOf(date("2026-11-21"), "work", win(4), true, new Map([["work", 3]]))?.win.private).toBe(true);
  });
});

describe("summarizeAreas", () => {
  const days = [
    day("2026-10-30", [{ text: "a", area: "work", level: 2 }, { text: "b", area: "work" }]),
    day("2026-11-02", [{ text: "c", area: "work", level: 3 }, { text: "d", area: "side" }]),
    ...Array.from({ length: 12 }, (_, i) => day(`2026-11-${String(10 + i).padStart(2, "0")}`, [{ text: `r${i}`, area: "work" }])),
  ];

  it("gives every configured area and every area used, by slug", () => {
    const areas = summarizeAreas([tally(days)], [], config, date("2026-11-21"));
    expect(areas.map((a) => [a.slug, a.label, a.configured, a.wins, a.winDays])).toEqual([
      ["rest", "Rest", true, 0, 0],
      ["side", "side", false, 1, 1],
      ["work", "Work", true, 15, 14],
    ]);
    const work = areas[2]!;
    expect(work).toMatchObject({ color: "#123456", first: "2026-10-30", last: "2026-11-21", highestLevel: 3, byLevel: [13, 1, 1, 0, 0] });
    expect(work.recent.map((w) => w.text)).toEqual(["r11", "r10", "r9", "r8", "r7", "r6", "r5", "r4", "r3", "r2"]);
    expect(work.weekly.map((w) => [w.week, w.wins, w.highestLevel])).toEqual([
      ["2026-W44", 2, 2],
      ["2026-W45", 1, 3],
      ["2026-W46", 6, 1],
      ["2026-W47", 6, 1],
    ]);
    expect(areas[0]!.weekly).toEqual([]);
  });

  it("merges the tallies of runs of days into what one tally of all of them gives", () => {
    const whole = summarizeAreas([tally(days)], [], config, date("2026-11-21"));
    for (const cut of [1, 2, 5, 13]) {
      expect(summarizeAreas([tally(days.slice(0, cut)), tally(days.slice(cut))], [], config, date("2026-11-21"))).toEqual(whole);
    }
  });

  it("gives each area its own level-ups", () => {
    const up = { date: date("2026-11-02"), area: "work", level: 3, previousLevel: 2, win: { text: "c", private: false } };
    const areas = summarizeAreas([tally(days)], [up], config, date("2026-11-21"));
    expect(areas.map((a) => a.levelUps.length)).toEqual([0, 0, 1]);
  });
});
