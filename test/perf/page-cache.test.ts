/**
 * The page cache, through the real binary: a warm `build` carries unchanged
 * pages over from the current site (hard links, no rendering), and its site is
 * always byte for byte the site of a `--no-cache` build, whatever changed in
 * between: an entry, a page in the output folder, a template, the config, or
 * the cache itself.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR } from "../../src/io/cache.js";
import { listFiles, REPO_ROOT, runCli, useTempDirs } from "../helpers/cli.js";

const TODAY = "2026-11-21";
const tempDir = useTempDirs();

/** Every file of a folder: path to bytes (as base64, so binary differences show). */
async function tree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listFiles(root)) out.set(rel, (await readFile(path.join(root, ...rel.split("/")))).toString("base64"));
  return out;
}

async function build(dir: string, out: string, ...extra: string[]): Promise<void> {
  const result = await runCli(["build", "--today", TODAY, "--out", out, ...extra], { cwd: dir, timeoutMs: 60_000 });
  expect(result.stderr).not.toContain("Error");
  expect(result.code).toBe(0);
}

/** The project folder and the bytes a build reads there (the journal, the config, the user's templates), as one key. */
async function inputsKey(dir: string): Promise<string> {
  const hash = createHash("sha256").update(`${dir}\0`);
  for (const input of ["journal", "templates"]) {
    if (!existsSync(path.join(dir, input))) continue;
    for (const rel of await listFiles(path.join(dir, input))) hash.update(`${input}/${rel}\0`).update(await readFile(path.join(dir, input, ...rel.split("/")))).update("\0");
  }
  hash.update(await readFile(path.join(dir, "smallwins.config.yaml")));
  return hash.digest("hex");
}

/** Cache-free sites already built, by inputsKey: a step that changes only the output folder or the cache reuses its reference. */
const references = new Map<string, Map<string, string>>();

/** The site the cache-free build gives for the journal as it is now. */
async function reference(dir: string): Promise<Map<string, string>> {
  const key = await inputsKey(dir);
  const known = references.get(key);
  if (known !== undefined) return known;
  await build(dir, "reference", "--no-cache");
  const built = await tree(path.join(dir, "reference"));
  references.set(key, built);
  return built;
}

/**
 * Builds `site` with the cache and, at the same time, the cache-free reference
 * of the same journal; gives both trees. The two can overlap: `--no-cache`
 * neither reads nor writes `.smallwins-cache/`, and each writes its own folder.
 */
async function buildWithReference(dir: string): Promise<{ site: Map<string, string>; reference: Map<string, string> }> {
  const [, ref] = await Promise.all([build(dir, "site"), reference(dir)]);
  return { site: await tree(path.join(dir, "site")), reference: ref };
}

/** Builds `site` with the cache and checks it is byte for byte the cache-free build's site. */
async function buildAndCompare(dir: string): Promise<void> {
  const built = await buildWithReference(dir);
  expect(built.site).toEqual(built.reference);
}

const inode = async (file: string): Promise<number> => (await stat(file)).ino;

describe("the page cache", () => {
  it("carries unchanged pages over and never makes a site differ from a --no-cache build", async () => {
    const dir = await tempDir("smallwins-pages-");
    await cp(path.join(REPO_ROOT, "journal"), path.join(dir, "journal"), { recursive: true });
    await cp(path.join(REPO_ROOT, "smallwins.config.yaml"), path.join(dir, "smallwins.config.yaml"));
    const site = path.join(dir, "site");
    const page = (rel: string): string => path.join(site, ...rel.split("/"));

    await buildAndCompare(dir); // the first build writes every page and the cache
    const quiet = "days/2026-09-01.html";
    const before = await inode(page(quiet));

    const photo = (await listFiles(site)).find((f) => /^files\/valencia-[0-9a-f]{10}\.jpg$/.test(f))!;
    expect(photo).toBeDefined();
    const photoBefore = await inode(page(photo));

    // Nothing changed: every page is carried over, the same file as before, and so is every copy of a journal file.
    await buildAndCompare(dir);
    expect(await inode(page(quiet))).toBe(before);
    expect(await inode(page(photo))).toBe(photoBefore);

    // A copy changed by hand in the output folder is copied again; a changed photo in the journal is copied anew.
    await writeFile(page(photo), "not the photo");
    await buildAndCompare(dir);
    const journalPhoto = path.join(dir, "journal", "2026", "11", "photos", "valencia.jpg");
    await writeFile(journalPhoto, Buffer.concat([await readFile(journalPhoto), Buffer.from("changed")]));
    await buildAndCompare(dir);
    expect(await inode(page(photo))).not.toBe(photoBefore);

    // An entry changed: its day page is made again, a day it does not touch is carried over.
    const entry = path.join(dir, "journal", "2026", "11", "2026-11-20.md");
    await writeFile(entry, (await readFile(entry, "utf8")).replace("wins:\n", "wins:\n  - A win from the page-cache test\n"));
    const edited = await inode(page("days/2026-11-20.html"));
    await buildAndCompare(dir);
    expect(await readFile(page("days/2026-11-20.html"), "utf8")).toContain("A win from the page-cache test");
    expect(await inode(page("days/2026-11-20.html"))).not.toBe(edited);
    expect(await inode(page(quiet))).toBe(before);

    // A generated page changed by hand in the output folder is made again, not trusted.
    await writeFile(page(quiet), "<p>changed by hand</p>");
    await buildAndCompare(dir);

    // The same size and a restored modification time still leave another inode: made again.
    const original = await readFile(page(quiet));
    const info = await stat(page(quiet));
    const forged = Buffer.from(original);
    forged[forged.indexOf("<title>") + 7] = "X".charCodeAt(0);
    await writeFile(`${page(quiet)}.tmp`, forged);
    const { rename, utimes } = await import("node:fs/promises");
    await rename(`${page(quiet)}.tmp`, page(quiet));
    await utimes(page(quiet), info.atime, info.mtime);
    await buildAndCompare(dir);

    // A template of the user's: every page is rendered with it.
    await writeFile(path.join(dir, "smallwins.config.yaml"), `${await readFile(path.join(dir, "smallwins.config.yaml"), "utf8")}\ntemplates: templates\n`);
    await cp(path.join(REPO_ROOT, "templates", "partials"), path.join(dir, "templates", "partials"), { recursive: true });
    const win = path.join(dir, "templates", "partials", "win.eta");
    await writeFile(win, (await readFile(win, "utf8")).replace(/<li/, '<li data-theme="mine"'));
    const { site: themed, reference: themedReference } = await buildWithReference(dir);
    expect(themed).toEqual(themedReference);
    expect(Buffer.from(themed.get(quiet)!, "base64").toString()).toContain('data-theme="mine"');

    // The config: every page's data holds the title.
    const config = path.join(dir, "smallwins.config.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace(/^title: .*$/m, "title: Another title"));
    await buildAndCompare(dir);

    // A corrupt page cache is discarded.
    const cacheFile = path.join(dir, CACHE_DIR, "pages-v1.json");
    await writeFile(cacheFile, (await readFile(cacheFile, "utf8")).replace(/"[0-9a-f]{40}"/, `"${"0".repeat(40)}"`));
    await writeFile(page(quiet), "<p>changed again</p>");
    await buildAndCompare(dir);
  }, 240_000);
});
