/**
 * Rest days on the site (SPEC §6): day pages, week pages and the list of
 * weeks, the calendars (a pattern, in the legend and in the text), and
 * wins.json, built in memory from test/fixtures/site-rest and read with an
 * HTML parser.
 *
 * Config: Sundays are rest days, and the period 2026-12-21 to 2026-12-23
 * ("Holidays"); a daily habit `walk`, done with every win. Today Monday
 * 2026-12-28. Worked out by hand:
 *
 * | day            | week     | files                        | rest                | streak |
 * |----------------|----------|------------------------------|---------------------|--------|
 * | 2026-12-17 Thu | 2026-W51 | a win                        |                     | 1      |
 * | 2026-12-18 Fri | 2026-W51 | a win                        |                     | 2      |
 * | 2026-12-19 Sat | 2026-W51 | `rest: sick day`, no win     | by the entry        | 0      |
 * | 2026-12-20 Sun | 2026-W51 | none                         | Sunday              |        |
 * | 2026-12-21 Mon | 2026-W52 | none                         | Holidays            |        |
 * | 2026-12-22 Tue | 2026-W52 | a win                        | Holidays (won)      | 3      |
 * | 2026-12-23 Wed | 2026-W52 | private `rest: …`, no win    | Holidays, the entry | 0      |
 * | 2026-12-24 Thu | 2026-W52 | a win                        |                     | 4      |
 * | 2026-12-25 Fri | 2026-W52 | none: missed                 |                     |        |
 * | 2026-12-26 Sat | 2026-W52 | a win: comeback after 1 day  |                     | 1      |
 * | 2026-12-27 Sun | 2026-W52 | none                         | Sunday              |        |
 *
 * Rest days without a win: 19, 20, 21, 23, 27 (five). 2026-W51: 2 win days of
 * 5 (14 to 16 come before the journal's first day, so they are no rest),
 * 2 rest; 2026-W52: 3 of 4, 3 rest.
 */
import type { HTMLElement } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, fileOf, one, pageOf, statValue, textOf, textsOf, type BuiltSite } from "./helpers/site.js";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture("site-rest", "2026-12-28");
});

/** The heat map cells drawn as rest, by their titles. */
function restCells(svg: HTMLElement): string[] {
  return svg.querySelectorAll("rect.rest").map((c) => textOf(c.querySelector("title")));
}

describe("site-rest: day pages", () => {
  it("say a rest day is one, with its reason, and ask for no win", () => {
    const page = pageOf(site, "days/2026-12-19.html");
    expect(textOf(one(page, ".rest-day"))).toBe("Rest day: sick day");
    expect(textOf(one(page, "p.empty"))).toBe("No wins needed: this was a day to rest.");
  });

  it("show the period's note and never a private file's reason", () => {
    expect(textOf(one(pageOf(site, "days/2026-12-23.html"), ".rest-day"))).toBe("Rest day: Holidays");
    for (const [file, text] of site.files) expect(text.includes("a private reason"), file).toBe(false);
  });

  it("greet a win after rest days only with no comeback, and a win after a missed day with one", () => {
    const holiday = pageOf(site, "days/2026-12-22.html");
    expect(holiday.querySelector(".comeback")).toBeNull();
    expect(textOf(one(holiday, ".rest-day"))).toBe("Rest day: Holidays");
    expect(textOf(one(pageOf(site, "days/2026-12-26.html"), ".comeback"))).toMatch(/^A comeback after 1 missed day\./);
    expect(pageOf(site, "days/2026-12-18.html").querySelector(".rest-day")).toBeNull();
  });
});

describe("site-rest: weeks", () => {
  it("count win days out of the days that are not rest, and mark rest days in the strip in words too", () => {
    const page = pageOf(site, "weeks/2026-W52.html");
    const stats = one(page, "dl.stats");
    expect(textsOf(stats, "dd")).toContain("3 of 4, 3 rest");
    const strip = page.querySelectorAll(".week-strip li");
    expect(strip.map((li) => li.getAttribute("class"))).toEqual(["rest", "won", "rest", "won", "missed", "won", "rest"]);
    expect(strip.map((li) => textOf(li.querySelector(".visually-hidden")))).toEqual(["rest day", "", "rest day", "", "", "", "rest day"]);
    expect(textsOf(pageOf(site, "weeks/2026-W51.html"), "dl.stats dd")).toContain("2 of 5, 2 rest");
  });

  it("list each week's rest days in the list of weeks", () => {
    const rows = pageOf(site, "weeks/index.html").querySelectorAll("tbody tr");
    const byWeek = new Map(rows.map((r) => [textOf(r.querySelector("th")), r]));
    expect([...byWeek.keys()].sort()).toEqual(["2026-W51", "2026-W52"]);
    expect(textOf(byWeek.get("2026-W52")!.querySelectorAll("td")[2])).toBe("3/4, 3 rest");
    expect(textOf(byWeek.get("2026-W51")!.querySelectorAll("td")[2])).toBe("2/5, 2 rest");
    // Seven dots: the win days filled, the rest days striped, the others empty.
    const dots = (week: string): string[] => byWeek.get(week)!.querySelectorAll(".dots i").map((i) => i.getAttribute("class") ?? "");
    expect(dots("2026-W52")).toEqual(["on", "on", "on", "", "rest", "rest", "rest"]);
    expect(dots("2026-W51")).toEqual(["on", "on", "", "", "", "rest", "rest"]);
  });
});

