/**
 * The built sample site in real Chromium (the system's /usr/bin/chromium, or the
 * one the npm package @sparticuz/chromium ships; driven by playwright-core), over file:// only: every page kind loads cleanly and makes
 * no request off the disk, passes axe in light and dark mode, fits a phone,
 * reads without JavaScript and prints without the site nav. Screenshots of the
 * dashboard land in test-artifacts/screenshots/.
 *
 * One build and one browser for the whole file; each check gets a fresh context.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  SCREENSHOT_DIR,
  buildSampleSiteInto,
  chromiumPath,
  formatViolations,
  listProblems,
  openPage,
  pageUrl,
  seriousViolations,
  useBrowserAndSite,
} from "../helpers/browser.js";
import { SYSTEM_CHROMIUM } from "../helpers/chromium.js";

/**
 * One page of every kind in the sample site (two of the richest kinds), and
 * whether it must hold at least one SVG chart.
 */
const PAGES: readonly { readonly rel: string; readonly charts: boolean }[] = [
  { rel: "index.html", charts: true },
  { rel: "days/2026-10-24.html", charts: false }, // a comeback day
  { rel: "days/2026-09-23.html", charts: false }, // a day with a GFM task list and planned tasks
  { rel: "days/2026-11-12.html", charts: false }, // a day others link to: "Mentioned on"
  { rel: "days/2026-11-20.html", charts: false }, // a body with a .md link and a wikilink
  { rel: "days/2026-10-19.html", charts: false }, // a rest day (sick), no win
  { rel: "days/2026-11-15.html", charts: false }, // a photo beside the entry
  { rel: "days/2026-11-16.html", charts: false }, // an Obsidian embed of a picture
  { rel: "weeks/index.html", charts: false },
  { rel: "weeks/2026-W37.html", charts: false }, // highlights (milestone, comeback, level-ups) and a reflection
  { rel: "weeks/2026-W47.html", charts: false }, // the current week: reflection prompts
  { rel: "areas/index.html", charts: false },
  { rel: "areas/health.html", charts: true },
  { rel: "habits/index.html", charts: false },
  { rel: "habits/gym.html", charts: true },
  { rel: "years/2026.html", charts: true },
  { rel: "tags/index.html", charts: false }, // nested tags in nested lists
  { rel: "tags/health.html", charts: true }, // a parent tag: heat map, nested tags, days with wins
  { rel: "tags/health/sleep.html", charts: true }, // two folders down
  { rel: "milestones.html", charts: false },
  { rel: "search.html", charts: false },
  { rel: "404.html", charts: false },
];

const SCHEMES = ["light", "dark"] as const;
const PHONE = { width: 390, height: 844 } as const;
/** The narrowest phone a page is checked on (an iPhone SE's 320 CSS pixels): where a line chart is narrowest. */
const SMALL_PHONE = { width: 320, height: 568 } as const;
const DESKTOP = { width: 1280, height: 900 } as const;
/**
 * Per-test time limits. Tests in a describe.concurrent share the one browser, so on a
 * busy two-core machine one axe run on the dashboard can take 20 s; the limits leave room.
 */
const PAGE_TIMEOUT = 60_000;
const AXE_TIMEOUT = 120_000;

const ready = useBrowserAndSite("smallwins-browser-", async (dir) => {
  await buildSampleSiteInto(dir);
  return dir;
});

it("runs in the system's Chromium when there is one, otherwise in the one @sparticuz/chromium ships", async () => {
  const executable = await chromiumPath();
  if (existsSync(SYSTEM_CHROMIUM)) {
    expect(executable).toBe(SYSTEM_CHROMIUM);
  } else {
    // Unpacked by test/helpers/chromium.ts into smallwins-chromium-<package version>-<uid>/.
    const packaged = /smallwins-chromium-(\d+)\.[\d.]+-\w+[/\\]chromium$/.exec(executable);
    expect(packaged, executable).not.toBeNull();
    // The package's major version is the Chromium major it ships.
    expect(ready().browser.version()).toMatch(new RegExp(`^${packaged![1]!}\\.`));
  }
  expect(ready().browser.isConnected()).toBe(true);
});

/** The document's sideways overflow at the current viewport, with what sticks out; runs in the page. */
interface Overflow {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  /** The outermost elements whose right edge is past the viewport, outside any scroll container. */
  readonly offenders: readonly string[];
  /** The dashboard's heat map container, if any: its right edge and whether it scrolls sideways itself. */
  readonly heatmap: { readonly right: number; readonly scrolls: boolean } | null;
}

