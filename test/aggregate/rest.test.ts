/**
 * Rest days (SPEC §6): the config's calendar as numbers (src/model/rest.ts),
 * the walk's comebacks around rest, and the whole pipeline's numbers against
 * day-by-day references, from real journal files parsed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startOfJournal, walkDays } from "../../src/aggregate/walk.js";
import { DEFAULT_CONFIG, type Config, type RestConfig } from "../../src/config/schema.js";
import { fromDayNumber, toDayNumber, weekdayOf, type IsoDate } from "../../src/model/calendar.js";
import { calendarRestCount, isCalendarRest, periodNotes, restCalendar, WEEKDAY_NUMBERS } from "../../src/model/rest.js";
import type { SiteModel, Stretch } from "../../src/model/site.js";
import type { SourceFile } from "../../src/parse/entry.js";
import { analyzeJournal } from "../../src/pipeline.js";
import { date, dayFile } from "../helpers/journal-files.js";

const NAMES = Object.keys(WEEKDAY_NUMBERS);
const BASE = toDayNumber(date("2026-12-01"));

describe("restCalendar", () => {
  const calendar = restCalendar({
    weekdays: ["sunday"],
    periods: [
      { from: date("2026-12-20"), to: date("2027-01-02"), note: "Holidays" },
      { from: date("2026-12-31"), to: date("2027-01-06"), note: "New year" },
    ],
  });
  const n = (text: string): number => toDayNumber(date(text));

  it("makes a day a rest day on a rest weekday or inside a period, overlapping periods merged", () => {
    expect(isCalendarRest(calendar, n("2026-12-13"))).toBe(true); // a Sunday
    expect(isCalendarRest(calendar, n("2026-12-14"))).toBe(false);
    expect(isCalendarRest(calendar, n("2026-12-20"))).toBe(true);
    expect(isCalendarRest(calendar, n("2027-01-06"))).toBe(true);
    expect(isCalendarRest(calendar, n("2027-01-07"))).toBe(false);
    expect(calendar.spans).toEqual([{ from: n("2026-12-20"), to: n("2027-01-06") }]);
  });

  it("counts each rest day once: 20 Dec to 6 Jan is 18 days, and the Sundays of December before it are 13 and 6", () => {
    expect(calendarRestCount(calendar, n("2026-12-20"), n("2027-01-06"))).toBe(18);
    expect(calendarRestCount(calendar, n("2026-12-01"), n("2027-01-10"))).toBe(18 + 2 + 1);
    expect(calendarRestCount(calendar, n("2027-01-10"), n("2026-12-01"))).toBe(0);
  });

  it("gives the notes of every period that holds a day, in the config's order", () => {
    expect(periodNotes(calendar, n("2026-12-25"))).toEqual(["Holidays"]);
    expect(periodNotes(calendar, n("2027-01-01"))).toEqual(["Holidays", "New year"]);
    expect(periodNotes(calendar, n("2026-12-13"))).toEqual([]);
  });

  const restConfig = fc.record({
    weekdays: fc.subarray(NAMES),
    periods: fc.array(
      fc.record({ from: fc.integer({ min: -40, max: 80 }), length: fc.integer({ min: 0, max: 30 }) }).map(({ from, length }) => ({ from: fromDayNumber(BASE + from), to: fromDayNumber(BASE + from + length) })),
      { maxLength: 4 },
    ),
  });

  it("agrees with a day-by-day count for any weekdays, periods and range", () => {
    fc.assert(
      fc.property(restConfig, fc.integer({ min: -60, max: 100 }), fc.integer({ min: -5, max: 120 }), (rest, a, length) => {
        const cal = restCalendar(rest);
        const isRest = (day: number): boolean =>
          rest.weekdays.some((name) => WEEKDAY_NUMBERS[name] === weekdayOf(day)) || rest.periods.some((p) => toDayNumber(p.from) <= day && day <= toDayNumber(p.to));
        let count = 0;
        for (let day = BASE + a; day <= BASE + a + length; day++) {
          expect(isCalendarRest(cal, day)).toBe(isRest(day));
          if (isRest(day)) count++;
        }
        expect(calendarRestCount(cal, BASE + a, BASE + a + length)).toBe(count);
      }),
      { numRuns: 500 },
    );
  });
});

describe("walkDays with rest days", () => {
  const sundays = restCalendar({ weekdays: ["sunday"], periods: [] });

  it("is no comeback after rest days only, and counts only the missed days that are not rest before one", () => {
    const files = [
      dayFile("2026-12-04", ["Fri"]),
      dayFile("2026-12-05", [], { rest: "sick day" }), // Saturday, rest by the entry
      // Sunday 6 December is a rest day of the config; no file.
      dayFile("2026-12-07", ["Mon"]),
      // Tuesday 8 missed, Wednesday 9 rest by an entry, Thursday 10 missed.
      dayFile("2026-12-09", [], { rest: true }),
      dayFile("2026-12-11", ["Fri"]),
    ];
    const walk = walkDays(files, files.length, startOfJournal(), 1, new Set(), sundays);
    expect(walk.streakAt).toEqual([1, 0, 2, 0, 1]);
    expect(walk.comebackAt).toEqual([undefined, undefined, undefined, undefined, 2]);
    expect(walk.gaps).toEqual([2]);
    expect(walk.restDayNumbers.map(fromDayNumber)).toEqual(["2026-12-05", "2026-12-09"]);
    expect(walk.restWins).toBe(0);
  });

  it("carries the entries' rest days since the last win day from one run to the next", () => {
    const first = [dayFile("2026-11-30", ["Mon"]), dayFile("2026-11-30", [], { rest: true, slug: "b" })];
    const files = [dayFile("2026-12-01", [], { rest: "cold" }), dayFile("2026-12-02", ["Wed"])];
    const november = walkDays(first, 1, startOfJournal(), 1, new Set());
    // A rest file on a win day: a win day like any other, and a rest day with a win.
    expect(november.restWins).toBe(1);
    expect(november.to.restSince).toBe(0);
    const december = walkDays(files, 2, november.to, 1, new Set());
    expect(december.streakAt).toEqual([0, 2]);
    expect(december.comebackAt).toEqual([undefined, undefined]);
  });
});

// ---------------------------------------------------------------------------
// The pipeline against day-by-day references.

type Rest = "none" | "true" | "reason";

interface FileSpec {
  readonly offset: number;
  readonly wins: number;
  readonly part: "" | "-b";
  readonly rest: Rest;
  readonly habit: boolean;
}

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

function sourceOf(spec: FileSpec): SourceFile {
  const day = fromDayNumber(BASE + spec.offset);
  const name = `${day}${spec.part}.md`;
  const wins = Array.from({ length: spec.wins }, (_, i) => (i === 0 && spec.habit ? `  - { text: win ${i}, habit: walk, area: work }\n  - { text: gym ${i}, habit: gym }` : `  - win ${i}`));
  const rest = spec.rest === "true" ? "rest: true\n" : spec.rest === "reason" ? `rest: resting ${spec.offset}\n` : "";
  return { file: `journal/${name}`, relPath: name, bytes: enc(`---\n${wins.length ? `wins:\n${wins.join("\n")}\n` : ""}${rest}---\n`) };
}

const fileSpecs = fc.uniqueArray(
  fc.record({
    offset: fc.integer({ min: 0, max: 40 }),
    wins: fc.integer({ min: 0, max: 2 }),
    part: fc.constantFrom<"" | "-b">("", "-b"),
    rest: fc.constantFrom<Rest>("none", "none", "true", "reason"),
    habit: fc.boolean(),
  }),
  { maxLength: 16, selector: (s) => `${s.offset}${s.part}` },
);

const restConfig: fc.Arbitrary<RestConfig | undefined> = fc.option(
  fc.record({
    weekdays: fc.subarray(NAMES, { maxLength: 2 }),
    periods: fc.array(
      fc.record({ from: fc.integer({ min: -5, max: 45 }), length: fc.integer({ min: 0, max: 8 }), note: fc.option(fc.constantFrom("Holidays", "Trip"), { nil: undefined }) }).map(({ from, length, note }) => ({
        from: fromDayNumber(BASE + from),
        to: fromDayNumber(BASE + from + length),
        ...(note !== undefined ? { note } : {}),
      })),
      { maxLength: 2 },
    ),
  }),
  { nil: undefined },
);

const HABITS: Config["habits"] = { walk: { label: "Walk", target: { kind: "daily" } }, gym: { label: "Gym", target: { kind: "weekly", perWeek: 3 } } };
const configOf = (rest: RestConfig | undefined): Config => ({ ...DEFAULT_CONFIG, habits: HABITS, ...(rest ? { rest } : {}) });
const todayArb = fc.integer({ min: 15, max: 45 }).map((x) => fromDayNumber(BASE + x));

/** The journal day by day: each counted day's wins, whether it is a rest day, and the first counted day. */
function reference(specs: readonly FileSpec[], rest: RestConfig | undefined, today: IsoDate) {
  const t = toDayNumber(today);
  const wins = new Map<number, number>();
  const entryRest = new Set<number>();
  for (const s of specs) {
    const day = BASE + s.offset;
    if (day > t) continue;
    wins.set(day, (wins.get(day) ?? 0) + s.wins);
    if (s.rest !== "none") entryRest.add(day);
  }
  const first = wins.size ? Math.min(...wins.keys()) : undefined;
  const isRest = (day: number): boolean =>
    first !== undefined &&
    day >= first &&
    day <= t &&
    (entryRest.has(day) || (rest?.weekdays.some((n) => WEEKDAY_NUMBERS[n] === weekdayOf(day)) ?? false) || (rest?.periods.some((p) => toDayNumber(p.from) <= day && day <= toDayNumber(p.to)) ?? false));
  const winDays = [...wins].filter(([, n]) => n >= 1).map(([day]) => day).sort((a, b) => a - b);
  return { t, wins, winDays, first, isRest };
}