describe("site-rest: calendars", () => {
  it("draw rest days with a pattern, name them in the legend and count them in the text alternative", () => {
    const page = pageOf(site, "index.html");
    const svg = one(page, "#heat-heading ~ figure svg");
    expect(svg.getAttribute("aria-label")).toBe("Wins in the last 53 weeks: 5 wins on 5 days from 2025-12-29 to 2026-12-28, and 5 rest days.");
    expect(svg.querySelector("pattern#rest-stripes")).not.toBeNull();
    // Monday 2025-12-29 to Monday 2026-12-28: 52 weeks and a day, one rect each (the pattern draws none).
    expect(svg.querySelectorAll("rect")).toHaveLength(52 * 7 + 1);
    expect(svg.querySelectorAll("rect.rest").every((c) => c.getAttribute("fill") === "url(#rest-stripes)")).toBe(true);
    expect(restCells(svg)).toEqual(["2026-12-19: rest (sick day)", "2026-12-20: rest", "2026-12-21: rest (Holidays)", "2026-12-23: rest (Holidays)", "2026-12-27: rest"]);
    // A rest day with a win is drawn as a win day.
    const holidayWin = svg.querySelectorAll("rect").find((c) => textOf(c.querySelector("title")).startsWith("2026-12-22:"));
    expect(textOf(holidayWin!.querySelector("title"))).toBe("2026-12-22: 1 win");
    expect(textOf(one(page, "#heat-heading ~ figure .legend"))).toContain("Rest");
    expect(one(page, "#heat-heading ~ figure .legend i.rest")).toBeTruthy();
  });

  it("draw the same rest days on the year's calendar, and on the habit's as skips", () => {
    expect(restCells(one(pageOf(site, "years/2026.html"), "figure.heatmap svg"))).toHaveLength(5);
    const page = pageOf(site, "habits/walk.html");
    // Done on 17, 18, 22 and 24 with only rest days between: one streak of 4; Friday 25 was missed.
    expect(statValue(page, "Longest streak")).toBe("4 days");
    expect(statValue(page, "Current streak")).toBe("1 day");
    expect(restCells(one(page, "figure.heatmap svg"))).toEqual(["2026-12-19: rest (sick day)", "2026-12-20: rest", "2026-12-21: rest (Holidays)", "2026-12-23: rest (Holidays)", "2026-12-27: rest"]);
  });

  it("draw them on a tag's calendar too, from the week of its first use (§6: every calendar)", () => {
    const page = pageOf(site, "tags/outdoors.html");
    // Tagged on 17 Dec only; its heat map runs from Monday 14 Dec to today. As on the habit's, a rest day with
    // nothing of this calendar on it is drawn as rest: 22 Dec too (a holiday with a win, but none tagged).
    expect(restCells(one(page, "figure.heatmap svg"))).toEqual(["2026-12-19: rest (sick day)", "2026-12-20: rest", "2026-12-21: rest (Holidays)", "2026-12-22: rest (Holidays)", "2026-12-23: rest (Holidays)", "2026-12-27: rest"]);
    expect(one(page, "figure .legend i.rest")).toBeTruthy();
  });

  it("leave the pattern and the legend out where there is no rest day", async () => {
    const plain = await buildFixture("site-basic", "2026-03-11");
    const page = pageOf(plain, "index.html");
    expect(page.querySelector("pattern")).toBeNull();
    expect(page.querySelector(".legend i.rest")).toBeNull();
  });
});

describe("site-rest: publish", () => {
  it("hides an entry's rest reason where notes are hidden (publish: wins), and still shows the day as rest with the config's note", async () => {
    const wins = await buildFixture("site-rest", "2026-12-28", "smallwins.wins.yaml");
    for (const [file, text] of wins.files) expect(text.includes("sick day"), file).toBe(false);
    expect(textOf(one(pageOf(wins, "days/2026-12-19.html"), ".rest-day"))).toBe("Rest day");
    expect(textOf(one(pageOf(wins, "days/2026-12-23.html"), ".rest-day"))).toBe("Rest day: Holidays");
    const data = JSON.parse(fileOf(wins, "wins.json")) as { restDays: unknown[] };
    expect(data.restDays[0]).toEqual({ date: "2026-12-19", reasons: [null], notes: [] });
  });
});

describe("site-rest: wins.json", () => {
  it("lists the rest days without a win with their reasons (a private one null) and notes, and counts them", () => {
    const data = JSON.parse(fileOf(site, "wins.json")) as {
      summary: Record<string, unknown>;
      days: { date: string; rest: unknown; comebackAfter: unknown }[];
      weeks: { week: string; restDays: number }[];
      restDays: unknown[];
    };
    expect(data.summary).toMatchObject({ currentStreak: { days: 1 }, longestStreak: { days: 4, from: "2026-12-17", to: "2026-12-24" }, restDays: 5, comebacks: 1 });
    expect(data.restDays).toEqual([
      { date: "2026-12-19", reasons: ["sick day"], notes: [] },
      { date: "2026-12-20", reasons: [], notes: [] },
      { date: "2026-12-21", reasons: [], notes: ["Holidays"] },
      { date: "2026-12-23", reasons: [null], notes: ["Holidays"] },
      { date: "2026-12-27", reasons: [], notes: [] },
    ]);
    expect(data.days.find((d) => d.date === "2026-12-22")).toMatchObject({ rest: { reasons: [], notes: ["Holidays"] }, comebackAfter: null });
    expect(data.days.find((d) => d.date === "2026-12-26")).toMatchObject({ rest: null, comebackAfter: 1 });
    expect(data.weeks.map((w) => [w.week, w.restDays])).toEqual([
      ["2026-W51", 2],
      ["2026-W52", 3],
    ]);
  });
});
