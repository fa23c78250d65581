/**
 * Writing the site (§5, docs/security.md): output-folder safety, atomic
 * replacement (a failed build leaves the old site whole), the user's own files
 * in the output folder survive, a generated file never replaces one of them,
 * pages that no longer exist go away, and the output is the same bytes in
 * every time zone. Most cases run the real binary (dist/cli.js) on a copy of
 * test/fixtures/site-gaps (2026-03-02 and 2026-03-16, today 2026-03-25).
 */
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "vitest";
import { UsageError, FileError } from "../src/errors.js";
import { MANIFEST, checkOutputFolder, writeSiteAtomically } from "../src/io/write-site.js";
import { listFiles, runCli, snapshotTree, writeFiles } from "./helpers/cli.js";
import { REPO, buildProject, copyFixture, useSiteTempDirs } from "./helpers/site.js";

const tempDir = useSiteTempDirs();
const TODAY = ["--today", "2026-03-25"];

/** A copy of the site-gaps project in a fresh temporary folder. */
async function project(): Promise<string> {
  const root = await tempDir("smallwins-site-");
  await copyFixture("site-gaps", root);
  return root;
}

/** Temporary folders that smallwins would leave beside the output folder if it did not clean up. */
async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => name.includes(".smallwins-new-") || name.includes(".smallwins-old-"));
}

/** The first letters of the site-gaps journal's words ("Gym in week ten", "Gym in week twelve"): one search shard each. */
const TERM_SHARDS = ["g", "i", "t", "w"];

/** The files of the site-gaps project, in the order the manifest lists them (sorted). */
const GAPS_FILES = [
  "404.html",
  "areas/index.html",
  "days/2026-03-02.html",
  "days/2026-03-16.html",
  "feed.xml",
  "habits/gym.html",
  "habits/index.html",
  "index.html",
  "milestones.html",
  "search.html",
  // The search client and its index (one shard per first letter of the published words, in so small a site).
  ...["boot", "search", "index", "months/2026-03"].map((f) => `search/${f}.js`),
  ...TERM_SHARDS.map((t) => `search/terms/${t}.js`),
  "style.css",
  "tags/index.html",
  "weeks/2026-W10.html",
  "weeks/2026-W12.html",
  "weeks/index.html",
  "wins.json",
  "years/2026.html",
].sort();