/** The comebacks, day by day: a win day after missed days that are not rest, with how many. */
function refComebacks(winDays: readonly number[], isRest: (day: number) => boolean): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < winDays.length; i++) {
    let missed = 0;
    for (let n = winDays[i - 1]! + 1; n < winDays[i]!; n++) if (!isRest(n)) missed++;
    if (missed > 0) gaps.push(missed);
  }
  return gaps;
}

const analyze = (specs: readonly FileSpec[], rest: RestConfig | undefined, today: IsoDate): SiteModel => analyzeJournal(specs.map(sourceOf), configOf(rest), today).model;

describe("the pipeline with rest days", () => {
  it("counts comebacks, rest days and the weeks' rest days as a day-by-day reading does", () => {
    fc.assert(
      fc.property(fileSpecs, restConfig, todayArb, (specs, rest, today) => {
        const model = analyze(specs, rest, today);
        const ref = reference(specs, rest, today);
        const gaps = refComebacks(ref.winDays, ref.isRest);
        expect(model.summary.comebacks).toBe(gaps.length);
        expect(model.summary.longestGapBridged).toBe(Math.max(0, ...gaps));
        expect(model.days.flatMap((d) => (d.comebackAfter === undefined ? [] : [d.comebackAfter]))).toEqual(gaps);
        let restDays = 0;
        if (ref.first !== undefined) for (let n = ref.first; n <= ref.t; n++) if (ref.isRest(n) && !ref.winDays.includes(n)) restDays++;
        expect(model.summary.restDays).toBe(restDays);
        for (const week of model.weeks) {
          const expected = week.dates.filter((d) => ref.isRest(toDayNumber(d)) && !ref.winDays.includes(toDayNumber(d)));
          expect(week.restDates).toEqual(expected);
          expect(week.winDays + week.restDates.length).toBeLessThanOrEqual(7);
        }
        expect(model.weeks.reduce((n, w) => n + w.restDates.length, 0)).toBeLessThanOrEqual(restDays);
        // Every day with entries knows it is a rest day, and only those.
        for (const day of model.days) if (!day.future) expect(day.rest !== undefined, day.date).toBe(ref.isRest(toDayNumber(day.date)));
      }),
      { numRuns: 60 },
    );
  });

  it("adding a rest day without a win never lowers a streak, never adds a comeback and changes no total", () => {
    fc.assert(
      fc.property(fileSpecs, restConfig, todayArb, fc.integer({ min: 0, max: 40 }), fc.boolean(), (specs, rest, today, offset, byConfig) => {
        const before = analyze(specs, rest, today);
        // A rest day added by an entry (a file of its own, no wins) or by the config (a one-day period).
        const day = fromDayNumber(BASE + offset);
        const added = byConfig ? specs : [...specs, { offset, wins: 0, part: "-b", rest: "true", habit: false } as const].filter((s, i, all) => all.findIndex((o) => o.offset === s.offset && o.part === s.part) === i);
        if (!byConfig && added.length === specs.length) return; // that file name is taken
        const restAfter: RestConfig = byConfig ? { weekdays: rest?.weekdays ?? [], periods: [...(rest?.periods ?? []), { from: day, to: day }] } : (rest ?? { weekdays: [], periods: [] });
        const after = analyze(added, restAfter, today);
        const a = after.summary;
        const b = before.summary;
        expect(a.longestStreak.days).toBeGreaterThanOrEqual(b.longestStreak.days);
        expect(a.neverMissTwice.days).toBeGreaterThanOrEqual(b.neverMissTwice.days);
        expect(a.currentStreak.days).toBeGreaterThanOrEqual(b.currentStreak.days);
        expect(a.comebacks).toBeLessThanOrEqual(b.comebacks);
        expect(a.longestGapBridged).toBeLessThanOrEqual(b.longestGapBridged);
        expect([a.totalWins, a.winDays, a.tasksDone, a.tasksTotal]).toEqual([b.totalWins, b.winDays, b.tasksDone, b.tasksTotal]);
        expect(after.areas.map((x) => [x.slug, x.wins, x.winDays])).toEqual(before.areas.map((x) => [x.slug, x.wins, x.winDays]));
        // The added entry may open a year of its own (a year with entries is listed), with no win in it.
        for (const y of after.years) {
          const old = before.years.find((x) => x.year === y.year);
          if (old) expect(y).toEqual(old);
          else expect([y.wins, y.winDays]).toEqual([0, 0]);
        }
        expect(before.years.every((x) => after.years.some((y) => y.year === x.year))).toBe(true);
        for (const h of after.habits) {
          const old = before.habits.find((x) => x.slug === h.slug)!;
          expect(h.total).toBe(old.total);
          expect(h.currentStreak.days, h.slug).toBeGreaterThanOrEqual(old.currentStreak.days);
          expect(h.longestStreak.days, h.slug).toBeGreaterThanOrEqual(old.longestStreak.days);
          expect(h.currentWeeks.weeks, h.slug).toBeGreaterThanOrEqual(old.currentWeeks.weeks);
          expect(h.longestWeeks.weeks, h.slug).toBeGreaterThanOrEqual(old.longestWeeks.weeks);
          // A skipped day keeps a daily habit's score where a missed day would lower it.
          if (h.target.kind === "daily") expect(h.score).toBeGreaterThanOrEqual(old.score - 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a journal whose every missed day is a rest day is one streak from its first win day", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        (winOffsets, byEntry, after) => {
          const sorted = [...winOffsets].sort((x, y) => x - y);
          const first = sorted[0]!;
          const last = sorted[sorted.length - 1]!;
          const today = fromDayNumber(BASE + last + after);
          // Each day between the first win day and today without a win: rest by its entry, or by a config period of one day.
          const specs: FileSpec[] = sorted.map((offset) => ({ offset, wins: 1, part: "", rest: "none", habit: true }));
          const periods: RestConfig["periods"][number][] = [];
          for (let offset = first + 1; offset <= last + after; offset++) {
            if (sorted.includes(offset)) continue;
            if (byEntry[offset]) specs.push({ offset, wins: 0, part: "", rest: "reason", habit: false });
            else periods.push({ from: fromDayNumber(BASE + offset), to: fromDayNumber(BASE + offset) });
          }
          const model = analyze(specs, { weekdays: [], periods }, today);
          const whole: Stretch = { days: sorted.length, from: fromDayNumber(BASE + first), to: fromDayNumber(BASE + last) };
          expect(model.summary.longestStreak).toEqual(whole);
          expect(model.summary.currentStreak).toEqual(whole);
          expect(model.summary.neverMissTwice).toEqual({ days: last - first + 1, from: whole.from, to: whole.to });
          expect(model.summary.comebacks).toBe(0);
          expect(model.summary.restDays).toBe(last + after - first + 1 - sorted.length);
          expect(model.days.filter((d) => d.isWinDay).map((d) => d.streak)).toEqual(sorted.map((_, i) => i + 1));
          // The daily habit, done on every win day, is one streak too.
          const walk = model.habits.find((h) => h.slug === "walk")!;
          expect(walk.currentStreak).toEqual(whole);
          expect(walk.longestStreak).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rest days never change the totals: the same journal with and without its rest", () => {
    fc.assert(
      fc.property(fileSpecs, restConfig, todayArb, (specs, rest, today) => {
        const withRest = analyze(specs, rest, today);
        const without = analyze(
          specs.map((s) => ({ ...s, rest: "none" })),
          undefined,
          today,
        );
        const totals = (m: SiteModel) => [m.summary.totalWins, m.summary.winDays, m.summary.tasksDone, m.summary.tasksTotal, m.years, m.areas.map((a) => a.wins), m.habits.map((h) => h.total)];
        expect(totals(withRest)).toEqual(totals(without));
        expect(without.summary.restDays).toBe(0);
        expect(withRest.weeks.map((w) => [w.week, w.wins, w.winDays])).toEqual(without.weeks.map((w) => [w.week, w.wins, w.winDays]));
      }),
      { numRuns: 40 },
    );
  });

  it("shuffling the files changes nothing", () => {
    fc.assert(
      fc.property(
        fileSpecs.chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length }))),
        restConfig,
        todayArb,
        ([specs, shuffled], rest, today) => {
          const a = analyzeJournal(specs.map(sourceOf), configOf(rest), today);
          const b = analyzeJournal(shuffled.map(sourceOf), configOf(rest), today);
          expect(b.model).toEqual(a.model);
          expect(b.diagnostics).toEqual(a.diagnostics);
        },
      ),
      { numRuns: 30 },
    );
  });
});
