/**
 * A tag of more than 100 days in a real browser: its pages pass axe in light
 * and dark mode, fit the narrowest phone, and their pager leads from the
 * newest days to the oldest. The sample journal has no tag that long, so this
 * file builds a journal of its own with the real binary.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildWithCli, formatViolations, listProblems, openPage, pageUrl, seriousViolations, useBrowserAndSite } from "../helpers/browser.js";
import { writeFiles } from "../helpers/cli.js";

/** 230 days tagged `walk`, every day from 2026-04-01: three pages of 100, 100 and 30 days. */
const DAYS = 230;
const FIRST = Date.UTC(2026, 3, 1);
const dateOf = (i: number): string => new Date(FIRST + i * 86_400_000).toISOString().slice(0, 10);

const ready = useBrowserAndSite("smallwins-tag-pages-", async (dir) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < DAYS; i++) {
    const date = dateOf(i);
    files[`journal/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}.md`] = `---\nwins:\n  - "Walked round the park, day ${i + 1}"\n---\nA good walk. #walk\n`;
  }
  await writeFiles(dir, files);
  await buildWithCli(dir, ["--today", dateOf(DAYS - 1)]);
  return path.join(dir, "site");
});

const PAGES = ["tags/walk.html", "tags/walk.page-2.html", "tags/walk.page-3.html"] as const;

describe.concurrent("axe-core finds nothing serious or critical on a tag's pages", () => {
  const cases = (["light", "dark"] as const).flatMap((scheme) => PAGES.map((rel) => ({ rel, scheme })));
  it.each(cases)("$rel in $scheme mode", async ({ rel, scheme }) => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(site, rel), { colorScheme: scheme });
    try {
      expect(listProblems(problems), `problems on ${rel}`).toEqual([]);
      const bad = await seriousViolations(page);
      expect(bad.map((v) => v.id), `axe on ${rel} (${scheme}):\n${formatViolations(bad)}`).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("a tag's pager", () => {
  it("leads from the newest days to the oldest and back, each page saying which days it lists", async () => {
    const { browser, site } = ready();
    const { context, page, problems } = await openPage(browser, pageUrl(site, PAGES[0]));
    try {
      const shown = async (): Promise<{ heading: string; days: string[]; current: string | null }> => ({
        heading: (await page.locator("#days-heading").textContent()) ?? "",
        days: await page.locator(".tag-days h3 a").allTextContents(),
        current: await page.locator('.tag-pager [aria-current="page"]').textContent(),
      });
      const first = await shown();
      expect(first.heading).toBe(`Days 1–100 of ${DAYS}, newest first`);
      expect(first.days).toHaveLength(100);
      expect(first.current).toBe("1");
      await expect(page.locator("#heat-heading").count()).resolves.toBe(1);
      await page.getByRole("link", { name: "Older days →" }).click();
      await page.waitForURL(/walk\.page-2\.html$/);
      const second = await shown();
      expect(second.heading).toBe(`Days 101–200 of ${DAYS}, newest first`);
      expect(second.current).toBe("2");
      // No day is on two pages: the second starts the day before the first page's last.
      expect(second.days[0]).not.toBe(first.days.at(-1));
      await expect(page.locator("#heat-heading").count()).resolves.toBe(0);
      await page.locator(".tag-pager .pages").getByRole("link", { name: "3", exact: true }).click();
      await page.waitForURL(/walk\.page-3\.html$/);
      const third = await shown();
      expect(third.heading).toBe(`Days 201–230 of ${DAYS}, newest first`);
      // The oldest day last, and no way further.
      expect(third.days.at(-1)).toContain("1 April 2026");
      await expect(page.getByRole("link", { name: "Older days →" }).count()).resolves.toBe(0);
      await page.getByRole("link", { name: "← Newer days" }).click();
      await page.waitForURL(/walk\.page-2\.html$/);
      expect(listProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("does not make a page scroll sideways on a 320 px phone", async () => {
    const { browser, site } = ready();
    for (const rel of PAGES) {
      const { context, page } = await openPage(browser, pageUrl(site, rel), { viewport: { width: 320, height: 568 } });
      try {
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(widths.scroll, rel).toBeLessThanOrEqual(widths.inner + 1);
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
