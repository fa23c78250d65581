/**
 * Privacy (docs/site.md, "Privacy: publish and private"): the same journal published
 * as full, wins and stats. Hidden text must reach no file at all (pages,
 * titles, attributes, feed.xml, wins.json), while every number still counts.
 *
 * test/fixtures/site-privacy, today Sunday 2026-05-10:
 * - 2026-05-01: 1 public win.
 * - 2026-05-04: 2 public wins + 1 checked task; did-well, tag, body and a
 *   planned task that are public notes (NOTEZQ-…).
 * - 2026-05-05 (`private: true`): 2 wins + 1 checked task, did-well, tag,
 *   body with a link, a planned task, all SECRETZQ-…; its work win at level 3
 *   is a level-up (2 → 3) whose text must stay hidden.
 * - 2026-05-06: a public file with 2 wins and a private file with 1 win,
 *   did-well, tag, body and planned task (SECRETZQ-…).
 * - weeks/2026-W18.md: a public reflection (NOTEZQ-REFLECTION);
 *   weeks/2026-W19.md: a private one (SECRETZQ-REFLECTION).
 *
 * Numbers: 1 + 3 + 3 + 3 = 10 wins on 4 win days; the 10th win (2026-05-06)
 * is the 10-wins milestone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, fileOf, pageOf, parseAtom, parseHtml, statValue, textOf, textsOf, type BuiltSite } from "./helpers/site.js";

const TODAY = "2026-05-10";
const MODES = ["full", "wins", "stats"] as const;
type Mode = (typeof MODES)[number];

/** Every private marker of the fixture; all contain "SECRETZQ". */
const PRIVATE_MARKERS = [
  "SECRETZQ-WIN-ONE",
  "SECRETZQ-WIN-TWO",
  "SECRETZQ-DIDWELL",
  "SECRETZQ-TAG",
  "SECRETZQ-BODY",
  "SECRETZQ-LINK",
  "SECRETZQ-URL",
  "SECRETZQ-TASK-DONE",
  "SECRETZQ-TASK-PLANNED",
  "SECRETZQ-WIN-EVENING",
  "SECRETZQ-DIDWELL-EVENING",
  "SECRETZQ-TAG-EVENING",
  "SECRETZQ-BODY-EVENING",
  "SECRETZQ-PLANNED-EVENING",
  "SECRETZQ-REFLECTION",
];
/** Public notes: shown with publish full only. */
const NOTE_MARKERS = ["NOTEZQ-DIDWELL", "NOTEZQ-TAG", "NOTEZQ-BODY", "NOTEZQ-PLANNED", "NOTEZQ-REFLECTION"];
/** Public win texts: shown with full and wins. */
const WIN_MARKERS = ["PUBWINZQ-ALPHA", "PUBWINZQ-BRAVO", "PUBWINZQ-TASK", "PUBWINZQ-CHARLIE", "PUBWINZQ-DELTA", "PUBWINZQ-ECHO"];

const sites = {} as Record<Mode, BuiltSite>;
beforeAll(async () => {
  await Promise.all(
    MODES.map(async (mode) => {
      sites[mode] = await buildFixture("site-privacy", TODAY, `smallwins.${mode}.yaml`);
    }),
  );
});

/** Which files of a site hold `marker` anywhere, in any casing (raw text, so titles, attributes and JSON count). */
function filesWith(site: BuiltSite, marker: string): string[] {
  const needle = marker.toLowerCase();
  return [...site.files].filter(([, contents]) => contents.toLowerCase().includes(needle)).map(([file]) => file);
}

/** Every attribute value and text of every HTML page, decoded, to catch an encoded leak. */
function decodedHtmlText(site: BuiltSite): string {
  const parts: string[] = [];
  for (const [file, contents] of site.files) {
    if (!file.endsWith(".html")) continue;
    const root = parseHtml(contents);
    parts.push(root.textContent);
    for (const el of root.querySelectorAll("*")) parts.push(...Object.values(el.attributes));
  }
  return parts.join("\n").toLowerCase();
}

