import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { ParseResult, SourceFile } from "../parse/entry.js";
import { explainFileError } from "./file-errors.js";
import { displayPath } from "./journal.js";
import { temporaryFileName, tidyTemporaryFiles } from "./leftovers.js";
import { makeFolders } from "./write-file.js";
import type { FileStamp } from "./write-site.js";

/** The cache folder, beside the config (§5). */
export const CACHE_DIR = ".smallwins-cache";
/**
 * The parse cache's folder, one file per shard of the keys, and its format,
 * raised together whenever what parsing gives changes, so that no stale cache
 * is trusted (2: entries hold their references and relPath, body HTML holds
 * markers; 3: a day's `rest`; 4: inline tags with their places and sources;
 * 5: shards in a folder instead of one file).
 */
export const PARSE_CACHE_DIR = "parse-v5";
/** The format written in each shard (see PARSE_CACHE_DIR). */
export const PARSE_CACHE_FORMAT = 5;
const PARSE_DIR = PARSE_CACHE_DIR;
const FORMAT = PARSE_CACHE_FORMAT;
/** Parse caches of earlier formats, removed when a cache is saved: nothing reads them any more. */
const FORMER_FILES = [1, 2, 3, 4].flatMap((v) => [`parse-v${v}.json`, `parse-v${v}.json.sha1`]);
/** A shard file's name: the first two hex digits of its keys. */
const SHARD_NAME = /^([0-9a-f]{2})\.json$/;

interface Stored {
  readonly format: number;
  readonly tool: string;
  readonly config: string;
  readonly entries: Record<string, ParseResult>;
}

/**
 * The warning for a cache file that could not be written: the build goes on
 * (a cache only saves time), and the user hears why and what to do.
 */
function notSaved(error: unknown, file: string, cwd: string): Diagnostic {
  const explained = explainFileError(error, { failed: "the cache was not saved, so the next build redoes the work it keeps", otherwise: "build with --no-cache", writing: file, cwd });
  return diagnostic("warning", displayPath(file, cwd), { line: 1, column: 1 }, explained.message, explained.hint);
}

/**
 * Writes a cache file as `write` fills it, through a temporary file renamed
 * into place, after removing the checksum (written last, by `finish`): a cache
 * caught half-written never matches its checksum. Removes first what killed
 * runs left in the folder.
 */
async function saveCacheFile(file: string, write: (tmp: string) => Promise<string>, cwd: string): Promise<Diagnostic | undefined> {
  const tmp = temporaryFileName(file);
  try {
    await makeFolders(path.dirname(file));
    await tidyTemporaryFiles(path.dirname(file));
    await rm(`${file}.sha1`, { force: true });
    const sum = await write(tmp);
    await rename(tmp, file);
    await writeFile(`${file}.sha1`, sum);
    return undefined;
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    return notSaved(error, file, cwd);
  }
}

