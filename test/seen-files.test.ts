/**
 * The files a site publishes, as the last build saw them, kept in
 * `.smallwins-cache/files-v1.json` (src/io/seen-files.ts): a warm build takes
 * an unchanged picture's size from there instead of its header, a changed
 * picture is looked at again, and a cache that is damaged, or names a copy
 * outside the cache's images folder, is not trusted.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IncrementalBuilder } from "../src/incremental.js";
import { listFiles, runCli, useTempDirs, writeFiles } from "./helpers/cli.js";
import { parseHtml } from "./helpers/site.js";

const newDir = useTempDirs();
const jpeg = (width: number, height: number, background = "#3a7"): Promise<Buffer> => sharp({ create: { width, height, channels: 3, background } }).jpeg({ quality: 70 }).toBuffer();
const build = (root: string, ...more: string[]): ReturnType<typeof runCli> => runCli(["build", "--today", "2026-11-22", ...more], { cwd: root });
const cacheFile = (root: string): string => path.join(root, ".smallwins-cache", "files-v1.json");

/** A project with a small picture and a photo wider than maxWidth. */
async function project(): Promise<string> {
  const root = await newDir("smallwins-seen-");
  await writeFiles(root, {
    "smallwins.config.yaml": "title: Photos\n",
    "journal/2026/11/photos/small.jpg": await jpeg(400, 300),
    "journal/2026/11/photos/big.jpg": await jpeg(2000, 1000),
    "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran\n---\n![Small](photos/small.jpg)\n\n![Big](photos/big.jpg)\n",
  });
  return root;
}

/** Each picture of the day page: alt, src, width and height. */
async function pictures(root: string): Promise<string[][]> {
  const page = parseHtml(await readFile(path.join(root, "site", "days", "2026-11-20.html"), "utf8"));
  return page.querySelectorAll(".prose img").map((img) => ["alt", "src", "width", "height"].map((a) => img.getAttribute(a) ?? ""));
}

/** Rewrites the cache as `edit` says, with a checksum that matches, as a build would have written it. */
async function editCache(root: string, edit: (stored: { files: [string, Record<string, unknown>][] }) => void): Promise<void> {
  const stored = JSON.parse(await readFile(cacheFile(root), "utf8"));
  edit(stored);
  const text = JSON.stringify(stored);
  await writeFile(cacheFile(root), text);
  await writeFile(`${cacheFile(root)}.sha1`, createHash("sha1").update(text).digest("hex"));
}

const entryFor = (stored: { files: [string, Record<string, unknown>][] }, name: string): Record<string, unknown> => stored.files.find(([file]) => file.endsWith(name))![1];

describe("the files a build saw, kept for the next", () => {
  it("give a warm build an unchanged picture's size without reading it, and the same site as a build without them", async () => {
    const root = await project();
    expect((await build(root)).code).toBe(0);
    const first = await pictures(root);
    expect(first.map(([alt, , width, height]) => [alt, width, height])).toEqual([
      ["Small", "400", "300"],
      ["Big", "1600", "800"],
    ]);
    expect(first[0]![1]).toMatch(/^\.\.\/files\/small-[0-9a-f]{10}\.jpg$/);
    expect((await build(root)).code).toBe(0);
    expect(await pictures(root)).toEqual(first);
    // What the cache says is what the page shows: the header was not read again.
    await editCache(root, (stored) => (entryFor(stored, "small.jpg").size = { width: 401, height: 301 }));
    expect((await build(root)).code).toBe(0);
    expect((await pictures(root))[0]!.slice(2)).toEqual(["401", "301"]);
    // --no-cache reads every picture again.
    expect((await build(root, "--no-cache")).code).toBe(0);
    expect(await pictures(root)).toEqual(first);
  });

  it("look at a changed picture again", async () => {
    const root = await project();
    expect((await build(root)).code).toBe(0);
    await writeFiles(root, { "journal/2026/11/photos/small.jpg": await jpeg(500, 250, "#c52"), "journal/2026/11/photos/big.jpg": await jpeg(3200, 800, "#c52") });
    expect((await build(root)).code).toBe(0);
    expect((await pictures(root)).map((p) => p.slice(2))).toEqual([
      ["500", "250"],
      ["1600", "400"],
    ]);
  });

  it("are not trusted when damaged, or when they name a copy outside the cache's images folder", async () => {
    const root = await project();
    expect((await build(root)).code).toBe(0);
    const first = await pictures(root);
    const secret = path.join(root, "secret.txt");
    await writeFile(secret, "SECRET-NOT-A-PHOTO");
    await editCache(root, (stored) => {
      const big = entryFor(stored, "big.jpg") as { resized: { copies: { file: string }[] } };
      for (const copy of big.resized.copies) copy.file = secret;
    });
    expect((await build(root)).code).toBe(0);
    expect(await pictures(root)).toEqual(first);
    for (const file of await listFiles(path.join(root, "site"))) expect(await readFile(path.join(root, "site", file), "utf8"), file).not.toContain("SECRET-NOT-A-PHOTO");
    // A cache whose checksum does not match is ignored: the size it says is not shown.
    await editCache(root, (stored) => (entryFor(stored, "small.jpg").size = { width: 401, height: 301 }));
    await writeFile(`${cacheFile(root)}.sha1`, "0".repeat(40));
    expect((await build(root)).code).toBe(0);
    expect(await pictures(root)).toEqual(first);
  });
});

