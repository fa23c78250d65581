/** src/aggregate/month-tally.ts, years.ts, on-this-day.ts and summary.ts: the figures added up from months. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeDay } from "../../src/aggregate/days.js";
import { tallyMonth } from "../../src/aggregate/month-tally.js";
import { onThisDay } from "../../src/aggregate/on-this-day.js";
import { summarize } from "../../src/aggregate/summary.js";
import { summarizeYears } from "../../src/aggregate/years.js";
import { daysDoneByHabit } from "../../src/aggregate/habits.js";
import { validateConfig } from "../../src/config/schema.js";
import { fromDayNumber, isLeapYear, toDayNumber } from "../../src/model/calendar.js";
import type { DaySummary } from "../../src/model/site.js";
import { date, dayFile, type WinInput } from "../helpers/journal-files.js";

const day = (d: string, wins: WinInput[], tasks = 0): DaySummary =>
  summarizeDay(date(d), [dayFile(d, wins, { tasksDone: tasks, tasksTotal: tasks + 1 })], wins.length > 0, false, 0, undefined, [], [], undefined, undefined);

describe("tallyMonth", () => {
  const november = [
    day("2026-11-01", ["a", { text: "b", habit: "gym" }, { text: "c", habit: "gym" }], 1),
    day("2026-11-02", [{ text: "d", habit: "gym", area: "work" }]),
    day("2026-11-03", []),
    day("2026-11-30", ["after today"]),
  ];

  it("adds up the counted days only", () => {
    const t = tallyMonth(november, 3, 2);
    expect(t).toMatchObject({ year: 2026, month: 11, days: 3, wins: 4, winDays: 1, tasksDone: 1, tasksTotal: 4 });
    // A day counts once for a habit however many of its wins name it.
    expect(t.habits.get("gym")).toEqual(["2026-11-01", "2026-11-02"]);
    expect(t.areas.get("work")?.wins).toBe(1);
  });

  it("gives every configured habit its days, done or not, and every habit a win names", () => {
    const config = validateConfig({ habits: { read: { label: "Read", target: "daily" } } }, "smallwins.config.yaml", null).config;
    const done = daysDoneByHabit([tallyMonth(november, 3, 1), tallyMonth([day("2026-12-01", [{ text: "e", habit: "gym" }])], 1, 1)], config);
    expect([...done]).toEqual([
      ["read", []],
      ["gym", ["2026-11-01", "2026-11-02", "2026-12-01"]],
    ]);
  });
});

describe("summarizeYears", () => {
  it("adds months into years; a month of only future days makes no year", () => {
    const months = [tallyMonth([day("2025-12-31", ["a", "b"])], 1, 1), tallyMonth([day("2026-01-05", ["c"]), day("2026-01-06", [])], 2, 1), tallyMonth([day("2027-01-01", ["x"])], 0, 1)];
    const years = summarizeYears(months);
    expect(years.map((y) => [y.year, y.wins, y.winDays])).toEqual([
      [2025, 2, 1],
      [2026, 1, 1],
    ]);
    expect(years[0]!.months[11]).toEqual({ month: 12, wins: 2, winDays: 1 });
    expect(years[1]!.months).toHaveLength(12);
  });
});

describe("onThisDay", () => {
  it("finds earlier years' days of the same month and day, newest first", () => {
    const days = [day("2024-11-21", []), day("2025-11-20", []), day("2025-11-21", []), day("2026-11-21", [])];
    expect(onThisDay(days, date("2026-11-21"))).toEqual(["2025-11-21", "2024-11-21"]);
  });

  it("finds what a pass over every day finds, on random journals (it looks each year up instead)", () => {
    const obvious = (days: readonly DaySummary[], today: string): string[] => {
      const year = Number(today.slice(0, 4));
      const matches = new Set([today.slice(5)]);
      if (today.slice(5) === "02-28" && !isLeapYear(year)) matches.add("02-29");
      return days.filter((d) => d.date < `${year}-01-01` && matches.has(d.date.slice(5))).map((d) => d.date).reverse();
    };
    const start = toDayNumber(date("2019-12-25"));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2400 }), { maxLength: 300 }), fc.integer({ min: 0, max: 2500 }), (offsets, t) => {
        const days = [...offsets].sort((a, b) => a - b).map((n) => day(fromDayNumber(start + n), []));
        const today = fromDayNumber(start + t);
        expect(onThisDay(days, today)).toEqual(obvious(days, today));
      }),
      { numRuns: 300 },
    );
  });

  it("counts 29 February on 28 February of a common year", () => {
    expect(onThisDay([day("2024-02-29", []), day("2025-02-28", [])], date("2026-02-28"))).toEqual(["2025-02-28", "2024-02-29"]);
    expect(onThisDay([day("2024-02-29", [])], date("2028-02-28"))).toEqual([]);
  });
});

describe("summarize", () => {
  it("gives the headline numbers from the win days, the gaps and the months", () => {
    const months = [tallyMonth([day("2026-11-01", ["a"], 1), day("2026-11-03", ["b", "c"]), day("2026-11-04", ["d"])], 3, 1)];
    const s = summarize({
      today: date("2026-11-05"),
      winDayNumbers: ["2026-11-01", "2026-11-03", "2026-11-04"].map((d) => toDayNumber(date(d))),
      gaps: [1],
      months,
      span: { first: date("2026-11-01"), last: date("2026-11-04") },
      streakGoals: [2, 7],
    });
    expect(s).toEqual({
      today: "2026-11-05",
      currentStreak: { days: 2, from: "2026-11-03", to: "2026-11-04" },
      longestStreak: { days: 2, from: "2026-11-03", to: "2026-11-04" },
      neverMissTwice: s.neverMissTwice,
      totalWins: 4,
      winDays: 3,
      restDays: 0,
      comebacks: 1,
      longestGapBridged: 1,
      tasksDone: 1,
      tasksTotal: 4,
      first: "2026-11-01",
      last: "2026-11-04",
      nextStreakMilestone: 7,
      nextTotalMilestone: 10,
    });
    expect(s.neverMissTwice.from).toBe("2026-11-01");
  });

  it("of an empty journal has no span and no comeback", () => {
    const s = summarize({ today: date("2026-11-05"), winDayNumbers: [], gaps: [], months: [], span: undefined, streakGoals: [] });
    expect(s).toMatchObject({ totalWins: 0, winDays: 0, comebacks: 0, longestGapBridged: 0, nextTotalMilestone: 10 });
    expect("first" in s || "nextStreakMilestone" in s).toBe(false);
  });
});
