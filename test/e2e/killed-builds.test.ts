/**
 * Builds killed with SIGKILL (as an OOM killer or `kill -9` does) at many
 * moments of their run: the real binary, on a generated journal of 400
 * entries, killed at observed phases (while starting, as its temporary folder
 * appears, after a share of the pages is written, once every file is written,
 * just after the swap) rather than after guessed delays. After each kill the
 * site is whole: byte for byte the previous site, or (once the swap is done)
 * the new one; and the next build removes what the killed one left before it
 * writes anything of its own. Two builds at once into one site leave each
 * other's folders alone. The moment between the two renames of the swap
 * cannot be hit by a real kill (no await between them); test/leftovers.test.ts
 * builds that state and checks that the next run puts the old site back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, childEnv, listFiles, runCli, useTempDirs } from "../helpers/cli.js";

const tempDir = useTempDirs();
const ENTRIES = 400;
const TODAYS = ["2026-11-21", "2026-11-22"] as const;

/** A journal of one short entry a day, ending before both todays: quick to parse, one page a day to write. */
async function writeJournal(root: string): Promise<void> {
  const day = new Date(Date.UTC(2022, 9, 1));
  for (let i = 0; i < ENTRIES; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const iso = day.toISOString().slice(0, 10);
    const dir = path.join(root, "journal", iso.slice(0, 4), iso.slice(5, 7));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${iso}.md`), `---\nwins:\n  - Win number ${i}\n---\n`);
  }
  await writeFile(path.join(root, "smallwins.config.yaml"), "title: Killed builds\ntimezone: UTC\n");
}

/** Every file of a folder, as path to SHA-1 of its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listFiles(dir)) out.set(rel, createHash("sha1").update(await readFile(path.join(dir, ...rel.split("/")))).digest("hex"));
  return out;
}

const smallwinsNames = (root: string): string[] => readdirSync(root).filter((name) => name.startsWith(".site.smallwins-"));

/** Temporary files anywhere under `dir` (a watch's or the cache's), which no finished run leaves. */
const temporaryFiles = async (dir: string): Promise<string[]> => (existsSync(dir) ? (await listFiles(dir)).filter((f) => f.endsWith(".tmp")) : []);

/** A build of the binary, started now. */
function start(root: string, today: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI_PATH, "build", "--today", today], { cwd: root, env: childEnv(), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (true) or the child has exited (false). */
async function until(child: ChildProcess, condition: () => boolean): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (condition()) return true;
    await pause(3);
  }
  return false;
}

/** A moment to kill a build at. */
type Moment =
  | { readonly afterMs: number }
  | { readonly phase: "temporary folder" | "manifest" | "swapped" }
  | { readonly pages: number };

const count = (dir: string): number => (existsSync(dir) ? readdirSync(dir).length : 0);

describe("a build killed with SIGKILL", () => {
  it("leaves the site whole at every moment, and the next build leaves nothing beside it", { timeout: 240_000 }, async () => {
    const root = await tempDir("smallwins-killed-");
    await writeJournal(root);
    const site = path.join(root, "site");
    // The two sites a build can leave, one for each today; a file of the user's is in both.
    const sites = new Map<string, Map<string, string>>();
    for (const today of TODAYS) {
      const result = await runCli(["build", "--today", today], { cwd: root, timeoutMs: 180_000 });
      expect(result.code, result.stderr).toBe(0);
      await writeFile(path.join(site, "CNAME"), "wins.example.org\n");
      sites.set(today, await tree(site));
    }
    expect(sites.get(TODAYS[0])).not.toEqual(sites.get(TODAYS[1]));
    const days = [...sites.get(TODAYS[0])!.keys()].filter((f) => f.startsWith("days/")).length;
    expect(days).toBe(ENTRIES);

    let current: string = TODAYS[1];
    const moments: [string, Moment, { pageCache?: boolean }][] = [
      ["while starting", { afterMs: 20 }, {}],
      ["as its temporary folder appears", { phase: "temporary folder" }, {}],
      ["after a tenth of the day pages", { pages: 0.1 }, {}],
      ["after half of the day pages, some of them carried over as links", { pages: 0.5 }, { pageCache: true }],
      ["after every day page", { pages: 1 }, {}],
      ["once the manifest is written, just before the swap", { phase: "manifest" }, {}],
      ["just after the swap, while the old site is removed", { phase: "swapped" }, {}],
    ];
    const outcomes: string[] = [];
    for (const [name, moment, options] of moments) {
      const target = current === TODAYS[0] ? TODAYS[1] : TODAYS[0];
      // Without the page cache every page is rendered and written, not carried over.
      if (!options.pageCache) await rm(path.join(root, ".smallwins-cache", "pages-v1.json"), { force: true });
      const left = smallwinsNames(root);
      const { child, exited } = start(root, target);
      let ownFolder: string | undefined;
      const folderSeen = (): boolean => {
        ownFolder ??= smallwinsNames(root).find((n) => n.startsWith(".site.smallwins-new-") && !left.includes(n));
        return ownFolder !== undefined;
      };
      if ("afterMs" in moment) await pause(moment.afterMs);
      else {
        const seen = await until(child, folderSeen);
        if (seen) {
          // What killed builds left is gone before a build makes its own folder.
          expect(smallwinsNames(root).filter((n) => n !== ownFolder), name).toEqual([]);
          const tmp = path.join(root, ownFolder!);
          if ("pages" in moment) await until(child, () => count(path.join(tmp, "days")) >= Math.ceil(days * moment.pages));
          else if (moment.phase === "manifest") await until(child, () => existsSync(path.join(tmp, ".smallwins-manifest.json")));
          else if (moment.phase === "swapped") await until(child, () => !existsSync(tmp));
        }
      }
      child.kill("SIGKILL");
      const { code, signal, stderr } = await exited;
      expect(code === 0 || signal === "SIGKILL", `${name}: ${stderr}`).toBe(true);
      // Whole: exactly the previous site, or exactly the new one (the swap was done).
      const now = await tree(site);
      const whole = [current, target].find((today) => sites.get(today)!.size === now.size && [...now].every(([f, sum]) => sites.get(today)!.get(f) === sum));
      expect(whole, `${name}: the site is neither the previous one nor the new one`).toBeDefined();
      outcomes.push(`${name}: ${whole === current ? "previous" : "new"} site${smallwinsNames(root).length ? `, left ${smallwinsNames(root).map((n) => n.split("-")[1]).join(" ")}` : ""}`);
      current = whole!;
    }
    // The kills did land while builds wrote (a temporary folder left, the old site in place) and after a swap.
    expect(outcomes.some((o) => o.includes("previous site, left new")), outcomes.join("\n")).toBe(true);
    expect(outcomes.some((o) => o.includes("new site")), outcomes.join("\n")).toBe(true);

    // The next builds, two at once into the same site and not killed: neither removes the
    // other's folder (both succeed), and after them the site is whole with nothing beside it.
    const target = current === TODAYS[0] ? TODAYS[1] : TODAYS[0];
    const both = await Promise.all([start(root, target).exited, start(root, target).exited]);
    for (const result of both) expect(result.code, result.stderr).toBe(0);
    expect(await tree(site)).toEqual(sites.get(target));
    expect(smallwinsNames(root)).toEqual([]);
    expect(await temporaryFiles(path.join(root, ".smallwins-cache"))).toEqual([]);
    expect(await temporaryFiles(site)).toEqual([]);
  });
});
