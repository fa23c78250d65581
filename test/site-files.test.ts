/**
 * Files beside entries (§6) through the real binary: the pictures and files
 * that published text references are copied into `site/files/` and shown or
 * linked from the pages so that they load from `file://`; nothing else of the
 * journal is in the site; a missing file or a reference that leaves the
 * journal is a located warning and shows as text.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { listFiles, runCli, useTempDirs, writeFiles } from "./helpers/cli.js";
import { png } from "./helpers/images.js";
import { linkProblems, parseHtml } from "./helpers/site.js";

const newDir = useTempDirs();

const RUN = png(40, 30);
const MAP = png(12, 20, [10, 20, 200]);
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/** A project whose journal has photos and a PDF beside its entries, and a photo no entry references. */
async function project(): Promise<string> {
  const root = await newDir("smallwins-files-");
  await writeFiles(root, {
    "journal/2026/11/photos/run.png": RUN,
    "journal/2026/11/2026-11-20.md": [
      "---",
      "date: 2026-11-20",
      "wins:",
      "  - Ran 5 km",
      "---",
      "![Morning run](photos/run.png \"At the lake\")",
      "",
      "The [receipt](../../receipts/r%C3%A9cu%20%231.pdf) and ![[map.png|The route]].",
      "",
      "Not these: ![gone](photos/gone.png) and [key](../../../.ssh/id_ed25519).",
      "",
    ].join("\n"),
    "journal/receipts/récu #1.pdf": PDF,
    "journal/maps/map.png": MAP,
    "journal/stray.png": png(8, 8),
    "journal/2026/11/photos/unused.png": png(9, 9),
  });
  return root;
}

/** The written site: its HTML pages by path, and every file's path. */
async function readSite(out: string): Promise<{ pages: Map<string, string>; all: Set<string> }> {
  const all = await listFiles(out);
  const pages = new Map<string, string>();
  for (const file of all) if (file.endsWith(".html")) pages.set(file, await readFile(path.join(out, file), "utf8"));
  return { pages, all: new Set(all) };
}

describe("files beside entries in a built site", () => {
  it("copies exactly the referenced files into files/, shows pictures with their size and links files, so that every link loads from file://", async () => {
    const root = await project();
    const result = await runCli(["build", "--today", "2026-11-22"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const site = await readSite(path.join(root, "site"));
    const copied = [...site.all].filter((f) => f.startsWith("files/"));
    expect(copied).toHaveLength(3);
    expect(copied.every((f) => /^files\/[a-z0-9-]+-[0-9a-f]{10}\.(png|pdf)$/.test(f))).toBe(true);
    // No file that no published text references: not the stray photos, not the journal's Markdown.
    expect([...site.all].filter((f) => /stray|unused|\.md$/.test(f))).toEqual([]);

    const day = parseHtml(site.pages.get("days/2026-11-20.html")!);
    const images = day.querySelectorAll(".prose img").map((img) => img.attributes);
    expect(images).toEqual([
      { src: expect.stringMatching(/^\.\.\/files\/run-[0-9a-f]{10}\.png$/) as string, alt: "Morning run", title: "At the lake", width: "40", height: "30", loading: "lazy", decoding: "async" },
      { src: expect.stringMatching(/^\.\.\/files\/map-[0-9a-f]{10}\.png$/) as string, alt: "The route", width: "12", height: "20", loading: "lazy", decoding: "async" },
    ]);
    const receipt = day.querySelectorAll(".prose a").find((a) => a.textContent === "receipt");
    expect(receipt?.getAttribute("href")).toMatch(/^\.\.\/files\/recu-1-[0-9a-f]{10}\.pdf$/);
    // The copies are the journal's bytes.
    const at = (href: string): string => path.join(root, "site", "days", href);
    expect(await readFile(at(images[0]!.src!))).toEqual(RUN);
    expect(await readFile(at(images[1]!.src!))).toEqual(MAP);
    expect(await readFile(at(receipt!.getAttribute("href")!), "utf8")).toBe(PDF);
    // Missing and refused references are their text, never a link or a picture.
    expect(day.querySelector(".prose")!.textContent).toContain("Not these: gone and key.");
    expect(linkProblems(site.pages, site.all)).toEqual([]);

    expect(result.stderr).toContain("journal/2026/11/2026-11-20.md:10:12: warning: `photos/gone.png` names no file in the journal");
    expect(result.stderr).toContain("journal/2026/11/2026-11-20.md:10:41: warning: `../../../.ssh/id_ed25519` leaves the journal folder: it is not published; it shows as text (hint: copy the file into the journal folder");
  });

  it("finds a link problem when a picture's file is not in the site (the checker can fail)", async () => {
    const root = await project();
    expect((await runCli(["build", "--today", "2026-11-22"], { cwd: root })).code).toBe(0);
    const site = await readSite(path.join(root, "site"));
    const withoutFiles = new Set([...site.all].filter((f) => !f.startsWith("files/")));
    const problems = linkProblems(site.pages, withoutFiles);
    expect(problems.filter((p) => p.startsWith("days/2026-11-20.html: <img src=")).length).toBe(2);
    expect(problems.some((p) => p.startsWith("days/2026-11-20.html: <a href=\"../files/recu-1-"))).toBe(true);
  });

  it("publishes nothing of a photo whose only reference is in a private entry", async () => {
    const root = await project();
    await writeFiles(root, {
      "journal/2026/11/2026-11-21.md": "---\ndate: 2026-11-21\nprivate: true\nwins:\n  - Swam\n---\n![Pool](photos/unused.png)\n",
    });
    expect((await runCli(["build", "--today", "2026-11-22"], { cwd: root })).code).toBe(0);
    const copied = (await listFiles(path.join(root, "site"))).filter((f) => f.startsWith("files/"));
    expect(copied.filter((f) => f.startsWith("files/unused-"))).toEqual([]);
    expect(copied).toHaveLength(3);
  });

  it("copies a photo that a thousand entries show once, and every day's page shows it", async () => {
    const root = await newDir("smallwins-files-1000-");
    const entries: Record<string, string | Uint8Array> = { "journal/photos/us.png": RUN };
    const start = Date.UTC(2023, 0, 1);
    const dates = Array.from({ length: 1000 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
    for (const date of dates) entries[`journal/${date.slice(0, 4)}/${date}.md`] = `---\ndate: ${date}\nwins:\n  - Together\n---\n![Us](../photos/us.png)\n`;
    await writeFiles(root, entries);
    const result = await build({ cwd: root, today: "2025-12-31" });
    expect(result.diagnostics).toEqual([]);
    expect(result.copies.map((c) => c.path)).toEqual([expect.stringMatching(/^files\/us-[0-9a-f]{10}\.png$/) as string]);
    const src = `../${result.copies[0]!.path}`;
    const pages = new Map(result.files.map((f) => [f.path, f.contents]));
    expect(dates.filter((d) => !pages.get(`days/${d}.html`)?.includes(`<img src="${src}" alt="Us" width="40" height="30"`))).toEqual([]);
  });
});
