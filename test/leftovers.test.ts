/**
 * What killed runs leave, and who may remove it (src/io/leftovers.ts): a
 * temporary folder or file is removed only when its maker is gone (no process
 * with its id, or one that started at another time: the id was reused), never
 * while it runs, never when it was made where this process cannot ask (another
 * container or machine) unless it lay untouched for an hour, and never a name
 * smallwins did not make for this very folder. A kill between the two renames
 * of the swap leaves the old site set aside: the next build, watch or serve
 * puts it back, even when that run fails. Makers here are real processes: a
 * child that ran and exited, a child still running, and this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, cp, lstat, mkdir, readdir, readFile, rename, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  currentMaker,
  isTemporaryFileName,
  makerState,
  siteFolders,
  temporaryFileName,
  tidySiteFolders,
  tidyTemporaryFiles,
  UNKNOWN_MAKER_AGE_MS,
  userPathOf,
  type SiteFolders,
} from "../src/io/leftovers.js";
import { CLI_PATH, REPO_ROOT, childEnv, runCli, runProcess, snapshotTree, writeFiles } from "./helpers/cli.js";
import { copyFixture, useSiteTempDirs } from "./helpers/site.js";

// Removed after all tests, not after each: some run at once.
const tempDir = useSiteTempDirs();
const LEFTOVERS = pathToFileURL(path.join(REPO_ROOT, "dist", "io", "leftovers.js")).href;
const TODAY = ["--today", "2026-03-25"];

/** The names a process makes for `out` and for a file, printed as JSON (the script of a child). */
const namesScript = (out: string, file: string): string =>
  `import { siteFolders, temporaryFileName, currentMaker } from ${JSON.stringify(LEFTOVERS)};` +
  `console.log(JSON.stringify({ ...siteFolders(${JSON.stringify(out)}), file: temporaryFileName(${JSON.stringify(file)}), maker: currentMaker() }));`;

interface Names extends SiteFolders {
  readonly file: string;
  readonly maker: { pid: number; start: string; scope: string };
}

/** The names a child process made for `out` and `file`; the child has exited, so their maker is gone. */
async function namesOfAnEndedProcess(out: string, file = path.join(out, "index.html")): Promise<Names> {
  const result = await runProcess(process.execPath, ["--input-type=module", "-e", namesScript(out, file)], { cwd: path.dirname(out) });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Names;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    child.kill("SIGKILL");
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once("close", resolve));
  }
});

/** The names a child that is still running made (it runs until the test ends). */
async function namesOfARunningProcess(out: string, file = path.join(out, "index.html")): Promise<Names> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", `${namesScript(out, file)} setInterval(() => {}, 1000);`], { env: childEnv(), stdio: ["ignore", "pipe", "inherit"] });
  running.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
    child.once("close", () => reject(new Error("the child ended before it named its folders")));
  });
  return JSON.parse(line) as Names;
}

/** A name with another maker's tag in place of the one in `name`. */
const withMaker = (name: string, pid: number, start: string, scope: string): string =>
  name.replace(/-(\d+)-(\d+)-([0-9a-f]{8})-([0-9a-f]{8})(\.tmp)?$/, (_m, _p, _s, _c, random: string, tmp?: string) => `-${pid}-${start}-${scope}-${random}${tmp ?? ""}`);

/** A folder with one file in it. */
async function folderWith(dir: string, text = "x"): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "index.html"), text);
}

const bytesOf = (tree: Record<string, { bytes: string }>): Record<string, string> => Object.fromEntries(Object.entries(tree).map(([f, s]) => [f, s.bytes]));

/** The names beside `out` that smallwins makes for it. */
const beside = async (out: string): Promise<string[]> => (await readdir(path.dirname(out))).filter((n) => n.startsWith(`.${path.basename(out)}.smallwins-`)).sort();

describe("makerState", () => {
  it("tells a running maker from an ended one, a reused process id, and one it cannot ask", async ({ expect }) => {
    const dir = await tempDir("smallwins-makers-");
    const me = currentMaker();
    expect(makerState(me)).toBe("running");
    const ended = await namesOfAnEndedProcess(path.join(dir, "site"));
    expect(makerState(ended.maker)).toBe("ended");
    const alive = await namesOfARunningProcess(path.join(dir, "site"));
    expect(makerState(alive.maker)).toBe("running");
    if (me.start !== "0") {
      // The same process id with another start time: the id was reused, the maker is gone.
      expect(makerState({ ...alive.maker, start: String(Number(alive.maker.start) + 1) })).toBe("ended");
      expect(makerState({ ...me, start: String(Number(me.start) - 1) })).toBe("ended");
    }
    expect(makerState({ ...alive.maker, scope: "00000000" === me.scope ? "11111111" : "00000000" })).toBe("unknown");
    expect(makerState(undefined)).toBe("unknown");
    expect(makerState({ ...me, pid: 0 })).toBe("unknown");
  });
});

