/**
 * Files beside entries (§6) while watching: a photo or PDF added, changed or
 * deleted beside the entries, and an entry that starts or stops showing one,
 * update the site; after each change the output folder equals a clean
 * `build`, byte for byte (pictures and copies included).
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { IncrementalBuilder, type BuildReport } from "../../src/incremental.js";
import { useTempDirs, writeFiles } from "../helpers/cli.js";
import { png } from "../helpers/images.js";
import { FIXTURE_DAYS, TODAY, dayEntry, dayPath, expectSameAsCleanBuild as sameAsCleanBuild, writeFixture } from "../helpers/watch.js";

const tempDir = useTempDirs();

let root: string;
let site: string;
let builder: IncrementalBuilder;

const abs = (rel: string): string => path.join(root, ...rel.split("/"));
const PHOTO = "journal/2026/11/photos/walk.png";
const ENTRY = dayPath("2026-11-11");
const withPhoto = dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, body: "A walk. ![The park](photos/walk.png)" });

/** Writes files (text or bytes) and tells the builder about exactly those paths. */
async function change(files: Record<string, string | Uint8Array>): Promise<BuildReport> {
  await writeFiles(root, files);
  return builder.update({ files: new Set(Object.keys(files).map(abs)) });
}

/** The output folder equals a clean `smallwins build` of the same project, byte for byte. */
const expectSameAsCleanBuild = (): Promise<void> => sameAsCleanBuild(root, site);

/** The site's copies of journal files. */
async function copies(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(site, ".smallwins-manifest.json"), "utf8")) as { files: string[] };
  return manifest.files.filter((f) => f.startsWith("files/"));
}

describe("watching files beside entries", () => {
  beforeEach(async () => {
    root = await tempDir("smallwins-incremental-files-");
    site = path.join(root, "site");
    await writeFixture(root);
    builder = new IncrementalBuilder({ cwd: root, today: TODAY });
    expect((await builder.initial()).ok).toBe(true);
  });

  it("a photo added beside the entries is not published until an entry shows it; then it is, with its size", async () => {
    const stray = await change({ [PHOTO]: png(30, 20) });
    expect(stray.rendered).toEqual([]);
    expect(await copies()).toEqual([]);
    await expectSameAsCleanBuild();

    const shown = await change({ [ENTRY]: withPhoto });
    expect(shown.rendered).toEqual(["days/2026-11-11.html"]);
    const [copy] = await copies();
    expect(copy).toMatch(/^files\/walk-[0-9a-f]{10}\.png$/);
    expect(shown.written).toContain(copy);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain(`<img src="../${copy}" alt="The park" width="30" height="20"`);
    await expectSameAsCleanBuild();
  });

  it("a reference written before its photo exists shows as text, and the photo's arrival shows it", async () => {
    const before = await change({ [ENTRY]: withPhoto });
    expect(before.diagnostics.map((d) => d.message)).toContain("`photos/walk.png` names no file in the journal; it shows as text");
    expect(await copies()).toEqual([]);

    const arrived = await change({ [PHOTO]: png(30, 20) });
    expect(arrived.rendered).toEqual(["days/2026-11-11.html"]);
    expect(arrived.diagnostics).toEqual([]);
    expect(await copies()).toHaveLength(1);
    await expectSameAsCleanBuild();
  });

  it("a changed photo is copied again; its page is rendered again only when its size changed", async () => {
    await change({ [PHOTO]: png(30, 20), [ENTRY]: withPhoto });
    const [copy] = await copies();

    const sameSize = await change({ [PHOTO]: png(30, 20, [200, 10, 10]) });
    expect(sameSize.rendered).toEqual([]);
    expect(sameSize.written).toEqual([copy]);
    expect(await readFile(path.join(site, copy!))).toEqual(png(30, 20, [200, 10, 10]));
    await expectSameAsCleanBuild();

    const resized = await change({ [PHOTO]: png(60, 40) });
    expect(resized.rendered).toEqual(["days/2026-11-11.html"]);
    expect([...resized.written].sort()).toEqual(["days/2026-11-11.html", copy].sort());
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain('width="60" height="40"');
    await expectSameAsCleanBuild();

    // A second look at the same bytes (the watch reads each change again) renders and copies nothing.
    const again = await builder.update({ files: new Set([abs(PHOTO)]) });
    expect(again.unchanged).toBe(true);
  });

  it("a deleted photo leaves the site and its reference shows as text; an entry that stops showing a photo removes it too", async () => {
    await change({ [PHOTO]: png(30, 20), [ENTRY]: withPhoto, "journal/2026/11/receipt.pdf": "%PDF-1.4\n%%EOF\n", [dayPath("2026-11-20")]: dayEntry({ ...FIXTURE_DAYS["2026-11-20"]!, body: "The [receipt](receipt.pdf)." }) });
    const [pdf, copy] = await copies();
    expect(pdf).toMatch(/^files\/receipt-[0-9a-f]{10}\.pdf$/);

    await rm(abs(PHOTO));
    const gone = await builder.update({ files: new Set([abs(PHOTO)]) });
    expect(gone.deleted).toEqual([copy]);
    expect(gone.rendered).toEqual(["days/2026-11-11.html"]);
    expect(existsSync(path.join(site, copy!))).toBe(false);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).not.toContain("<img");
    await expectSameAsCleanBuild();

    const unlinked = await change({ [dayPath("2026-11-20")]: dayEntry(FIXTURE_DAYS["2026-11-20"]!) });
    expect(unlinked.deleted).toEqual([pdf]);
    expect(await copies()).toEqual([]);
    // The folder it leaves empty goes too, as in a clean build.
    expect(existsSync(path.join(site, "files"))).toBe(false);
    await expectSameAsCleanBuild();
  });

  it("a folder of photos that arrives without events (read again whole) is picked up, and one read again with nothing new renders nothing", async () => {
    await change({ [ENTRY]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, body: "![Album](album/one.png)" }) });
    expect(await copies()).toEqual([]);
    await writeFiles(root, { "journal/2026/11/album/one.png": png(5, 5) });
    const rescan = await builder.update({ files: new Set(), addedDirs: new Set([abs("journal/2026/11/album")]) });
    expect(rescan.rendered).toEqual(["days/2026-11-11.html"]);
    expect(await copies()).toHaveLength(1);
    await expectSameAsCleanBuild();
    expect((await builder.update({ files: new Set(), addedDirs: new Set([abs("journal/2026/11/album")]) })).unchanged).toBe(true);
  });
});
