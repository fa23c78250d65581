/** src/aggregate/milestones.ts: streak goals reached the first time, and total-win milestones found a run of days at a time. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayMilestones, isNewStreakGoal, nextStreakMilestone, nextTotalMilestone, NO_WINS_YET, totalMilestones, totalMilestoneValues } from "../../src/aggregate/milestones.js";
import { addDays } from "../../src/model/calendar.js";
import type { Milestone } from "../../src/model/site.js";
import { date } from "../helpers/journal-files.js";

describe("total-win milestones", () => {
  it("are 10, 50, then 1, 2.5 and 5 times each power of ten, listed past the total asked for", () => {
    expect(totalMilestoneValues(1000)).toEqual([10, 50, 100, 250, 500, 1000, 2500, 5000]);
    expect(totalMilestoneValues(0)).toEqual([10, 50]);
  });

  it("are reached on the day the running total gets to them, several on one day if it jumps", () => {
    const dates = ["2026-01-01", "2026-01-02", "2026-01-03"].map(date);
    const { at, after } = totalMilestones(dates, [9, 45, 60], 3, 114, NO_WINS_YET);
    expect(at[0]).toBeUndefined();
    expect(at[1]).toEqual([
      { kind: "total", value: 10, date: "2026-01-02" },
      { kind: "total", value: 50, date: "2026-01-02" },
    ]);
    expect(at[2]).toEqual([{ kind: "total", value: 100, date: "2026-01-03" }]);
    expect(after).toEqual({ total: 114, next: 250 });
  });

  it("leave out days after the first `counted`", () => {
    const { at, after } = totalMilestones([date("2026-01-01"), date("2026-01-02")], [5, 20], 1, 5, NO_WINS_YET);
    expect(at).toEqual([]);
    expect(after).toEqual({ total: 5, next: 10 });
  });

  it("are the same found in runs as over all days at once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), fc.nat(), (counts, cutAt) => {
        const dates = counts.map((_, i) => addDays(date("2026-01-01"), i));
        const all = (from: number, to: number) => counts.slice(from, to).reduce((a, b) => a + b, 0);
        const whole = totalMilestones(dates, counts, counts.length, all(0, counts.length), NO_WINS_YET);
        const cut = counts.length ? cutAt % counts.length : 0;
        const a = totalMilestones(dates.slice(0, cut), counts.slice(0, cut), cut, all(0, cut), NO_WINS_YET);
        const b = totalMilestones(dates.slice(cut), counts.slice(cut), counts.length - cut, all(cut, counts.length), a.after);
        const flat = (at: (Milestone[] | undefined)[], n: number): Milestone[] => Array.from({ length: n }, (_, i) => at[i] ?? []).flat();
        expect([...flat(a.at, cut), ...flat(b.at, counts.length - cut)]).toEqual(flat(whole.at, counts.length));
        expect(b.after).toEqual(whole.after);
      }),
    );
  });
});

describe("streak goals", () => {
  it("count once: a goal already reached is no milestone again", () => {
    const goals = new Set([7, 21]);
    expect(isNewStreakGoal(7, goals, new Set())).toBe(true);
    expect(isNewStreakGoal(7, goals, new Set([7]))).toBe(false);
    expect(isNewStreakGoal(8, goals, new Set())).toBe(false);
  });

  it("come before the total milestones of the same day", () => {
    const streak: Milestone = { kind: "streak", value: 7, date: date("2026-01-07") };
    const total: Milestone = { kind: "total", value: 10, date: date("2026-01-07") };
    expect(dayMilestones(streak, [total])).toEqual([streak, total]);
    expect(dayMilestones(undefined, [total])).toEqual([total]);
    expect(dayMilestones(streak, undefined)).toEqual([streak]);
    expect(dayMilestones(undefined, undefined)).toEqual([]);
  });
});

describe("next milestones", () => {
  it("are the first goal above the current figure", () => {
    expect(nextStreakMilestone([7, 21, 30], 7)).toBe(21);
    expect(nextStreakMilestone([7], 9)).toBeUndefined();
    expect(nextTotalMilestone(0)).toBe(10);
    expect(nextTotalMilestone(100)).toBe(250);
  });
});
