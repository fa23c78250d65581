/**
 * Render counts of incremental rebuilds (Hugo's rebuild_test.go style): the
 * IncrementalBuilder runs in-process on the fixture journal of
 * test/helpers/watch.ts, real files change on disk, and each test asserts
 * which pages were rendered again, reasoned from what each page shows. After
 * every rebuild the output folder must also equal a clean `build`, byte for byte.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IncrementalBuilder, type BuildReport } from "../../src/incremental.js";
import { isTemporaryFileName } from "../../src/io/leftovers.js";
import { REPO_ROOT, useTempDirs, writeFiles } from "../helpers/cli.js";
import { FIXTURE_CONFIG, FIXTURE_DAYS, TODAY, cleanBuild, dayEntry, dayPath, expectSameAsCleanBuild as sameAsCleanBuild, readTree, treeDifferences, writeFixture } from "../helpers/watch.js";

const tempDir = useTempDirs();

let root: string;
let site: string;
let builder: IncrementalBuilder;
let first: BuildReport;

/** Every page of the fixture site, from the first build. */
const allPages = (): string[] => [...first.rendered].sort();
const abs = (rel: string): string => path.join(root, ...rel.split("/"));
const sorted = (list: readonly string[]): string[] => [...list].sort();

async function start(extra: Record<string, string> = {}): Promise<void> {
  root = await tempDir("smallwins-incremental-");
  site = path.join(root, "site");
  await writeFixture(root, extra);
  builder = new IncrementalBuilder({ cwd: root, today: TODAY });
  first = await builder.initial();
  expect(first.ok).toBe(true);
  expect(first.diagnostics).toEqual([]);
}

/** Writes files and tells the builder about exactly those paths. */
async function change(files: Record<string, string>): Promise<BuildReport> {
  await writeFiles(root, files);
  return builder.update({ files: new Set(Object.keys(files).map(abs)) });
}

/** The output folder equals a clean `smallwins build` of the same project, byte for byte. */
const expectSameAsCleanBuild = (): Promise<void> => sameAsCleanBuild(root, site);

const day = (date: string): string => `days/${date}.html`;

/** The search index's files in the output folder, by site path. */
async function searchTree(): Promise<Map<string, Buffer>> {
  const tree = await readTree(site);
  return new Map([...tree.files].filter(([rel]) => rel.startsWith("search/")));
}
const DAY_PAGES = Object.keys(FIXTURE_DAYS).map(day);