function measureOverflow(): Overflow {
  const innerWidth = window.innerWidth;
  const clips = (el: Element): boolean => getComputedStyle(el).overflowX !== "visible";
  const sticksOut = (el: Element): boolean => {
    const box = el.getBoundingClientRect();
    return (box.width > 0 || box.height > 0) && box.right > innerWidth + 1;
  };
  const offenders: string[] = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!sticksOut(el)) continue;
    // Inside a scroll container (the heat map, a table) is the container's business.
    let inside = false;
    for (let up = el.parentElement; up !== null && up !== document.body; up = up.parentElement) {
      if (clips(up)) inside = true;
    }
    // Name only the outermost element that sticks out.
    if (inside || (el.parentElement !== null && el.parentElement !== document.body && sticksOut(el.parentElement))) continue;
    const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    offenders.push(`${el.tagName.toLowerCase()}${cls}, right edge at ${String(Math.round(el.getBoundingClientRect().right))}px: ${el.outerHTML.slice(0, 120)}`);
  }
  const heat = document.querySelector(".heatmap .heat-scroll");
  const heatmap =
    heat === null ? null : { right: heat.getBoundingClientRect().right, scrolls: ["auto", "scroll"].includes(getComputedStyle(heat).overflowX) };
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, offenders: offenders.slice(0, 10), heatmap };
}

function overflowMessage(rel: string, m: Overflow): string {
  return `${rel} at ${String(m.innerWidth)} px: document scrollWidth is ${String(m.scrollWidth)}; sticking out:\n${m.offenders.join("\n")}`;
}

/** What a page says about its structure and charts. */
interface PageFacts {
  readonly h1: number;
  readonly title: string;
  readonly main: number;
  /** The `src` of every script element. */
  readonly scripts: readonly (string | null)[];
  readonly charts: readonly { readonly html: string; readonly role: string | null; readonly name: string }[];
}

