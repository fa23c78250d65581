import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { CACHE_DIR, PARSE_CACHE_DIR, PARSE_CACHE_FORMAT, ParseCache, cacheKey } from "../../src/io/cache.js";
import { parseAll, startParseWorkers } from "../../src/io/parallel-parse.js";
import { parseJournalFile, type SourceFile } from "../../src/parse/entry.js";
import { readJournal } from "../../src/io/journal.js";
// The benchmark's seeded generator: the same journals the bench measures.
// @ts-expect-error -- a plain ES module without types
import { generateJournal } from "../../bench/generate.mjs";

const repo = path.resolve(import.meta.dirname, "../..");
const today = "2026-11-21";
let dir: string;

/** The shard file of the parse cache whose text holds `text`. */
async function shardHolding(folder: string, text: string): Promise<string> {
  for (const name of await readdir(folder)) {
    const file = path.join(folder, name);
    if ((await readFile(file, "utf8")).includes(text)) return file;
  }
  throw new Error(`no shard holds ${text}`);
}

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
    const shards = path.join(dir, CACHE_DIR, PARSE_CACHE_DIR);
    expect((await readdir(shards)).length).toBeGreaterThan(50);
    expect(await site({ cache: true })).toEqual(reference); // warm: every file from the cache

    // An edit: the cache must not serve the old parse of the changed bytes.
    const entry = path.join(dir, "journal", "2026", "11", "2026-11-20.md");
    const before = await readFile(entry, "utf8");
    await writeFile(entry, before.replace("wins:\n", "wins:\n  - A new win from the cache test\n"));
    const edited = await site({ cache: false });
    expect(await site({ cache: true })).toEqual(edited);
    expect(edited.get("days/2026-11-20.html")).toContain("A new win from the cache test");

    // A corrupt shard (bytes changed, checksum no longer matches) is discarded.
    const holding = await shardHolding(shards, "A new win from the cache test");
    const text = await readFile(holding, "utf8");
    await writeFile(holding, text.replace(/A new win from the cache test/g, "A forged win"));
    expect(await site({ cache: true })).toEqual(edited);
    // A truncated one too.
    await writeFile(await shardHolding(shards, "A new win from the cache test"), text.slice(0, text.length / 2));
    expect(await site({ cache: true })).toEqual(edited);
    // And one whose checksum was made to match its forged text: from another format, it is not trusted either.
    const forged = text.slice(41).replace(/A new win from the cache test/g, "A forged win").replace(`"format":${PARSE_CACHE_FORMAT}`, '"format":1');
    expect(forged).toContain('"format":1');
    await writeFile(await shardHolding(shards, "A new win from the cache test"), `${createHash("sha1").update(forged).digest("hex")}\n${forged}`);
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

describe("the stamp index (journal-v1.json)", () => {
  const entry = () => path.join(dir, "journal", "2026", "11", "2026-11-20.md");

  it("reads a file again when its bytes change, even with the same size and times set back (its change time moves)", async () => {
    await site({ cache: true });
    const index = path.join(dir, CACHE_DIR, "journal-v1.json");
    expect(existsSync(index)).toBe(true);
    const before = await readFile(entry(), "utf8");
    const { atime, mtime, size } = await stat(entry());
    // The same length, as an editor saving in place that keeps the file's times would leave it.
    const swapped = before.replace("Gym, Friday evening", "Gym, Friday morning");
    expect(swapped).not.toBe(before);
    expect(Buffer.byteLength(swapped)).toBe(size);
    await writeFile(entry(), swapped);
    await utimes(entry(), atime, mtime);
    expect(Math.round((await stat(entry())).mtimeMs)).toBe(Math.round(mtime.getTime()));
    const edited = await site({ cache: false });
    expect(edited.get("days/2026-11-20.html")).toContain("Gym, Friday morning");
    expect(await site({ cache: true })).toEqual(edited);
    await writeFile(entry(), before);
  });

  it("is discarded when corrupt, forged or of another version: the build equals a --no-cache build", async () => {
    const reference = await site({ cache: false });
    await site({ cache: true });
    const index = path.join(dir, CACHE_DIR, "journal-v1.json");
    const text = await readFile(index, "utf8");
    // Every file pointed at another file's key, in an index of another tool version (with its checksum made to match): not trusted.
    const data = JSON.parse(text.slice(41)) as { files: Record<string, [string, string]>; tool: string };
    const keys = Object.values(data.files).map(([, key]) => key);
    const files = Object.fromEntries(Object.entries(data.files).map(([relPath, [stamp]], i) => [relPath, [stamp, keys[(i + 1) % keys.length]!]]));
    const forged = JSON.stringify({ ...data, tool: "0.0.1", files });
    await writeFile(index, `${createHash("sha1").update(forged).digest("hex")}\n${forged}`);
    expect(await site({ cache: true })).toEqual(reference);
    // Its own index with one byte changed (the checksum no longer matches), cut short, or without its files: not trusted either.
    await site({ cache: true });
    const own = await readFile(index, "utf8");
    await writeFile(index, own.replace(keys[0]!, keys[1]!));
    expect(await site({ cache: true })).toEqual(reference);
    await writeFile(index, own.slice(0, 60));
    expect(await site({ cache: true })).toEqual(reference);
    await writeFile(index, own.replace(/"files"/, '"filez"'));
    expect(await site({ cache: true })).toEqual(reference);
  });
});