describe("IncrementalBuilder render counts", () => {
  beforeEach(async () => {
    await start();
  });

  it("the first build renders every page and writes the whole site", async () => {
    expect(allPages()).toEqual(
      sorted([
        "index.html",
        ...DAY_PAGES,
        "weeks/index.html",
        "weeks/2026-W45.html",
        "weeks/2026-W46.html",
        "weeks/2026-W47.html",
        "areas/index.html",
        "areas/social.html",
        "areas/work.html",
        "habits/index.html",
        "years/2026.html",
        "tags/index.html",
        "milestones.html",
        "search.html",
        "404.html",
      ]),
    );
    await expectSameAsCleanBuild();
  });

  it("saving an entry with the same bytes renders and writes nothing", async () => {
    const report = await change({ [dayPath("2026-11-11")]: dayEntry(FIXTURE_DAYS["2026-11-11"]!) });
    expect(report.rendered).toEqual([]);
    expect(report.written).toEqual([]);
    expect(report.unchanged).toBe(true);
  });

  it("editing the body of a mid-journal entry re-renders exactly that day page", async () => {
    const before = { feed: await readFile(path.join(site, "feed.xml")), json: await readFile(path.join(site, "wins.json")), search: await searchTree() };
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, body: "A quiet day at home, and a long walk after." }) });

    // The body shows on the day page only (and in the feed and the search index); no number changed.
    expect(report.rendered).toEqual(["days/2026-11-11.html"]);
    const after = { feed: await readFile(path.join(site, "feed.xml")), json: await readFile(path.join(site, "wins.json")), search: await searchTree() };
    // feed.xml and wins.json are written exactly when their bytes changed.
    expect(report.written.includes("feed.xml")).toBe(!before.feed.equals(after.feed));
    expect(report.written.includes("wins.json")).toBe(!before.json.equals(after.json));
    // The search index: the month file of the day's text, and the term shards of the words the body gained
    // ("and", "after": a; "long": l; "walk": w); not the directory (no record, shard or filter changed), no other shard.
    const searchChanged = [...after.search.keys()].filter((f) => !before.search.get(f)?.equals(after.search.get(f)!));
    expect(sorted(searchChanged)).toEqual(["search/months/2026-11.js", "search/terms/a.js", "search/terms/l.js", "search/terms/w.js"]);
    expect(sorted(report.written.filter((f) => f !== "feed.xml" && f !== "wins.json"))).toEqual(["days/2026-11-11.html", ...searchChanged].sort());
    expect(report.deleted).toEqual([]);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain("and a long walk after");
    await expectSameAsCleanBuild();
  });

  it("making a day private takes its words out of the search index: only its month, the directory and its words' shards change", async () => {
    const before = await searchTree();
    // 2026-11-03: "Shipped the small fix", "Said hello first", "Walked to work"; body "Busy start."
    const report = await change({ [dayPath("2026-11-03")]: dayEntry({ ...FIXTURE_DAYS["2026-11-03"]!, private: true }) });
    const after = await searchTree();
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => !before.get(f)?.equals(after.get(f) ?? Buffer.alloc(0)) || !after.has(f)).sort();
    // Its terms start with s (shipped, small, said, start), t (the, to), f (fix, first), h (hello), w (walked, work), b (busy).
    expect(changed).toEqual(["search/index.js", "search/months/2026-11.js", ...["b", "f", "h", "s", "t", "w"].map((t) => `search/terms/${t}.js`)].filter((f) => before.has(f)));
    expect(sorted([...report.written, ...report.deleted].filter((f) => f.startsWith("search/")))).toEqual(changed);
    for (const [file, bytes] of after) expect(bytes.toString("utf8"), file).not.toMatch(/Shipped|hello|Busy|shipped|busy/);
    await expectSameAsCleanBuild();
  });

  it("an edit that adds a link re-renders the linking day and the day it mentions, which lists it", async () => {
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, body: "As on [[2026-11-04|that Wednesday]]." }) });

    // The link shows on 11-11; "Mentioned on" on 11-04. No number changed.
    expect(sorted(report.rendered)).toEqual(["days/2026-11-04.html", "days/2026-11-11.html"]);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain('<a href="../days/2026-11-04.html">that Wednesday</a>');
    expect(await readFile(path.join(site, "days", "2026-11-04.html"), "utf8")).toContain('<a href="../days/2026-11-11.html">');
    await expectSameAsCleanBuild();

    // The link's target deleted: the link is its text again, and the linking page is made again.
    await rm(abs(dayPath("2026-11-04")));
    const removed = await builder.update({ files: new Set([abs(dayPath("2026-11-04"))]) });
    expect(removed.rendered).toContain("days/2026-11-11.html");
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain("As on that Wednesday.");
    await expectSameAsCleanBuild();
  });

  it("editing the mood re-renders that day, its week and the dashboard's mood trend, nothing else", async () => {
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, mood: 5 }) });

    // The day shows its mood, the week page its average mood, the dashboard
    // the mood trend. The weeks index, other weeks and other days show no mood of it.
    expect(sorted(report.rendered)).toEqual(["days/2026-11-11.html", "index.html", "weeks/2026-W46.html"]);
    for (const other of DAY_PAGES.filter((p) => p !== "days/2026-11-11.html")) expect(report.rendered).not.toContain(other);
    expect(report.rendered).not.toContain("weeks/2026-W45.html");
    expect(report.rendered).not.toContain("weeks/2026-W47.html");
    await expectSameAsCleanBuild();
  });

  it("an update cut short for a newer save writes the edited day's page only, and the next update, even with no change, does the rest", async () => {
    const rel = dayPath("2026-11-11");
    await writeFiles(root, { [rel]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, mood: 5 }) });
    const before = await readTree(site);
    const cut = await builder.update({ files: new Set([abs(rel)]) }, { yieldTo: () => true });
    expect(cut.partial).toBe(true);
    expect(cut.rendered).toEqual(["days/2026-11-11.html"]);
    expect(cut.written).toEqual(["days/2026-11-11.html"]);
    // Only the day page moved: the week and the dashboard still show the mood before.
    const after = await readTree(site);
    const moved = [...after.files.keys()].filter((f) => !before.files.get(f)?.equals(after.files.get(f)!));
    expect(moved).toEqual(["days/2026-11-11.html"]);
    const rest = await builder.update({ files: new Set() });
    expect(rest.partial).toBeUndefined();
    expect(sorted(rest.rendered)).toEqual(["index.html", "weeks/2026-W46.html"]);
    await expectSameAsCleanBuild();
  });

  it("an update cut short while it renders the other pages forgets the ones it did not write", async () => {
    const rel = dayPath("2026-11-11");
    await writeFiles(root, { [rel]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, mood: 5 }) });
    let asked = 0;
    // No newer change right after the day page; one by the time the other pages are made.
    const cut = await builder.update({ files: new Set([abs(rel)]) }, { yieldTo: () => ++asked > 1 });
    expect(asked).toBe(2);
    expect(cut.partial).toBe(true);
    expect(cut.rendered).toEqual(["days/2026-11-11.html"]);
    const rest = await builder.update({ files: new Set() });
    expect(sorted(rest.rendered)).toEqual(["index.html", "weeks/2026-W46.html"]);
    await expectSameAsCleanBuild();
  });

  it("an update cut short at any one of its looks leaves every file whole, and the next update does the rest", async () => {
    const spec = FIXTURE_DAYS["2026-11-11"]!;
    const rel = dayPath("2026-11-11");
    // A win more: the day, its week, the dashboard and other pages change, and so do the feed, wins.json and the search index.
    const edited = dayEntry({ ...spec, wins: [...spec.wins!, { text: "Fixed the printer", area: "work" }] });
    await writeFiles(root, { [rel]: edited });
    const cleanDir = path.join(root, "clean");
    expect((await cleanBuild(root, cleanDir)).code).toBe(0);
    const clean = await readTree(cleanDir);
    // Every look asks the watch (as when 2 ms of work went by since the last): the clock moves 10 ms each time it is read.
    let clock = 0;
    const now = vi.spyOn(performance, "now").mockImplementation(() => (clock += 10));
    const cutAfter: string[][] = [];
    try {
      for (let n = 1; n < 500; n++) {
        await start();
        const before = await readTree(site);
        await writeFiles(root, { [rel]: edited });
        let asked = 0;
        // The n-th look finds a newer save waiting.
        const cut = await builder.update({ files: new Set([abs(rel)]) }, { yieldTo: () => ++asked === n });
        if (!cut.partial) {
          // Fewer looks than n: the update ran through, as a clean build.
          expect(asked).toBeLessThan(n);
          expect(treeDifferences(await readTree(site), clean)).toEqual([]);
          break;
        }
        const after = await readTree(site);
        // Each file is as it was or as it is now: none half written, no temporary file left.
        for (const [file, bytes] of after.files) {
          expect(isTemporaryFileName(path.basename(file)), file).toBe(false);
          expect(bytes.equals(before.files.get(file) ?? Buffer.alloc(0)) || bytes.equals(clean.files.get(file)!), file).toBe(true);
        }
        expect(after.files.get(day("2026-11-11"))!.equals(clean.files.get(day("2026-11-11"))!)).toBe(true);
        cutAfter.push([...cut.written]);
        const rest = await builder.update({ files: new Set() });
        expect(rest.partial).toBeUndefined();
        expect(treeDifferences(await readTree(site), clean), `cut at look ${n}`).toEqual([]);
      }
    } finally {
      now.mockRestore();
    }
    // The looks include ones while the other pages are made and between the pages the edit changed as they are written.
    expect(cutAfter.length).toBeGreaterThan(3);
    expect(cutAfter.some((written) => written.includes("index.html") && !written.includes("weeks/2026-W46.html"))).toBe(true);
  });

  it("adding a win with an area re-renders the pages whose numbers changed, and the moved 10-win milestone", async () => {
    const spec = FIXTURE_DAYS["2026-11-11"]!;
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...spec, wins: [...spec.wins!, { text: "Fixed the printer", area: "work" }] }) });

    // Running total before: 8 wins by 11-10, 9 on 11-11, the 10th on 11-12.
    // With a second win on 11-11 the total reaches 10 there: the milestone moves from 11-12 to 11-11.
    const expected = [
      "days/2026-11-11.html", // the new win, and now the 10-win milestone
      "days/2026-11-12.html", // lost the 10-win milestone
      "weeks/2026-W46.html", // wins, work wins, the milestone's date
      "weeks/2026-W47.html", // its change against W46
      "weeks/index.html", // W46's wins, W47's change
      "index.html", // total wins, heat map, areas, recent wins, next milestone
      "areas/index.html", // work's wins and win days
      "areas/work.html", // work's wins per week and recent wins
      "years/2026.html", // the heat map and November's total
      "milestones.html", // the 10-win milestone's date and the total
    ];
    expect(sorted(report.rendered)).toEqual(sorted(expected));
    // Unrelated: the other days, W45, the social area, habits, 404.
    for (const other of DAY_PAGES.filter((p) => !expected.includes(p))) expect(report.rendered).not.toContain(other);
    for (const other of ["weeks/2026-W45.html", "areas/social.html", "habits/index.html", "404.html"]) expect(report.rendered).not.toContain(other);
    expect(await readFile(path.join(site, "areas", "work.html"), "utf8")).toContain("Fixed the printer");
    await expectSameAsCleanBuild();
  });

  it("adding a day adds its page and re-renders its neighbours", async () => {
    const report = await change({ [dayPath("2026-11-13")]: dayEntry({ wins: ["Tidied the desk"] }) });

    const expected = [
      "days/2026-11-13.html", // new
      "days/2026-11-12.html", // its "next day" link now points to 11-13
      "days/2026-11-17.html", // "previous day" is 11-13, and the comeback is after 3 missed days, not 4
      "weeks/2026-W46.html", // wins and win days
      "weeks/2026-W47.html", // change against W46
      "weeks/index.html",
      "index.html",
      "years/2026.html",
      "milestones.html", // total wins
    ];
    expect(sorted(report.rendered)).toEqual(sorted(expected));
    for (const other of DAY_PAGES.filter((p) => !expected.includes(p))) expect(report.rendered).not.toContain(other);
    expect(report.rendered).not.toContain("weeks/2026-W45.html");
    expect(existsSync(path.join(site, "days", "2026-11-13.html"))).toBe(true);
    const previous = await readFile(path.join(site, "days", "2026-11-12.html"), "utf8");
    expect(previous).toContain("2026-11-13.html");
    await expectSameAsCleanBuild();
  });

  it("adding an inline tag adds its page and re-renders the day and the list of tags, nothing else", async () => {
    const spec = FIXTURE_DAYS["2026-11-11"]!;
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...spec, body: "A quiet day at home. #Calm" }) });

    // The day's chip, the new tag's page, the list of tags that now holds it, and search.html, whose tag filter
    // lists every tag. No number changed.
    expect(sorted(report.rendered)).toEqual(["days/2026-11-11.html", "search.html", "tags/calm.html", "tags/index.html"]);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain('href="../tags/calm.html"');
    expect(await readFile(path.join(site, "tags", "index.html"), "utf8")).toContain(">Calm</a>");
    await expectSameAsCleanBuild();

    // A second day with the tag re-renders the tag's page (and the list, for its count), not the first day.
    const second = await change({ [dayPath("2026-11-12")]: dayEntry({ ...FIXTURE_DAYS["2026-11-12"]!, body: "Still #calm." }) });
    expect(sorted(second.rendered)).toEqual(["days/2026-11-12.html", "tags/calm.html", "tags/index.html"]);
    expect(await readFile(path.join(site, "tags", "calm.html"), "utf8")).toContain("2026-11-12.html");
    await expectSameAsCleanBuild();
  });

  it("removing the last use of a nested tag deletes its pages and the folder they leave empty", async () => {
    const spec = FIXTURE_DAYS["2026-11-11"]!;
    const tagged = await change({ [dayPath("2026-11-11")]: dayEntry({ ...spec, body: "Slept well. #health/sleep/deep" }) });
    // search.html too: its tag filter lists the new tags.
    expect(sorted(tagged.rendered)).toEqual(["days/2026-11-11.html", "search.html", "tags/health.html", "tags/health/sleep.html", "tags/health/sleep/deep.html", "tags/index.html"]);
    await expectSameAsCleanBuild();

    const untagged = await change({ [dayPath("2026-11-11")]: dayEntry(spec) });
    expect(sorted(untagged.deleted)).toEqual(["tags/health.html", "tags/health/sleep.html", "tags/health/sleep/deep.html"]);
    expect(existsSync(path.join(site, "tags", "health"))).toBe(false);
    expect(existsSync(path.join(site, "tags", "index.html"))).toBe(true);
    await expectSameAsCleanBuild();
  });

  it("deleting a day deletes its page from disk and re-renders its neighbours", async () => {
    await rm(abs(dayPath("2026-11-19")));
    const report = await builder.update({ files: new Set([abs(dayPath("2026-11-19"))]) });

    expect(report.deleted).toEqual(["days/2026-11-19.html"]);
    expect(existsSync(path.join(site, "days", "2026-11-19.html"))).toBe(false);
    expect(report.rendered).not.toContain("days/2026-11-19.html");
    expect(report.rendered).toContain("days/2026-11-18.html");
    expect(report.rendered).toContain("days/2026-11-20.html");
    for (const other of ["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-10", "2026-11-11", "2026-11-12"]) expect(report.rendered).not.toContain(day(other));
    const manifest = JSON.parse(await readFile(path.join(site, ".smallwins-manifest.json"), "utf8")) as { files: string[] };
    expect(manifest.files).not.toContain("days/2026-11-19.html");
    await expectSameAsCleanBuild();
  });

  it("a config change (the title) re-renders every page", async () => {
    const report = await change({ "smallwins.config.yaml": FIXTURE_CONFIG.replace("title: Fixture wins", "title: Renamed wins") });
    expect(sorted(report.rendered)).toEqual(allPages());
    for (const page of allPages()) expect(await readFile(path.join(site, ...page.split("/")), "utf8")).toContain("Renamed wins");
    await expectSameAsCleanBuild();
  });

  it("a file that now has an error keeps its last good page, and the fix renders it", async () => {
    const page = path.join(site, "days", "2026-11-11.html");
    const good = await readFile(page);
    const broken = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, wins: ["Broken save"], mood: 9 }) });

    // Front matter lines: 1 ---, 2 wins:, 3 - "Broken save", 4 mood: 9 (the value at column 7).
    const errors = broken.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(["journal/2026/11/2026-11-11.md:4:7"]);
    expect(broken.rendered).toEqual([]);
    expect((await readFile(page)).equals(good)).toBe(true);

    const fixed = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, wins: ["Fixed save"], mood: 3 }) });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.rendered).toContain("days/2026-11-11.html");
    expect(await readFile(page, "utf8")).toContain("Fixed save");
    await expectSameAsCleanBuild();
  });
});

