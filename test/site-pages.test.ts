/**
 * The site's pages, built in memory with the library API and read with an HTML
 * parser (§4): every page kind of a fixture journal, the feed, wins.json, and
 * a link check over the whole sample journal.
 *
 * test/fixtures/site-basic, today Wednesday 2026-03-11 (in 2026-W11), config
 * milestones [3, 5]; areas work ("Work stuff", #123456) and social ("Social
 * life"); habits walk (daily, cue "After lunch") and gym (2/week). Worked out
 * by hand:
 *
 * | day            | week     | wins | what                                                     | streak |
 * |----------------|----------|------|----------------------------------------------------------|--------|
 * | 2025-03-11 Tue | 2025-W11 | 2    | mood 3                                                   | 1      |
 * | 2026-02-28 Sat | 2026-W09 | 1    | comeback after 353 missed days                            | 1      |
 * | 2026-03-01 Sun | 2026-W09 | 1    |                                                          | 2      |
 * | 2026-03-02 Mon | 2026-W10 | 2    | work L1, walk; mood 3; 3-day streak milestone             | 3      |
 * | 2026-03-03 Tue | 2026-W10 | 3    | work L2 (level-up 1→2), gym, a checked task; mood 4       | 4      |
 * | 2026-03-04 Wed | 2026-W10 | 1    | family (not configured); 5-day streak and 10 wins         | 5      |
 * | 2026-03-05 Thu | 2026-W10 | 0    | mood 2, a body, no win                                    | 0      |
 * | 2026-03-07 Sat | 2026-W10 | 2    | comeback after 2 missed days; gym                         | 1      |
 * | 2026-03-08 Sun | 2026-W10 | 1    |                                                          | 2      |
 * | 2026-03-09 Mon | 2026-W11 | 1    | social L3 (level-up 1→3); mood 5                          | 3      |
 * | 2026-03-10 Tue | 2026-W11 | 2    | walk; mood 4                                             | 4      |
 * | 2026-03-20 Fri | 2026-W12 | (1)  | after today: shown, counted nowhere; area hobby, habit read | 0    |
 *
 * Totals: 16 wins on 10 win days; current streak 4 (03-07 to 03-10, today has
 * no entry yet); longest 5 (02-28 to 03-04); never-miss-twice 02-28 to 03-04,
 * which SPEC §5 counts as 5 calendar days, both ends included (the two missed
 * days 03-05 and 03-06 break it); 2 comebacks, longest gap bridged 353.
 * Weeks: 2025-W11 2 wins on 1 day; 2026-W09 2 on 2; 2026-W10 9 on 5 (+7 wins,
 * +3 win days; best day 03-03; mood (3+4+2)/3 = 3; tasks 1 of 2; reflection
 * rating 4, focus social); 2026-W11 3 on 2 (−6, −3; best 03-10; mood 4.5; no
 * reflection: prompts).
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import type { HTMLElement } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { indexProblems, loadClient } from "./helpers/search.js";
import {
  REPO,
  buildFixture,
  buildProject,
  charts,
  fileOf,
  linkProblems,
  linksNamed,
  one,
  pageOf,
  parseAtom,
  statValue,
  textOf,
  textsOf,
  type BuiltSite,
} from "./helpers/site.js";

const TODAY = "2026-03-11";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture("site-basic", TODAY);
});

/** How a week strip draws a day: won, missed, or ahead (today and later: not over yet). */
function dayState(li: HTMLElement): string {
  const states = (li.getAttribute("class") ?? "").split(/\s+/).filter((c) => ["won", "missed", "ahead"].includes(c));
  expect(states, li.outerHTML).toHaveLength(1);
  return states[0]!;
}

/** The 2/week habit's strength in whole percent, as the model computed it. */
const gymPercent = (): number => Math.round(site.result.model.habits.find((h) => h.slug === "gym")!.score * 100);

