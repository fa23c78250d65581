import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  consecutiveRuns,
  currentStreak,
  longestStreak,
  neverMissTwice,
  NO_STRETCH,
  sortedDayNumbers,
  streakSteps,
} from "../src/aggregate/streaks.js";
import { DEFAULT_CONFIG, type Config } from "../src/config/schema.js";
import { addDays, fromDayNumber, toDayNumber, type DayNumber, type IsoDate } from "../src/model/calendar.js";
import type { Stretch } from "../src/model/site.js";
import type { SourceFile } from "../src/parse/entry.js";
import { analyzeJournal } from "../src/pipeline.js";

const d = (text: string): IsoDate => text as IsoDate;
const days = (...dates: string[]): DayNumber[] => sortedDayNumbers(dates.map(d));
const stretch = (n: number, from: string, to: string): Stretch => ({ days: n, from: d(from), to: d(to) });

describe("sortedDayNumbers", () => {
  it("sorts and removes duplicates", () => {
    expect(days("2026-11-21", "2026-11-19", "2026-11-21", "2026-11-20").map(fromDayNumber)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21"]);
  });
});

describe("longestStreak", () => {
  it.each<[string, string[], Stretch]>([
    ["no win days", [], NO_STRETCH],
    ["one day", ["2026-11-21"], stretch(1, "2026-11-21", "2026-11-21")],
    ["one run across a new year", ["2026-12-30", "2026-12-31", "2027-01-01"], stretch(3, "2026-12-30", "2027-01-01")],
    ["across a leap day", ["2024-02-28", "2024-02-29", "2024-03-01"], stretch(3, "2024-02-28", "2024-03-01")],
    ["a missing leap day breaks it", ["2024-02-28", "2024-03-01"], stretch(1, "2024-03-01", "2024-03-01")],
    ["the longer of two runs, the older one", ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-10", "2026-11-11"], stretch(3, "2026-11-01", "2026-11-03")],
    ["ties go to the most recent run", ["2026-11-01", "2026-11-02", "2026-11-05", "2026-11-06", "2026-11-09"], stretch(2, "2026-11-05", "2026-11-06")],
    ["single days tie: the latest", ["2026-11-01", "2026-11-03", "2026-11-05"], stretch(1, "2026-11-05", "2026-11-05")],
  ])("%s", (_name, dates, expected) => {
    expect(longestStreak(days(...dates))).toEqual(expected);
  });
});

describe("currentStreak", () => {
  const today = d("2026-11-21");
  it.each<[string, string[], Stretch]>([
    ["no win days", [], NO_STRETCH],
    ["ending today", ["2026-11-19", "2026-11-20", "2026-11-21"], stretch(3, "2026-11-19", "2026-11-21")],
    ["ending yesterday: today is not over", ["2026-11-18", "2026-11-19", "2026-11-20"], stretch(3, "2026-11-18", "2026-11-20")],
    ["ended the day before yesterday", ["2026-11-18", "2026-11-19"], NO_STRETCH],
    ["only today after a gap", ["2026-11-10", "2026-11-11", "2026-11-21"], stretch(1, "2026-11-21", "2026-11-21")],
    ["future days do not extend it", ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"], stretch(2, "2026-11-20", "2026-11-21")],
    ["a future day does not bridge a missing today", ["2026-11-19", "2026-11-20", "2026-11-22"], stretch(2, "2026-11-19", "2026-11-20")],
    ["only future days", ["2026-11-22", "2026-11-23"], NO_STRETCH],
  ])("%s", (_name, dates, expected) => {
    expect(currentStreak(days(...dates), today)).toEqual(expected);
  });

  it("runs over a year boundary and a week-53 week", () => {
    expect(currentStreak(days("2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"), d("2027-01-03"))).toEqual(stretch(4, "2026-12-30", "2027-01-02"));
  });
});

describe("neverMissTwice", () => {
  it("is the SPEC §5 example: the chain runs through single missed days, and counts calendar days", () => {
    // Longest streak 2026-03-01..12 (12 days); single missed days on Feb 21, 24 and 28;
    // two missed days (Feb 18 and 19) before Feb 20 end the chain there.
    const wins = days(
      "2026-02-17",
      "2026-02-20",
      "2026-02-22",
      "2026-02-23",
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      ...Array.from({ length: 12 }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`),
    );
    expect(longestStreak(wins)).toEqual(stretch(12, "2026-03-01", "2026-03-12"));
    // SPEC §5: "days" counts the chain's calendar days, both ends included, as the streaks do: Feb 20 to Mar 12 is 21.
    expect(neverMissTwice(wins)).toEqual(stretch(21, "2026-02-20", "2026-03-12"));
  });

  it.each<[string, string[], Stretch]>([
    ["no win days", [], NO_STRETCH],
    ["one day", ["2026-11-21"], stretch(1, "2026-11-21", "2026-11-21")],
    ["two missed days break it", ["2026-11-01", "2026-11-04"], stretch(1, "2026-11-04", "2026-11-04")],
    ["one missed day does not", ["2026-11-01", "2026-11-03"], stretch(3, "2026-11-01", "2026-11-03")],
    ["ties go to the most recent", ["2026-11-01", "2026-11-03", "2026-11-06", "2026-11-08"], stretch(3, "2026-11-06", "2026-11-08")],
    ["a missed leap day is one missed day", ["2024-02-28", "2024-03-01"], stretch(3, "2024-02-28", "2024-03-01")],
    ["a common-year February end is two missed days", ["2026-02-27", "2026-03-02"], stretch(1, "2026-03-02", "2026-03-02")],
    ["it counts like a streak when no day is missed", ["2026-11-01", "2026-11-02", "2026-11-03"], stretch(3, "2026-11-01", "2026-11-03")],
  ])("%s", (_name, dates, expected) => {
    expect(neverMissTwice(days(...dates))).toEqual(expected);
  });
});

describe("streakSteps", () => {
  it("gives the days missed before every win day; the first day is no comeback", () => {
    expect(streakSteps(days("2026-03-02", "2026-03-03", "2026-03-05", "2026-03-09", "2026-03-10", "2026-03-13")).missed).toEqual([0, 0, 1, 3, 0, 2]);
    expect(streakSteps(days("2026-03-02")).missed).toEqual([0]);
    expect(streakSteps([])).toEqual({ streak: [], missed: [] });
    expect(streakSteps(days("2026-12-31", "2027-01-01")).missed).toEqual([0, 0]);
  });

  it("gives the streak on every win day", () => {
    expect(streakSteps(days("2026-12-30", "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-04")).streak).toEqual([1, 2, 3, 1, 2]);
  });
});

// ---------------------------------------------------------------------------
// Reference implementations: brute force over calendar days, written from SPEC §3/§5.

function bestOf(candidates: { from: number; to: number }[]): Stretch {
  let best: { from: number; to: number } | undefined;
  for (const c of candidates) {
    const len = c.to - c.from;
    if (!best || len > best.to - best.from || (len === best.to - best.from && c.to > best.to)) best = c;
  }
  return best ? { days: best.to - best.from + 1, from: fromDayNumber(best.from), to: fromDayNumber(best.to) } : NO_STRETCH;
}

/** Every stretch [a, b] of win days a, b such that `ok(day)` holds for each day in between. */
function bruteStretches(set: ReadonlySet<number>, ok: (day: number) => boolean): { from: number; to: number }[] {
  const sorted = [...set].sort((x, y) => x - y);
  const out: { from: number; to: number }[] = [];
  for (const a of sorted) {
    for (const b of sorted) {
      if (b < a) continue;
      let good = true;
      for (let n = a; n < b && good; n++) good = ok(n);
      if (good) out.push({ from: a, to: b });
    }
  }
  return out;
}

function refLongest(set: ReadonlySet<number>): Stretch {
  return bestOf(bruteStretches(set, (n) => set.has(n) && set.has(n + 1)));
}

function refNeverMissTwice(set: ReadonlySet<number>): Stretch {
  // No two missed days in a row: of any two neighbouring days, one is a win day.
  // SPEC §5 counts the chain's calendar days with both ends (win days) included, as a streak's.
  return bestOf(bruteStretches(set, (n) => set.has(n) || set.has(n + 1)));
}

function refCurrent(set: ReadonlySet<number>, today: number): Stretch {
  const end = set.has(today) ? today : set.has(today - 1) ? today - 1 : undefined;
  if (end === undefined) return NO_STRETCH;
  let from = end;
  for (let n = end; set.has(n); n--) from = n;
  return { days: end - from + 1, from: fromDayNumber(from), to: fromDayNumber(end) };
}

function refGaps(set: ReadonlySet<number>): number[] {
  const sorted = [...set].sort((x, y) => x - y);
  const gaps: number[] = [];
  if (sorted.length === 0) return gaps;
  let run = 0;
  for (let n = sorted[0]!; n <= sorted[sorted.length - 1]!; n++) {
    if (set.has(n)) {
      if (run > 0) gaps.push(run);
      run = 0;
    } else run++;
  }
  return gaps;
}

const BASE = toDayNumber(d("2026-12-01"));
/** A set of win days within ~10 weeks around a new year with a week 53. */
const winDaySet = fc.uniqueArray(fc.integer({ min: 0, max: 70 }), { maxLength: 50 }).map((xs) => xs.map((x) => BASE + x));
const todayOffset = fc.integer({ min: -2, max: 75 }).map((x) => BASE + x);

describe("streak properties (against brute force)", () => {
  it("longest streak and never-miss-twice agree with a brute-force reference (ties: most recent)", () => {
    fc.assert(
      fc.property(winDaySet, (list) => {
        const set = new Set(list);
        const sorted = sortedDayNumbers(list.map(fromDayNumber));
        expect(longestStreak(sorted)).toEqual(refLongest(set));
        expect(neverMissTwice(sorted)).toEqual(refNeverMissTwice(set));
      }),
      { numRuns: 1000 },
    );
  });

  it("current streak agrees with the reference, ends today or yesterday, and is no longer than the longest", () => {
    fc.assert(
      fc.property(winDaySet, todayOffset, (list, t) => {
        const today = fromDayNumber(t);
        const counted = sortedDayNumbers(list.filter((n) => n <= t).map(fromDayNumber));
        const all = sortedDayNumbers(list.map(fromDayNumber));
        const current = currentStreak(counted, today);
        expect(current).toEqual(refCurrent(new Set(counted), t));
        expect([null, today, addDays(today, -1)]).toContain(current.to);
        expect(current.days).toBeLessThanOrEqual(longestStreak(counted).days);
        // Days after today never break nor extend it.
        expect(currentStreak(all, today)).toEqual(current);
      }),
      { numRuns: 1000 },
    );
  });

  it("neverMissTwice spans at least the longest streak, and comebacks are the gaps", () => {
    fc.assert(
      fc.property(winDaySet, (list) => {
        const sorted = sortedDayNumbers(list.map(fromDayNumber));
        const longest = longestStreak(sorted);
        const chain = neverMissTwice(sorted);
        // Every streak is a chain, so the longest chain is at least as long as the longest streak.
        expect(chain.days).toBeGreaterThanOrEqual(longest.days);
        const gaps = refGaps(new Set(list));
        const steps = streakSteps(sorted);
        const found = sorted.flatMap((day, i) => (steps.missed[i]! > 0 ? [{ day, missed: steps.missed[i]! }] : []));
        expect(found.map((c) => c.missed)).toEqual(gaps);
        expect(found.length).toBe(Math.max(0, consecutiveRuns(sorted).length - 1));
        for (const c of found) {
          expect(list).toContain(c.day);
          expect(list).not.toContain(c.day - 1);
        }
        // The streak on a day is how many days in a row end on it.
        sorted.forEach((day, i) => {
          let run = 1;
          while (list.includes(day - run)) run++;
          expect(steps.streak[i]).toBe(run);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("adding a win day never lowers the longest streak, the chain, or the current streak", () => {
    fc.assert(
      fc.property(winDaySet, fc.integer({ min: 0, max: 70 }), todayOffset, (list, extra, t) => {
        const before = sortedDayNumbers(list.map(fromDayNumber));
        const after = sortedDayNumbers([...list, BASE + extra].map(fromDayNumber));
        expect(longestStreak(after).days).toBeGreaterThanOrEqual(longestStreak(before).days);
        expect(neverMissTwice(after).days).toBeGreaterThanOrEqual(neverMissTwice(before).days);
        expect(currentStreak(after, fromDayNumber(t)).days).toBeGreaterThanOrEqual(currentStreak(before, fromDayNumber(t)).days);
      }),
      { numRuns: 1000 },
    );
  });

  it("streakSteps ends every run at its length", () => {
    fc.assert(
      fc.property(winDaySet, (list) => {
        const sorted = sortedDayNumbers(list.map(fromDayNumber));
        const { streak } = streakSteps(sorted);
        expect(streak.length).toBe(sorted.length);
        for (const [from, to] of consecutiveRuns(sorted)) expect(streak[sorted.indexOf(to)]).toBe(to - from + 1);
        expect(Math.max(0, ...streak)).toBe(longestStreak(sorted).days);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------
// The same properties through the whole pipeline: real files, parsed.

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

interface FileSpec {
  readonly offset: number;
  readonly wins: number;
  readonly part: "" | "-evening";
  readonly task: boolean;
}

function sourceOf(spec: FileSpec): SourceFile {
  const date = fromDayNumber(BASE + spec.offset);
  const name = `${date}${spec.part}.md`;
  const wins = Array.from({ length: spec.wins }, (_, i) => `win ${i + 1}`).join(", ");
  const task = spec.task ? "- [x] a checked task\n- [ ] an open task\n" : "";
  return { file: `journal/${name}`, relPath: `${date.slice(0, 4)}/${name}`, bytes: enc(`---\nwins: [${wins}]\nmood: ${1 + (spec.offset % 5)}\n---\n${task}`) };
}

const fileSpecs = fc.uniqueArray(
  fc.record({
    offset: fc.integer({ min: 0, max: 40 }),
    wins: fc.integer({ min: 0, max: 3 }),
    part: fc.constantFrom<"" | "-evening">("", "-evening"),
    task: fc.boolean(),
  }),
  { maxLength: 12, selector: (s) => `${s.offset}${s.part}` },
);
const pipelineToday = fc.integer({ min: 20, max: 45 }).map((x) => fromDayNumber(BASE + x));
const config = fc.constantFrom<Config>(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, minWinsPerDay: 2, milestones: [2, 3, 5] });

describe("pipeline properties", () => {
  it("shuffling the files changes nothing", () => {
    fc.assert(
      fc.property(
        fileSpecs.chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length }))),
        pipelineToday,
        config,
        ([specs, shuffled], today, cfg) => {
          const a = analyzeJournal(specs.map(sourceOf), cfg, today);
          const b = analyzeJournal(shuffled.map(sourceOf), cfg, today);
          expect(b.model).toEqual(a.model);
          expect(b.diagnostics).toEqual(a.diagnostics);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("the summary agrees with the references and its own invariants", () => {
    fc.assert(
      fc.property(fileSpecs, pipelineToday, config, (specs, today, cfg) => {
        const { model } = analyzeJournal(specs.map(sourceOf), cfg, today);
        const s = model.summary;
        const perDay = new Map<number, number>();
        for (const spec of specs) perDay.set(BASE + spec.offset, (perDay.get(BASE + spec.offset) ?? 0) + spec.wins + (spec.task ? 1 : 0));
        const t = toDayNumber(today);
        const winDays = new Set([...perDay].filter(([n, wins]) => n <= t && wins >= cfg.minWinsPerDay).map(([n]) => n));
        expect(s.totalWins).toBe([...perDay].filter(([n]) => n <= t).reduce((sum, [, wins]) => sum + wins, 0));
        expect(s.winDays).toBe(winDays.size);
        expect(s.longestStreak).toEqual(refLongest(winDays));
        expect(s.neverMissTwice).toEqual(refNeverMissTwice(winDays));
        expect(s.currentStreak).toEqual(refCurrent(winDays, t));
        const gaps = refGaps(winDays);
        expect(s.comebacks).toBe(gaps.length);
        expect(s.longestGapBridged).toBe(Math.max(0, ...gaps));
        expect(s.longestStreak.days).toBeGreaterThanOrEqual(s.currentStreak.days);
        expect(s.neverMissTwice.days).toBeGreaterThanOrEqual(s.longestStreak.days);
        expect([null, today, addDays(today, -1)]).toContain(s.currentStreak.to);
        // The weeks add up to the totals.
        expect(model.weeks.reduce((sum, w) => sum + w.wins, 0)).toBe(s.totalWins);
        expect(model.weeks.reduce((sum, w) => sum + w.winDays, 0)).toBe(s.winDays);
      }),
      { numRuns: 40 },
    );
  });

  it("adding a win never lowers the longest streak, the never-miss-twice chain, the total or the current streak", () => {
    fc.assert(
      fc.property(fileSpecs, fc.integer({ min: 0, max: 40 }), pipelineToday, config, (specs, offset, today, cfg) => {
        const before = analyzeJournal(specs.map(sourceOf), cfg, today).model.summary;
        const name = `${fromDayNumber(BASE + offset)}-added.md`;
        const added: SourceFile = { ...sourceOf({ offset, wins: 1, part: "", task: false }), file: `journal/added/${name}`, relPath: `added/${name}` };
        const after = analyzeJournal([...specs.map(sourceOf), added], cfg, today).model.summary;
        expect(after.longestStreak.days).toBeGreaterThanOrEqual(before.longestStreak.days);
        expect(after.neverMissTwice.days).toBeGreaterThanOrEqual(before.neverMissTwice.days);
        expect(after.currentStreak.days).toBeGreaterThanOrEqual(before.currentStreak.days);
        expect(after.winDays).toBeGreaterThanOrEqual(before.winDays);
        expect(after.totalWins).toBe(before.totalWins + (BASE + offset <= toDayNumber(today) ? 1 : 0));
      }),
      { numRuns: 30 },
    );
  });

  it("entries dated after today change no number, and each is a warning", () => {
    fc.assert(
      fc.property(fileSpecs, fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 4 }), pipelineToday, config, (specs, ahead, today, cfg) => {
        const t = toDayNumber(today);
        const past = specs.filter((s) => BASE + s.offset <= t).map(sourceOf);
        const future = ahead.map((k): SourceFile => ({ file: `journal/${fromDayNumber(t + k)}-future.md`, relPath: `${fromDayNumber(t + k)}-future.md`, bytes: enc("---\nwins: [a, b, c]\n---\n") }));
        const without = analyzeJournal(past, cfg, today);
        const withFuture = analyzeJournal([...past, ...future], cfg, today);
        expect(withFuture.model.summary).toEqual(without.model.summary);
        expect(withFuture.model.weeks.map((w) => [w.week, w.wins, w.winDays])).toEqual(without.model.weeks.map((w) => [w.week, w.wins, w.winDays]));
        expect(withFuture.model.milestones).toEqual(without.model.milestones);
        const warnings = withFuture.diagnostics.filter((x) => x.message.includes("dated after today"));
        expect(warnings.map((x) => x.file).sort()).toEqual(future.map((f) => f.file).sort());
        expect(warnings.every((x) => x.severity === "warning")).toBe(true);
        expect(withFuture.model.days.filter((x) => x.future).map((x) => x.date)).toEqual(ahead.map((k) => fromDayNumber(t + k)).sort());
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------
// Rest days (SPEC §6): a rest day is neither a win day nor a missed day. The
// references walk the calendar day by day, as a reader of §6 would count.

/** How many days strictly between two days are neither rest days nor in `wins` (the same as "not rest" between two win days). */
const restMissed =
  (rest: ReadonlySet<number>) =>
  (earlier: number, later: number): number => {
    let missed = 0;
    for (let n = earlier + 1; n < later; n++) if (!rest.has(n)) missed++;
    return missed;
  };

function refRestLongest(wins: ReadonlySet<number>, rest: ReadonlySet<number>): Stretch {
  // Every stretch between two win days with no missed day in it; its length is its win days.
  const sorted = [...wins].sort((x, y) => x - y);
  let best: { from: number; to: number; days: number } | undefined;
  for (const a of sorted) {
    for (const b of sorted) {
      if (b < a) continue;
      let good = true;
      let count = 0;
      for (let n = a; n <= b && good; n++) {
        if (wins.has(n)) count++;
        else if (!rest.has(n)) good = false;
      }
      if (good && (!best || count > best.days || (count === best.days && b > best.to))) best = { from: a, to: b, days: count };
    }
  }
  return best ? { days: best.days, from: fromDayNumber(best.from), to: fromDayNumber(best.to) } : NO_STRETCH;
}

function refRestNeverMissTwice(wins: ReadonlySet<number>, rest: ReadonlySet<number>): Stretch {
  // A miss after a miss, with only rest days between them, is two missed days in a row.
  const sorted = [...wins].sort((x, y) => x - y);
  let best: { from: number; to: number } | undefined;
  for (const a of sorted) {
    for (const b of sorted) {
      if (b < a) continue;
      let misses = 0;
      let good = true;
      for (let n = a; n <= b && good; n++) {
        if (wins.has(n)) misses = 0;
        else if (!rest.has(n)) good = ++misses < 2;
      }
      if (good && (!best || b - a > best.to - best.from || (b - a === best.to - best.from && b > best.to))) best = { from: a, to: b };
    }
  }
  return best ? { days: best.to - best.from + 1, from: fromDayNumber(best.from), to: fromDayNumber(best.to) } : NO_STRETCH;
}

function refRestCurrent(wins: ReadonlySet<number>, rest: ReadonlySet<number>, today: number): Stretch {
  let last: number | undefined;
  for (const n of wins) if (n <= today && (last === undefined || n > last)) last = n;
  if (last === undefined) return NO_STRETCH;
  // Today is not over: only the days between the last win day and today must be rest days.
  for (let n = last + 1; n < today; n++) if (!rest.has(n)) return NO_STRETCH;
  let from = last;
  let count = 0;
  for (let n = last; wins.has(n) || rest.has(n); n--) {
    if (wins.has(n)) {
      from = n;
      count++;
    }
  }
  return { days: count, from: fromDayNumber(from), to: fromDayNumber(last) };
}

const restDaySet = fc.uniqueArray(fc.integer({ min: -3, max: 73 }), { maxLength: 40 }).map((xs) => new Set(xs.map((x) => BASE + x)));

describe("streaks with rest days", () => {
  const fri = toDayNumber(d("2026-11-20"));
  const rest = new Set([fri + 1, fri + 2]); // Saturday and Sunday
  const missed = restMissed(rest);

  it("counts win days, not rest days: Friday and Monday around a rest weekend are a 2-day streak from Friday to Monday", () => {
    expect(longestStreak([fri, fri + 3], missed)).toEqual(stretch(2, "2026-11-20", "2026-11-23"));
    expect(currentStreak([fri, fri + 3], d("2026-11-23"), missed)).toEqual(stretch(2, "2026-11-20", "2026-11-23"));
    expect(streakSteps([fri, fri + 3], missed)).toEqual({ streak: [1, 2], missed: [0, 0] });
  });

  it("continues through rest days up to today: the streak is alive on Sunday and on Monday before its win", () => {
    expect(currentStreak([fri - 1, fri], d("2026-11-22"), missed)).toEqual(stretch(2, "2026-11-19", "2026-11-20"));
    expect(currentStreak([fri - 1, fri], d("2026-11-23"), missed)).toEqual(stretch(2, "2026-11-19", "2026-11-20"));
    expect(currentStreak([fri - 1, fri], d("2026-11-24"), missed)).toEqual(NO_STRETCH);
  });

  it("counts only the missed days that are not rest days before a comeback", () => {
    // Thursday, then Tuesday: Friday and Monday were missed, the weekend was rest.
    expect(streakSteps([fri - 1, fri + 4], missed)).toEqual({ streak: [1, 1], missed: [0, 2] });
  });

  it("never-miss-twice counts the calendar days with the rest days in them; a miss, rest, a miss is two in a row", () => {
    // Win Thu; Fri missed; Sat, Sun rest; Mon won: one chain Thu..Mon of 5 calendar days.
    expect(neverMissTwice([fri - 1, fri + 3], missed)).toEqual(stretch(5, "2026-11-19", "2026-11-23"));
    // Win Fri; Sat, Sun rest; Mon and Tue missed; Wed won: two misses in a row break it.
    const broken = restMissed(new Set([fri + 1, fri + 2]));
    expect(neverMissTwice([fri, fri + 5], broken)).toEqual(stretch(1, "2026-11-25", "2026-11-25"));
    // Win Thu; Fri missed; Sat rest; Sun missed; Mon won: two misses with rest between are two in a row.
    expect(neverMissTwice([fri - 1, fri + 3], restMissed(new Set([fri + 1])))).toEqual(stretch(1, "2026-11-23", "2026-11-23"));
  });

  it("agree with day-by-day references for any win days and rest days", () => {
    fc.assert(
      fc.property(winDaySet, restDaySet, todayOffset, (list, restSet, t) => {
        const wins = new Set(list);
        const sorted = sortedDayNumbers(list.map(fromDayNumber));
        const m = restMissed(restSet);
        expect(longestStreak(sorted, m)).toEqual(refRestLongest(wins, restSet));
        expect(neverMissTwice(sorted, m)).toEqual(refRestNeverMissTwice(wins, restSet));
        const counted = sorted.filter((n) => n <= t);
        expect(currentStreak(counted, fromDayNumber(t), m)).toEqual(refRestCurrent(new Set(counted), restSet, t));
        // Without rest days, the same as the plain streaks.
        expect(longestStreak(sorted, restMissed(new Set()))).toEqual(longestStreak(sorted));
        expect(neverMissTwice(sorted, restMissed(new Set()))).toEqual(neverMissTwice(sorted));
      }),
      { numRuns: 600 },
    );
  });

  it("adding a rest day never lowers a streak nor adds a comeback; a journal whose every missed day is rest is one streak", () => {
    fc.assert(
      fc.property(winDaySet, restDaySet, fc.integer({ min: 0, max: 70 }), todayOffset, (list, restSet, extra, t) => {
        const sorted = sortedDayNumbers(list.map(fromDayNumber));
        const counted = sorted.filter((n) => n <= t);
        const today = fromDayNumber(t);
        const before = restMissed(restSet);
        const after = restMissed(new Set([...restSet, BASE + extra]));
        expect(longestStreak(sorted, after).days).toBeGreaterThanOrEqual(longestStreak(sorted, before).days);
        expect(neverMissTwice(sorted, after).days).toBeGreaterThanOrEqual(neverMissTwice(sorted, before).days);
        expect(currentStreak(counted, today, after).days).toBeGreaterThanOrEqual(currentStreak(counted, today, before).days);
        const comebacks = (m: typeof before): number => streakSteps(sorted, m).missed.filter((n) => n > 0).length;
        expect(comebacks(after)).toBeLessThanOrEqual(comebacks(before));

        // Every day from the first to the last win day that is not a win day is rest.
        if (sorted.length === 0) return;
        const first = sorted[0]!;
        const last = sorted[sorted.length - 1]!;
        const allRest = new Set<number>();
        for (let n = first; n <= last + 3; n++) if (!list.includes(n)) allRest.add(n);
        const m = restMissed(allRest);
        expect(longestStreak(sorted, m)).toEqual({ days: sorted.length, from: fromDayNumber(first), to: fromDayNumber(last) });
        expect(neverMissTwice(sorted, m)).toEqual({ days: last - first + 1, from: fromDayNumber(first), to: fromDayNumber(last) });
        expect(streakSteps(sorted, m).missed.every((n) => n === 0)).toBe(true);
        // Today among the rest days after the last win day: the whole journal is the current streak.
        expect(currentStreak(sorted, fromDayNumber(last + 3), m)).toEqual({ days: sorted.length, from: fromDayNumber(first), to: fromDayNumber(last) });
      }),
      { numRuns: 600 },
    );
  });
});