describe("IncrementalBuilder with a user templates folder", () => {
  it("a template change re-renders every page", async () => {
    const layout = await readFile(path.join(REPO_ROOT, "templates", "layout.eta"), "utf8");
    expect(layout).toContain("</body>");
    await start({
      "smallwins.config.yaml": `${FIXTURE_CONFIG}templates: my-templates\n`,
      "my-templates/layout.eta": layout,
    });
    const file = abs("my-templates/layout.eta");
    await writeFile(file, layout.replace("</body>", "<!-- fixture layout v2 --></body>"));
    const report = await builder.update({ files: new Set([file]) });

    // No page's data changed, yet every page is rendered: a template change means a full render.
    expect(sorted(report.rendered)).toEqual(allPages());
    for (const page of allPages()) expect(await readFile(path.join(site, ...page.split("/")), "utf8")).toContain("<!-- fixture layout v2 -->");
    await expectSameAsCleanBuild();
  });

  it("a template that fails while the first site is written leaves no site, and its fix builds the whole site", async () => {
    root = await tempDir("smallwins-incremental-");
    site = path.join(root, "site");
    const day = await readFile(path.join(REPO_ROOT, "templates", "day.eta"), "utf8");
    await writeFixture(root, {
      "smallwins.config.yaml": `${FIXTURE_CONFIG}templates: my-templates\n`,
      // Compiles, then throws while rendering a day page.
      "my-templates/day.eta": `<% it.nothing.here %>${day}`,
    });
    builder = new IncrementalBuilder({ cwd: root, today: TODAY });
    const broken = await builder.initial();
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => d.message).join("\n")).toMatch(/template day/);
    expect(existsSync(site)).toBe(false);

    const file = abs("my-templates/day.eta");
    await writeFile(file, day);
    const fixed = await builder.update({ files: new Set([file]) });
    expect(fixed.ok).toBe(true);
    await expectSameAsCleanBuild();
  });
});