describe("temporaryFileName", () => {
  it("never gives one process the same name twice, and every name it gives is known as temporary", ({ expect }) => {
    const names = Array.from({ length: 1000 }, () => temporaryFileName("/p/site/days/a.html"));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(isTemporaryFileName(path.basename(name))).toBe(true);
  });
});

describe("userPathOf", () => {
  it("gives the path the user knows for a path through temporary names", ({ expect }) => {
    const [folders, file] = [siteFolders("/p/site"), temporaryFileName("/p/site/days/a.html")];
    expect(userPathOf(path.join(folders.next, "days", "a.html"))).toBe("/p/site/days/a.html");
    expect(userPathOf(folders.previous)).toBe("/p/site");
    expect(userPathOf(folders.removed)).toBe("/p/site");
    expect(userPathOf(file)).toBe("/p/site/days/a.html");
    expect(userPathOf("/p/.site.smallwins-new-1234-abcdef12/x")).toBe("/p/site/x");
    expect(userPathOf("/p/site/a.html.smallwins-1234-abcdef.tmp")).toBe("/p/site/a.html");
    for (const plain of ["/p/.site.smallwins-new-mine/x", "/p/site/notes.tmp", "/p/.hidden/a.html"]) expect(userPathOf(plain)).toBe(plain);
  });
});

