#!/usr/bin/env node
/**
 * Makes docs/dashboard.png, the picture in the README: the sample journal's
 * dashboard (built as `npm run sample` builds it, with --today 2026-11-21),
 * light mode, 1280 pixels wide, the first 1280×900 screen.
 *
 *   npm run build && node test/dashboard-screenshot.mjs [OUT.png]
 *
 * The browser: $SMALLWINS_CHROMIUM when set (any Chromium's executable), else
 * the one @sparticuz/chromium ships (extracted to /tmp/chromium), else
 * /usr/bin/chromium. Not a test: vitest runs only *.test.ts files.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const repo = fileURLToPath(new URL("..", import.meta.url));
const target = path.resolve(process.argv[2] ?? path.join(repo, "docs", "dashboard.png"));

async function chromiumPath() {
  if (process.env.SMALLWINS_CHROMIUM) return process.env.SMALLWINS_CHROMIUM;
  try {
    const { default: sparticuz } = await import("@sparticuz/chromium");
    return await sparticuz.executablePath();
  } catch {
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
    throw new Error("no Chromium: set SMALLWINS_CHROMIUM, or install @sparticuz/chromium");
  }
}

const site = await mkdtemp(path.join(os.tmpdir(), "smallwins-shot-"));
try {
  execFileSync(process.execPath, [path.join(repo, "dist", "cli.js"), "build", "--today", "2026-11-21", "--out", site, "--no-cache"], { cwd: repo, stdio: "inherit" });
  // Not @sparticuz/chromium's own arguments: they include --single-process, which breaks a second context.
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light", offline: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, "index.html")).href, { waitUntil: "load" });
    await page.screenshot({ path: target, animations: "disabled" });
  } finally {
    await browser.close();
  }
} finally {
  await rm(site, { recursive: true, force: true });
}
console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