describe("site-basic: the files of the site", () => {
  it("has one page per day, week, area, habit and year, the fixed pages, and the search files", () => {
    // The first letters of the published words: one term shard each in an index this small.
    const terms = "a b c d e f g i k l m n o p r s t u w y".split(" ");
    const days = ["2025-03-11", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-20"];
    expect([...site.files.keys()].sort()).toEqual(
      [
        "index.html",
        ...days.map((d) => `days/${d}.html`),
        "weeks/index.html",
        "weeks/2025-W11.html",
        "weeks/2026-W09.html",
        "weeks/2026-W10.html",
        "weeks/2026-W11.html",
        "areas/index.html",
        "areas/family.html",
        "areas/social.html",
        "areas/work.html",
        "habits/index.html",
        "habits/gym.html",
        "habits/walk.html",
        "years/2025.html",
        "years/2026.html",
        "tags/index.html",
        "tags/focus.html",
        "tags/shipping.html",
        "milestones.html",
        "search.html",
        "404.html",
        "feed.xml",
        "wins.json",
        "style.css",
        // The search client, the index's directory, and one text file per month with published text.
        "search/boot.js",
        "search/search.js",
        "search/index.js",
        "search/months/2025-03.js",
        "search/months/2026-02.js",
        "search/months/2026-03.js",
        ...terms.map((t) => `search/terms/${t}.js`),
      ].sort(),
    );
  });

  it("builds with warnings only (an unconfigured area, a future entry), and renders", () => {
    expect(site.result.rendered).toBe(true);
    expect(site.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(site.result.diagnostics.map((d) => d.message)).toEqual([
      "area `family` is not in the config",
      "dated after today (2026-03-11): shown, but counted in no number until the day comes",
      "area `hobby` is not in the config",
      "habit `read` is not in the config",
    ]);
  });

  it("links every page to the stylesheet and the feed from its own depth, and marks the current section", () => {
    for (const [file, root, current] of [
      ["index.html", "", "Today"],
      ["days/2026-03-03.html", "../", null],
      ["weeks/2026-W10.html", "../", "Weeks"],
      ["areas/work.html", "../", "Areas"],
      ["habits/index.html", "../", "Habits"],
      ["milestones.html", "", "Milestones"],
    ] as const) {
      const page = pageOf(site, file);
      expect(one(page, 'link[rel="stylesheet"]').getAttribute("href"), file).toBe(`${root}style.css`);
      expect(one(page, 'link[rel="alternate"]').getAttribute("href"), file).toBe(`${root}feed.xml`);
      expect(one(page, 'link[rel="alternate"]').getAttribute("type")).toBe("application/atom+xml");
      expect(one(page, "a.brand").getAttribute("href"), file).toBe(`${root}index.html`);
      expect(textsOf(page, 'nav[aria-label="Site"] a[aria-current="page"]'), file).toEqual(current === null ? [] : [current]);
      expect(textOf(page.querySelector("footer")), file).toBe("Test wins · Alex · made with smallwins");
    }
  });

  it("titles pages by what they show, then the site", () => {
    const title = (file: string) => textOf(pageOf(site, file).querySelector("title"));
    expect(title("index.html")).toBe("Test wins");
    expect(title("days/2026-03-03.html")).toBe("Tuesday 3 March 2026 · Test wins");
    expect(title("weeks/2026-W10.html")).toBe("Week 2026-W10 · Test wins");
    expect(title("areas/work.html")).toBe("Work stuff · Test wins");
    expect(title("habits/walk.html")).toBe("Daily walk · Test wins");
    expect(title("years/2026.html")).toBe("2026 · Test wins");
    expect(title("404.html")).toBe("Page not found · Test wins");
  });
});

describe("site-basic: index.html", () => {
  it("shows the current and longest streak, total wins, win days, comebacks and never-miss-twice", () => {
    const page = pageOf(site, "index.html");
    expect(textOf(one(page, ".hero h1"))).toBe("4 days in a row");
    expect(textOf(one(page, ".streak-number"))).toBe("4");
    const hero = one(page, ".hero");
    expect(statValue(hero, "Longest streak")).toBe("5 days");
    expect(statValue(hero, "Total wins")).toBe("16");
    expect(statValue(hero, "Win days")).toBe("10");
    expect(statValue(hero, "Comebacks")).toBe("2");
    expect(statValue(hero, "Never missed twice")).toBe("5 days");
    expect(textOf(one(hero, ".eyebrow"))).toBe("Wednesday 11 March 2026");
  });

  it("names the next milestones with how far they are", () => {
    expect(textOf(one(pageOf(site, "index.html"), ".next-milestone"))).toBe("Next milestone: a 5-day streak, 1 day to go; 50 wins, 34 wins to go.");
  });

  it("draws a 53-week heat map as an SVG image with a text alternative, one cell per day up to today", () => {
    const page = pageOf(site, "index.html");
    const svg = one(page, "#heat-heading ~ figure svg");
    const alt = "Wins in the last 53 weeks: 16 wins on 10 days from 2025-03-10 to 2026-03-11.";
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe(alt);
    expect(textOf(svg.querySelector("title"))).toBe(alt);
    expect(textOf(one(page, "#heat-heading ~ figure figcaption"))).toContain(alt);
    const cells = svg.querySelectorAll("rect");
    // Monday 2025-03-10 to Wednesday 2026-03-11: 52 full weeks and 3 days.
    expect(cells).toHaveLength(52 * 7 + 3);
    expect(new Set(cells.map((c) => c.getAttribute("x"))).size).toBe(53);
    const cell = (date: string) => {
      const found = cells.filter((c) => textOf(c.querySelector("title")).startsWith(`${date}:`));
      expect(found, date).toHaveLength(1);
      return { shade: found[0]!.getAttribute("class"), label: textOf(found[0]!.querySelector("title")) };
    };
    expect(cell("2025-03-10")).toEqual({ shade: "h0", label: "2025-03-10: no wins" });
    expect(cell("2025-03-11")).toEqual({ shade: "h2", label: "2025-03-11: 2 wins" });
    expect(cell("2026-03-03")).toEqual({ shade: "h3", label: "2026-03-03: 3 wins" });
    expect(cell("2026-03-04")).toEqual({ shade: "h1", label: "2026-03-04: 1 win" });
    expect(cell("2026-03-05")).toEqual({ shade: "h0", label: "2026-03-05: no wins" });
    expect(cell("2026-03-11")).toEqual({ shade: "h0", label: "2026-03-11: no wins" });
    expect(cells.some((c) => textOf(c).startsWith("2026-03-12"))).toBe(false);
    expect(linksNamed(page, "2026")).toEqual(["years/2026.html"]);
    expect(linksNamed(page, "2025")).toEqual(["years/2025.html"]);
  });

  it("shows this week so far against last week, today and later days not yet missed", () => {
    const card = one(pageOf(site, "index.html"), 'section[aria-labelledby="week-heading"]');
    expect(textOf(one(card, "h2"))).toBe("This week Mon 9 Mar – Sun 15 Mar");
    expect(textOf(one(card, ".big-line"))).toBe("3 wins on 2 of 7 days");
    // After the week's own numbers; a drop in kind words and no warning colour (docs/site.md, Decisions).
    expect(textOf(one(card, ".change"))).toBe("6 fewer than last week (9) — every win counts");
    expect(one(card, ".big-line + .change").getAttribute("class")).toBe("change down");
    const strip = card.querySelectorAll(".week-strip li");
    expect(strip.map(dayState)).toEqual(["won", "won", "ahead", "ahead", "ahead", "ahead", "ahead"]);
    expect(strip.map((li) => textOf(li.querySelector(".count")))).toEqual(["1", "2", "·", "·", "·", "·", "·"]);
    expect(strip.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual(["days/2026-03-09.html", "days/2026-03-10.html", null, null, null, null, null]);
    expect(linksNamed(card, "Week 2026-W11")).toEqual(["weeks/2026-W11.html"]);
    expect(linksNamed(card, "all weeks")).toEqual(["weeks/index.html"]);
  });

  it("lists the 8 most recent wins, newest day first, with their chips", () => {
    const items = pageOf(site, "index.html").querySelectorAll('section[aria-labelledby="recent-heading"] li.win');
    expect(items.map((li) => textOf(li.querySelector(".win-text")))).toEqual([
      "Tidy desk",
      "Evening walk",
      "Led the standup",
      "Walk in the park",
      "Back at it",
      "Gym session two",
      "Called mum",
      "Shipped the small fix",
    ]);
    const standup = items[2]!;
    expect(textsOf(standup, ".chip")).toEqual(["Social life", "Level 3", "Mon 9 Mar"]);
    expect(standup.querySelectorAll("a.chip").map((a) => a.getAttribute("href"))).toEqual(["areas/social.html", "days/2026-03-09.html"]);
    expect(textsOf(items[1]!, ".chip")).toEqual(["Daily walk", "Tue 10 Mar"]);
    expect(one(items[1]!, "a.habit-chip").getAttribute("href")).toBe("habits/walk.html");
  });

  it("lists the areas with their wins and levels", () => {
    const items = pageOf(site, "index.html").querySelectorAll(".area-list li");
    expect(items.map((li) => textOf(li))).toEqual(["family 1 win", "Social life 1 win · level 3", "Work stuff 2 wins · level 2"]);
    expect(items.map((li) => li.querySelector("a")!.getAttribute("href"))).toEqual(["areas/family.html", "areas/social.html", "areas/work.html"]);
    expect(items[2]!.getAttribute("style")).toBe("--area: #123456");
  });

  it("draws the mood trend by date, with a date axis, a 1 to 5 scale and a text alternative", () => {
    const page = pageOf(site, "index.html");
    const mood = one(page, ".line-chart svg");
    // Moods of the days with one, oldest first: 3 (2025-03-11), 3, 4, 2, 5, 4 (2026-03-02, 03, 05, 09, 10).
    const alt = "Mood over the last 6 entries, on a scale of 1 to 5: from 3 on 11 Mar 2025 to 4 on 10 Mar 2026; lowest 2 on 5 Mar 2026, highest 5 on 9 Mar 2026.";
    expect(mood.getAttribute("role")).toBe("img");
    expect(mood.getAttribute("aria-label")).toBe(alt);
    expect(textOf(mood.querySelector("title"))).toBe(alt);
    // Across by date: 2025-03-11 to 2026-03-10 is 364 days, and 2026-03-02 is day 356 (978 of 1000).
    // Down in pixels: 5 at 8, 1 at 96, 22 a step.
    expect(one(mood, "path.line").getAttribute("d")).toBe("M0 52 L978 52 L980.8 30 L986.3 74 L997.3 8 L1000 30");
    // Both ends carry the year; no month name fits between them on a 210 px plot.
    expect(textsOf(mood, "text.line-axis")).toEqual(["1", "2", "3", "4", "5", "11 Mar 2025", "10 Mar 2026"]);
    expect(textOf(one(mood, "circle title"))).toBe("2026-03-10: mood 4");
    expect(one(mood, "circle").getAttribute("cx")).toBe("100%");
  });

  it("shows each habit's strength", () => {
    const items = pageOf(site, "index.html").querySelectorAll(".habit-list li");
    // walk: daily, done 03-02 and 03-10: 8 % (worked out under wins.json below). The
    // weekly habit's score is the aggregate module's business: the page shows it as computed.
    const gym = gymPercent();
    expect(items.map((li) => textOf(li))).toEqual([`Gym visits ${gym}% · 1 week`, "Daily walk 8% · 1 day"]);
    expect(items.map((li) => li.querySelector(".meter")!.getAttribute("aria-label"))).toEqual([`strength ${gym}%`, "strength 8%"]);
  });

  it("shows on this day the same date of earlier years", () => {
    const section = one(pageOf(site, "index.html"), 'section[aria-labelledby="otd-heading"]');
    expect(textsOf(section, "li")).toEqual(["1 year ago: 2 wins, like “Last year win A”"]);
    expect(linksNamed(section, "1 year ago")).toEqual(["days/2025-03-11.html"]);
  });

  it("has no on-this-day section when no earlier year has the date", async () => {
    const other = await buildFixture("site-basic", "2026-03-12");
    expect(pageOf(other, "index.html").querySelector("#otd-heading")).toBeNull();
  });
});

describe("site-basic: day pages", () => {
  it("shows the wins with area, level and habit chips, mood, did-well, notes, planned tasks and tags", () => {
    const page = pageOf(site, "days/2026-03-03.html");
    expect(textOf(one(page, "h1"))).toBe("Tuesday 3 March 2026");
    expect(textOf(one(page, ".lede"))).toBe("3 wins · day 4 of a streak · mood 4/5");
    const wins = page.querySelectorAll("#wins-heading ~ ul li.win");
    expect(wins.map((li) => textOf(li.querySelector(".win-text")))).toEqual(["Shipped the small fix", "Gym session one", "Filed the expense report"]);
    expect(textsOf(wins[0]!, ".chip")).toEqual(["Work stuff", "Level 2"]);
    expect(one(wins[0]!, "a.area-chip").getAttribute("href")).toBe("../areas/work.html");
    expect(one(wins[0]!, ".level-chip").getAttribute("title")).toBe("Level 2 of 5");
    expect(wins[0]!.getAttribute("style")).toBe("--area: #123456");
    expect(textsOf(wins[1]!, ".chip")).toEqual(["Gym visits"]);
    expect(one(wins[1]!, "a.habit-chip").getAttribute("href")).toBe("../habits/gym.html");
    expect(textsOf(wins[2]!, ".chip")).toEqual([]);
    expect(textsOf(page, "blockquote.did-well")).toEqual(["Kept the scope small"]);
    expect(textsOf(page, ".planned li")).toEqual(["Call the plumber"]);
    expect(textsOf(page, ".tags .chip")).toEqual(["focus", "shipping"]);
  });

  it("renders the Markdown body as HTML", () => {
    const prose = one(pageOf(site, "days/2026-03-03.html"), ".body .prose");
    expect(textOf(one(prose, "strong"))).toBe("bold words");
    expect(linksNamed(prose, "reference")).toEqual(["https://example.org/ref"]);
    expect(prose.querySelectorAll("li.task-list-item").map((li) => [textOf(li), li.querySelector("input")!.hasAttribute("checked")])).toEqual([
      ["Filed the expense report", true],
      ["Call the plumber", false],
    ]);
  });

  it("links the previous and next day and the week", () => {
    const pager = one(pageOf(site, "days/2026-03-03.html"), "nav.pager");
    expect(one(pager, 'a[rel="prev"]').getAttribute("href")).toBe("2026-03-02.html");
    expect(one(pager, 'a[rel="next"]').getAttribute("href")).toBe("2026-03-04.html");
    expect(linksNamed(pager, "Week 2026-W10")).toEqual(["../weeks/2026-W10.html"]);
    expect(linksNamed(pageOf(site, "days/2026-03-03.html"), "Week 2026-W10")).toEqual(["../weeks/2026-W10.html", "../weeks/2026-W10.html"]);
    // Across a gap of a year and at the ends of the journal.
    const first = one(pageOf(site, "days/2025-03-11.html"), "nav.pager");
    expect(first.querySelector('a[rel="prev"]')).toBeNull();
    expect(one(first, 'a[rel="next"]').getAttribute("href")).toBe("2026-02-28.html");
    const last = one(pageOf(site, "days/2026-03-20.html"), "nav.pager");
    expect(one(last, 'a[rel="prev"]').getAttribute("href")).toBe("2026-03-10.html");
    expect(last.querySelector('a[rel="next"]')).toBeNull();
  });

  it("celebrates a level-up", () => {
    expect(textsOf(pageOf(site, "days/2026-03-03.html"), ".celebrate")).toEqual(["Level up in Work stuff: level 1 → 2"]);
    expect(textsOf(pageOf(site, "days/2026-03-09.html"), ".celebrate")).toEqual(["Level up in Social life: level 1 → 3"]);
  });

  it("celebrates milestones reached that day", () => {
    expect(textsOf(pageOf(site, "days/2026-03-02.html"), ".celebrate.milestone")).toEqual(["Milestone: 3-day streak!"]);
    expect(textsOf(pageOf(site, "days/2026-03-04.html"), ".celebrate.milestone")).toEqual(["Milestone: 5-day streak!", "Milestone: 10 wins!"]);
    expect(textOf(one(pageOf(site, "days/2026-03-04.html"), ".lede"))).toBe("1 win · day 5 of a streak");
  });

  it("celebrates a comeback with the number of missed days", () => {
    expect(textsOf(pageOf(site, "days/2026-03-07.html"), ".celebrate")).toEqual(["A comeback after 2 missed days. Returning is the win that matters most."]);
    expect(textsOf(pageOf(site, "days/2026-02-28.html"), ".celebrate")).toEqual(["A comeback after 353 missed days. Returning is the win that matters most."]);
    expect(textsOf(pageOf(site, "days/2026-03-08.html"), ".celebrate")).toEqual([]);
  });

  it("shows a day without wins kindly, with its mood and notes", () => {
    const page = pageOf(site, "days/2026-03-05.html");
    expect(textOf(one(page, ".lede"))).toBe("0 wins · mood 2/5");
    expect(textOf(one(page, ".empty"))).toBe("No wins written on this day.");
    expect(textOf(one(page, ".prose"))).toBe("A slow day, nothing to note.");
  });

  it("shows an entry after today, without links to pages that do not exist", () => {
    const page = pageOf(site, "days/2026-03-20.html");
    expect(textOf(one(page, ".notice"))).toBe("This entry is dated after today, so it counts in no number yet.");
    expect(textsOf(page, ".win-text")).toEqual(["Planned ahead"]);
    // 2026-W12, the area "hobby" and the habit "read" have no page: no counted entry uses them.
    expect(textsOf(page, ".win .chip")).toEqual(["hobby", "read"]);
    expect(page.querySelectorAll(".win a")).toHaveLength(0);
    expect(textOf(one(page, ".eyebrow"))).toBe("Week 2026-W12");
    expect(one(page, ".eyebrow").querySelector("a")).toBeNull();
    expect(linksNamed(page, "Week 2026-W12")).toEqual([]);
  });
});

describe("site-basic: week pages", () => {
  it("summarizes a week: wins, win days, change, mood, tasks, best day", () => {
    const page = pageOf(site, "weeks/2026-W10.html");
    expect(textOf(one(page, "h1"))).toBe("Week 2026-W10");
    expect(textOf(one(page, ".lede"))).toBe("Mon 2 Mar – Sun 8 Mar · felt 4/5");
    expect(statValue(page, "Wins")).toBe("9 +7");
    expect(statValue(page, "Win days")).toBe("5 of 7");
    expect(statValue(page, "Average mood")).toBe("3/5");
    expect(statValue(page, "Tasks done")).toBe("1 of 2 (50%)");
    expect(statValue(page, "Best day")).toBe("Tue 3 Mar (3 wins)");
    expect(linksNamed(page, "Tue 3 Mar")).toEqual(["../days/2026-03-03.html"]);
    expect(textOf(one(page, "dl.stats + p.muted"))).toBe("Against the week before (2026-W09): 7 more wins, 3 more win days.");
  });

  it("draws the seven days, linking those with an entry", () => {
    const strip = pageOf(site, "weeks/2026-W10.html").querySelectorAll(".week-strip li");
    expect(strip.map((li) => [dayState(li), textOf(li)])).toEqual([
      ["won", "Mon2"],
      ["won", "Tue3"],
      ["won", "Wed1"],
      ["missed", "Thu·"],
      ["missed", "Fri·"],
      ["won", "Sat2"],
      ["won", "Sun1"],
    ]);
    expect(strip.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual([
      "../days/2026-03-02.html",
      "../days/2026-03-03.html",
      "../days/2026-03-04.html",
      "../days/2026-03-05.html",
      null,
      "../days/2026-03-07.html",
      "../days/2026-03-08.html",
    ]);
  });

  it("shows wins by area and the week's highlights", () => {
    const page = pageOf(site, "weeks/2026-W10.html");
    expect(textsOf(page, ".area-bars li")).toEqual(["Work stuff2", "family1"]);
    expect(textsOf(page, "#highlights-heading ~ .celebrate")).toEqual([
      "Milestone: 3-day streak on 2026-03-02",
      "Milestone: 5-day streak on 2026-03-04",
      "Milestone: 10 wins on 2026-03-04",
      "Level up in Work stuff to level 2: “Shipped the small fix”",
      "A comeback on 2026-03-07",
    ]);
  });

  it("shows the reflection's text and next week's focus", () => {
    const section = one(pageOf(site, "weeks/2026-W10.html"), 'section[aria-labelledby="reflection-heading"]');
    expect(textOf(one(section, ".prose"))).toBe("Reflection text for week ten: the comeback mattered.");
    expect(textOf(one(section, ".prose em"))).toBe("comeback");
    expect(section.querySelector(".prompts")).toBeNull();
    expect(linksNamed(section, "Social life")).toEqual(["../areas/social.html"]);
  });

  it("asks the reflection prompts for a week without a reflection", () => {
    const page = pageOf(site, "weeks/2026-W11.html");
    expect(statValue(page, "Wins")).toBe("3 −6");
    expect(statValue(page, "Win days")).toBe("2 of 7");
    expect(statValue(page, "Average mood")).toBe("4.5/5");
    expect(statValue(page, "Best day")).toBe("Tue 10 Mar (2 wins)");
    expect(textOf(one(page, "dl.stats + p.muted"))).toBe("Against the week before (2026-W10): 6 fewer wins, 3 fewer win days.");
    expect(textsOf(page, ".prompts li")).toEqual(["What went well this week, and why?", "What got in the way?", "What is one small step for next week?"]);
    expect(page.querySelector(".prose")).toBeNull();
    // Wednesday 11 March is today, and the days after it have not come yet.
    expect(page.querySelectorAll(".week-strip li").map(dayState)).toEqual(["won", "won", "ahead", "ahead", "ahead", "ahead", "ahead"]);
  });

  it("links the previous and next week", () => {
    const pager = one(pageOf(site, "weeks/2026-W10.html"), "nav.pager");
    expect(one(pager, 'a[rel="prev"]').getAttribute("href")).toBe("2026-W09.html");
    expect(one(pager, 'a[rel="next"]').getAttribute("href")).toBe("2026-W11.html");
    expect(linksNamed(pager, "All weeks")).toEqual(["index.html"]);
  });

  it("lists every week newest first, with wins, win days, change and reflection", () => {
    const rows = pageOf(site, "weeks/index.html").querySelectorAll("tbody tr");
    expect(rows.map((tr) => tr.querySelectorAll("th, td").map((c) => textOf(c)))).toEqual([
      ["2026-W11", "Mon 9 Mar – Sun 15 Mar", "3", "2/7", "−6", "— · level-up"],
      ["2026-W10", "Mon 2 Mar – Sun 8 Mar", "9", "5/7", "+7", "written · 4/5 · level-up · milestone"],
      ["2026-W09", "Mon 23 Feb – Sun 1 Mar", "2", "2/7", "+2", "—"],
      ["2025-W11", "Mon 10 Mar – Sun 16 Mar", "2", "1/7", "+2", "—"],
    ]);
    expect(rows.map((tr) => tr.querySelector("a")!.getAttribute("href"))).toEqual(["2026-W11.html", "2026-W10.html", "2026-W09.html", "2025-W11.html"]);
    // Only a rise is coloured (docs/site.md, Decisions).
    expect(rows.map((tr) => tr.querySelector("td.change")!.getAttribute("class"))).toEqual(["change down", "change up", "change up", "change up"]);
  });
});

describe("site-basic: area pages", () => {
  it("lists the areas with wins, days and highest level", () => {
    const cards = pageOf(site, "areas/index.html").querySelectorAll("li.card");
    expect(cards.map((c) => [textOf(c.querySelector("h2")), textOf(c.querySelector("p")), c.querySelector(".level-track")!.getAttribute("aria-label")])).toEqual([
      ["family", "1 win on 1 day", "highest level 1 of 5"],
      ["Social life", "1 win on 1 day", "highest level 3 of 5"],
      ["Work stuff", "2 wins on 2 days", "highest level 2 of 5"],
    ]);
    expect(cards.map((c) => c.querySelector("a")!.getAttribute("href"))).toEqual(["family.html", "social.html", "work.html"]);
  });

  it("shows an area's progress, level chart, level-ups and recent wins", () => {
    const page = pageOf(site, "areas/work.html");
    expect(textOf(one(page, "h1"))).toBe("Work stuff");
    expect(textOf(one(page, ".lede"))).toBe("2 wins on 2 days since 2026-03-02");
    expect(statValue(page, "Highest level")).toBe("2/5");
    expect(statValue(page, "Level-ups")).toBe("1");
    expect(statValue(page, "Last win")).toBe("2026-03-03");
    const [chart] = charts(page);
    const alt = "Wins in Work stuff per week over the last 2 weeks; the shade shows the highest level reached that week.";
    expect(chart).toEqual({ role: "img", label: alt, title: alt });
    expect(page.querySelectorAll(".bar-chart rect").map((r) => [r.getAttribute("class"), textOf(r)])).toEqual([
      ["bar l2", "2026-W10: 2 wins, up to level 2"],
      ["bar l0", "2026-W11: 0 wins"],
    ]);
    expect(page.querySelectorAll(".levels li").map((li) => textOf(li.querySelector(".n")))).toEqual(["1", "1", "0", "0", "0"]);
    expect(textsOf(page, "#ups-heading + .timeline li")).toEqual(["L2 2026-03-03: Shipped the small fix"]);
    expect(textsOf(page, "#recent-heading + .wins .win-text")).toEqual(["Shipped the small fix", "Spoke up in planning"]);
  });
});

describe("site-basic: habit pages", () => {
  it("lists the habits with target, cue, strength and streaks", () => {
    const cards = pageOf(site, "habits/index.html").querySelectorAll("li.card");
    expect(cards.map((c) => c.querySelectorAll("h2, p").map((el) => textOf(el)))).toEqual([
      ["Gym visits", "2 days a week", `${gymPercent()}%`, "Streak: 1 week · best 1 week"],
      ["Daily walk", "every day · After lunch", "8%", "Streak: 1 day · best 1 day"],
    ]);
  });

  it("shows a daily habit's streaks, score curve and calendar", () => {
    const page = pageOf(site, "habits/walk.html");
    expect(textOf(one(page, "h1"))).toBe("Daily walk");
    expect(textOf(one(page, ".lede"))).toBe("Target: every day · cue: After lunch");
    expect(statValue(page, "Strength")).toBe("8%");
    expect(statValue(page, "Current streak")).toBe("1 day");
    expect(statValue(page, "Longest streak")).toBe("1 day");
    expect(statValue(page, "Times done")).toBe("2");
    const [score, calendar] = charts(page);
    expect(score?.role).toBe("img");
    // Each week's score is the one on its Sunday, or today: W10 ends on 8 March, W11 is today's.
    expect(score?.label).toMatch(/^Habit strength per week, from 0% to 100%: from \d+% on 8 Mar to 8% on 11 Mar\.$/);
    // The dates: both ends and the Monday between them.
    expect(textsOf(page, ".line-chart text.line-axis")).toEqual(["0%", "50%", "100%", "8 Mar", "9 Mar", "11 Mar"]);
    expect(calendar).toEqual({
      role: "img",
      label: "Daily walk over the last 26 weeks: done on 2 days from 2025-09-11 to 2026-03-11.",
      title: "Daily walk over the last 26 weeks: done on 2 days from 2025-09-11 to 2026-03-11.",
    });
  });

  it("shows a weekly habit's recent weeks against its target", () => {
    const page = pageOf(site, "habits/gym.html");
    expect(statValue(page, "Current streak")).toBe("1 week");
    expect(statValue(page, "Times done")).toBe("2");
    expect(textsOf(page, "#weeks-heading + ul li")).toEqual(["2026-W11: 0 of 2", "2026-W10: 2 of 2 ✓"]);
  });
});

describe("site-basic: year pages, milestones, 404, style.css", () => {
  it("shows a year's heat map and month totals", () => {
    const page = pageOf(site, "years/2026.html");
    expect(textOf(one(page, "h1"))).toBe("2026");
    expect(textOf(one(page, ".lede"))).toBe("14 wins on 9 win days");
    const rows = page.querySelectorAll("tbody tr").map((tr) => tr.querySelectorAll("th, td").map((c) => textOf(c)));
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 4)).toEqual([
      ["January", "0", "0"],
      ["February", "1", "1"],
      ["March", "13", "8"],
      ["April", "0", "0"],
    ]);
    const heat = "Wins in 2026: 14 wins on 9 days from 2026-01-01 to 2026-03-11.";
    const months = "Wins per month in 2026: Jan 0, Feb 1, Mar 13, Apr 0, May 0, Jun 0, Jul 0, Aug 0, Sep 0, Oct 0, Nov 0, Dec 0.";
    expect(charts(page)).toEqual([
      { role: "img", label: heat, title: heat },
      { role: "img", label: months, title: months },
    ]);
    expect(page.querySelectorAll(".heatmap rect")).toHaveLength(31 + 28 + 11);
    expect(linksNamed(page, "2025")).toEqual(["2025.html"]);
    expect(textOf(one(pageOf(site, "years/2025.html"), ".lede"))).toBe("2 wins on 1 win day");
  });

  it("lists every milestone and level-up with its date, newest first", () => {
    const page = pageOf(site, "milestones.html");
    expect(textOf(one(page, ".next-milestone"))).toBe("Next: a 5-day streak (now 4 days); 50 wins (now 16).");
    expect(textsOf(page, "#reached-heading + ol li")).toEqual(["★ 10 wins on 2026-03-04", "↑ 5-day streak on 2026-03-04", "↑ 3-day streak on 2026-03-02"]);
    expect(page.querySelectorAll("#reached-heading + ol li a").map((a) => a.getAttribute("href"))).toEqual(["days/2026-03-04.html", "days/2026-03-04.html", "days/2026-03-02.html"]);
    expect(textsOf(page, "#ups-heading + ol li")).toEqual(["L3 Social life on 2026-03-09: Led the standup", "L2 Work stuff on 2026-03-03: Shipped the small fix"]);
  });

  it("has a 404 page that links home from the top of the site", () => {
    const page = pageOf(site, "404.html");
    expect(textOf(one(page, "h1"))).toBe("Page not found");
    expect(linksNamed(page, "front page")).toEqual(["index.html"]);
    expect(one(page, 'link[rel="stylesheet"]').getAttribute("href")).toBe("style.css");
  });

  it("ships the built-in stylesheet, which loads nothing from outside", async () => {
    const css = fileOf(site, "style.css");
    expect(css).toBe(await readFile(path.join(REPO, "templates", "style.css"), "utf8"));
    expect(css).not.toMatch(/@import/i);
    expect(css).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(css).toMatch(/prefers-color-scheme:\s*dark/);
  });
});

describe("site-basic: feed.xml", () => {
  it("is a well-formed Atom feed of the win days and reflections, newest first, with relative links", () => {
    const feed = parseAtom(fileOf(site, "feed.xml"));
    expect(feed.title).toBe("Test wins");
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feed.updated).toBe("2026-03-10T00:00:00Z");
    expect(feed.authorName).toBe("Alex");
    expect(feed.links).toEqual([{ rel: "alternate", href: "index.html" }]);
    // The 10 counted days with wins (not 03-05 without wins, not 03-20 after today) and the W10 reflection.
    expect(feed.entries.map((e) => [e.updated, e.title, e.links.map((l) => l.href)])).toEqual([
      ["2026-03-10T00:00:00Z", "Tuesday 10 March 2026: 2 wins", ["days/2026-03-10.html"]],
      ["2026-03-09T00:00:00Z", "Monday 9 March 2026: 1 win", ["days/2026-03-09.html"]],
      ["2026-03-08T00:00:00Z", "Sunday 8 March 2026: 1 win", ["days/2026-03-08.html"]],
      ["2026-03-08T00:00:00Z", "Week 2026-W10: 9 wins on 5 of 7 days", ["weeks/2026-W10.html"]],
      ["2026-03-07T00:00:00Z", "Saturday 7 March 2026: 2 wins", ["days/2026-03-07.html"]],
      ["2026-03-04T00:00:00Z", "Wednesday 4 March 2026: 1 win", ["days/2026-03-04.html"]],
      ["2026-03-03T00:00:00Z", "Tuesday 3 March 2026: 3 wins", ["days/2026-03-03.html"]],
      ["2026-03-02T00:00:00Z", "Monday 2 March 2026: 2 wins", ["days/2026-03-02.html"]],
      ["2026-03-01T00:00:00Z", "Sunday 1 March 2026: 1 win", ["days/2026-03-01.html"]],
      ["2026-02-28T00:00:00Z", "Saturday 28 February 2026: 1 win", ["days/2026-02-28.html"]],
      ["2025-03-11T00:00:00Z", "Tuesday 11 March 2025: 2 wins", ["days/2025-03-11.html"]],
    ]);
    for (const e of feed.entries) {
      expect(e.links).toEqual([{ rel: "alternate", href: e.links[0]!.href }]);
      expect(e.id).toMatch(/^urn:uuid:/);
      expect(e.contentType).toBe("html");
    }
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
    expect(feed.entries[0]!.content).toBe("<ul><li>Tidy desk</li><li>Evening walk</li></ul>");
    expect(feed.entries[3]!.content).toBe("<p>Reflection text for week ten: the <em>comeback</em> mattered.</p>");
  });

  it("dates this week's reflection today, never in the future", async () => {
    // Thursday 2026-03-05: the 2026-W10 reflection exists, and its Sunday is three days ahead.
    const early = parseAtom(fileOf(await buildFixture("site-basic", "2026-03-05"), "feed.xml"));
    expect(early.updated).toBe("2026-03-05T00:00:00Z");
    expect(early.entries.slice(0, 2).map((e) => [e.updated, e.title])).toEqual([
      ["2026-03-05T00:00:00Z", "Week 2026-W10: 6 wins on 3 of 7 days"],
      ["2026-03-04T00:00:00Z", "Wednesday 4 March 2026: 1 win"],
    ]);
  });

  it("has absolute links and ids when siteUrl is set", async () => {
    const withUrl = await buildFixture("site-basic", TODAY, "smallwins.siteurl.yaml");
    const feed = parseAtom(fileOf(withUrl, "feed.xml"));
    expect(feed.id).toBe("https://example.org/wins/");
    expect(feed.links).toEqual([
      { rel: "alternate", href: "https://example.org/wins/index.html" },
      { rel: "self", href: "https://example.org/wins/feed.xml" },
    ]);
    expect(feed.entries[0]!.id).toBe("https://example.org/wins/days/2026-03-10.html");
    expect(feed.entries[0]!.links).toEqual([{ rel: "alternate", href: "https://example.org/wins/days/2026-03-10.html" }]);
    expect(feed.entries[3]!.links[0]!.href).toBe("https://example.org/wins/weeks/2026-W10.html");
    // Pages stay relative; only the 404 page, served at any depth, links absolutely.
    expect(one(pageOf(withUrl, "days/2026-03-03.html"), 'link[rel="stylesheet"]').getAttribute("href")).toBe("../style.css");
    expect(linksNamed(pageOf(withUrl, "404.html"), "front page")).toEqual(["https://example.org/wins/index.html"]);
  });
});

describe("site-basic: wins.json", () => {
  it("is version 1 with the documented fields and the numbers worked out by hand", () => {
    const data = JSON.parse(fileOf(site, "wins.json")) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["version", "generator", "title", "author", "today", "publish", "summary", "days", "weeks", "areas", "habits", "tags", "milestones", "restDays"]);
    // §6: no rest day is configured or written here, so the list of rest days is empty.
    expect(data.restDays).toEqual([]);
    expect(data).toMatchObject({ version: 2, generator: "smallwins", title: "Test wins", author: "Alex", today: TODAY, publish: "full" });
    expect(data.summary).toEqual({
      currentStreak: { days: 4, from: "2026-03-07", to: "2026-03-10" },
      longestStreak: { days: 5, from: "2026-02-28", to: "2026-03-04" },
      neverMissTwice: { days: 5, from: "2026-02-28", to: "2026-03-04" },
      totalWins: 16,
      winDays: 10,
      restDays: 0,
      comebacks: 2,
      longestGapBridged: 353,
      tasksDone: 1,
      tasksTotal: 2,
    });
  });

  it("lists every day oldest first, the future one marked", () => {
    const days = (JSON.parse(fileOf(site, "wins.json")) as { days: Record<string, unknown>[] }).days;
    expect(days.map((d) => d.date)).toEqual(["2025-03-11", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-20"]);
    expect(days.find((d) => d.date === "2026-03-03")).toEqual({
      date: "2026-03-03",
      week: "2026-W10",
      future: false,
      isWinDay: true,
      streak: 4,
      comebackAfter: null,
      rest: null,
      mood: 4,
      energy: null,
      private: false,
      wins: [
        { text: "Shipped the small fix", area: "work", level: 2, habit: null, source: "front-matter" },
        { text: "Gym session one", area: null, level: 1, habit: "gym", source: "front-matter" },
        { text: "Filed the expense report", area: null, level: 1, habit: null, source: "task" },
      ],
      didWell: ["Kept the scope small"],
      tags: ["focus", "shipping"],
      tasksDone: 1,
      tasksTotal: 2,
    });
    expect(days.find((d) => d.date === "2026-03-07")).toMatchObject({ comebackAfter: 2, streak: 1 });
    expect(days.find((d) => d.date === "2026-03-20")).toMatchObject({ future: true, isWinDay: false, streak: 0 });
  });

  it("lists weeks, areas, habits and milestones", () => {
    const data = JSON.parse(fileOf(site, "wins.json")) as Record<string, Record<string, unknown>[]>;
    expect(data.weeks!.map((w) => w.week)).toEqual(["2025-W11", "2026-W09", "2026-W10", "2026-W11"]);
    expect(data.weeks![2]).toEqual({
      week: "2026-W10",
      wins: 9,
      winDays: 5,
      restDays: 0,
      averageMood: 3,
      areaWins: { work: 2, family: 1 },
      change: { wins: 7, winDays: 3 },
      rating: 4,
      focus: "social",
      reflection: "Reflection text for week ten: the comeback mattered.",
    });
    expect(data.weeks![3]).toMatchObject({ week: "2026-W11", wins: 3, winDays: 2, averageMood: 4.5, change: { wins: -6, winDays: -3 }, rating: null, focus: null, reflection: null });
    expect(data.areas).toEqual([
      { slug: "family", label: "family", color: null, wins: 1, winDays: 1, highestLevel: 1, levelUps: [] },
      { slug: "social", label: "Social life", color: null, wins: 1, winDays: 1, highestLevel: 3, levelUps: [{ date: "2026-03-09", level: 3, text: "Led the standup" }] },
      { slug: "work", label: "Work stuff", color: "#123456", wins: 2, winDays: 2, highestLevel: 2, levelUps: [{ date: "2026-03-03", level: 2, text: "Shipped the small fix" }] },
    ]);
    // Daily walk: m = 0.5^(1/13) = 0.94808, done on 03-02 and 03-10, one step a day to today 03-11:
    // ((1−m)·m^8 + (1−m))·m = 0.0814. The weekly habit's score is rounded to three decimals.
    const gym = site.result.model.habits.find((h) => h.slug === "gym")!.score;
    expect(gym).toBeGreaterThan(0);
    expect(gym).toBeLessThan(1);
    expect(data.habits).toEqual([
      { slug: "gym", label: "Gym visits", target: "2/week", total: 2, currentStreak: { unit: "weeks", length: 1 }, longestStreak: { unit: "weeks", length: 1 }, score: Math.round(gym * 1000) / 1000 },
      { slug: "walk", label: "Daily walk", target: "daily", total: 2, currentStreak: { unit: "days", length: 1 }, longestStreak: { unit: "days", length: 1 }, score: 0.081 },
    ]);
    expect(data.milestones).toEqual([
      { kind: "streak", value: 3, date: "2026-03-02" },
      { kind: "streak", value: 5, date: "2026-03-04" },
      { kind: "total", value: 10, date: "2026-03-04" },
    ]);
  });
});

describe("links that would lead nowhere (site-gaps, today 2026-03-25)", () => {
  let gaps: BuiltSite;
  beforeAll(async () => {
    gaps = await buildFixture("site-gaps", "2026-03-25");
  });

  it("links this week only when it has a page", () => {
    const card = one(pageOf(gaps, "index.html"), 'section[aria-labelledby="week-heading"]');
    expect(linksNamed(card, "Week 2026-W13")).toEqual([]);
    expect(linksNamed(card, "all weeks")).toEqual(["weeks/index.html"]);
  });

  it("links a weekly habit's weeks only when they have a page", () => {
    const items = pageOf(gaps, "habits/gym.html").querySelectorAll("#weeks-heading + ul li");
    expect(items.map((li) => [textOf(li), li.querySelector("a")?.getAttribute("href") ?? null])).toEqual([
      ["2026-W13: 0 of 1", null],
      ["2026-W12: 1 of 1 ✓", "../weeks/2026-W12.html"],
      ["2026-W11: 0 of 1", null],
      ["2026-W10: 1 of 1 ✓", "../weeks/2026-W10.html"],
    ]);
  });

  it("shows a focus area without a page as text, and prompts for a reflection with a rating but no text", () => {
    const section = one(pageOf(gaps, "weeks/2026-W12.html"), 'section[aria-labelledby="reflection-heading"]');
    expect(textsOf(section, ".prompts li")).toHaveLength(3);
    expect(textOf(one(section, ".area-chip"))).toBe("travel");
    expect(section.querySelectorAll("a")).toHaveLength(0);
    expect(textOf(one(pageOf(gaps, "weeks/2026-W12.html"), ".lede"))).toBe("Mon 16 Mar – Sun 22 Mar · felt 3/5");
  });

  it("rounds a day's average mood (3, 3 and 4 from three files) to one decimal", () => {
    const mood = one(pageOf(gaps, "index.html"), ".line-chart svg");
    expect(mood.getAttribute("aria-label")).toBe("Mood over the last 2 entries, on a scale of 1 to 5: from 2 on 2 Mar to 3.3 on 16 Mar.");
    expect(textOf(one(mood, "circle title"))).toBe("2026-03-16: mood 3.3");
    expect(textOf(one(pageOf(gaps, "days/2026-03-16.html"), ".lede"))).toBe("1 win · mood 3.3/5");
  });

  it("has no broken link", () => {
    expect(linkProblems(gaps.files)).toEqual([]);
  });
});

describe("the sample journal (today 2026-11-21)", () => {
  let sample: BuiltSite;
  beforeAll(async () => {
    sample = await buildProject(REPO, "2026-11-21");
  });

  it("builds without errors or warnings", () => {
    expect(sample.result.rendered).toBe(true);
    expect(sample.result.diagnostics).toEqual([]);
    // 110 pages, the sick day of 2026-10-19 (§6 rest days: its entry, so its page), then tags/index.html and a page
    // for each of its 11 tags (§6): 7 in front matter, and gratitude, family, health and health/sleep written inline;
    // and search.html (§6 search).
    expect([...sample.files.keys()].filter((f) => f.endsWith(".html"))).toHaveLength(124);
  });

  it("resolves every internal link to a file of the site, loads nothing from outside and runs no script but the search box's", () => {
    expect(linkProblems(sample.files, new Set(sample.result.copies.map((c) => c.path)))).toEqual([]);
  });

  it("shows its photos (one by path, one by an Obsidian embed) with their sizes, links the talk's slides, and publishes those three files only", () => {
    expect(sample.result.copies.map((c) => path.relative(REPO, c.copyFrom).split(path.sep).join("/"))).toEqual(["journal/2026/11/files/talk-slides.pdf", "journal/2026/11/photos/retro-board.png", "journal/2026/11/photos/valencia.jpg"]);
    const img = (date: string): Record<string, string> => one(pageOf(sample, `days/${date}.html`), ".body .prose img").attributes;
    expect(img("2026-11-15")).toMatchObject({ src: expect.stringMatching(/^\.\.\/files\/valencia-[0-9a-f]{10}\.jpg$/) as string, alt: "Valencia's old town at sunset, from Lucía's trip", width: "960", height: "640", loading: "lazy" });
    expect(img("2026-11-16")).toMatchObject({ src: expect.stringMatching(/^\.\.\/files\/retro-board-[0-9a-f]{10}\.png$/) as string, alt: "The retro board: went well, to try, thanks", width: "960", height: "540" });
    expect(linksNamed(pageOf(sample, "days/2026-11-12.html"), "slides")).toEqual([expect.stringMatching(/^\.\.\/files\/talk-slides-[0-9a-f]{10}\.pdf$/) as string]);
  });

  it("has a page for each tag, front matter and inline, nested under its parent; a private day's tag adds no day", () => {
    const list = pageOf(sample, "tags/index.html");
    // Nested tags are listed inside their parent's item.
    expect(linksNamed(one(list, ".tag-list .tag-list"), "sleep")).toEqual(["../tags/health/sleep.html"]);
    const family = pageOf(sample, "tags/family.html");
    // Written in win texts (09-18, 09-26, 11-15) and a checked task (10-13); 2026-10-11 is private and also says #family.
    expect(family.querySelectorAll(".tag-days h3 a").map((a) => a.getAttribute("href"))).toEqual([
      "../days/2026-11-15.html",
      "../days/2026-10-13.html",
      "../days/2026-09-26.html",
      "../days/2026-09-18.html",
    ]);
    expect(statValue(family, "Days")).toBe("4");
    expect(statValue(family, "First use")).toBe("2026-09-18");
    const health = pageOf(sample, "tags/health.html");
    expect(statValue(health, "Days")).toBe("3");
    expect(linksNamed(health, "health/sleep")).toEqual(["../tags/health/sleep.html"]);
    expect(linksNamed(pageOf(sample, "tags/health/sleep.html"), "health")).toEqual(["../../tags/health.html"]);
    // The chip of an inline tag links to its page from the day.
    expect(linksNamed(pageOf(sample, "days/2026-11-11.html"), "health/sleep")).toEqual(["../tags/health/sleep.html"]);
    expect(fileOf(sample, "days/2026-10-11.html")).not.toContain("tags/family.html");
  });

  it("has a search index of exactly the words its pages show, and a win's words find its day", async () => {
    expect(indexProblems(sample.files)).toEqual([]);
    const client = loadClient(sample.files);
    const days = sample.result.model.days.filter((d) => !d.private && d.wins.some((w) => !w.private && w.text));
    expect(days.length).toBeGreaterThan(20);
    for (const day of days.filter((_, i) => i % 10 === 0)) {
      const win = day.wins.find((w) => !w.private && w.text)!;
      const pages = (await client.search(win.text!)).map((r) => r.page);
      expect(pages, `searching "${win.text!}"`).toContain(`days/${day.date}.html`);
    }
  });

  it("shows its links between days, and the talk's day lists who mentions it", () => {
    const prose = one(pageOf(sample, "days/2026-11-20.html"), ".body .prose");
    expect(prose.querySelectorAll("a").map((a) => a.getAttribute("href"))).toEqual(["../days/2026-08-17.html", "../days/2026-11-12.html"]);
    expect(pageOf(sample, "days/2026-11-12.html").querySelectorAll(".mentions a").map((a) => a.getAttribute("href"))).toEqual(["../days/2026-11-20.html", "../weeks/2026-W46.html"]);
  });

  it("links only relatively, except the footer's link to smallwins", () => {
    const external = new Set<string>();
    for (const [file, contents] of sample.files) {
      if (!file.endsWith(".html")) continue;
      const page = pageOf(sample, file);
      for (const a of page.querySelectorAll("[href], [src]")) {
        const url = a.getAttribute("href") ?? a.getAttribute("src") ?? "";
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) external.add(`${a.tagName.toLowerCase()} ${url} ${a.closest("footer") ? "footer" : "body"}`);
      }
      expect(contents.startsWith("<!doctype html>"), file).toBe(true);
    }
    expect([...external]).toEqual(["a https://www.npmjs.com/package/smallwins footer"]);
  });

  it("has a feed that parses as Atom with relative links", () => {
    const feed = parseAtom(fileOf(sample, "feed.xml"));
    expect(feed.title).toBe("Sam's small wins");
    expect(feed.authorName).toBe("Sam");
    // The 20 most recent win days and the sample's weekly reflections.
    expect(feed.entries.filter((e) => e.links[0]!.href.startsWith("days/"))).toHaveLength(20);
    for (const e of feed.entries) {
      expect(e.links[0]!.href).toMatch(/^(days\/\d{4}-\d{2}-\d{2}|weeks\/\d{4}-W\d{2})\.html$/);
      expect(sample.files.has(e.links[0]!.href), e.links[0]!.href).toBe(true);
    }
  });
});