describe("tidySiteFolders", () => {
  it("removes what an ended build left beside the site, and leaves the site as it is", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    await folderWith(out, "the site");
    const ended = await namesOfAnEndedProcess(out);
    for (const folder of [ended.next, ended.previous, ended.removed]) await folderWith(folder);
    const tidied = await tidySiteFolders(out);
    expect(tidied.restored).toBe(false);
    expect(tidied.removed.map((n) => n.split("-")[1]).sort()).toEqual(["gone", "new", "old"]);
    expect(await beside(out)).toEqual([]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("the site");
  });

  it("puts back the site set aside by a build killed between its two renames, and removes the new one", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    const ended = await namesOfAnEndedProcess(out);
    await folderWith(ended.previous, "the previous site");
    await folderWith(ended.next, "the new site");
    const inode = (await lstat(path.join(ended.previous, "index.html"))).ino;
    expect((await tidySiteFolders(out)).restored).toBe(true);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("the previous site");
    expect((await lstat(path.join(out, "index.html"))).ino).toBe(inode);
    expect(await beside(out)).toEqual([]);
  });

  it("of several sites set aside, puts back the one set aside last", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    const first = await namesOfAnEndedProcess(out);
    await folderWith(first.previous, "older");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await namesOfAnEndedProcess(out);
    await folderWith(path.join(dir, "staging"), "newer");
    // Set aside by a rename, as a build does: that is what moves its change time.
    await rename(path.join(dir, "staging"), second.previous);
    expect((await tidySiteFolders(out)).restored).toBe(true);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("newer");
    expect(await beside(out)).toEqual([]);
  });

  it("never touches the folders of a build that is still running, in another process or in this one", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    const alive = await namesOfARunningProcess(out);
    const mine = siteFolders(out);
    // A running build between its renames has no site yet: its old site is not taken from it.
    for (const folder of [alive.next, alive.previous, mine.next, mine.previous]) await folderWith(folder);
    const before = await beside(out);
    expect(before).toHaveLength(4);
    expect(await tidySiteFolders(out)).toEqual({ restored: false, removed: [] });
    expect(await beside(out)).toEqual(before);
    expect(existsSync(out)).toBe(false);
  });

  it("removes the folders of a process whose id was reused", async ({ expect }) => {
    const me = currentMaker();
    if (me.start === "0") return; // No /proc: a live process id is taken to be the maker.
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    await folderWith(out);
    const alive = await namesOfARunningProcess(out);
    const reused = [
      withMaker(path.basename(alive.next), alive.maker.pid, String(Number(alive.maker.start) - 7), alive.maker.scope),
      withMaker(path.basename(siteFolders(out).next), me.pid, String(Number(me.start) - 3), me.scope),
    ];
    for (const name of reused) await folderWith(path.join(dir, name));
    expect([...(await tidySiteFolders(out)).removed].sort()).toEqual(reused.sort());
    expect(await beside(out)).toEqual([]);
  });

  it("leaves folders made where it cannot ask (another machine, an older smallwins) for an hour, then removes them", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    await folderWith(out);
    const me = currentMaker();
    const elsewhere = withMaker(path.basename(siteFolders(out).next), me.pid, me.start, me.scope === "abcdef01" ? "abcdef02" : "abcdef01");
    const older = ".site.smallwins-new-4242-0badcafe";
    for (const name of [elsewhere, older]) await folderWith(path.join(dir, name));
    expect((await tidySiteFolders(out)).removed).toEqual([]);
    expect(await tidySiteFolders(out, Date.now() + UNKNOWN_MAKER_AGE_MS - 60_000)).toEqual({ restored: false, removed: [] });
    expect([...(await tidySiteFolders(out, Date.now() + UNKNOWN_MAKER_AGE_MS + 60_000)).removed].sort()).toEqual([elsewhere, older].sort());
  });

  it.skipIf(process.getuid?.() !== 0)("never puts back or removes another user's folder named like a leftover", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    const ended = await namesOfAnEndedProcess(out);
    for (const folder of [ended.previous, ended.next]) {
      await folderWith(folder, "planted");
      await chown(folder, 65534, 65534);
    }
    expect(await tidySiteFolders(out, Date.now() + 10 * UNKNOWN_MAKER_AGE_MS)).toEqual({ restored: false, removed: [] });
    expect(existsSync(out)).toBe(false);
    expect(await beside(out)).toHaveLength(2);
  });

  it("never touches a name smallwins did not make for this folder, a file or a symlink", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const out = path.join(dir, "site");
    await folderWith(out);
    const ended = await namesOfAnEndedProcess(out);
    const other = await namesOfAnEndedProcess(path.join(dir, "site2"));
    const tag = path.basename(ended.next).slice(".site.smallwins-new-".length);
    const names = [
      ".site.smallwins-new-mine",
      `site.smallwins-new-${tag}`,
      `.site.smallwins-new-${tag}.bak`,
      `.site.smallwins-spare-${tag}`,
      path.basename(other.next),
      `.Site.smallwins-new-${tag}`,
    ];
    for (const name of names) await folderWith(path.join(dir, name));
    await writeFile(ended.previous, "a file, not a folder");
    await folderWith(path.join(dir, "target"), "keep me");
    await symlink("target", ended.next);
    const before = await snapshotTree(dir);
    expect(await tidySiteFolders(out, Date.now() + 10 * UNKNOWN_MAKER_AGE_MS)).toEqual({ restored: false, removed: [] });
    expect(await snapshotTree(dir)).toEqual(before);
    expect((await lstat(ended.next)).isSymbolicLink()).toBe(true);
  });
});

describe("tidyTemporaryFiles", () => {
  it("removes the temporary files of ended runs only: not a running one's, not other files, an old-style one after an hour", async ({ expect }) => {
    const dir = await tempDir("smallwins-tidy-");
    const cache = path.join(dir, ".smallwins-cache");
    await mkdir(cache);
    const ended = await namesOfAnEndedProcess(path.join(dir, "site"), path.join(cache, "parse-v1.json"));
    const alive = await namesOfARunningProcess(path.join(dir, "site"), path.join(cache, "pages-v1.json"));
    const mine = temporaryFileName(path.join(cache, "parse-v1.json"));
    const kept = ["parse-v1.json", "parse-v1.json.sha1", "notes.tmp", "parse-v1.json.smallwins-mine.tmp", path.basename(alive.file), path.basename(mine)];
    for (const name of [...kept, path.basename(ended.file), "parse-v1.json.4242.tmp"]) await writeFile(path.join(cache, name), "x");
    expect(await tidyTemporaryFiles(cache)).toEqual([path.basename(ended.file)]);
    expect(await tidyTemporaryFiles(cache, Date.now() + UNKNOWN_MAKER_AGE_MS + 60_000)).toEqual(["parse-v1.json.4242.tmp"]);
    expect((await readdir(cache)).sort()).toEqual(kept.sort());
  });
});

