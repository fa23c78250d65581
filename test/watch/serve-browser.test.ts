/**
 * `smallwins serve` in a real browser (Chromium, driven by
 * playwright-core): a broken entry brings up the error overlay on the open
 * page through live reload, and the fix takes it away.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.js";
import { useTempDirs } from "../helpers/cli.js";
import { TODAY, dayEntry, dayPath, useCliProcesses, waitFor, writeFixture } from "../helpers/watch.js";

const tempDir = useTempDirs();
const startCli = useCliProcesses();

let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Tracks whether the live-reload client of the page now shown has connected. */
function trackConnection(page: Page): { connected(): boolean } {
  let connected = false;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) connected = false;
  });
  page.on("console", (message) => {
    if (message.text().includes("Connected")) connected = true;
  });
  return { connected: () => connected };
}

describe("smallwins serve in Chromium", () => {
  it("shows #smallwins-overlay while an entry is broken, and removes it after the fix", { timeout: 60_000 }, async () => {
    const root = await tempDir("smallwins-serve-browser-");
    const entry = path.join(root, ...dayPath(TODAY).split("/"));
    await writeFixture(root, { [dayPath(TODAY)]: dayEntry({ wins: ["Made tea"], mood: 3 }) });
    const cli = startCli(["serve", "--today", TODAY, "--port", "0"], root);
    const index = await cli.waitForLine(/^serving site at http:\/\/127\.0\.0\.1:\d+\/ /, 0, { timeoutMs: 30_000 });
    const url = new URL(`days/${TODAY}.html`, /at (http:\/\/\S+\/)/.exec(cli.lines[index]!)![1]!);

    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const live = trackConnection(page);
      await page.goto(url.href, { waitUntil: "load" });
      await waitFor(() => live.connected(), "the live-reload client to connect");
      const overlay = page.locator("#smallwins-overlay");
      expect(await overlay.count()).toBe(0);

      // Lines: 1 ---, 2 wins:, 3 - "Half-written", 4 mood: 9 (the value at column 7).
      await writeFile(entry, dayEntry({ wins: ["Half-written"], mood: 9 }));
      await overlay.waitFor({ state: "visible", timeout: 20_000 });
      // Read while no reload is under way (a save can take two builds: the truncated file, then the full one).
      await waitFor(async () => (await overlay.getAttribute("role", { timeout: 1_000 })) === "alert", "the overlay's role=alert");
      await waitFor(async () => (await overlay.textContent({ timeout: 1_000 }))?.includes(`${dayPath(TODAY)}:4:7: error:`), "the located error in the overlay");
      // The last good page is what is shown under the overlay.
      await waitFor(async () => (await page.locator("main").textContent({ timeout: 1_000 }))?.includes("Made tea"), "the last good page under the overlay");
      await waitFor(() => live.connected(), "the reloaded page's client to connect");

      await writeFile(entry, dayEntry({ wins: ["Made tea", "Fixed the entry"], mood: 4 }));
      await page.locator("main", { hasText: "Fixed the entry" }).waitFor({ state: "visible", timeout: 20_000 });
      await waitFor(() => live.connected(), "the page after the fix to connect");
      await waitFor(async () => (await page.evaluate(() => document.readyState)) === "complete", "the page to finish loading");
      // The overlay script ran on this page too (it fetches the status on load): no errors, no overlay.
      await waitFor(async () => (await overlay.count()) === 0, "the overlay to be gone");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
    const { code } = await cli.stop();
    expect(code).toBe(0);
  });
});
