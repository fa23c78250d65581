/**
 * Search in real Chromium (playwright-core; see test/helpers/chromium.ts),
 * opened from file:// and from `smallwins serve` on 127.0.0.1: a word from a
 * published win finds its day and the result opens the day's page; a word
 * only in a private entry finds nothing; nothing of search loads before the
 * reader searches; the keyboard (`/`, arrows, Escape) and the announced
 * status work; journal text in a snippet stays text; axe finds nothing
 * serious in light or dark mode with results showing; and without JavaScript
 * search.html says that search needs it.
 *
 * One build of the watch fixture (test/helpers/watch.ts) with three more
 * entries, and one browser, for the file:// tests; each test gets a fresh context.
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildWithCli, formatViolations, listProblems, openPage, pageUrl, seriousViolations, useBrowserAndSite, watchPage } from "../helpers/browser.js";
import { useTempDirs } from "../helpers/cli.js";
import { startServing } from "../helpers/serve.js";
import { TODAY, dayEntry, dayPath, useCliProcesses, waitFor, writeFixture } from "../helpers/watch.js";

/** Entries beside the fixture's: a published word (zanzibar), a word only in a private entry (quokka), and hostile text. */
const EXTRA: Readonly<Record<string, string>> = {
  [dayPath("2026-11-13")]: dayEntry({ wins: [{ text: "Found a zanzibar map at the market", area: "social" }], mood: 4, body: "The zanzibar map was cheap." }),
  [dayPath("2026-11-14")]: "---\nprivate: true\nwins:\n  - Fed the quokka at the zoo\n---\nThe quokka smiled. Also zanzibar.\n",
  [dayPath("2026-11-16")]: dayEntry({ wins: ['<img src=x onerror="window.hacked=1"> <b>bold</b> xylophone lesson'] }),
};

const PAGE_TIMEOUT = 60_000;
const AXE_TIMEOUT = 120_000;

const tempDir = useTempDirs();
const startCli = useCliProcesses();

const ready = useBrowserAndSite("smallwins-search-browser-", async (root) => {
  await writeFixture(root, EXTRA);
  await buildWithCli(root, ["--today", TODAY]);
  return path.join(root, "site");
});

const BOX = "[data-search=box]";
const boxResults = (page: Page) => page.locator(`${BOX} .search-result a`);
const boxStatus = (page: Page) => page.locator(`${BOX} [role=status]`);

/** A locator's text once it matches `pattern` (waits up to 15 s: the index loads as script files). */
async function textMatching(locator: Locator, pattern: RegExp): Promise<string> {
  return waitFor(async () => {
    const text = (await locator.textContent()) ?? "";
    return pattern.test(text) ? text : undefined;
  }, () => `text matching ${pattern}`);
}

/** Waits until a locator matches `count` elements. */
async function countOf(locator: Locator, count: number): Promise<void> {
  await waitFor(async () => (await locator.count()) === count, `${count} elements of ${locator.toString()}`);
}

/**
 * Puts words into the header's box (focused with "/", as a reader would) and
 * waits for the announced count. The words go in as one input, as a paste
 * does: typed key by key, each prefix is a search of its own, and the status
 * of one ("No results" for "z") could be read before the last one's came.
 */
async function searchInBox(page: Page, words: string): Promise<string> {
  await page.locator("body").press("/");
  await page.keyboard.insertText(words);
  return textMatching(boxStatus(page), /result/);
}

/** Which search files a page asked for so far (site paths under search/). */
function searchRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const match = /\/(search\/[^?#]+)/.exec(request.url());
    if (match) seen.push(match[1]!);
  });
  return seen;
}

/**
 * The whole journey from a day page at `url` (file:// or served): a published
 * word finds its day, following the result opens that day; a private word
 * finds nothing.
 */
async function journey(page: Page, url: string): Promise<void> {
  const requested = searchRequests(page);
  await page.goto(url, { waitUntil: "load" });
  await page.locator(BOX).waitFor({ state: "visible" });
  // Only the small boot script is loaded with the page; the search and its index wait for the reader.
  expect(requested).toEqual(["search/boot.js"]);

  expect(await searchInBox(page, "zanzibar")).toBe("1 result");
  expect(requested).toContain("search/search.js");
  expect(requested).toContain("search/index.js");
  expect(requested).toContain("search/terms/z.js");
  await countOf(boxResults(page), 1);
  expect(await boxResults(page).first().textContent()).toContain("Friday 13 November 2026");
  expect(await boxResults(page).first().locator("mark").allTextContents()).toEqual(["zanzibar"]);
  await Promise.all([page.waitForURL(/\/days\/2026-11-13\.html$/), boxResults(page).first().click()]);
  expect(await page.locator("main").textContent()).toContain("Found a zanzibar map at the market");

  // The private entry's words are in no file of the site: nothing finds them.
  expect(await searchInBox(page, "quokka")).toBe("No results");
  expect(await boxResults(page).count()).toBe(0);
}