describe.concurrent("the next run after a kill between the two renames of the swap", { timeout: 90_000 }, () => {
  /** A built copy of site-gaps, then the state a kill between the renames leaves: no site, the old one set aside, the new one whole. */
  async function interruptedSwap(): Promise<{ root: string; out: string; before: Awaited<ReturnType<typeof snapshotTree>> }> {
    const root = await tempDir("smallwins-swap-");
    await copyFixture("site-gaps", root);
    const built = await runCli(["build", ...TODAY], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
    const out = path.join(root, "site");
    await writeFile(path.join(out, "CNAME"), "wins.example.org\n");
    const before = await snapshotTree(out);
    const ended = await namesOfAnEndedProcess(out);
    await cp(out, ended.next, { recursive: true });
    await writeFile(path.join(ended.next, "index.html"), "<p>the new site, never swapped in</p>\n");
    await rename(out, ended.previous);
    return { root, out, before };
  }

  it("build puts the previous site back even when it then fails (a broken template), and leaves nothing beside it", async ({ expect }) => {
    const { root, out, before } = await interruptedSwap();
    await writeFiles(root, {
      "smallwins.config.yaml": `${await readFile(path.join(root, "smallwins.config.yaml"), "utf8")}templates: my-templates\n`,
      "my-templates/partials/win.eta": `<% throw new Error("the win partial broke") %>\n`,
    });
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the previous site was left as it was");
    expect(await snapshotTree(out)).toEqual(before);
    expect(await beside(out)).toEqual([]);
  });

  it("build puts it back, then builds: the site of a build, the user's file kept, nothing beside it", async ({ expect }) => {
    const { root, out, before } = await interruptedSwap();
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    // The same inputs as the build that made the previous site: the same bytes.
    expect(bytesOf(await snapshotTree(out))).toEqual(bytesOf(before));
    expect(await beside(out)).toEqual([]);
  });

  it("through a symlinked output folder: the real folder is put back, the symlink stays", async ({ expect }) => {
    const root = await tempDir("smallwins-swap-");
    await copyFixture("site-gaps", root);
    await mkdir(path.join(root, "real"));
    await symlink("real", path.join(root, "site"));
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    const out = path.join(root, "real");
    const before = await snapshotTree(out);
    const ended = await namesOfAnEndedProcess(out);
    await rename(out, ended.previous);
    await writeFiles(root, { "my-templates/partials/win.eta": `<% throw new Error("the win partial broke") %>\n`, "smallwins.config.yaml": `${await readFile(path.join(root, "smallwins.config.yaml"), "utf8")}templates: my-templates\n` });
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(1);
    expect((await lstat(path.join(root, "site"))).isSymbolicLink()).toBe(true);
    expect(await snapshotTree(out)).toEqual(before);
    expect((await readdir(root)).filter((n) => n.includes(".smallwins-"))).toEqual([".smallwins-cache"]);
  });

  it("watch puts it back before its first build", async ({ expect }) => {
    const { root, out, before } = await interruptedSwap();
    const child = spawn(process.execPath, [CLI_PATH, "watch", ...TODAY], { cwd: root, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const closed = new Promise((resolve) => child.once("close", resolve));
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const deadline = Date.now() + 80_000;
      while (!stdout.includes("watching") && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stdout).toContain("watching");
    } finally {
      child.kill("SIGINT");
      await closed;
    }
    expect(bytesOf(await snapshotTree(out))).toEqual(bytesOf(before));
    expect(await beside(out)).toEqual([]);
  });
});

describe.concurrent("temporary files a killed run left", { timeout: 90_000 }, () => {
  it("a watch's in the site and the cache's are gone after the next build; a running one's is not carried into the new site", async ({ expect }) => {
    const root = await tempDir("smallwins-tmpfiles-");
    await copyFixture("site-gaps", root);
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    const site = path.join(root, "site");
    const ended = await namesOfAnEndedProcess(site, path.join(site, "days", "2026-03-02.html"));
    const endedCache = await namesOfAnEndedProcess(site, path.join(root, ".smallwins-cache", "parse-v1.json"));
    const mine = temporaryFileName(path.join(site, "index.html"));
    for (const file of [ended.file, endedCache.file, mine]) await writeFile(file, "half a file");
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    for (const file of [ended.file, endedCache.file, mine]) expect(existsSync(file), file).toBe(false);
    expect(await readFile(path.join(site, "days", "2026-03-02.html"), "utf8")).toContain("<html");
  });
});