describe.concurrent("output-folder safety", () => {
  it("refuses the project folder, the home folder, /, the journal, a folder holding it, and one inside it", async ({ expect }) => {
    const root = await project();
    const home = await tempDir("smallwins-home-");
    const journalDir = path.join(root, "data", "journal");
    await mkdir(journalDir, { recursive: true });
    await symlink(journalDir, path.join(root, "journal-link"));
    const check = (outDir: string) => () => checkOutputFolder({ outDir, root, journalDir, home });
    expect(check(root)).toThrow(/it is the project folder/);
    expect(check(path.join(root, "."))).toThrow(/it is the project folder/);
    expect(check(home)).toThrow(/it is your home folder/);
    expect(check("/")).toThrow(/it is the file system root/);
    expect(check(journalDir)).toThrow(/it is the journal/);
    expect(check(path.join(root, "journal-link"))).toThrow(/it is the journal/);
    expect(check(path.join(root, "data"))).toThrow(/it holds the journal/);
    expect(check(path.join(journalDir, "site"))).toThrow(/it is inside the journal/);
    expect(check(path.dirname(root))).toThrow(/holds/);
    expect(check(root)).toThrow(UsageError);
    expect(check(path.join(root, "site"))).not.toThrow();
    expect(check(path.join(home, "wins-site"))).not.toThrow();
  });

  it("makes the binary exit 2 for --out journal, without writing anything", async ({ expect }) => {
    const root = await project();
    const before = await snapshotTree(root);
    const result = await runCli(["build", ...TODAY, "--out", "journal"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`refusing to write the site to ${path.join(root, "journal")}: it is the journal`);
    expect(await snapshotTree(root)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });
});

describe.concurrent("atomic writes", () => {
  it("writes the site and a manifest of what it wrote", async ({ expect }) => {
    const root = await project();
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // 14 pages: GAPS_FILES' pages, tags/index.html (always made, §6 tags) and search.html (§6 search) among them.
    expect(result.stdout).toMatch(/^built site: 14 pages from 2 days of entries in \d+\.\d\d s \(0 errors, 0 warnings\)\n$/);
    expect(await listFiles(path.join(root, "site"))).toEqual([MANIFEST, ...GAPS_FILES].sort());
    const manifest = JSON.parse(await readFile(path.join(root, "site", MANIFEST), "utf8")) as { generator: string; files: string[] };
    expect(manifest).toEqual({ generator: "smallwins", files: GAPS_FILES });
    expect(await leftovers(root)).toEqual([]);
  });

  it("leaves the old site byte for byte when a template throws, and no temporary folder beside it", async ({ expect }) => {
    const root = await project();
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    const before = await snapshotTree(path.join(root, "site"));
    await writeFiles(root, {
      "smallwins.config.yaml": `${await readFile(path.join(root, "smallwins.config.yaml"), "utf8")}templates: my-templates\n`,
      "my-templates/partials/win.eta": `<% throw new Error("the win partial broke") %>\n`,
    });
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("my-templates/partials/win.eta:1:1: error: template partials/win: rendering index.html failed: the win partial broke");
    expect(result.stderr).toContain("build failed: the previous site was left as it was");
    expect(result.stdout).toBe("");
    expect(await snapshotTree(path.join(root, "site"))).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });
});

describe.concurrent("the user's files in the output folder", () => {
  it("survive rebuilds byte for byte: a CNAME, an image in a sub-folder, an empty folder and a symlink", async ({ expect }) => {
    const root = await project();
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00, 0x80]);
    await writeFiles(path.join(root, "site"), { CNAME: "wins.example.org\n", "img/me.png": png, "days/notes.txt": "mine\n" });
    await mkdir(path.join(root, "site", "uploads"));
    await symlink("../smallwins.config.yaml", path.join(root, "site", "config-link"));
    for (let i = 0; i < 2; i++) {
      const result = await runCli(["build", ...TODAY], { cwd: root });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(await readFile(path.join(root, "site", "CNAME"), "utf8")).toBe("wins.example.org\n");
    expect(new Uint8Array(await readFile(path.join(root, "site", "img", "me.png")))).toEqual(png);
    expect(await readFile(path.join(root, "site", "days", "notes.txt"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(root, "site", "uploads"))).toBe(true);
    expect(await readFile(path.join(root, "site", "config-link"), "utf8")).toBe(await readFile(path.join(root, "smallwins.config.yaml"), "utf8"));
    // The manifest lists only what smallwins wrote.
    const manifest = JSON.parse(await readFile(path.join(root, "site", MANIFEST), "utf8")) as { files: string[] };
    expect(manifest.files).toEqual(GAPS_FILES);
    expect(await leftovers(root)).toEqual([]);
  });

  it("are never replaced: a hand-made site/index.html is refused with a clear message, and nothing changes", async ({ expect }) => {
    const root = await project();
    await writeFiles(root, { "site/index.html": "<p>my own page</p>\n", "site/CNAME": "wins.example.org\n" });
    const before = await snapshotTree(root);
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${path.join(root, "site", "index.html")} was not written by smallwins, and the site would replace it; move it away or choose another --out folder`);
    expect(await snapshotTree(root)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it("are never replaced by a folder either: a file named site/days is refused", async ({ expect }) => {
    const root = await project();
    await writeFiles(root, { "site/days": "not a folder\n" });
    const before = await snapshotTree(root);
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(root, "site", "days")} was not written by smallwins`);
    expect(await snapshotTree(root)).toEqual(before);
  });
});

describe.concurrent("pages that no longer exist", () => {
  it("are gone after the next build (a deleted day), while the user's files stay", async ({ expect }) => {
    const root = await project();
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    await writeFiles(root, { "site/CNAME": "wins.example.org\n" });
    expect(existsSync(path.join(root, "site", "days", "2026-03-16.html"))).toBe(true);
    for (const file of ["2026-03-16.md", "2026-03-16-noon.md", "2026-03-16-evening.md"]) await rm(path.join(root, "journal", file));
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const files = await listFiles(path.join(root, "site"));
    expect(files).not.toContain("days/2026-03-16.html");
    expect(files).toContain("days/2026-03-02.html");
    expect(files).toContain("CNAME");
    // Week 12 still has its reflection; the habit and its weeks follow the one day left.
    const manifest = JSON.parse(await readFile(path.join(root, "site", MANIFEST), "utf8")) as { files: string[] };
    expect(manifest.files).toEqual(GAPS_FILES.filter((f) => f !== "days/2026-03-16.html"));
  });
});

describe.concurrent("writeSiteAtomically (library)", () => {
  it("writes files into a new folder and refuses to write over a file", async ({ expect }) => {
    const dir = await tempDir("smallwins-lib-");
    const out = path.join(dir, "out");
    await writeSiteAtomically(out, [
      { path: "a.html", contents: "A" },
      { path: "x/b.html", contents: "B" },
    ]);
    expect(await listFiles(out)).toEqual([MANIFEST, "a.html", "x/b.html"]);
    await writeSiteAtomically(out, [{ path: "a.html", contents: "A2" }]);
    expect(await listFiles(out)).toEqual([MANIFEST, "a.html"]);
    expect(await readFile(path.join(out, "a.html"), "utf8")).toBe("A2");
    await writeFile(path.join(dir, "file"), "x");
    await expect(writeSiteAtomically(path.join(dir, "file"), [{ path: "a.html", contents: "A" }])).rejects.toThrow(FileError);
    await expect(writeSiteAtomically(path.join(dir, "file"), [{ path: "a.html", contents: "A" }])).rejects.toThrow(/is not a folder/);
    expect(await leftovers(dir)).toEqual([]);
  });
});

describe.concurrent("writeSiteAtomically (library): folders", () => {
  it("keeps the output folder's permissions", async ({ expect }) => {
    const dir = await tempDir("smallwins-lib-");
    const out = path.join(dir, "out");
    await mkdir(out);
    await chmod(out, 0o750);
    await writeSiteAtomically(out, [{ path: "a.html", contents: "A" }]);
    expect((await stat(out)).mode & 0o777).toBe(0o750);
  });

  it("writes through a symlinked output folder and keeps the symlink", async ({ expect }) => {
    const dir = await tempDir("smallwins-lib-");
    await mkdir(path.join(dir, "real"));
    await symlink("real", path.join(dir, "out"));
    await writeSiteAtomically(path.join(dir, "out"), [{ path: "a.html", contents: "A" }]);
    expect((await lstat(path.join(dir, "out"))).isSymbolicLink()).toBe(true);
    expect(await listFiles(path.join(dir, "real"))).toEqual([MANIFEST, "a.html"]);
    expect(await leftovers(dir)).toEqual([]);
  });

  it("refuses to put a file where the user has an empty folder", async ({ expect }) => {
    const dir = await tempDir("smallwins-lib-");
    await mkdir(path.join(dir, "out", "feed.xml"), { recursive: true });
    await expect(writeSiteAtomically(path.join(dir, "out"), [{ path: "feed.xml", contents: "<feed/>" }])).rejects.toThrow(/feed\.xml was not written by smallwins/);
    expect((await stat(path.join(dir, "out", "feed.xml"))).isDirectory()).toBe(true);
  });
});

describe.concurrent("reproducible output", () => {
  it("gives byte-identical trees for the sample journal in three time zones, equal to the library's build", async ({ expect }) => {
    const zones = ["America/Los_Angeles", "UTC", "Pacific/Kiritimati"];
    const outs = await Promise.all(zones.map(() => tempDir("smallwins-tz-")));
    const results = await Promise.all(
      zones.map((tz, i) => runCli(["build", "--today", "2026-11-21", "--out", path.join(outs[i]!, "site")], { cwd: REPO, env: { TZ: tz } })),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const trees = await Promise.all(outs.map(async (o) => Object.fromEntries(Object.entries(await snapshotTree(path.join(o, "site"))).map(([f, s]) => [f, s.bytes]))));
    // 124 pages (110, the sick day of 2026-10-19's page, tags/index.html and a page for each of the sample's 11 tags, and search.html), 3 other files, the manifest and the sample's two photos and one PDF (files/);
    // and the search files: 2 scripts, the directory, 4 months and 32 term shards.
    expect(Object.keys(trees[0]!).filter((f) => !f.startsWith("search/"))).toHaveLength(124 + 3 + 1 + 3);
    expect(Object.keys(trees[0]!).filter((f) => f.startsWith("search/"))).toHaveLength(2 + 1 + 4 + 32);
    expect(trees[1]).toEqual(trees[0]);
    expect(trees[2]).toEqual(trees[0]);
    const { files } = await buildProject(REPO, "2026-11-21");
    for (const f of files.keys()) expect(Buffer.from(trees[0]![f]!, "base64").toString("utf8"), f).toBe(files.get(f));
    const { copies } = await buildProject(REPO, "2026-11-21").then((s) => s.result);
    for (const c of copies) expect(Buffer.from(trees[0]![c.path]!, "base64"), c.path).toEqual(await readFile(c.copyFrom));
  });
});
