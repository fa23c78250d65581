/**
 * The memos a watch keeps between builds (model, routes, wins.json) only save
 * work: after any sequence of edits, what they give equals what a fresh
 * computation gives, and what was reused is exactly what did not change,
 * with rest days (§6) from entries and from the config among the edits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSiteModel, createModelMemo } from "../src/aggregate/site-model.js";
import { validateConfig, type Config } from "../src/config/schema.js";
import { addDays, isoWeekOf, weekSpan, type IsoDate } from "../src/model/calendar.js";
import type { DayFile, JournalFile, TagSource, WeekFile } from "../src/model/entry.js";
import type { SiteModel } from "../src/model/site.js";
import { createRouteMemo, routes } from "../src/render/routes.js";
import { createWinsJsonMemo, renderWinsJson } from "../src/render/wins-json.js";

const START = "2026-01-01" as IsoDate;
const AREAS = ["work", "health", "home"];
const HABITS = ["gym", "read"];

const config = (minWinsPerDay: number, milestones: number[], publish: "full" | "wins" | "stats" = "full", rest?: RestInput): Config => {
  const result = validateConfig(
    {
      minWinsPerDay,
      milestones,
      publish,
      ...(rest ? { rest } : {}),
      areas: { work: { label: "Work" }, health: { label: "Health" } },
      habits: { gym: { label: "Gym", target: "3/week" }, read: { label: "Read", target: "daily" } },
    },
    "smallwins.config.yaml",
    null,
  );
  if (result.diagnostics.length) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
};

const win = fc.record({
  text: fc.constantFrom<string>("Walked", "Wrote a page", "Called Mum", "Fixed the tap"),
  level: fc.integer({ min: 1, max: 5 }),
  area: fc.option(fc.constantFrom(...AREAS), { nil: undefined }),
  habit: fc.option(fc.constantFrom(...HABITS), { nil: undefined }),
});

/** A day file on one of the first 150 days of 2026, five months (a few days may share a date, or lie after today). */
const dayFile = fc.record({
  offset: fc.integer({ min: 0, max: 149 }),
  copy: fc.integer({ min: 0, max: 1 }),
  wins: fc.array(win, { maxLength: 3 }),
  mood: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  private: fc.boolean(),
  tasks: fc.integer({ min: 0, max: 2 }),
  tags: fc.array(fc.record({ name: fc.constantFrom<string>("calm", "Calm", "health", "Health/Sleep", "health/run", "café"), source: fc.constantFrom<TagSource>("tags", "win", "task", "body") }), { maxLength: 3 }),
});

type DayInput = (typeof dayFile extends fc.Arbitrary<infer T> ? T : never) & { readonly rest?: true | string };

/** A day file that may be a rest day (§6) by its front matter. */
const restDayFile = fc.tuple(dayFile, fc.constantFrom<true | string | undefined>(undefined, undefined, true, "sick")).map(([f, rest]): DayInput => (rest === undefined ? f : { ...f, rest }));

/** The config's rest days (§6): weekdays and periods within the journal's months. */
const restConfig = fc.option(
  fc.record({
    weekdays: fc.subarray(["monday", "wednesday", "saturday", "sunday"], { maxLength: 2 }),
    periods: fc.array(
      fc.record({ from: fc.integer({ min: 0, max: 150 }), length: fc.integer({ min: 0, max: 20 }), note: fc.constantFrom("Holidays", "Trip") }).map(({ from, length, note }) => ({ from: addDays(START, from), to: addDays(START, from + length), note })),
      { maxLength: 2 },
    ),
  }),
  { nil: undefined },
);
type RestInput = NonNullable<typeof restConfig extends fc.Arbitrary<infer T> ? T : never>;

function toDayFile(f: DayInput): DayFile {
  const date = addDays(START, f.offset);
  return {
    kind: "day",
    file: `journal/${date}${f.copy ? "-b" : ""}.md`,
    relPath: `${date}${f.copy ? "-b" : ""}.md`,
    date,
    wins: f.wins.map((w) => ({ text: w.text, level: w.level, source: "front-matter", at: { line: 3, column: 5 }, ...(w.area ? { area: w.area } : {}), ...(w.habit ? { habit: w.habit } : {}) })),
    planned: f.tasks > 1 ? ["Plan"] : [],
    tasksDone: Math.min(f.tasks, 1),
    tasksTotal: f.tasks,
    ...(f.mood !== undefined ? { mood: f.mood } : {}),
    tags: f.tags.map((t) => ({ ...t, at: { line: 2, column: 1 } })),
    private: f.private,
    ...(f.rest !== undefined ? { rest: f.rest } : {}),
    bodyHtml: "<p>Body</p>",
    bodyText: "Body",
    references: [],
  };
}

