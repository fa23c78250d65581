import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
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
 * The parse cache's file name and format, raised together whenever what
 * parsing gives changes, so that no stale cache is trusted (2: entries hold
 * their references and relPath, body HTML holds markers; 3: a day's `rest`;
 * 4: inline tags, and tags with their places and sources).
 */
export const PARSE_CACHE_FILE = "parse-v4.json";
/** The format written in the parse cache (see PARSE_CACHE_FILE). */
export const PARSE_CACHE_FORMAT = 4;
/** Parse caches of earlier formats, removed when a cache is saved: nothing reads them any more. */
const OLD_FILES = ["parse-v1.json", "parse-v1.json.sha1", "parse-v2.json", "parse-v2.json.sha1", "parse-v3.json", "parse-v3.json.sha1"];

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

/** The cache key of a source: its path in the journal and its bytes. */
export function cacheKey(source: SourceFile): string {
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

/**
 * Parsed files by content, kept in `.smallwins-cache/` between runs. Keyed by
 * each file's path and bytes, and as a whole by the tool's and the config's
 * version. A cache whose checksum, format or versions do not match is
 * discarded, never trusted.
 */
export class ParseCache {
  private used = new Map<string, ParseResult>();
  private dirty = false;

  private constructor(
    private readonly dir: string | undefined,
    private readonly tool: string,
    private readonly config: string,
    private readonly stored: Record<string, ParseResult>,
  ) {}

  /** A cache that remembers nothing and writes nothing (`--no-cache`). */
  static disabled(): ParseCache {
    return new ParseCache(undefined, "", "", {});
  }

  /** Whether this cache is used at all (false with `--no-cache`): without it, nothing needs a key. */
  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** Whether `root/.smallwins-cache` holds a parse cache (not whether it is valid). */
  static exists(root: string): boolean {
    return existsSync(path.join(root, CACHE_DIR, PARSE_CACHE_FILE));
  }

  /** Loads the cache in `root/.smallwins-cache`, or starts an empty one. */
  static async load(root: string, tool: string, config: string): Promise<ParseCache> {
    const dir = path.join(root, CACHE_DIR);
    const empty = new ParseCache(dir, tool, config, {});
    try {
      const [text, sum] = await Promise.all([readFile(path.join(dir, PARSE_CACHE_FILE), "utf8"), readFile(path.join(dir, `${PARSE_CACHE_FILE}.sha1`), "utf8")]);
      if (createHash("sha1").update(text).digest("hex") !== sum.trim()) return empty;
      const data = JSON.parse(text) as Partial<Stored>;
      if (data.format !== PARSE_CACHE_FORMAT || data.tool !== tool || data.config !== config) return empty;
      if (typeof data.entries !== "object" || data.entries === null) return empty;
      return new ParseCache(dir, tool, config, data.entries);
    } catch {
      return empty;
    }
  }

  /** The cached result for a source, if its bytes were parsed before. */
  get(source: SourceFile, key = cacheKey(source)): ParseResult | undefined {
    if (!this.dir) return undefined;
    const hit = this.stored[key];
    if (!plausible(hit)) return undefined;
    this.used.set(key, hit);
    return withFile(hit, source.file);
  }

  /** Remembers a fresh result. */
  set(key: string, result: ParseResult): void {
    if (!this.dir) return;
    this.used.set(key, result);
    this.dirty = true;
  }

  /**
   * Writes the entries used in this run (others are dropped), atomically. A
   * failure to write is not an error: it gives a warning (paths shown from `cwd`).
   */
  async save(cwd = process.cwd()): Promise<Diagnostic | undefined> {
    if (!this.dir) return undefined;
    if (!this.dirty && this.used.size === Object.keys(this.stored).length) return undefined;
    const head = { format: PARSE_CACHE_FORMAT, tool: this.tool, config: this.config };
    const dir = this.dir;
    const problem = await saveCacheFile(path.join(dir, PARSE_CACHE_FILE), async (tmp) => writeJsonInPieces(tmp, head, "entries", this.used), cwd);
    if (!problem) await Promise.all(OLD_FILES.map((name) => rm(path.join(dir, name), { force: true }).catch(() => undefined)));
    return problem;
  }
}

/**
 * Writes `{...head, [key]: {...entries}}` as JSON, an entry at a time, and
 * gives the SHA-1 of the bytes written. The text is the same JSON that
 * `JSON.stringify` would make of it, but never in memory whole: as one string,
 * the cache of a large journal (tens of megabytes, and again as bytes to
 * write) was the peak of a build's memory.
 */
function writeJsonInPieces(file: string, head: Record<string, unknown>, key: string, entries: ReadonlyMap<string, unknown>): string {
  const hash = createHash("sha1");
  const fd = openSync(file, "w");
  try {
    let pending = `${JSON.stringify(head).slice(0, -1)},${JSON.stringify(key)}:{`;
    let first = true;
    const flush = (): void => {
      hash.update(pending);
      writeSync(fd, pending);
      pending = "";
    };
    for (const [name, value] of entries) {
      pending += `${first ? "" : ","}${JSON.stringify(name)}:${JSON.stringify(value)}`;
      first = false;
      if (pending.length >= 1 << 16) flush();
    }
    pending += "}}";
    flush();
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
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
      const [text, sum] = await Promise.all([readFile(path.join(dir, PAGES_FILE), "utf8"), readFile(path.join(dir, `${PAGES_FILE}.sha1`), "utf8")]);
      if (createHash("sha1").update(text).digest("hex") !== sum.trim()) return empty;
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
    return saveCacheFile(
      path.join(this.dir, PAGES_FILE),
      async (tmp) => {
        await writeFile(tmp, text);
        return createHash("sha1").update(text).digest("hex");
      },
      cwd,
    );
  }
}
