/**
 * Corpus, output-safety family: script URLs and raw HTML in Markdown, hostile
 * text in every field and config value, path-like, reserved, over-long,
 * look-alike and case-colliding slugs, and hostile text on the terminal
 * (folders under test/corpus/output-safety/); then, with the real binary and
 * the writer: unsafe output folders, an output folder holding the user's own
 * files, and a build or a write failing midway.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFolder, writeSiteAtomically } from "../../src/io/write-site.js";
import { runCli, snapshotTree, writeFiles } from "../helpers/cli.js";
import { caseTests, corpusCases, useCorpusTempDirs } from "../helpers/corpus.js";

const cases = corpusCases("output-safety");
const tempDir = useCorpusTempDirs();

describe("output-safety corpus", () => {
  it("has the cases the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  caseTests(cases, tempDir);
});

/** A small valid project: config, two days, a reflection. */
const PROJECT = {
  "smallwins.config.yaml": "title: Safe\n",
  "journal/2026/11/2026-11-20.md": "---\nwins: [Friday]\n---\nA body.\n",
  "journal/2026/11/2026-11-21.md": "---\nwins: [Saturday]\n---\n",
  "journal/weeks/2026-W47.md": "A reflection.\n",
} as const;

/** Everything beside the output folder whose name says it is a smallwins temporary folder. */
async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => /smallwins-(new|old)/.test(name));
}