describe("from file://", () => {
  it("finds a published win's day and opens it; finds nothing of a private entry; loads search only when asked", async () => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(site, "days/2026-11-05.html"));
    try {
      await journey(page, pageUrl(site, "days/2026-11-04.html"));
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);

  it("search.html: words and filters from the address, results newest first, a filter narrows them and goes into the address", async () => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, `${pageUrl(site, "search.html")}?q=the`);
    try {
      const status = page.locator("[data-search=page] [role=status]");
      await textMatching(status, /^\d+ results\.$/);
      expect(await page.locator("#search-query").inputValue()).toBe("the");
      const links = page.locator("[data-search=page] .search-result a");
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const dates = hrefs.map((h) => /(\d{4}-\d\d-\d\d|\d{4}-W\d\d)\.html$/.exec(h)?.[1] ?? h);
      expect(dates.length).toBeGreaterThan(1);
      expect([...dates].sort().reverse(), "newest first").toEqual(dates);
      await page.selectOption("#search-area", "work");
      await waitFor(async () => (await links.count()) < hrefs.length, "fewer results with the area filter");
      expect(page.url()).toMatch(/[?&]area=work/);
      const workHrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      expect(workHrefs.length).toBeGreaterThan(0);
      expect(workHrefs.length).toBeLessThan(hrefs.length);
      // Every result of the work area is a day with a win in work, by its page.
      for (const href of workHrefs) expect(href).toMatch(/days\/2026-11-(03|04|10|17|20)\.html$/);
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);

  it("keyboard: / focuses the box, arrows move through the results and back, Escape closes them; the count is announced", async () => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(site, "index.html"));
    try {
      await page.locator("body").press("/");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-search-input");
      await page.keyboard.type("the");
      // The status is a live region (role=status: polite): screen readers read its new count.
      const status = boxStatus(page);
      await textMatching(status, /^\d+ results$/);
      const links = boxResults(page);
      expect(await links.count()).toBeGreaterThan(2);
      const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute("href") ?? document.activeElement?.id ?? "");
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      await page.keyboard.press("ArrowDown");
      expect(await focused()).toBe(hrefs[0]);
      await page.keyboard.press("ArrowDown");
      expect(await focused()).toBe(hrefs[1]);
      await page.keyboard.press("ArrowUp");
      expect(await focused()).toBe(hrefs[0]);
      await page.keyboard.press("ArrowUp");
      expect(await focused()).toBe("site-search-input");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Escape");
      expect(await focused()).toBe("site-search-input");
      expect(await page.locator(`${BOX} .search-popup`).isHidden()).toBe(true);
      // "/" typed in the box is a character, not a jump.
      await page.keyboard.type("/");
      expect(await page.locator("#site-search-input").inputValue()).toBe("the/");
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);

  it("puts journal text in a snippet as text: markup in a win is shown, never run", async () => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(site, "index.html"));
    try {
      expect(await searchInBox(page, "xylophone")).toBe("1 result");
      const snippet = page.locator(`${BOX} .search-snippet`).first();
      expect(await snippet.textContent()).toContain('<img src=x onerror="window.hacked=1"> <b>bold</b> xylophone lesson');
      expect(await snippet.locator("img, b").count()).toBe(0);
      expect(await snippet.locator("mark").allTextContents()).toEqual(["xylophone"]);
      expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);

  describe.concurrent("axe-core finds nothing serious or critical with results showing", () => {
    const cases = (["light", "dark"] as const).flatMap((scheme) => [
      { scheme, where: "the header box", rel: "index.html" },
      { scheme, where: "search.html", rel: "search.html" },
    ]);
    it.each(cases)("$where in $scheme mode", async ({ scheme, rel }) => {
      const { browser, site } = ready();
      const { context, page, problems } = await openPage(browser, rel === "search.html" ? `${pageUrl(site, rel)}?q=zanzibar` : pageUrl(site, rel), { colorScheme: scheme });
      try {
        if (rel === "search.html") await countOf(page.locator("[data-search=page] .search-result"), 1);
        else expect(await searchInBox(page, "zanzibar")).toBe("1 result");
        expect(listProblems(problems)).toEqual([]);
        const bad = await seriousViolations(page);
        expect(bad.map((v) => v.id), `axe on ${rel} (${scheme}):\n${formatViolations(bad)}`).toEqual([]);
      } finally {
        await context.close();
      }
    }, AXE_TIMEOUT);
  });

  it("without JavaScript: search.html says search needs it, and no page shows a box that cannot work", async () => {
    const { browser, site } = ready();
    const { context, page } = await openPage(browser, pageUrl(site, "search.html"), { javaScriptEnabled: false });
    try {
      expect(await page.locator("main").innerText()).toContain("Search needs JavaScript");
      expect(await page.locator("[data-search=page]").isHidden()).toBe(true);
      await page.goto(pageUrl(site, "index.html"));
      expect(await page.locator(BOX).isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});

describe("from smallwins serve (127.0.0.1)", () => {
  it("finds a published win's day and opens it; finds nothing of a private entry", async () => {
    const { browser } = ready();
    const serving = await startServing({ tempDir, startCli }, { files: EXTRA });
    expect(serving.url.hostname).toBe("127.0.0.1");
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await journey(page, new URL("days/2026-11-04.html", serving.url).href);
      // Served pages also load the live-reload client; only failures and errors count here.
      expect([...problems.consoleErrors, ...problems.pageErrors, ...problems.failedRequests]).toEqual([]);
    } finally {
      await context.close();
    }
  }, PAGE_TIMEOUT);
});