describe("the parse cache of an earlier format", () => {
  it("is never read (a file of format 1 holds tags without places), and is removed when the cache is saved", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    const first = sources[0]!;
    const old = path.join(dir, CACHE_DIR, "parse-v1.json");
    // A format-1 file with a valid checksum, holding a forged result for the key of the first file.
    const forged = JSON.stringify({ format: 1, tool: "3.0.0", config: "config-old", entries: { [cacheKey(first)]: { entry: { ...parseJournalFile(first).entry, tags: ["forged"] }, diagnostics: [] } } });
    await writeFile(old, forged);
    await writeFile(`${old}.sha1`, createHash("sha1").update(forged).digest("hex"));
    const cache = await ParseCache.load(dir, "3.0.0", "config-old");
    expect(cache.get(first)).toBeUndefined();
    cache.set(cacheKey(first), parseJournalFile(first));
    expect(await cache.save()).toBeUndefined();
    expect(existsSync(old) || existsSync(`${old}.sha1`)).toBe(false);
  });
});

describe("the parse cache's files", () => {
  it("are shards of JSON by key, each with its checksum first; every entry loads back; a change rewrites only its shards", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    await rm(path.join(dir, CACHE_DIR), { recursive: true, force: true });
    const cache = await ParseCache.load(dir, "2.0.0", "config-shards");
    const results = new Map(sources.map((source) => [cacheKey(source), parseJournalFile(source)]));
    for (const [key, result] of results) cache.set(key, result);
    await cache.save();
    const folder = path.join(dir, CACHE_DIR, PARSE_CACHE_DIR);
    const names = (await readdir(folder)).sort();
    const fromFiles: Record<string, unknown> = {};
    for (const name of names) {
      const text = await readFile(path.join(folder, name), "utf8");
      const json = text.slice(41);
      expect(text.slice(0, 41)).toBe(`${createHash("sha1").update(json).digest("hex")}\n`);
      const data = JSON.parse(json) as { format: number; tool: string; config: string; entries: Record<string, unknown> };
      expect({ ...data, entries: undefined }).toEqual({ format: PARSE_CACHE_FORMAT, tool: "2.0.0", config: "config-shards", entries: undefined });
      for (const key of Object.keys(data.entries)) expect(`${key.slice(0, 2)}.json`).toBe(name);
      Object.assign(fromFiles, data.entries);
    }
    expect(fromFiles).toEqual(JSON.parse(JSON.stringify(Object.fromEntries(results))));
    const loaded = await ParseCache.load(dir, "2.0.0", "config-shards");
    for (const source of sources) expect(loaded.get(source)).toEqual(results.get(cacheKey(source)));

    // One source changed: its old shard loses the old entry and its new shard gains the new one; no other shard is written.
    const stamps = new Map(await Promise.all(names.map(async (n) => [n, (await stat(path.join(folder, n))).mtimeMs] as const)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = await ParseCache.load(dir, "2.0.0", "config-shards");
    const changed = { ...sources[0]!, bytes: new TextEncoder().encode("---\nmood: 3\n---\nChanged.\n") };
    for (const source of sources.slice(1)) expect(next.get(source)).toBeDefined();
    expect(next.get(changed)).toBeUndefined();
    next.set(cacheKey(changed), parseJournalFile(changed));
    await next.save();
    const touched = [cacheKey(sources[0]!), cacheKey(changed)].map((k) => `${k.slice(0, 2)}.json`);
    for (const name of (await readdir(folder)).sort()) {
      if (touched.includes(name)) continue;
      expect(stamps.get(name), name).toBe((await stat(path.join(folder, name))).mtimeMs);
    }
    const again = await ParseCache.load(dir, "2.0.0", "config-shards");
    expect(again.get(changed)).toEqual(parseJournalFile(changed));
    expect(again.get(sources[0]!)).toBeUndefined();
  });
});

describe("parsing on every core", () => {
  it("gives the results of parsing each file on one thread, in order", async () => {
    const big = await mkdtemp(path.join(os.tmpdir(), "smallwins-parallel-"));
    try {
      await generateJournal(big, 600, { seed: 7, end: today });
      const sources: SourceFile[] = await readJournal(path.join(big, "journal"), big);
      expect(sources.length).toBeGreaterThan(600); // entries and reflections
      // On two workers: at this size parseThreads would leave it to the main thread.
      const parallel = await parseAll(sources, undefined, startParseWorkers(sources.length, 2));
      expect(parallel).toEqual(sources.map(parseJournalFile));
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  }, 120_000);
});