const weekFile = (offset: number, rating: number): WeekFile => ({
  kind: "week",
  file: `journal/${isoWeekOf(addDays(START, offset))}.md`,
  relPath: `${isoWeekOf(addDays(START, offset))}.md`,
  week: isoWeekOf(addDays(START, offset)),
  rating,
  private: false,
  bodyHtml: "<p>Fine</p>",
  bodyText: "Fine",
  references: [],
});

/** One step of a watch: files replaced (new objects), added or removed, or today or the config changed. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("put" as const), file: restDayFile }),
  fc.record({ kind: fc.constant("remove" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("week" as const), offset: fc.integer({ min: 0, max: 149 }), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("today" as const), offset: fc.integer({ min: 20, max: 160 }) }),
  fc.record({ kind: fc.constant("config" as const), min: fc.integer({ min: 1, max: 2 }), publish: fc.constantFrom<"full" | "wins" | "stats">("full", "wins", "stats"), rest: restConfig }),
);

/**
 * The model's area, habit, year and total figures, computed the obvious way:
 * one pass over every counted day. The model adds up per-month tallies instead
 * (so that an edit tallies one month again); the two must agree.
 */
function figuresOverDays(model: SiteModel): unknown {
  const counted = model.days.filter((d) => !d.future);
  interface Tally {
    wins: number;
    readonly dates: Set<string>;
    readonly byLevel: number[];
    readonly weeks: Map<string, { wins: number; highestLevel: number }>;
    readonly recent: { text: string; date: string }[];
  }
  const tally = (): Tally => ({ wins: 0, dates: new Set(), byLevel: [0, 0, 0, 0, 0], weeks: new Map(), recent: [] });
  const areas = new Map<string, Tally>();
  for (const slug of Object.keys(model.config.areas)) areas.set(slug, tally());
  const habits = new Map<string, string[]>(Object.keys(model.config.habits).map((slug) => [slug, []]));
  const years = new Map<number, number[][]>();
  for (const d of counted) {
    const year = Number(d.date.slice(0, 4));
    const months = years.get(year) ?? Array.from({ length: 12 }, () => [0, 0]);
    years.set(year, months);
    const month = months[Number(d.date.slice(5, 7)) - 1]!;
    month[0]! += d.wins.length;
    if (d.wins.length >= model.config.minWinsPerDay) month[1]!++;
    for (const w of d.wins) {
      if (w.habit) {
        const list = habits.get(w.habit) ?? [];
        habits.set(w.habit, list);
        if (list.at(-1) !== d.date) list.push(d.date);
      }
      if (!w.area) continue;
      const a = areas.get(w.area) ?? tally();
      areas.set(w.area, a);
      a.wins++;
      a.dates.add(d.date);
      a.byLevel[w.level - 1]!++;
      const week = a.weeks.get(d.week) ?? { wins: 0, highestLevel: 0 };
      a.weeks.set(d.week, { wins: week.wins + 1, highestLevel: Math.max(week.highestLevel, w.level) });
      a.recent.push({ text: w.text, date: d.date });
    }
  }
  const thisWeek = isoWeekOf(model.today);
  return {
    areas: [...areas.keys()].sort().map((slug) => {
      const a = areas.get(slug)!;
      const dates = [...a.dates];
      return {
        slug,
        wins: a.wins,
        winDays: dates.length,
        first: dates[0],
        last: dates.at(-1),
        highestLevel: a.byLevel.reduce((top, n, i) => (n > 0 ? i + 1 : top), 0),
        byLevel: a.byLevel,
        weekly: dates.length ? weekSpan(isoWeekOf(dates[0] as IsoDate), thisWeek).map((week) => ({ week, wins: a.weeks.get(week)?.wins ?? 0, highestLevel: a.weeks.get(week)?.highestLevel ?? 0 })) : [],
        recent: a.recent.slice(-10).reverse(),
      };
    }),
    habits: [...habits.keys()].sort().map((slug) => ({ slug, done: habits.get(slug)! })),
    years: [...years.keys()].sort().map((year) => {
      const months = years.get(year)!;
      return { year, wins: sum(months.map((m) => m[0]!)), winDays: sum(months.map((m) => m[1]!)), months: months.map(([wins, winDays], i) => ({ month: i + 1, wins, winDays })) };
    }),
    totals: { totalWins: sum(counted.map((d) => d.wins.length)), tasksDone: sum(counted.map((d) => d.tasksDone)), tasksTotal: sum(counted.map((d) => d.tasksTotal)), first: counted[0]?.date, last: counted.at(-1)?.date },
  };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The same figures as the model gives them. */
function figuresOfModel(model: SiteModel): unknown {
  return {
    areas: model.areas.map((a) => ({ slug: a.slug, wins: a.wins, winDays: a.winDays, first: a.first, last: a.last, highestLevel: a.highestLevel, byLevel: a.byLevel, weekly: a.weekly, recent: a.recent.map((w) => ({ text: w.text, date: w.date })) })),
    habits: model.habits.map((h) => ({ slug: h.slug, done: h.done })),
    years: model.years,
    totals: { totalWins: model.summary.totalWins, tasksDone: model.summary.tasksDone, tasksTotal: model.summary.tasksTotal, first: model.summary.first, last: model.summary.last },
  };
}

describe("the model's per-month tallies", () => {
  it("add up to what one pass over every counted day gives", () => {
    fc.assert(
      fc.property(fc.array(restDayFile, { maxLength: 80 }), fc.integer({ min: 20, max: 160 }), fc.integer({ min: 1, max: 2 }), restConfig, (inputs, todayOffset, min, rest) => {
        const files = new Map(inputs.map(toDayFile).map((f) => [f.file, f]));
        const { model } = buildSiteModel([...files.values()], config(min, [3, 7], "full", rest), addDays(START, todayOffset));
        expect(figuresOfModel(model)).toEqual(figuresOverDays(model));
      }),
      { numRuns: 300 },
    );
  });
});

describe("memos between builds", () => {
  // CPU-bound: 150 runs of up to 13 builds, each made twice with its pages. Alone on a loaded two-core machine
  // it took 50 s before tags and 61 s with them (tag pages and publish modes); the default 30 s is too tight.
  it("give the model, the pages and wins.json of a fresh build after any edits", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(restDayFile, { maxLength: 160 }), fc.array(step, { minLength: 1, maxLength: 12 }), (initial, steps) => {
        const files = new Map<string, JournalFile>();
        for (const f of initial.map(toDayFile)) files.set(f.file, f);
        let today = addDays(START, 120);
        let cfg = config(1, [3, 7]);
        const modelMemo = createModelMemo();
        const routeMemo = createRouteMemo();
        const winsMemo = createWinsJsonMemo();
        for (const s of [undefined, ...steps]) {
          if (s?.kind === "put") {
            const f = toDayFile(s.file);
            files.set(f.file, f);
          } else if (s?.kind === "remove" && files.size > 0) files.delete([...files.keys()][s.index % files.size]!);
          else if (s?.kind === "week") {
            const f = weekFile(s.offset, s.rating);
            files.set(f.file, f);
          } else if (s?.kind === "today") today = addDays(START, s.offset);
          else if (s?.kind === "config") cfg = config(s.min, [3, 7], s.publish, s.rest);
          const list = [...files.values()];
          const fresh = buildSiteModel(list, cfg, today);
          const memoized = buildSiteModel(list, cfg, today, modelMemo);
          expect(memoized).toEqual(fresh);
          // The keys known before the summaries are made are the summaries' keys.
          expect(memoized.model.keys).toEqual({ weeks: fresh.model.weeks.map((w) => w.week), areas: fresh.model.areas.map((a) => a.slug), habits: fresh.model.habits.map((h) => h.slug) });
          expect(routes(memoized.model, routeMemo)).toEqual(routes(fresh.model));
          expect(renderWinsJson(memoized.model, winsMemo)).toBe(renderWinsJson(fresh.model));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keep the summary and page objects of days an edit does not touch", () => {
    const days = Array.from({ length: 30 }, (_, i): DayFile => toDayFile({ offset: i * 2, copy: 0, wins: [{ text: "Walked", level: 1, area: "work", habit: undefined }], mood: undefined, private: false, tasks: 0, tags: [{ name: i % 2 ? "odd" : "even", source: "body" }] }));
    const cfg = config(1, [30]);
    const today = addDays(START, 80);
    const modelMemo = createModelMemo();
    const routeMemo = createRouteMemo();
    const before = buildSiteModel(days, cfg, today, modelMemo).model;
    const pagesBefore = routes(before, routeMemo);
    // The 11th file gets a second win (a new object, as a re-parse gives).
    const edited = [...days];
    edited[10] = { ...days[10]!, wins: [...days[10]!.wins, { text: "Read", level: 1, source: "front-matter", at: { line: 4, column: 5 } }] };
    const after = buildSiteModel(edited, cfg, today, modelMemo).model;
    const pagesAfter = routes(after, routeMemo);
    const changedDays = after.days.filter((d, i) => d !== before.days[i]).map((d) => d.date);
    expect(changedDays).toEqual([edited[10]!.date]);
    const dayPages = (pages: typeof pagesAfter): Map<string, unknown> => new Map(pages.filter((p) => p.template === "day").map((p) => [p.path, p]));
    const old = dayPages(pagesBefore);
    const changedPages = [...dayPages(pagesAfter)].filter(([path, page]) => old.get(path) !== page).map(([path]) => path);
    expect(changedPages).toEqual([`days/${edited[10]!.date}.html`]);
    // Its week changed; the other weeks kept their summaries.
    const changedWeeks = after.weeks.filter((w, i) => w !== before.weeks[i]).map((w) => w.week);
    expect(changedWeeks).toContain(isoWeekOf(edited[10]!.date));
    expect(changedWeeks.length).toBeLessThanOrEqual(2);
    // The edited day is tagged "even": that tag's summary and page are made again, "odd"'s are kept.
    expect(after.tags.map((t) => [t.key, t === before.tags.find((b) => b.key === t.key)])).toEqual([
      ["even", false],
      ["odd", true],
    ]);
    const tagPages = (pages: typeof pagesAfter): Map<string, unknown> => new Map(pages.filter((p) => p.template === "tag").map((p) => [p.path, p]));
    const oldTags = tagPages(pagesBefore);
    expect([...tagPages(pagesAfter)].filter(([path, page]) => oldTags.get(path) !== page).map(([path]) => path)).toEqual(["tags/even.html"]);
  });

  it("make again the weeks of changed days and the week after each (which compares with it), and keep the other weeks", () => {
    // Seven weeks of a win a day.
    const days = Array.from({ length: 49 }, (_, i): DayFile => toDayFile({ offset: i + 4, copy: 0, wins: [{ text: "Walked", level: 1, area: "work", habit: undefined }], mood: undefined, private: false, tasks: 0, tags: [] }));
    const cfg = config(1, [100]);
    const today = addDays(START, 60);
    const memo = createModelMemo();
    const model = buildSiteModel(days, cfg, today, memo).model;
    const before = model.weeks;
    // A second win on a day of the third week (a new object, as a re-parse gives).
    const edited = [...days];
    edited[17] = { ...days[17]!, wins: [...days[17]!.wins, { text: "Read", level: 1, source: "front-matter", at: { line: 4, column: 5 } }] };
    const next = buildSiteModel(edited, cfg, today, memo).model;
    const after = next.weeks;
    expect(after).toEqual(buildSiteModel(edited, cfg, today).model.weeks);
    // The days whose summaries changed: the edited one, and any a total-win milestone moved to or from.
    const changedDays = next.days.filter((d, i) => d !== model.days[i]);
    expect(changedDays.map((d) => d.date)).toContain(edited[17]!.date);
    const weeksOfChanged = new Set(changedDays.map((d) => d.week));
    const expected = after.filter((w, i) => weeksOfChanged.has(w.week) || (i > 0 && weeksOfChanged.has(after[i - 1]!.week))).map((w) => w.week);
    expect(after.filter((w, i) => w !== before[i]).map((w) => w.week)).toEqual(expected);
    // The week after the edited day's shows one win more in the week before it.
    const edit = after.findIndex((w) => w.week === isoWeekOf(edited[17]!.date));
    expect(after[edit + 1]!.change.wins).toBe(before[edit + 1]!.change.wins - 1);
  });

  it("keep the pages of a tag that list none of the edited days, and its first page while its heat map's days are the same", () => {
    // 250 days tagged `walk`, every other day: the tag has three pages, the oldest days on the third, before the heat map's year.
    const days = Array.from({ length: 250 }, (_, i): DayFile => toDayFile({ offset: i * 2, copy: 0, wins: [{ text: "Walked", level: 1, area: "work", habit: undefined }], mood: undefined, private: false, tasks: 0, tags: [{ name: "walk", source: "body" }] }));
    const cfg = config(1, [30]);
    const today = addDays(START, 510);
    const modelMemo = createModelMemo();
    const routeMemo = createRouteMemo();
    const tagPages = (pages: ReturnType<typeof routes>): Map<string, unknown> => new Map(pages.filter((p) => p.template === "tag").map((p) => [p.path, p]));
    let model = buildSiteModel(days, cfg, today, modelMemo).model;
    let before = tagPages(routes(model, routeMemo));
    expect([...before.keys()]).toEqual(["tags/walk.html", "tags/walk.page-2.html", "tags/walk.page-3.html"]);
    let edited = days;
    const changedAfter = (edit: number): string[] => {
      // Each edit is kept by the next: a day put back as it was would be one more change.
      edited = [...edited];
      // A win's words changed, not their number: a win more would move every later total milestone to another day.
      edited[edit] = { ...edited[edit]!, wins: edited[edit]!.wins.map((w) => ({ ...w, text: "Walked far" })) };
      model = buildSiteModel(edited, cfg, today, modelMemo).model;
      const pages = routes(model, routeMemo);
      expect(pages).toEqual(routes(buildSiteModel(edited, cfg, today).model));
      const after = tagPages(pages);
      const changed = [...after].filter(([path, page]) => before.get(path) !== page).map(([path]) => path);
      before = after;
      return changed;
    };
    // The 11th day is on the third page (the newest 200 are on the first two), and out of the heat map.
    expect(changedAfter(10)).toEqual(["tags/walk.page-3.html"]);
    // The 120th day is on the second page and in the heat map (its wins are counted there), so the first page is made again too.
    expect(changedAfter(119)).toEqual(["tags/walk.html", "tags/walk.page-2.html"]);
    // The newest day is on the first page only.
    expect(changedAfter(249)).toEqual(["tags/walk.html"]);
  });

  it("keep the day summaries of other months, but for the days a shifted total milestone moves to or from", () => {
    const days = Array.from({ length: 300 }, (_, i): DayFile => toDayFile({ offset: i, copy: 0, wins: [{ text: "Walked", level: 1, area: "work", habit: undefined }], mood: undefined, private: false, tasks: 0, tags: [] }));
    const cfg = config(1, [30]);
    const today = addDays(START, 320);
    const modelMemo = createModelMemo();
    const before = buildSiteModel(days, cfg, today, modelMemo).model;
    // The 11th day gets a second win: every later total is one more, so the 50th, 100th and 250th wins come a day earlier.
    const edited = [...days];
    edited[10] = { ...days[10]!, wins: [...days[10]!.wins, { text: "Read", level: 1, source: "front-matter", at: { line: 4, column: 5 } }] };
    const after = buildSiteModel(edited, cfg, today, modelMemo).model;
    expect(after).toEqual(buildSiteModel(edited, cfg, today).model);
    const changedDays = after.days.filter((d, i) => d !== before.days[i]).map((d) => d.date);
    const totalDays = (model: typeof after): string[] => model.milestones.filter((m) => m.kind === "total" && m.value > 10).map((m) => m.date);
    expect(totalDays(after)).toEqual(totalDays(before).map((d) => addDays(d as IsoDate, -1)));
    expect(changedDays.sort()).toEqual([edited[10]!.date, ...totalDays(before), ...totalDays(after)].sort());
  });

  it("writes wins.json as indented JSON with one day and one week per line", () => {
    const days = [0, 1, 3].map((offset) => toDayFile({ offset, copy: 0, wins: [{ text: 'Said "no"\nkindly', level: 2, area: "work", habit: "gym" }], mood: 4, private: false, tasks: 1, tags: [] }));
    const { model } = buildSiteModel([...days, weekFile(2, 4)], config(1, [3]), addDays(START, 10));
    const text = renderWinsJson(model);
    const data = JSON.parse(text) as { days: unknown[]; weeks: unknown[] };
    expect(data.days).toHaveLength(3);
    const lines = text.split("\n");
    for (const day of data.days) expect(lines).toContain(`    ${JSON.stringify(day)},`.replace(/,$/, day === data.days[2] ? "" : ","));
    expect(lines).toContain(`    ${JSON.stringify(data.weeks[0])}`);
    expect(lines[1]).toBe('  "version": 2,');
  });
});