describe("in a watch", () => {
  it("a picture no change touched is not looked at again when an entry is edited; one the watcher reports is", async () => {
    const root = await project();
    const builder = new IncrementalBuilder({ cwd: root, today: "2026-11-22" });
    expect((await builder.initial()).ok).toBe(true);
    // New bytes the builder is not told of: an edit of the entry trusts what it saw.
    await writeFiles(root, { "journal/2026/11/photos/small.jpg": await jpeg(500, 250, "#c52") });
    const entry = path.join(root, "journal", "2026", "11", "2026-11-20.md");
    await writeFiles(root, { "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran far\n---\n![Small](photos/small.jpg)\n\n![Big](photos/big.jpg)\n" });
    expect((await builder.update({ files: new Set([entry]) })).ok).toBe(true);
    expect((await pictures(root))[0]!.slice(2)).toEqual(["400", "300"]);
    // Told of it, as the watcher tells every change in the journal: looked at again.
    expect((await builder.update({ files: new Set([path.join(root, "journal", "2026", "11", "photos", "small.jpg")]) })).ok).toBe(true);
    expect((await pictures(root))[0]!.slice(2)).toEqual(["500", "250"]);
    // What is in a folder read again (a folder moved in) is looked at again too.
    await writeFiles(root, {
      "journal/2026/11/photos/small.jpg": await jpeg(600, 200, "#25c"),
      "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran farther\n---\n![Small](photos/small.jpg)\n\n![Big](photos/big.jpg)\n",
    });
    expect((await builder.update({ files: new Set([entry]), addedDirs: new Set([path.join(root, "journal", "2026", "11", "photos")]) })).ok).toBe(true);
    expect((await pictures(root))[0]!.slice(2)).toEqual(["600", "200"]);
  });
});

describe("an edit in a watch that touches no picture", () => {
  it("shows every picture as before, the same objects, with the warnings of those that cannot be read", async () => {
    const root = await project();
    await writeFiles(root, {
      "journal/2026/11/photos/broken.png": "not a picture",
      "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran\n---\n![Small](photos/small.jpg)\n\n![Big](photos/big.jpg)\n\n![Broken](photos/broken.png)\n",
    });
    const builder = new IncrementalBuilder({ cwd: root, today: "2026-11-22" });
    const first = await builder.initial();
    expect(first.ok).toBe(true);
    const warnings = (report: typeof first): string[] => report.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    expect(warnings(first)).toEqual([expect.stringMatching(/2026-11-20\.md:10:1 `2026\/11\/photos\/broken\.png`: its size could not be read/)]);
    const shownFirst = await pictures(root);
    const entry = path.join(root, "journal", "2026", "11", "2026-11-20.md");
    await writeFiles(root, { "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran far\n---\n![Small](photos/small.jpg)\n\n![Big](photos/big.jpg)\n\n![Broken](photos/broken.png)\n" });
    const edited = await builder.update({ files: new Set([entry]) });
    expect(edited.ok).toBe(true);
    expect(warnings(edited)).toEqual(warnings(first));
    expect(await pictures(root)).toEqual(shownFirst);
    // The published files are last build's, object for object: the pages of the other days are told unchanged by identity.
    const files = (report: typeof first): ReadonlyMap<string, unknown> => report.model!.links.published!;
    expect(files(edited)).toBe(files(first));
    expect([...files(edited).keys()].sort()).toEqual(["2026/11/photos/big.jpg", "2026/11/photos/broken.png", "2026/11/photos/small.jpg"]);
    expect(edited.written.filter((f) => !f.endsWith(".html") && !f.endsWith(".json") && !f.endsWith(".xml") && !f.startsWith("search/"))).toEqual([]);
  });
});
