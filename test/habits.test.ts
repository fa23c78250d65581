import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyPerDay, habitScores, scoreMultiplier, scoreWindow, summarizeHabit } from "../src/aggregate/habits.js";
import type { HabitConfig, HabitTarget } from "../src/config/schema.js";
import { addDays, fromDayNumber, toDayNumber, weekSpan, type IsoDate, type IsoWeek } from "../src/model/calendar.js";

const d = (text: string): IsoDate => text as IsoDate;
const w = (text: string): IsoWeek => text as IsoWeek;
const DAILY: HabitTarget = { kind: "daily" };
const THREE_A_WEEK: HabitTarget = { kind: "weekly", perWeek: 3 };
const habit = (target: HabitTarget): HabitConfig => ({ label: "A habit", target });

// m = 0.5 ** (sqrt(f) / 13), worked out on a calculator: f = 1 and f = 3/7.
const M_DAILY = 0.9480775143391714;
const M_3_WEEK = 0.9656966817138625;

describe("the Loop Habit Tracker score", () => {
  it("uses f = 1 for daily and N/7 for N/week", () => {
    expect(frequencyPerDay(DAILY)).toBe(1);
    expect(frequencyPerDay(THREE_A_WEEK)).toBeCloseTo(3 / 7, 15);
    expect(frequencyPerDay({ kind: "weekly", perWeek: 7 })).toBe(1);
    expect(scoreMultiplier(DAILY)).toBeCloseTo(M_DAILY, 14);
    expect(scoreMultiplier(THREE_A_WEEK)).toBeCloseTo(M_3_WEEK, 14);
    // A daily habit's score halves in 13 days without it.
    expect(scoreMultiplier(DAILY) ** 13).toBeCloseTo(0.5, 14);
  });

  it("smooths day by day: two days done, then one missed (daily)", () => {
    const m = M_DAILY;
    const scores = habitScores([d("2026-11-19"), d("2026-11-20")], DAILY, d("2026-11-21"));
    expect(scores.map((s) => fromDayNumber(s.day))).toEqual(["2026-11-19", "2026-11-20", "2026-11-21"]);
    // 0 -> 0*m + 1*(1-m) -> (1-m)*m + (1-m) -> that*m + 0.
    expect(scores[0]!.score).toBeCloseTo(1 - m, 12);
    expect(scores[1]!.score).toBeCloseTo(1 - m * m, 12);
    expect(scores[2]!.score).toBeCloseTo(m - m ** 3, 12);
    expect(scores.map((s) => s.score)).toEqual([
      expect.closeTo(0.05192248566082858, 12),
      expect.closeTo(0.10114902680445825, 12),
      expect.closeTo(0.09589711791059696, 12),
    ]);
  });

  it("measures done for N/week as Loop does: the share of 2N days in the last 14", () => {
    expect(scoreWindow(DAILY)).toEqual({ count: 1, days: 1 });
    expect(scoreWindow(THREE_A_WEEK)).toEqual({ count: 6, days: 14 });
    expect(scoreWindow({ kind: "weekly", perWeek: 1 })).toEqual({ count: 2, days: 14 });
    expect(scoreWindow({ kind: "weekly", perWeek: 7 })).toEqual({ count: 7, days: 7 });
  });

  it("smooths more slowly for 3/week, with done = 1/6 while one day is in the window", () => {
    // done is 1/6 on each of the three days (one day done in the last 14, target 6),
    // so score_k = (1/6)(1 - m^k) with m = 0.5 ** (sqrt(3/7) / 13).
    const m = M_3_WEEK;
    const scores = habitScores([d("2026-11-16")], THREE_A_WEEK, d("2026-11-18"));
    expect(scores.map((s) => s.score)).toEqual([
      expect.closeTo((1 - m) / 6, 12),
      expect.closeTo((1 - m ** 2) / 6, 12),
      expect.closeTo((1 - m ** 3) / 6, 12),
    ]);
    expect(scores.map((s) => s.score)).toEqual([
      expect.closeTo(0.005717219714356255, 12),
      expect.closeTo(0.011238319821139172, 12),
      expect.closeTo(0.016570027873669475, 12),
    ]);
  });

  it("drops a done day from the 3/week window after 14 days", () => {
    const m = M_3_WEEK;
    // Done on 1 and 3 Nov; 14 Nov is the last day with 1 Nov in the window, 16 Nov the first without 3 Nov.
    const scores = habitScores([d("2026-11-01"), d("2026-11-03")], THREE_A_WEEK, d("2026-11-17"));
    const done = [1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0].map((n) => n / 6);
    let score = 0;
    const expected = done.map((v) => (score = score * m + v * (1 - m)));
    expect(scores.map((s) => s.score)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
  });

  it("regression: a 3/week habit kept exactly to target grows towards 1, not 3/7", () => {
    // Mon, Wed, Fri for a year.
    const days = Array.from({ length: 52 }, (_, week) => [0, 2, 4].map((k) => addDays(d("2026-01-05"), week * 7 + k))).flat();
    const scores = habitScores(days, THREE_A_WEEK, d("2027-01-03"));
    expect(scores[scores.length - 1]!.score).toBeGreaterThan(0.99);
    // ...and a daily habit done three days a week does not.
    const daily = habitScores(days, DAILY, d("2027-01-03"));
    expect(daily[daily.length - 1]!.score).toBeLessThan(0.5);
  });

  it("is empty with nothing done, and the order of the done days does not matter", () => {
    expect(habitScores([], DAILY, d("2026-11-21"))).toEqual([]);
    const a = habitScores([d("2026-11-20"), d("2026-11-10"), d("2026-11-15"), d("2026-11-10")], DAILY, d("2026-11-21"));
    const b = habitScores([d("2026-11-10"), d("2026-11-15"), d("2026-11-20")], DAILY, d("2026-11-21"));
    expect(a).toEqual(b);
    expect(a).toHaveLength(12);
  });

  it("halves in 13 missed days", () => {
    const scores = habitScores([d("2026-12-25")], DAILY, d("2027-01-07"));
    expect(scores).toHaveLength(14);
    expect(scores[13]!.score).toBeCloseTo((1 - M_DAILY) / 2, 14);
  });

  it("stays in [0, 1]; a daily score rises on days done and falls on days missed", () => {
    const base = toDayNumber(d("2026-12-01"));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 60, max: 90 }),
        fc.constantFrom<HabitTarget>(DAILY, THREE_A_WEEK, { kind: "weekly", perWeek: 1 }, { kind: "weekly", perWeek: 7 }),
        (offsets, todayOffset, target) => {
          const done = new Set(offsets.map((o) => base + o));
          const scores = habitScores([...done].map(fromDayNumber), target, fromDayNumber(base + todayOffset));
          expect(scores[0]!.day).toBe(Math.min(...done));
          expect(scores[scores.length - 1]!.day).toBe(base + todayOffset);
          expect(scores).toHaveLength(base + todayOffset - Math.min(...done) + 1);
          let previous = 0;
          for (const { day, score } of scores) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(1);
            if (target.kind === "daily") {
              if (done.has(day)) expect(score).toBeGreaterThan(previous);
              else expect(score).toBeLessThan(previous);
            }
            previous = score;
          }
          // Doing the habit on one more day never lowers the score.
          const extra = base + (todayOffset % 61);
          const more = habitScores([...done, extra].map(fromDayNumber), target, fromDayNumber(base + todayOffset));
          expect(more[more.length - 1]!.score).toBeGreaterThanOrEqual(scores[scores.length - 1]!.score - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("nears 1 after a year of daily practice", () => {
    const days = Array.from({ length: 365 }, (_, i) => addDays(d("2026-01-01"), i));
    const scores = habitScores(days, DAILY, d("2026-12-31"));
    expect(scores[scores.length - 1]!.score).toBeCloseTo(1 - M_DAILY ** 365, 12);
    expect(scores[scores.length - 1]!.score).toBeGreaterThan(0.999);
  });
});

describe("summarizeHabit", () => {
  it("gives a daily habit its day streaks and score", () => {
    const h = summarizeHabit("meditate", habit(DAILY), [d("2026-11-19"), d("2026-11-20"), d("2026-11-21"), d("2026-11-14"), d("2026-11-15")], d("2026-11-22"));
    expect(h).toMatchObject({
      slug: "meditate",
      label: "A habit",
      configured: true,
      total: 5,
      done: ["2026-11-14", "2026-11-15", "2026-11-19", "2026-11-20", "2026-11-21"],
      // Today (22nd) has not been done yet: the streak ending yesterday is current.
      currentStreak: { days: 3, from: "2026-11-19", to: "2026-11-21" },
      longestStreak: { days: 3, from: "2026-11-19", to: "2026-11-21" },
    });
    // 14th, 15th done, 16th-18th missed, 19th-21st done, 22nd not (yet).
    const m = M_DAILY;
    let score = 0;
    for (const done of [1, 1, 0, 0, 0, 1, 1, 1, 0]) score = score * m + done * (1 - m);
    expect(h.score).toBeCloseTo(score, 12);
    expect(h.scoreByWeek).toEqual([
      { week: "2026-W46", score: expect.closeTo((1 - m * m), 12) },
      { week: "2026-W47", score: expect.closeTo(score, 12) },
    ]);
  });

  it("breaks a daily streak after a missed day and a missed today", () => {
    const h = summarizeHabit("meditate", habit(DAILY), [d("2026-11-18"), d("2026-11-19")], d("2026-11-21"));
    expect(h.currentStreak).toEqual({ days: 0, from: null, to: null });
    expect(h.longestStreak).toEqual({ days: 2, from: "2026-11-18", to: "2026-11-19" });
  });

  it("counts 3/week week streaks across the week-53 new year", () => {
    // 2026-W53 runs Mon 2026-12-28 to Sun 2027-01-03.
    const done = ["2026-12-28", "2026-12-30", "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2026-12-22"].map(d);
    const h = summarizeHabit("gym", habit(THREE_A_WEEK), done, d("2027-01-12"));
    expect(h.perWeek).toEqual([
      { week: "2026-W52", days: 1, met: false, target: 3, restDays: 0 },
      { week: "2026-W53", days: 3, met: true, target: 3, restDays: 0 },
      { week: "2027-W01", days: 3, met: true, target: 3, restDays: 0 },
      { week: "2027-W02", days: 0, met: false, target: 3, restDays: 0 },
    ]);
    // 2027-W02 is not over: the run ending last week is still current.
    expect(h.currentWeeks).toEqual({ weeks: 2, from: "2026-W53", to: "2027-W01" });
    expect(h.longestWeeks).toEqual({ weeks: 2, from: "2026-W53", to: "2027-W01" });
    // Day streaks still count days: Jan 4-6.
    expect(h.longestStreak).toEqual({ days: 3, from: "2027-01-04", to: "2027-01-06" });
  });

  it("ends the week streak once a whole week is missed, and counts this week when it is met", () => {
    const done = ["2026-12-28", "2026-12-30", "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06"].map(d);
    const later = summarizeHabit("gym", habit(THREE_A_WEEK), done, d("2027-01-18"));
    expect(later.currentWeeks).toEqual({ weeks: 0, from: null, to: null });
    expect(later.longestWeeks).toEqual({ weeks: 2, from: "2026-W53", to: "2027-W01" });

    const thisWeek = summarizeHabit("gym", habit(THREE_A_WEEK), [...done, d("2027-01-11"), d("2027-01-13"), d("2027-01-15")], d("2027-01-15"));
    expect(thisWeek.currentWeeks).toEqual({ weeks: 3, from: "2026-W53", to: "2027-W02" });
  });

  it("gives a tie of week runs to the most recent", () => {
    const done = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-16", "2026-11-17", "2026-11-18"].map(d);
    const h = summarizeHabit("gym", habit(THREE_A_WEEK), done, d("2026-12-07"));
    expect(h.longestWeeks).toEqual({ weeks: 1, from: "2026-W47", to: "2026-W47" });
    expect(h.currentWeeks).toEqual({ weeks: 0, from: null, to: null });
  });

  it("treats a habit missing from the config as daily and unconfigured", () => {
    const h = summarizeHabit("stretch", undefined, [d("2026-11-21")], d("2026-11-21"));
    expect(h).toMatchObject({ slug: "stretch", label: "stretch", configured: false, target: { kind: "daily" }, total: 1 });
    expect(h.score).toBeCloseTo(1 - M_DAILY, 12);
    const none = summarizeHabit("stretch", habit(DAILY), [], d("2026-11-21"));
    expect(none).toMatchObject({ total: 0, score: 0, currentStreak: { days: 0 }, longestStreak: { days: 0 }, perWeek: [], scoreByWeek: [] });
  });

  it("spans weeks over a year end", () => {
    expect(weekSpan(w("2026-W52"), w("2027-W02"))).toEqual(["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
    expect(weekSpan(w("2025-W52"), w("2026-W01"))).toEqual(["2025-W52", "2026-W01"]);
    expect(weekSpan(w("2026-W47"), w("2026-W46"))).toEqual([]);
  });
});