describe("IncrementalBuilder regressions", () => {
  it("an edited day's page, written ahead of the rest, is put back when a later page's template throws", async () => {
    const index = await readFile(path.join(REPO_ROOT, "templates", "index.eta"), "utf8");
    await start({
      "smallwins.config.yaml": `${FIXTURE_CONFIG}templates: my-templates\n`,
      // The dashboard lists recent wins: this one makes it throw, after the day page was written.
      "my-templates/index.eta": `<% if (JSON.stringify(it.recent).includes("BREAKS THE DASHBOARD")) throw new Error("the dashboard broke") %>${index}`,
    });
    const page = path.join(site, "days", "2026-11-20.html");
    const before = await readFile(page, "utf8");
    const rel = dayPath("2026-11-20");
    const broken = await change({ [rel]: dayEntry({ wins: [{ text: "BREAKS THE DASHBOARD", area: "work" }], mood: 4 }) });
    expect(broken.ok).toBe(false);
    expect(broken.written).toEqual([]);
    expect(broken.diagnostics.map((d) => d.message).join("\n")).toMatch(/template index: .*the dashboard broke/);
    // A failed build leaves the site as it was, the day page included.
    expect(await readFile(page, "utf8")).toBe(before);
    expect(await readdir(path.join(site, "days"))).toEqual(DAY_PAGES.map((p) => path.basename(p)).sort());

    const fixed = await change({ [rel]: dayEntry({ wins: [{ text: "Mended the dashboard", area: "work" }], mood: 4 }) });
    expect(fixed.ok).toBe(true);
    expect(fixed.written).toContain(day("2026-11-20"));
    expect(await readFile(page, "utf8")).toContain("Mended the dashboard");
    await expectSameAsCleanBuild();
  });


  it("after a write that failed, the next update writes what is missing, even with no new change", async () => {
    await start();
    const rel = dayPath("2026-11-11");
    // A folder where the page goes: renaming the new page over it fails.
    await rm(path.join(site, "days", "2026-11-11.html"));
    await writeFiles(site, { "days/2026-11-11.html/blocker": "x" });
    await expect(change({ [rel]: dayEntry({ wins: ["Written at last"], mood: 3 }) })).rejects.toThrow();
    await rm(path.join(site, "days", "2026-11-11.html"), { recursive: true });
    // The same bytes again (an editor's second event): nothing new, but the site is not current.
    const again = await builder.update({ files: new Set([abs(rel)]) });
    expect(again.unchanged).toBeUndefined();
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain("Written at last");
    await expectSameAsCleanBuild();
  });

  it("an empty read (a save caught between truncate and write) does not replace the last good entry", async () => {
    await start();
    const rel = dayPath("2026-11-11");
    await change({ [rel]: dayEntry({ wins: ["Second version"], mood: 3 }) });
    // The editor truncated the file, and the builder read it right then: a valid, empty entry.
    const empty = await change({ [rel]: "" });
    expect(empty.diagnostics).toEqual([]);
    // Then the write lands, and it is broken: the page shows the last good entry, not the empty read.
    const broken = await change({ [rel]: dayEntry({ wins: ["Third version"], mood: 9 }) });
    expect(broken.diagnostics.map((d) => d.severity)).toEqual(["error"]);
    const html = await readFile(path.join(site, "days", "2026-11-11.html"), "utf8");
    expect(html).toContain("Second version");
  });

  it("a config file created while watching is noticed", async () => {
    root = await tempDir("smallwins-incremental-");
    site = path.join(root, "site");
    await writeFixture(root);
    await rm(abs("smallwins.config.yaml"));
    builder = new IncrementalBuilder({ cwd: root, today: TODAY });
    first = await builder.initial();
    expect(await readFile(path.join(site, "index.html"), "utf8")).not.toContain("Fixture wins");

    const report = await change({ "smallwins.config.yaml": FIXTURE_CONFIG });
    expect(sorted(report.rendered)).toEqual(allPages());
    expect(await readFile(path.join(site, "index.html"), "utf8")).toContain("Fixture wins");
    await expectSameAsCleanBuild();
  });

  it("a config edit that moves the output folder builds the whole site there", async () => {
    await start();
    const report = await change({ "smallwins.config.yaml": `${FIXTURE_CONFIG}out: public\n` });
    expect(sorted(report.rendered)).toEqual(allPages());
    site = path.join(root, "public");
    expect(existsSync(path.join(site, "style.css"))).toBe(true);
    const clean = path.join(root, "clean-site");
    await cleanBuild(root, clean);
    expect(treeDifferences(await readTree(site), await readTree(clean))).toEqual([]);
  });

  it("a config edit that points the output folder at the journal is refused, and nothing is written there later", async () => {
    await start();
    await expect(change({ "smallwins.config.yaml": `${FIXTURE_CONFIG}out: journal\n` })).rejects.toThrow(/refusing to write the site/);
    const report = await change({ [dayPath("2026-11-11")]: dayEntry({ ...FIXTURE_DAYS["2026-11-11"]!, body: "Still going to site/." }) });
    expect(report.rendered).toEqual(["days/2026-11-11.html"]);
    expect(await readFile(path.join(site, "days", "2026-11-11.html"), "utf8")).toContain("Still going to site/.");
    expect(existsSync(path.join(root, "journal", "days"))).toBe(false);
    expect(existsSync(path.join(root, "journal", "index.html"))).toBe(false);
  });

  it("a file that cannot be read is that file's error: the rest of the change set still counts", async () => {
    await start();
    // A symlink to itself: reading it fails with ELOOP, even for root (chmod would not stop root).
    const loop = abs(dayPath("2026-11-13"));
    await symlink(loop, loop);
    await writeFiles(root, { [dayPath("2026-11-12")]: dayEntry({ wins: ["Read after the bad file"] }) });
    const report = await builder.update({ files: new Set([loop, abs(dayPath("2026-11-12"))]) });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual([
      "journal/2026/11/2026-11-13.md:1:1: error: cannot read the file: ELOOP",
    ]);
    expect(await readFile(path.join(site, "days", "2026-11-12.html"), "utf8")).toContain("Read after the bad file");
    // Looking again at the same unreadable file changes nothing.
    expect((await builder.update({ files: new Set([loop]) })).unchanged).toBe(true);
  });

  it("a folder read again whole (addedDirs) picks up files no event named, and forgets files gone from it", async () => {
    await start();
    // A watcher lists a new folder before it watches it: files made in between come without events.
    await writeFiles(root, {
      "journal/2025/12/2025-12-30.md": dayEntry({ wins: ["Found by the rescan"] }),
      "journal/2025/12/deeper/2025-12-31.md": dayEntry({ wins: ["Found one level down"] }),
    });
    await rm(abs(dayPath("2026-11-20")));
    const report = await builder.update({ files: new Set(), addedDirs: new Set([abs("journal/2025"), abs("journal/2026/11")]) });
    expect(report.rendered).toContain("days/2025-12-30.html");
    expect(report.rendered).toContain("days/2025-12-31.html");
    expect(report.deleted).toContain("days/2026-11-20.html");
    expect(await readFile(path.join(site, "days", "2025-12-31.html"), "utf8")).toContain("Found one level down");
    await expectSameAsCleanBuild();
    // Read again with nothing new: nothing to do.
    expect((await builder.update({ files: new Set(), addedDirs: new Set([abs("journal/2025")]) })).unchanged).toBe(true);
  });
});
