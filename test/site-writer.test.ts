/**
 * The site writer (src/io/site-writer.ts): with many files it writes them on
 * a thread of its own, in batches, while the caller makes the next ones. The
 * files must come out exactly as written on the main thread, each stamp must be
 * the file's own, and a failed write must surface (with its message and code)
 * instead of being lost on the other thread. Also writeSiteAtomically with
 * enough pages to use the thread: a template that throws half-way leaves the
 * old site whole and no temporary folder, even with batches still in flight.
 */
import { lstatSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TemplateError } from "../src/render/html.js";
import { BACKGROUND_THRESHOLD, SiteWriter } from "../src/io/site-writer.js";
import { MANIFEST, writeSiteAtomically } from "../src/io/write-site.js";
import { snapshotTree } from "./helpers/cli.js";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const { mkdtemp } = await import("node:fs/promises");
  const dir = await mkdtemp(path.join(os.tmpdir(), "smallwins-writer-"));
  made.push(dir);
  return dir;
}

/** Contents that differ from file to file and in length, so a file given another's bytes shows. */
const contentsOf = (i: number): string => `<p>page ${i}</p>\n${"é".repeat(i % 97)}`;

describe("SiteWriter", () => {
  it("writes every file on its thread with the contents given, and reports each file's own stamp", async () => {
    const dir = await tempDir();
    const count = BACKGROUND_THRESHOLD * 3 + 7;
    await mkdir(path.join(dir, "a"));
    const stamps = new Map<string, { size: number; mtimeMs: number; ino: number }>();
    const writer = new SiteWriter(count, (file, stamp) => stamps.set(file, stamp));
    try {
      for (let i = 0; i < count; i++) await writer.write(`a/${i}.html`, path.join(dir, "a", `${i}.html`), contentsOf(i));
      await writer.finish();
    } finally {
      await writer.close();
    }
    expect((await readdir(path.join(dir, "a"))).length).toBe(count);
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, "a", `${i}.html`);
      expect(await readFile(file, "utf8")).toBe(contentsOf(i));
      const s = lstatSync(file);
      expect(stamps.get(`a/${i}.html`)).toEqual({ size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
    }
    expect(stamps.size).toBe(count);
  });

  it("throws a failed write's message and code, from the thread as on the main thread", async () => {
    for (const count of [BACKGROUND_THRESHOLD * 2, 3]) {
      const dir = await tempDir();
      const writer = new SiteWriter(count);
      const failure = (async () => {
        for (let i = 0; i < count; i++) await writer.write(`${i}`, path.join(dir, i === 1 ? "missing/x.html" : `${i}.html`), "x");
        await writer.finish();
      })();
      await expect(failure).rejects.toMatchObject({ code: "ENOENT", message: expect.stringContaining("missing/x.html") });
      await writer.close();
    }
  });
});

describe("writeSiteAtomically with enough pages for the writer thread", () => {
  const pages = (count: number, version: string, failAt?: number) =>
    Array.from({ length: count }, (_, i) => ({
      path: `days/${String(i).padStart(4, "0")}.html`,
      contents: () => {
        if (i === failAt) throw new TemplateError("day.eta", "the day template broke");
        return `${version} ${contentsOf(i)}`;
      },
    }));

  it("writes them all, and a template that throws half-way leaves the old site whole and nothing beside it", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "site");
    const count = BACKGROUND_THRESHOLD * 4;
    await writeSiteAtomically(out, pages(count, "v1"));
    expect((await readdir(path.join(out, "days"))).length).toBe(count);
    expect(await readFile(path.join(out, "days", "0300.html"), "utf8")).toBe(`v1 ${contentsOf(300)}`);
    const before = await snapshotTree(out);
    await expect(writeSiteAtomically(out, pages(count, "v2", count - 100))).rejects.toThrow(TemplateError);
    expect(await snapshotTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
    await writeSiteAtomically(out, pages(count, "v3"));
    expect(await readFile(path.join(out, "days", "0300.html"), "utf8")).toBe(`v3 ${contentsOf(300)}`);
    expect((await readdir(out)).sort()).toEqual([MANIFEST, "days"]);
  });
});