/** A cache file's text when its checksum beside it (`file.sha1`) matches, else undefined (missing, half-written or damaged). */
export async function readCheckedText(file: string): Promise<string | undefined> {
  try {
    const [text, sum] = await Promise.all([readFile(file, "utf8"), readFile(`${file}.sha1`, "utf8")]);
    return createHash("sha1").update(text).digest("hex") === sum.trim() ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file's text with its checksum beside it (see saveCacheFile); a failure is a warning. */
export function saveCheckedText(file: string, text: string, cwd: string): Promise<Diagnostic | undefined> {
  return saveCacheFile(
    file,
    async (tmp) => {
      await writeFile(tmp, text);
      return createHash("sha1").update(text).digest("hex");
    },
    cwd,
  );
}

/** The cache key of a source: its path in the journal and its bytes. */
export function cacheKey(source: Pick<SourceFile, "relPath" | "bytes">): string {
  return createHash("sha1").update(source.relPath).update("\0").update(source.bytes).digest("hex");
}

/** A cached result with the display path of today's run (the cache does not depend on the working folder). */
function withFile(result: ParseResult, file: string): ParseResult {
  const diagnostics = result.diagnostics.map((d): Diagnostic => (d.file === file ? d : { ...d, file }));
  if (!result.entry || result.entry.file === file) return { ...result, diagnostics };
  return { ...result, entry: { ...result.entry, file }, diagnostics };
}

function plausible(value: unknown): value is ParseResult {
  if (typeof value !== "object" || value === null) return false;
  const r = value as { entry?: unknown; diagnostics?: unknown };
  if (!Array.isArray(r.diagnostics)) return false;
  if (r.entry === null) return true;
  const kind = (r.entry as { kind?: unknown } | undefined)?.kind;
  return kind === "day" || kind === "week";
}

/** The shard a key belongs to: its first two hex digits (a key that is not hex, as tests make, goes to "00"). */
function shardOf(key: string): string {
  const shard = key.slice(0, 2);
  return /^[0-9a-f]{2}$/.test(shard) ? shard : "00";
}

/**
 * Parsed files by content, kept in `.smallwins-cache/parse-v5/` between runs.
 * Keyed by each file's path and bytes, and as a whole by the tool's and the
 * config's version. Kept in 256 shard files by key, each with its checksum on
 * its first line: a build that changed a few entries rewrites a few shards,
 * where one file of every entry (28 MB at 10,000 varied entries) was written
 * and hashed again whole. A shard whose checksum, format or versions do not
 * match is discarded, never trusted.
 */
export class ParseCache {
  private readonly used = new Map<string, ParseResult>();
  /** Shards that must be written: a result added, or the stored file not valid. */
  private readonly dirty = new Set<string>();

  private constructor(
    private readonly dir: string | undefined,
    private readonly tool: string,
    private readonly config: string,
    /** The stored entries, by shard. */
    private readonly stored: Map<string, Record<string, ParseResult>>,
  ) {}

  /** A cache that remembers nothing and writes nothing (`--no-cache`). */
  static disabled(): ParseCache {
    return new ParseCache(undefined, "", "", new Map());
  }

  /** Whether this cache is used at all (false with `--no-cache`): without it, nothing needs a key. */
  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** Whether `root/.smallwins-cache` holds a parse cache (not whether it is valid). */
  static exists(root: string): boolean {
    return existsSync(path.join(root, CACHE_DIR, PARSE_DIR));
  }

  /** Loads the cache in `root/.smallwins-cache`, or starts an empty one. */
  static async load(root: string, tool: string, config: string): Promise<ParseCache> {
    const dir = path.join(root, CACHE_DIR);
    const stored = new Map<string, Record<string, ParseResult>>();
    const cache = new ParseCache(dir, tool, config, stored);
    let names: string[];
    try {
      names = readdirSync(path.join(dir, PARSE_DIR));
    } catch {
      return cache;
    }
    // Read synchronously, a shard after the other: small files, as the journal's.
    for (const name of names) {
      const shard = SHARD_NAME.exec(name)?.[1];
      if (shard === undefined) continue;
      const entries = readShard(path.join(dir, PARSE_DIR, name), tool, config);
      if (entries) stored.set(shard, entries);
      else cache.dirty.add(shard); // Rewritten (or removed) when the cache is saved.
    }
    return cache;
  }

  /** The cached result for a source, if its bytes were parsed before. */
  get(source: SourceFile, key = cacheKey(source)): ParseResult | undefined {
    return this.byKey(key, source.file);
  }

  /** The cached result of the bytes whose cache key is `key`, shown as `file`, if they were parsed before. */
  byKey(key: string, file: string): ParseResult | undefined {
    if (!this.dir) return undefined;
    const hit = this.stored.get(shardOf(key))?.[key];
    if (!plausible(hit)) return undefined;
    this.used.set(key, hit);
    return withFile(hit, file);
  }

  /** Remembers a fresh result. */
  set(key: string, result: ParseResult): void {
    if (!this.dir) return;
    this.used.set(key, result);
    this.dirty.add(shardOf(key));
  }

  /**
   * Writes the shards whose entries changed: each holds the entries used in
   * this run (others are dropped), written atomically; a shard left with none
   * is removed. A failure to write is not an error: it gives a warning (paths
   * shown from `cwd`).
   */
  async save(cwd = process.cwd()): Promise<Diagnostic | undefined> {
    if (!this.dir) return undefined;
    const byShard = new Map<string, [string, ParseResult][]>();
    for (const [key, result] of this.used) {
      const shard = shardOf(key);
      let list = byShard.get(shard);
      if (!list) byShard.set(shard, (list = []));
      list.push([key, result]);
    }
    const changed = new Set(this.dirty);
    // A shard that lost entries (files gone or changed) is written without them.
    for (const [shard, entries] of this.stored) if (Object.keys(entries).length !== (byShard.get(shard)?.length ?? 0)) changed.add(shard);
    if (changed.size === 0) return undefined;
    const folder = path.join(this.dir, PARSE_DIR);
    let file = folder;
    try {
      await makeFolders(folder);
      await tidyTemporaryFiles(folder);
      const head = { format: FORMAT, tool: this.tool, config: this.config };
      for (const shard of [...changed].sort()) {
        file = path.join(folder, `${shard}.json`);
        const entries = byShard.get(shard);
        if (!entries) {
          await rm(file, { force: true });
          continue;
        }
        const json = JSON.stringify({ ...head, entries: Object.fromEntries(entries) });
        const tmp = temporaryFileName(file);
        try {
          // The checksum first: a shard caught half-written never matches it.
          await writeFile(tmp, `${createHash("sha1").update(json).digest("hex")}\n${json}`);
          await rename(tmp, file);
        } catch (error) {
          await rm(tmp, { force: true }).catch(() => undefined);
          throw error;
        }
      }
      for (const former of FORMER_FILES) await rm(path.join(this.dir, former), { force: true });
      this.dirty.clear();
      return undefined;
    } catch (error) {
      return notSaved(error, file, cwd);
    }
  }
}

/** A shard's entries, or undefined when its file is unreadable, corrupt, or of another format, tool or config. */
function readShard(file: string, tool: string, config: string): Record<string, ParseResult> | undefined {
  try {
    const text = readFileSync(file, "utf8");
    const newline = text.indexOf("\n");
    const json = text.slice(newline + 1);
    if (newline !== 40 || createHash("sha1").update(json).digest("hex") !== text.slice(0, newline)) return undefined;
    const data = JSON.parse(json) as Partial<Stored>;
    if (data.format !== FORMAT || data.tool !== tool || data.config !== config) return undefined;
    if (typeof data.entries !== "object" || data.entries === null) return undefined;
    return data.entries;
  } catch {
    return undefined;
  }
}

/** The journal's files as the last build saw them: by path, their stamp and the cache key of their bytes. */
const STAMPS_FILE = "journal-v1.json";
const STAMPS_FORMAT = 1;

/**
 * A journal file's identity on disk for the stamp index: size, modification
 * and change times and inode. The change time is set by the kernel on every
 * write (no tool can set it back), so new bytes always give a new stamp.
 */
export interface JournalStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** A file's stamp as stored: one string, compared whole. */
export const stampText = (s: JournalStamp): string => `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;

/**
 * The journal's files as the last build with the cache saw them, kept in
 * `.smallwins-cache/journal-v1.json`: each file's stamp and the cache key of
 * its bytes. A file whose stamp is unchanged is not read or hashed again: its
 * key finds its parse in the parse cache (a warm build of 10,000 entries read
 * and hashed 47 MB for this). Keyed as a whole by the tool's and the config's
 * version, and checksummed: a stale or corrupt index is discarded, and then
 * every file is read.
 */
export class JournalStamps {
  private constructor(
    private readonly dir: string,
    private readonly tool: string,
    private readonly config: string,
    private readonly stored: ReadonlyMap<string, readonly [stamp: string, key: string]>,
  ) {}

  /** Loads the index in `root/.smallwins-cache`, or starts an empty one. */
  static load(root: string, tool: string, config: string): JournalStamps {
    const dir = path.join(root, CACHE_DIR);
    const stored = new Map<string, readonly [string, string]>();
    const files = readChecked(path.join(dir, STAMPS_FILE), (data) => (data.format === STAMPS_FORMAT && data.tool === tool && data.config === config ? data.files : undefined));
    if (files && typeof files === "object") {
      for (const [relPath, value] of Object.entries(files as Record<string, unknown>)) {
        if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") stored.set(relPath, [value[0], value[1]]);
      }
    }
    return new JournalStamps(dir, tool, config, stored);
  }

  /** The cache key of the file at `relPath` when its stamp is the one last seen. */
  keyOf(relPath: string, stamp: string): string | undefined {
    const known = this.stored.get(relPath);
    return known && known[0] === stamp ? known[1] : undefined;
  }

  /** Writes the stamps and keys of this build's files; a failure gives a warning (the next build only reads every file again). */
  async save(files: ReadonlyMap<string, readonly [stamp: string, key: string]>, cwd = process.cwd()): Promise<Diagnostic | undefined> {
    const json = JSON.stringify({ format: STAMPS_FORMAT, tool: this.tool, config: this.config, files: Object.fromEntries(files) });
    const file = path.join(this.dir, STAMPS_FILE);
    const tmp = temporaryFileName(file);
    try {
      await makeFolders(this.dir);
      await writeFile(tmp, `${createHash("sha1").update(json).digest("hex")}\n${json}`);
      await rename(tmp, file);
      return undefined;
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      return notSaved(error, file, cwd);
    }
  }
}

/** A cache file with its checksum on the first line, read and checked; undefined when missing, corrupt, or when `pick` finds it stale. */
function readChecked(file: string, pick: (data: Record<string, unknown>) => unknown): unknown {
  try {
    const text = readFileSync(file, "utf8");
    const newline = text.indexOf("\n");
    const json = text.slice(newline + 1);
    if (newline !== 40 || createHash("sha1").update(json).digest("hex") !== text.slice(0, newline)) return undefined;
    const data = JSON.parse(json) as unknown;
    return typeof data === "object" && data !== null ? pick(data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const PAGES_FILE = "pages-v1.json";
const PAGES_FORMAT = 1;

interface StoredPages {
  readonly format: number;
  readonly tool: string;
  readonly theme: string;
  readonly out: string;
  /** Page path to the hash of its template and data, and the stamp of the file written for it. */
  readonly pages: Record<string, [hash: string, size: number, mtimeMs: number, ino: number]>;
}

/** The hash of what decides a page's bytes: its template's name and its data (the theme is the cache's own key). */
export function pageHash(template: string, data: unknown): string {
  return createHash("sha1").update(template).update("\0").update(JSON.stringify(data)).digest("hex");
}

/**
 * What the last build wrote for each page, kept in `.smallwins-cache/`: the
 * hash of the page's data and the stamp of the file. A page whose data hash is
 * unchanged and whose file still has its stamp is carried over, not rendered.
 * Keyed as a whole by the tool's version, the theme and the output folder;
 * checksummed like the parse cache, so a stale or corrupt file is discarded.
 */
export class PageCache {
  private constructor(
    private readonly dir: string,
    private readonly tool: string,
    private readonly theme: string,
    private readonly out: string,
    private readonly stored: StoredPages["pages"],
  ) {}

  /** Loads the page cache for this tool, theme and output folder, or starts an empty one. */
  static async load(root: string, tool: string, theme: string, out: string): Promise<PageCache> {
    const dir = path.join(root, CACHE_DIR);
    const empty = new PageCache(dir, tool, theme, out, {});
    try {
      const text = await readCheckedText(path.join(dir, PAGES_FILE));
      if (text === undefined) return empty;
      const data = JSON.parse(text) as Partial<StoredPages>;
      if (data.format !== PAGES_FORMAT || data.tool !== tool || data.theme !== theme || data.out !== out) return empty;
      if (typeof data.pages !== "object" || data.pages === null) return empty;
      return new PageCache(dir, tool, theme, out, data.pages);
    } catch {
      return empty;
    }
  }

  /** The stamp the page's file must still have to be carried over, when its hash is the one last written. */
  unchangedIf(pagePath: string, hash: string): FileStamp | undefined {
    const known = Object.hasOwn(this.stored, pagePath) ? this.stored[pagePath] : undefined;
    if (!Array.isArray(known) || known[0] !== hash) return undefined;
    const [, size, mtimeMs, ino] = known;
    return typeof size === "number" && typeof mtimeMs === "number" && typeof ino === "number" ? { size, mtimeMs, ino } : undefined;
  }

  /** Writes the hashes and stamps of the pages just written; a failure to write gives a warning, since it only makes the next build slower. */
  async save(hashes: ReadonlyMap<string, string>, stamps: ReadonlyMap<string, FileStamp>, cwd = process.cwd()): Promise<Diagnostic | undefined> {
    const pages: StoredPages["pages"] = {};
    for (const [pagePath, hash] of hashes) {
      const stamp = stamps.get(pagePath);
      if (stamp) pages[pagePath] = [hash, stamp.size, stamp.mtimeMs, stamp.ino];
    }
    const text = JSON.stringify({ format: PAGES_FORMAT, tool: this.tool, theme: this.theme, out: this.out, pages } satisfies StoredPages);
    return saveCheckedText(path.join(this.dir, PAGES_FILE), text, cwd);
  }
}