describe("unsafe output folders are refused before anything is written", () => {
  const temp = tempDir;

  it.concurrent.each([
    ["--out .", ["--out", "."], "it is the project folder"],
    ["--out ..", ["--out", ".."], "it holds the project folder"],
    ["--out journal", ["--out", "journal"], "it is the journal"],
    ["--out journal/site", ["--out", "journal/site"], "it is inside the journal"],
    ["--out journal/2026/../site", ["--out", "journal/2026/../site"], "it is inside the journal"],
    ["--out linked-journal (a symlink to the journal)", ["--out", "linked-journal"], "it is the journal"],
    ["--out linked-journal/site", ["--out", "linked-journal/site"], "it is inside the journal"],
  ] as const)("%s", async (_name, args, why) => {
    const root = await temp("smallwins-corpus-out-");
    await writeFiles(root, PROJECT);
    await symlink("journal", path.join(root, "linked-journal"));
    const before = await snapshotTree(root);
    const result = await runCli(["build", "--today", "2026-11-21", ...args], { cwd: root });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("refusing to write the site");
    expect(result.stderr).toContain(why);
    expect(await snapshotTree(root)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it("out: journal/site in the config", async () => {
    const root = await temp("smallwins-corpus-out-");
    await writeFiles(root, { ...PROJECT, "smallwins.config.yaml": "out: journal/site\n" });
    const before = await snapshotTree(root);
    const result = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("it is inside the journal");
    expect(await snapshotTree(root)).toEqual(before);
  });

  it("the home folder, and a folder holding it", async () => {
    const home = await temp("smallwins-corpus-home-");
    const root = path.join(home, "project");
    await writeFiles(root, PROJECT);
    const before = await snapshotTree(home);
    for (const [out, why] of [
      [home, "it is your home folder"],
      [path.dirname(home), "it holds your home folder"],
    ] as const) {
      const result = await runCli(["build", "--today", "2026-11-21", "--out", out], { cwd: root, env: { HOME: home, USERPROFILE: home } });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(why);
    }
    expect(await snapshotTree(home)).toEqual(before);
  });

  it("the file system root (checked without the binary: a bug here must not write to /)", () => {
    const root = path.parse(process.cwd()).root;
    expect(() => checkOutputFolder({ outDir: root, root: process.cwd(), journalDir: path.join(process.cwd(), "journal"), home: os.homedir() })).toThrow(
      /refusing to write the site to .*: it is the file system root/,
    );
  });
});

describe("an output folder holding the user's own files", () => {
  const temp = tempDir;

  it("keeps them byte for byte through two builds, and refuses to replace one", async () => {
    const root = await temp("smallwins-corpus-own-");
    await writeFiles(root, {
      ...PROJECT,
      "site/CNAME": "wins.example.org\n",
      "site/notes/todo.txt": "my own notes\n",
      "site/.well-known/security.txt": "Contact: me\n",
    });
    await mkdir(path.join(root, "site", "empty-folder"));
    const mine = async (): Promise<Record<string, unknown>> => {
      const all = await snapshotTree(path.join(root, "site"));
      return Object.fromEntries(Object.entries(all).filter(([file]) => !file.endsWith(".html") && !file.startsWith("search/") && !["feed.xml", "wins.json", "style.css", ".smallwins-manifest.json"].includes(file)));
    };
    const before = await mine();
    for (let i = 0; i < 2; i++) {
      const result = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
      expect(result.code, result.stderr).toBe(0);
      expect(await mine()).toEqual(before);
      expect(existsSync(path.join(root, "site", "empty-folder"))).toBe(true);
    }
    // A file of the user's where the site writes one (a page the last build did not write): refused, and nothing changes.
    await writeFiles(root, { "site/years/2025.html": "<p>my own page</p>\n", "journal/2025-06-01.md": "---\nwins: [Last year]\n---\n" });
    let site = await snapshotTree(path.join(root, "site"));
    const refused = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("years/2025.html was not written by smallwins");
    expect(await snapshotTree(path.join(root, "site"))).toEqual(site);
    // A manifest that does not list what the site holds (edited, or copied from another site)
    // makes those files the user's: the build refuses to replace them rather than guess.
    await writeFiles(root, { "site/.smallwins-manifest.json": '{"generator":"smallwins","files":["index.html"]}\n' });
    site = await snapshotTree(path.join(root, "site"));
    const stale = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("was not written by smallwins");
    expect(await snapshotTree(path.join(root, "site"))).toEqual(site);
    expect(await leftovers(root)).toEqual([]);
  });
});

describe("a build or a write failing midway leaves the old site whole", () => {
  const temp = tempDir;

  async function builtProject(): Promise<{ root: string; site: string }> {
    const root = await temp("smallwins-corpus-fail-");
    await writeFiles(root, PROJECT);
    const first = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
    expect(first.code, first.stderr).toBe(0);
    return { root, site: path.join(root, "site") };
  }

  it("a template that throws on one page: exit 1, the old site byte for byte, no temporary folder", async () => {
    const { root, site } = await builtProject();
    const before = await snapshotTree(site);
    await writeFiles(root, {
      "smallwins.config.yaml": "title: Safe\ntemplates: my-templates\n",
      "my-templates/day.eta": '<% if (it.date === "2026-11-21") { throw new Error("boom in the middle") } %><p><%= it.date %></p>\n',
      "journal/2026/11/2026-11-21.md": "---\nwins: [Saturday, edited]\n---\n",
    });
    const result = await runCli(["build", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("boom in the middle");
    expect(result.stderr).toContain("the previous site was left as it was");
    expect(await snapshotTree(site)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it("a write that fails halfway through (a file name the disk refuses): the old site byte for byte, no temporary folder", async () => {
    const { root, site } = await builtProject();
    const before = await snapshotTree(site);
    const files = [
      ...Array.from({ length: 50 }, (_, i) => ({ path: `days/page-${i}.html`, contents: `<p>${i}</p>` })),
      { path: `days/${"x".repeat(300)}.html`, contents: "too long a name" },
      { path: "index.html", contents: "<p>never written</p>" },
    ];
    await expect(writeSiteAtomically(site, files)).rejects.toThrow(/could not write the site/);
    expect(await snapshotTree(site)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it.concurrent.each([
    ["a path that climbs out", "../escaped.html"],
    ["an absolute path", "/tmp/escaped.html"],
    ["a dot segment", "days/./x.html"],
    ["a backslash", "days\\..\\..\\escaped.html"],
    ["a drive", "C:/escaped.html"],
    ["the manifest", ".smallwins-manifest.json"],
  ])("a generated file with %s is refused before anything is written", async (_name, bad) => {
    const { root, site } = await builtProject();
    const before = await snapshotTree(root);
    await expect(writeSiteAtomically(site, [{ path: "index.html", contents: "x" }, { path: bad, contents: "escaped" }])).rejects.toThrow(/refusing to write/);
    expect(await snapshotTree(root)).toEqual(before);
    expect(existsSync(path.join(root, "escaped.html"))).toBe(false);
    expect(await leftovers(root)).toEqual([]);
  });

  it("two generated files that would be one file where case does not count are refused", async () => {
    const { root, site } = await builtProject();
    const before = await snapshotTree(root);
    const files = [
      { path: "areas/work.html", contents: "a" },
      { path: "areas/Work.html", contents: "b" },
    ];
    await expect(writeSiteAtomically(site, files)).rejects.toThrow(/areas\/work.html and areas\/Work.html would be the same file/);
    await expect(writeSiteAtomically(site, [{ path: "a/\u00e9.html", contents: "a" }, { path: "a/e\u0301.html", contents: "b" }])).rejects.toThrow(/would be the same file/);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it("leaves no temporary folder when the output folder's parent cannot hold one", async () => {
    const { root } = await builtProject();
    await writeFile(path.join(root, "not-a-folder"), "a file\n");
    await expect(writeSiteAtomically(path.join(root, "not-a-folder", "site"), [{ path: "index.html", contents: "x" }])).rejects.toThrow();
    expect(await leftovers(root)).toEqual([]);
  });
});
