/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Helpers for the browser tests: Chromium (the system's, or the one the npm
 * package `@sparticuz/chromium` ships; see ./chromium.ts) driven by playwright-core,
 * the sample journal built by the real binary, and pages opened over file://
 * with every console error, page error and request watched.
 */
import { mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import { afterAll, beforeAll, inject } from "vitest";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { findChromium } from "./chromium.js";
import { REPO_ROOT, runCli } from "./cli.js";

/**
 * Our own flags, for either binary. Not `@sparticuz/chromium`'s `args`: they
 * hold `--single-process` (a second browser context then fails) and
 * `--disable-web-security` / `--allow-running-insecure-content`, which would
 * let pages over file:// do what a user's browser refuses. The packaged
 * binary needs nothing more: it finds its SwiftShader libraries beside itself.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The date the sample site is built for, so its numbers never change. */
export const SAMPLE_TODAY = "2026-11-21";

/** Where the screenshots go (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-artifacts", "screenshots");

/**
 * The Chromium binary to drive: the one the global setup found (test/global-setup.ts),
 * or, when a file runs without it, found here.
 */
export async function chromiumPath(): Promise<string> {
  return inject("chromiumPath") ?? (await findChromium()).executablePath;
}

/**
 * Launches Chromium once for a whole test file. The tests never download a
 * browser (no `npx playwright install`): see ./chromium.ts for which one runs.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** Runs the real binary's `build` in `cwd` with `args`; throws with its errors when it fails. */
export async function buildWithCli(cwd: string, args: readonly string[]): Promise<void> {
  const result = await runCli(["build", ...args], { cwd, timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`smallwins build exited with ${String(result.code)}:\n${result.stderr}`);
}

/**
 * One browser and one built site for a whole test file: Chromium launched
 * first (a missing one fails every test with the install hint, before any
 * build), then `build` given a fresh temporary folder, where it builds the
 * site and gives the site's folder; the browser is closed and the folder
 * removed after the file. The tests read both through the function returned.
 */
export function useBrowserAndSite(prefix: string, build: (dir: string) => Promise<string>): () => { browser: Browser; site: string } {
  let browser: Browser | undefined;
  let dir: string | undefined;
  let site: string | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
    site = await build(dir);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }, 60_000);
  return () => {
    if (browser === undefined || site === undefined) throw new Error("beforeAll did not finish: see its error above");
    return { browser, site };
  };
}

/** Builds the sample journal (journal/ and smallwins.config.yaml of the repository) into the folder `out`. */
export async function buildSampleSiteInto(out: string): Promise<void> {
  await buildWithCli(REPO_ROOT, ["--today", SAMPLE_TODAY, "--out", out]);
}

/** Builds the sample journal into a fresh temporary folder. */
export async function buildSampleSite(): Promise<string> {
  const out = await realpath(await mkdtemp(path.join(os.tmpdir(), "smallwins-browser-")));
  try {
    await buildSampleSiteInto(out);
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    throw error;
  }
  return out;
}

/**
 * The serious and critical axe-core violations of a loaded page. Legacy mode
 * runs axe in the page itself instead of opening a blank page to merge frame
 * results: the same rules and results for these frame-less pages, in half the time.
 */
export async function seriousViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The file:// URL of a page of the built site (`rel` with `/`). */
export function pageUrl(siteDir: string, rel: string): string {
  return pathToFileURL(path.join(siteDir, ...rel.split("/"))).href;
}

/** What went wrong while a page loaded and ran. */
export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly failedRequests: string[];
  /** Requests to anything but a file: URL (the site must make none). */
  readonly nonFileRequests: string[];
}

/** Starts recording a page's console errors, uncaught errors, failed requests and non-file: requests. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], nonFileRequests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location();
      problems.consoleErrors.push(`${message.text()} (at ${where.url}:${String(where.lineNumber)})`);
    }
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.nonFileRequests.push(`${request.method()} ${request.url()}`);
  });
  page.on("requestfailed", (request) => {
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()}: HTTP ${String(response.status())}`);
  });
  return problems;
}

/** Every problem as one line each; empty when the page was clean. */
export function listProblems(problems: PageProblems): string[] {
  return [
    ...problems.consoleErrors.map((text) => `console error: ${text}`),
    ...problems.pageErrors.map((text) => `page error: ${text}`),
    ...problems.failedRequests.map((text) => `failed request: ${text}`),
    ...problems.nonFileRequests.map((text) => `request to a non-file: URL: ${text}`),
  ];
}

/** A page opened on `url` in a new context, with its problems recorded from the first request on. */
export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
}

/**
 * Opens `url` in a fresh context. The context is offline, so a stray request
 * to the network fails (and is recorded) instead of leaving the machine.
 * Close it with `opened.context.close()`.
 */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ offline: true, ...options });
  try {
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(url, { waitUntil: "load" });
    return { context, page, problems };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * axe violations as readable lines: rule id, impact, help, and for the first
 * `maxNodes` elements of each rule the selector, the HTML and what to fix.
 */
export function formatViolations(violations: readonly Result[], maxNodes = 4): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, maxNodes).map((node) => {
        const summary = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
        return `    - ${JSON.stringify(node.target)} ${node.html.slice(0, 120)}${summary ? `\n      ${summary}` : ""}`;
      });
      if (v.nodes.length > maxNodes) nodes.push(`    - ... and ${String(v.nodes.length - maxNodes)} more`);
      return `  ${v.id} [${v.impact ?? "?"}] ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n");
}
