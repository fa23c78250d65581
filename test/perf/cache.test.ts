import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { CACHE_DIR, PARSE_CACHE_FILE, PARSE_CACHE_FORMAT, ParseCache } from "../../src/io/cache.js";
import { parseAll } from "../../src/io/parallel-parse.js";
import { parseJournalFile, type SourceFile } from "../../src/parse/entry.js";
import { readJournal } from "../../src/io/journal.js";
// The benchmark's seeded generator: the same journals the bench measures.
// @ts-expect-error -- a plain ES module without types
import { generateJournal } from "../../bench/generate.mjs";

const repo = path.resolve(import.meta.dirname, "../..");
const today = "2026-11-21";
let dir: string;

/** The whole site of a build as path -> contents. */
async function site(options: { cache: boolean }): Promise<Map<string, string>> {
  const result = await build({ cwd: dir, today, cache: options.cache });
  await result.saveCache();
  return new Map(result.files.map((f) => [f.path, f.contents]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "smallwins-cache-"));
  await cp(path.join(repo, "journal"), path.join(dir, "journal"), { recursive: true });
  await cp(path.join(repo, "smallwins.config.yaml"), path.join(dir, "smallwins.config.yaml"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the parse cache", () => {
  it("never makes a build differ from a --no-cache build: cold, warm, after an edit, and when corrupt", async () => {
    const reference = await site({ cache: false });
    await rm(path.join(dir, CACHE_DIR), { recursive: true, force: true });
    expect(await site({ cache: true })).toEqual(reference); // cold: writes the cache
    const cacheFile = path.join(dir, CACHE_DIR, PARSE_CACHE_FILE);
    expect((await readFile(cacheFile, "utf8")).length).toBeGreaterThan(1000);
    expect(await site({ cache: true })).toEqual(reference); // warm: every file from the cache

    // An edit: the cache must not serve the old parse of the changed bytes.
    const entry = path.join(dir, "journal", "2026", "11", "2026-11-20.md");
    const before = await readFile(entry, "utf8");
    await writeFile(entry, before.replace("wins:\n", "wins:\n  - A new win from the cache test\n"));
    const edited = await site({ cache: false });
    expect(await site({ cache: true })).toEqual(edited);
    expect(edited.get("days/2026-11-20.html")).toContain("A new win from the cache test");

    // A corrupt cache (bytes changed, checksum no longer matches) is discarded.
    const text = await readFile(cacheFile, "utf8");
    await writeFile(cacheFile, text.replace(/A new win from the cache test/g, "A forged win"));
    expect(await site({ cache: true })).toEqual(edited);
    // A truncated one too.
    await writeFile(cacheFile, text.slice(0, text.length / 2));
    expect(await site({ cache: true })).toEqual(edited);
    await writeFile(entry, before);
  });

  it("is discarded when the tool or the config version differs", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    const first = sources[0]!;
    const fresh = await ParseCache.load(dir, "1.0.0", "config-a");
    fresh.set("k", parseJournalFile(first));
    await fresh.save();
    const same = await ParseCache.load(dir, "1.0.0", "config-a");
    expect(same.get(first, "k")).toBeDefined();
    expect((await ParseCache.load(dir, "1.0.1", "config-a")).get(first, "k")).toBeUndefined();
    expect((await ParseCache.load(dir, "1.0.0", "config-b")).get(first, "k")).toBeUndefined();
  });
});

describe("the parse cache of an earlier format", () => {
  it("is never read (a file of format 1 holds tags without places), and is removed when the cache is saved", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    const first = sources[0]!;
    const old = path.join(dir, CACHE_DIR, "parse-v1.json");
    // A format-1 file with a valid checksum, holding a forged result for the key of the first file.
    const forged = JSON.stringify({ format: 1, tool: "3.0.0", config: "config-old", entries: { k: { entry: { ...parseJournalFile(first).entry, tags: ["forged"] }, diagnostics: [] } } });
    await writeFile(old, forged);
    await writeFile(`${old}.sha1`, createHash("sha1").update(forged).digest("hex"));
    const cache = await ParseCache.load(dir, "3.0.0", "config-old");
    expect(cache.get(first, "k")).toBeUndefined();
    cache.set("k", parseJournalFile(first));
    expect(await cache.save()).toBeUndefined();
    expect(existsSync(old) || existsSync(`${old}.sha1`)).toBe(false);
  });
});

describe("the parse cache file", () => {
  it("is the JSON of every entry, written in pieces, and every entry loads back", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    const cache = await ParseCache.load(dir, "2.0.0", "config-pieces");
    // Enough entries that the file is written in more than one piece of 64 KB.
    const results = new Map(sources.map((source, i) => [`key-${i}`, parseJournalFile(source)]));
    for (const [key, result] of results) cache.set(key, result);
    await cache.save();
    const text = await readFile(path.join(dir, CACHE_DIR, PARSE_CACHE_FILE), "utf8");
    expect(text.length).toBeGreaterThan(65536);
    expect(text).toBe(JSON.stringify({ format: PARSE_CACHE_FORMAT, tool: "2.0.0", config: "config-pieces", entries: Object.fromEntries(results) }));
    const loaded = await ParseCache.load(dir, "2.0.0", "config-pieces");
    sources.forEach((source, i) => expect(loaded.get(source, `key-${i}`)).toEqual(results.get(`key-${i}`)));
  });
});

describe("parsing on every core", () => {
  it("gives the results of parsing each file on one thread, in order", async () => {
    const big = await mkdtemp(path.join(os.tmpdir(), "smallwins-parallel-"));
    try {
      await generateJournal(big, 600, { seed: 7, end: today });
      const sources: SourceFile[] = await readJournal(path.join(big, "journal"), big);
      expect(sources.length).toBeGreaterThan(600); // entries and reflections: enough for the worker threads to start
      const parallel = await parseAll(sources);
      expect(parallel).toEqual(sources.map(parseJournalFile));
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  }, 120_000);
});