describe.each(MODES)("publish: %s", (mode) => {
  it("publishes no text of a private file or a private reflection, in any file", () => {
    const site = sites[mode];
    expect(site.result.rendered).toBe(true);
    expect(site.result.diagnostics).toEqual([]);
    expect(filesWith(site, "SECRETZQ")).toEqual([]);
    const decoded = decodedHtmlText(site);
    for (const marker of PRIVATE_MARKERS) expect(decoded.includes(marker.toLowerCase()), marker).toBe(false);
    const feed = parseAtom(fileOf(site, "feed.xml"));
    for (const e of feed.entries) expect(`${e.title}\n${e.content}`.toLowerCase()).not.toContain("secretzq");
  });

  it("counts every win, private ones too", () => {
    const site = sites[mode];
    const index = pageOf(site, "index.html");
    expect(statValue(index, "Total wins")).toBe("10");
    expect(statValue(index, "Win days")).toBe("4");
    const json = JSON.parse(fileOf(site, "wins.json")) as { publish: string; summary: { totalWins: number; winDays: number }; days: { date: string; wins: unknown[]; private: boolean }[]; milestones: unknown[] };
    expect(json.publish).toBe(mode);
    expect(json.summary).toMatchObject({ totalWins: 10, winDays: 4 });
    expect(json.days.map((d) => [d.date, d.wins.length, d.private])).toEqual([
      ["2026-05-01", 1, false],
      ["2026-05-04", 3, false],
      ["2026-05-05", 3, true],
      ["2026-05-06", 3, false],
    ]);
    expect(json.milestones).toEqual([{ kind: "total", value: 10, date: "2026-05-06" }]);
    const day = pageOf(site, "days/2026-05-05.html");
    expect(textOf(day.querySelector(".lede"))).toBe("3 wins · day 2 of a streak · mood 2/5");
    expect(textsOf(day, ".win-text")).toEqual(["A private win", "A private win", "A private win"]);
    expect(textsOf(pageOf(site, "weeks/2026-W19.html"), "dl.stats dd").slice(0, 2)).toEqual(["9 +8", "3 of 7"]);
    const feed = parseAtom(fileOf(site, "feed.xml"));
    expect(feed.entries.find((e) => e.links[0]!.href === "days/2026-05-05.html")?.title).toBe("Tuesday 5 May 2026: 3 wins");
  });

  it("keeps the private reflection's rating and says the reflection is private", () => {
    const week = pageOf(sites[mode], "weeks/2026-W19.html");
    expect(textOf(week.querySelector(".lede"))).toBe("Mon 4 May – Sun 10 May · felt 2/5");
    expect(week.querySelector("#reflection-heading ~ .prose")).toBeNull();
    expect(textsOf(week, "#reflection-heading ~ p.muted")).toEqual(["The reflection for this week is private."]);
    const json = JSON.parse(fileOf(sites[mode], "wins.json")) as { weeks: { week: string; rating: number | null; reflection: string | null }[] };
    expect(json.weeks.find((w) => w.week === "2026-W19")).toMatchObject({ rating: 2, reflection: null });
  });

  it("shows a private level-up without its text", () => {
    const site = sites[mode];
    expect(textsOf(pageOf(site, "milestones.html"), "#ups-heading + ol li")).toEqual(["L3 Work on 2026-05-05", "L2 Work on 2026-05-04" + (mode === "stats" ? "" : ": Public area win PUBWINZQ-BRAVO")]);
    const json = JSON.parse(fileOf(site, "wins.json")) as { areas: { slug: string; levelUps: { date: string; text: string | null }[] }[] };
    expect(json.areas[0]!.levelUps).toEqual([
      { date: "2026-05-04", level: 2, text: mode === "stats" ? null : "Public area win PUBWINZQ-BRAVO" },
      { date: "2026-05-05", level: 3, text: null },
    ]);
  });
});