describe.concurrent("every page kind over file://, at phone width", () => {
  it.each(PAGES)("$rel loads cleanly, with an h1, a title, a main and labelled charts, and fits 390 px", async ({ rel, charts }) => {
    const { browser, site: siteDir } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, rel), { viewport: PHONE });
    try {
      const facts: PageFacts = await page.evaluate(() => ({
        h1: document.querySelectorAll("h1").length,
        title: document.title.trim(),
        main: document.querySelectorAll("main").length,
        scripts: [...document.scripts].map((script) => script.getAttribute("src")),
        charts: [...document.querySelectorAll("svg")]
          .filter((svg) => svg.closest("[aria-hidden='true']") === null)
          .map((svg) => {
            const titleChild = [...svg.children].find((child) => child.tagName.toLowerCase() === "title");
            const labelledBy = (svg.getAttribute("aria-labelledby") ?? "")
              .split(/\s+/)
              .map((id) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
              .join(" ");
            const name = [svg.getAttribute("aria-label") ?? "", titleChild?.textContent ?? "", labelledBy].join(" ").trim();
            return { html: svg.outerHTML.slice(0, 160), role: svg.getAttribute("role"), name };
          }),
      }));

      expect(listProblems(problems), `problems on ${rel}`).toEqual([]);
      expect(facts.h1, `<h1> count on ${rel}`).toBe(1);
      expect(facts.title, `<title> on ${rel}`).not.toBe("");
      expect(facts.main, `<main> count on ${rel}`).toBe(1);
      // One script, the search box's boot.js from the site's root; the rest of search loads only when the reader searches.
      expect(facts.scripts, `<script> elements on ${rel} (only search/boot.js)`).toEqual([`${"../".repeat(rel.split("/").length - 1)}search/boot.js`]);
      if (charts) expect(facts.charts.length, `SVG charts on ${rel}`).toBeGreaterThan(0);
      for (const chart of facts.charts) {
        expect(chart.role, `role of an SVG on ${rel}: ${chart.html}`).toBe("img");
        expect(chart.name, `accessible name (aria-label or <title>) of an SVG on ${rel}: ${chart.html}`).not.toBe("");
      }
      const overflow = await page.evaluate(measureOverflow);
      expect(overflow.scrollWidth, overflowMessage(rel, overflow)).toBeLessThanOrEqual(overflow.innerWidth + 1);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe.concurrent("axe-core finds nothing serious or critical", () => {
  const cases = SCHEMES.flatMap((scheme) => PAGES.map(({ rel }) => ({ rel, scheme })));
  it.each(cases)("$rel in $scheme mode", async ({ rel, scheme }) => {
    const { browser, site: siteDir } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, rel), { colorScheme: scheme });
    try {
      // Taken before axe runs: axe's own attempt to fetch style.css (blocked by CORS on file://) is not the site's.
      expect(listProblems(problems), `problems on ${rel} (${scheme})`).toEqual([]);
      const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
      expect(dark, `prefers-color-scheme on ${rel}`).toBe(scheme === "dark");
      const bad = await seriousViolations(page);
      expect(bad.map((v) => v.id), `axe on ${rel} (${scheme}):\n${formatViolations(bad)}`).toEqual([]);
    } finally {
      await context.close();
    }
  }, AXE_TIMEOUT);
});

/** The width and height in a PNG's IHDR chunk, after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG");
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.concurrent("dashboard screenshots", () => {
  const cases = [
    { device: "phone", viewport: PHONE },
    { device: "desktop", viewport: DESKTOP },
  ].flatMap((c) => SCHEMES.map((scheme) => ({ ...c, scheme })));

  it.each(cases)("$device, $scheme: a full-page PNG in test-artifacts/screenshots/", async ({ device, viewport, scheme }) => {
    const { browser, site: siteDir } = ready();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `dashboard-${device}-${scheme}.png`);
    await rm(file, { force: true });
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, "index.html"), {
      viewport,
      colorScheme: scheme,
      deviceScaleFactor: 1,
    });
    try {
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
    const info = await stat(file);
    expect(info.size, `${file} size`).toBeGreaterThan(10 * 1024);
    const size = pngSize(await readFile(file));
    // A full-page shot wider than the viewport means the page scrolls sideways.
    expect(size.width, `${file} width`).toBe(viewport.width);
    expect(size.height, `${file} height`).toBeGreaterThanOrEqual(viewport.height);
  }, PAGE_TIMEOUT);
});

/** A line chart's axis labels as drawn: text, box, size and colour. */
interface ChartAxes {
  readonly plot: { readonly left: number; readonly right: number; readonly bottom: number };
  /** The chart's figure: its labels stay inside it, not in the card's padding or beyond. */
  readonly figure: { readonly left: number; readonly right: number };
  readonly labels: readonly { readonly text: string; readonly left: number; readonly right: number; readonly top: number; readonly fontSize: number; readonly fill: string }[];
}

/** The color a CSS custom property resolves to on the page, as getComputedStyle writes colours; runs in the page. */
function resolveColor(variable: string): string {
  const probe = document.createElement("span");
  probe.style.color = `var(${variable})`;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

describe.concurrent("line charts have a date axis and a value scale that can be read", () => {
  const cases = [
    { rel: "index.html", values: ["1", "2", "3", "4", "5"] },
    { rel: "habits/gym.html", values: ["0%", "50%", "100%"] },
  ].flatMap((c) =>
    SCHEMES.flatMap((scheme) => [
      { ...c, scheme, device: "320 px phone", viewport: SMALL_PHONE },
      { ...c, scheme, device: "phone", viewport: PHONE },
      { ...c, scheme, device: "desktop", viewport: DESKTOP },
    ]),
  );

  it.each(cases)("$rel, $device, $scheme", async ({ rel, values, scheme, viewport }) => {
    const { browser, site: siteDir } = ready();
    const { context, page } = await openPage(browser, pageUrl(siteDir, rel), { viewport, colorScheme: scheme });
    try {
      const muted = await page.evaluate(resolveColor, "--muted");
      const charts: ChartAxes[] = await page.evaluate(() =>
        [...document.querySelectorAll(".line-chart > svg")].map((svg) => {
          const plot = svg.querySelector("svg")!.getBoundingClientRect();
          return {
            plot: { left: plot.left, right: plot.right, bottom: plot.bottom },
            figure: { left: svg.parentElement!.getBoundingClientRect().left, right: svg.parentElement!.getBoundingClientRect().right },
            labels: [...svg.querySelectorAll("text")].map((t) => {
              const box = t.getBoundingClientRect();
              const style = getComputedStyle(t);
              return { text: t.textContent ?? "", left: box.left, right: box.right, top: box.top, fontSize: parseFloat(style.fontSize), fill: style.fill };
            }),
          };
        }),
      );
      expect(charts.length, `line charts on ${rel}`).toBe(1);
      const chart = charts[0]!;
      const valueLabels = chart.labels.filter((l) => l.right <= chart.plot.left);
      const dateLabels = chart.labels.filter((l) => l.top >= chart.plot.bottom);
      expect(valueLabels.length + dateLabels.length, `every label is left of the plot or under it: ${JSON.stringify(chart.labels)}`).toBe(chart.labels.length);
      expect(valueLabels.map((l) => l.text)).toEqual(values);
      expect(dateLabels.length, "dates under the plot: its start, its end and maybe some between").toBeGreaterThanOrEqual(2);
      for (const l of dateLabels) expect(l.text).toMatch(/^(\d{1,2} )?[A-Z][a-z]{2}( \d{4})?$/);
      for (const l of chart.labels) {
        // Drawn at the page's own size, not scaled down with the plot; in the theme's muted colour, light or dark.
        expect(l.fontSize, `font size of "${l.text}"`).toBeGreaterThanOrEqual(11);
        expect(l.fill, `colour of "${l.text}"`).toBe(muted);
        expect(l.left, `"${l.text}" starts inside the chart`).toBeGreaterThanOrEqual(chart.figure.left);
        expect(l.right, `"${l.text}" ends inside the chart`).toBeLessThanOrEqual(chart.figure.right);
        expect(l.left, `"${l.text}" starts inside the window`).toBeGreaterThanOrEqual(0);
        expect(l.right, `"${l.text}" ends inside the window`).toBeLessThanOrEqual(viewport.width);
      }
      const sorted = [...dateLabels].sort((a, b) => a.left - b.left);
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i]!.left, `"${sorted[i]!.text}" clears "${sorted[i - 1]!.text}"`).toBeGreaterThan(sorted[i - 1]!.right);
      }
      expect(sorted[0]!.left, "the first date starts where the plot does").toBeCloseTo(chart.plot.left, 0);
      expect(sorted[sorted.length - 1]!.right, "the last date ends where the plot does").toBeCloseTo(chart.plot.right, 0);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe.concurrent("a week with fewer wins is never shown in a warning colour", () => {
  const cases = SCHEMES.flatMap((scheme) => [
    { rel: "index.html", selector: ".change", scheme },
    { rel: "weeks/index.html", selector: "td.change.down", scheme },
    { rel: "weeks/2026-W47.html", selector: ".stats .change", scheme },
  ]);

  it.each(cases)("$rel ($selector), $scheme", async ({ rel, selector, scheme }) => {
    const { browser, site: siteDir } = ready();
    const { context, page } = await openPage(browser, pageUrl(siteDir, rel), { colorScheme: scheme });
    try {
      const warm = await page.evaluate(resolveColor, "--warm");
      const muted = await page.evaluate(resolveColor, "--muted");
      const changes = await page.evaluate(
        (selector) => [...document.querySelectorAll(selector)].map((el) => ({ text: el.textContent?.trim() ?? "", color: getComputedStyle(el).color })),
        selector,
      );
      // The sample's week 2026-W47 has 14 wins against 15: the case in question is on every page here.
      expect(changes.length, `${selector} on ${rel}`).toBeGreaterThan(0);
      expect(warm).not.toBe(muted);
      for (const change of changes) {
        expect(change.text).toMatch(/fewer|−/);
        expect(change.color, `colour of "${change.text}"`).not.toBe(warm);
        expect(change.color, `colour of "${change.text}"`).toBe(muted);
      }
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe.concurrent("milestones.html", () => {
  it.each([{ device: "phone", viewport: PHONE }, { device: "desktop", viewport: DESKTOP }])("lines up streak rows with win rows, $device", async ({ viewport }) => {
    const { browser, site: siteDir } = ready();
    const { context, page } = await openPage(browser, pageUrl(siteDir, "milestones.html"), { viewport });
    try {
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll("#reached-heading + .timeline li")].map((li) => ({
          kind: li.classList.contains("milestone-streak") ? "streak" : li.classList.contains("milestone-total") ? "total" : li.className,
          badge: li.querySelector(".badge")!.getBoundingClientRect().left,
          label: li.querySelector("strong")!.getBoundingClientRect().left,
          height: li.getBoundingClientRect().height,
        })),
      );
      const kinds = new Set(rows.map((r) => r.kind));
      expect(kinds, "the sample has streak and win milestones").toEqual(new Set(["streak", "total"]));
      const first = rows[0]!;
      for (const row of rows) expect({ badge: row.badge, label: row.label, height: row.height }, row.kind).toEqual({ badge: first.badge, label: first.label, height: first.height });
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe("responsive", () => {
  it("the dashboard does not scroll sideways at 390 px; only the heat map scrolls, inside its box", async () => {
    const { browser, site: siteDir } = ready();
    const { context, page } = await openPage(browser, pageUrl(siteDir, "index.html"), { viewport: PHONE });
    try {
      const m = await page.evaluate(measureOverflow);
      expect(m.scrollWidth, overflowMessage("index.html", m)).toBeLessThanOrEqual(m.innerWidth + 1);
      expect(m.heatmap, "the dashboard has a .heatmap .heat-scroll container").not.toBeNull();
      expect(m.heatmap?.scrolls, "the heat map container scrolls sideways itself (overflow-x: auto)").toBe(true);
      expect(m.heatmap?.right, "the heat map container's right edge").toBeLessThanOrEqual(m.innerWidth + 1);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe("files beside entries", () => {
  it.each([
    { rel: "days/2026-11-15.html", alt: "Valencia's old town at sunset, from Lucía's trip" },
    { rel: "days/2026-11-16.html", alt: "The retro board: went well, to try, thanks" },
  ])("$rel shows its picture from file://, decoded, with its size and text", async ({ rel, alt }) => {
    const { browser, site: siteDir } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, rel), { viewport: DESKTOP });
    try {
      const img = page.locator(`main img[alt="${alt}"]`);
      expect(await img.count()).toBe(1);
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((el: HTMLImageElement) => el.decode());
      const facts = await img.evaluate((el: HTMLImageElement) => ({ natural: el.naturalWidth, width: el.getAttribute("width"), height: el.getAttribute("height"), src: el.getAttribute("src") }));
      expect(facts.natural, "decoded pixels").toBeGreaterThan(0);
      expect(Number(facts.width)).toBe(facts.natural);
      expect(Number(facts.height)).toBeGreaterThan(0);
      expect(facts.src).toMatch(/^\.\.\/files\/[a-z0-9-]+\.(jpg|png)$/);
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);

  it("a link to a PDF beside an entry opens the copied file", async () => {
    const { browser, site: siteDir } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, "days/2026-11-12.html"));
    try {
      const href = await page.locator("main a", { hasText: "slides" }).getAttribute("href");
      expect(href).toMatch(/^\.\.\/files\/talk-slides-[0-9a-f]{10}\.pdf$/);
      const copied = await readFile(path.join(siteDir, "days", href!));
      expect(copied.subarray(0, 5).toString()).toBe("%PDF-");
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe("without JavaScript", () => {
  it("the dashboard shows the streak number and the heat map", async () => {
    const { browser, site: siteDir } = ready();
    const facts = JSON.parse(await readFile(path.join(siteDir, "wins.json"), "utf8")) as {
      summary: { currentStreak: { days: number } };
    };
    const { context, page, problems } = await openPage(browser, pageUrl(siteDir, "index.html"), { javaScriptEnabled: false });
    try {
      const streak = page.locator(".streak-number");
      await expectVisible(streak.first(), "the streak number");
      expect((await streak.first().textContent())?.trim()).toBe(String(facts.summary.currentStreak.days));
      const heatmap = page.locator(".heatmap svg[role='img']");
      await expectVisible(heatmap.first(), "the heat map");
      const cells = await page.locator(".heatmap svg rect").count();
      expect(cells, "heat map cells (53 weeks up to today)").toBeGreaterThanOrEqual(52 * 7);
      expect(cells).toBeLessThanOrEqual(53 * 7);
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

async function expectVisible(locator: Locator, what: string): Promise<void> {
  expect(await locator.count(), `${what} is in the page`).toBeGreaterThan(0);
  expect(await locator.isVisible(), `${what} is visible`).toBe(true);
}

describe("print", () => {
  it("a day page hides the site nav when printed", async () => {
    const { browser, site: siteDir } = ready();
    const { context, page } = await openPage(browser, pageUrl(siteDir, "days/2026-10-24.html"));
    try {
      const nav = page.locator("nav[aria-label='Site']");
      expect(await nav.count(), "the site nav").toBe(1);
      const display = (): Promise<string> => nav.evaluate((el) => getComputedStyle(el).display);
      expect(await display(), "the site nav on screen").not.toBe("none");
      await page.emulateMedia({ media: "print" });
      expect(await display(), "the site nav in print").toBe("none");
      expect(await nav.isVisible()).toBe(false);
      // The day itself still prints.
      expect(await page.locator("main h1").isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});