describe("what each publish mode shows", () => {
  it("full: win texts and public notes (body, did-well, tags, planned tasks, reflection)", () => {
    const site = sites.full;
    for (const marker of [...WIN_MARKERS, ...NOTE_MARKERS]) expect(filesWith(site, marker), marker).not.toEqual([]);
    const day = pageOf(site, "days/2026-05-04.html");
    expect(textsOf(day, ".win-text")).toEqual(["Public win PUBWINZQ-ALPHA", "Public area win PUBWINZQ-BRAVO", "Public task win PUBWINZQ-TASK"]);
    expect(textsOf(day, "blockquote.did-well")).toEqual(["Public did well NOTEZQ-DIDWELL"]);
    expect(textsOf(day, ".tags .chip")).toEqual(["NOTEZQ-TAG"]);
    expect(textsOf(day, ".planned li")).toEqual(["Public planned NOTEZQ-PLANNED"]);
    expect(textOf(day.querySelector(".prose p"))).toBe("Public body NOTEZQ-BODY.");
    expect(textOf(pageOf(site, "weeks/2026-W18.html").querySelector(".prose"))).toBe("Public reflection NOTEZQ-REFLECTION.");
    // A day of a private and a public file (in file-name order: -evening, -morning): the
    // public wins show, the private one is a placeholder.
    expect(textsOf(pageOf(site, "days/2026-05-06.html"), ".win-text")).toEqual(["A private win", "Morning PUBWINZQ-CHARLIE", "Second PUBWINZQ-ECHO"]);
    const json = JSON.parse(fileOf(site, "wins.json")) as { days: { date: string; wins: { text: string | null }[]; didWell: (string | null)[]; tags: string[] }[] };
    expect(json.days.find((d) => d.date === "2026-05-06")).toMatchObject({ wins: [{ text: null }, { text: "Morning PUBWINZQ-CHARLIE" }, { text: "Second PUBWINZQ-ECHO" }], didWell: [null], tags: [] });
    expect(json.days.find((d) => d.date === "2026-05-04")).toMatchObject({ didWell: ["Public did well NOTEZQ-DIDWELL"], tags: ["NOTEZQ-TAG"] });
  });

  it("wins: win texts, but no body, did-well, tag, planned task or reflection", () => {
    const site = sites.wins;
    for (const marker of WIN_MARKERS) expect(filesWith(site, marker), marker).not.toEqual([]);
    for (const marker of NOTE_MARKERS) expect(filesWith(site, marker), marker).toEqual([]);
    const day = pageOf(site, "days/2026-05-04.html");
    expect(textsOf(day, ".win-text")).toEqual(["Public win PUBWINZQ-ALPHA", "Public area win PUBWINZQ-BRAVO", "Public task win PUBWINZQ-TASK"]);
    expect(day.querySelector(".did-well")).toBeNull();
    expect(day.querySelector(".prose")).toBeNull();
    expect(day.querySelector(".planned")).toBeNull();
    expect(day.querySelector(".tags")).toBeNull();
    expect(pageOf(site, "weeks/2026-W18.html").querySelector(".prose")).toBeNull();
    const json = JSON.parse(fileOf(site, "wins.json")) as { days: { date: string; didWell: (string | null)[]; tags: string[] }[]; weeks: { week: string; reflection: string | null }[] };
    expect(json.days.find((d) => d.date === "2026-05-04")).toMatchObject({ didWell: [null], tags: [] });
    expect(json.weeks.map((w) => [w.week, w.reflection])).toEqual([
      ["2026-W18", null],
      ["2026-W19", null],
    ]);
    const feed = parseAtom(fileOf(site, "feed.xml"));
    expect(feed.entries.map((e) => e.links[0]!.href)).toEqual(["days/2026-05-06.html", "days/2026-05-05.html", "days/2026-05-04.html", "days/2026-05-01.html"]);
    expect(feed.entries[0]!.content).toBe("<ul><li>A private win</li><li>Morning PUBWINZQ-CHARLIE</li><li>Second PUBWINZQ-ECHO</li></ul>");
  });

  it("stats: no win text at all, only numbers", () => {
    const site = sites.stats;
    for (const marker of [...WIN_MARKERS, ...NOTE_MARKERS]) expect(filesWith(site, marker), marker).toEqual([]);
    expect(filesWith(site, "ZQ")).toEqual([]);
    const day = pageOf(site, "days/2026-05-04.html");
    expect(textsOf(day, ".win-text")).toEqual(["A private win", "A private win", "A private win"]);
    expect(textsOf(pageOf(site, "index.html"), 'section[aria-labelledby="recent-heading"] .win-text')).toEqual([]);
    const json = JSON.parse(fileOf(site, "wins.json")) as { days: { wins: { text: string | null }[] }[] };
    expect(json.days.flatMap((d) => d.wins.map((w) => w.text))).toEqual(Array(10).fill(null));
    const feed = parseAtom(fileOf(site, "feed.xml"));
    expect(feed.entries.map((e) => e.content)).toEqual(["<p>3 wins</p>", "<p>3 wins</p>", "<p>3 wins</p>", "<p>1 win</p>"]);
  });
});
