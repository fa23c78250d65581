import { createHash } from "node:crypto";
import { constants, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { access } from "node:fs/promises";
import type { Project } from "../config/load.js";
import { FileError } from "../errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { ParseResult, SourceFile } from "../parse/entry.js";
import { VERSION } from "../version.js";
import { JournalStamps, ParseCache, cacheKey, stampText } from "./cache.js";
import { explainFileError } from "./file-errors.js";
import { displayPath, listJournal, readJournal } from "./journal.js";
import { parseAll, startParseWorkers } from "./parallel-parse.js";
import type { Worker } from "node:worker_threads";

/** How to read and parse a journal. */
export interface ParseOptions {
  /** Use and update `.smallwins-cache/` (false: `--no-cache`). */
  readonly cache: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Reads the journal folder, turning a missing or unreadable folder into a FileError with a hint. */
export async function readSources(project: Project, onListed?: (files: number) => void): Promise<SourceFile[]> {
  return readJournal(project.journalDir, project.cwd, onListed).catch((error: unknown) => {
    throw journalFolderError(project, error);
  });
}

/** Checks that the journal folder can be read, without reading its files. */
export async function checkJournalFolder(project: Project): Promise<void> {
  await access(project.journalDir, constants.R_OK).catch((error: unknown) => {
    throw journalFolderError(project, error);
  });
}

/** The error for a journal folder that is missing or cannot be read, with what to do. */
function journalFolderError(project: Project, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  const shown = displayPath(project.journalDir, project.cwd);
  return code === "ENOENT"
    ? new FileError(`the journal folder ${shown} does not exist`, project.journalDir, {
        cause: error,
        hint: "run `smallwins init` to start a journal here, or point to yours with --journal DIR or `journal:` in the config",
      })
    : explainFileError(error, { failed: `cannot read the journal folder ${shown}`, otherwise: "point --journal at another folder", writing: project.journalDir, cwd: project.cwd, reading: true });
}

/** The config's part of the cache key: any change to the config starts a new cache. */
export function configVersion(project: Project): string {
  return createHash("sha1").update(JSON.stringify(project.config)).digest("hex");
}

/** A journal file as read for a build: where it is, and the cache key of its bytes (when asked for, or known). */
export interface ReadFile {
  /** The path shown in diagnostics. */
  readonly file: string;
  readonly relPath: string;
  readonly absolute: string;
  /** The cache key of its bytes (cacheKey): what a watch compares to tell a changed file. */
  readonly key: string | undefined;
}

/**
 * Reads and parses every journal file: cached results for bytes seen before,
 * the rest parsed on every core. The results are those of parsing each file
 * afresh, in the same order, cache or not. With the cache, a file whose stamp
 * (size, times, inode) is the one the last build saw is not read at all: the
 * stamp index gives its key. `keys` asks for every file's key without the cache
 * too (a watch compares them).
 */
export async function parseJournal(project: Project, options: ParseOptions & { readonly keys?: boolean }): Promise<ParsedJournal & { readonly files: readonly ReadFile[] }> {
  if (options.cache && ParseCache.exists(project.root)) return parseWithStamps(project, options);
  // With no cache to consult every file is parsed: the workers start loading while the files are read.
  let workers: Worker[] = [];
  try {
    const sources = await readSources(project, (files) => {
      workers = startParseWorkers(files);
    });
    const parsed = await parseSources(project, sources, options, workers);
    const files = sources.map((s, i) => ({ file: s.file, relPath: s.relPath, absolute: path.join(project.journalDir, ...s.relPath.split("/")), key: parsed.keys[i] ?? (options.keys ? cacheKey(s) : undefined) }));
    if (!options.cache) return { files, results: parsed.results, saveCache: parsed.saveCache };
    // The first build with the cache also writes the stamp index, so that the next one reads only what changed.
    const stamps = JournalStamps.load(project.root, VERSION, configVersion(project));
    const seen = new Map<string, readonly [string, string]>();
    for (const f of files) {
      const stats = statSync(f.absolute, { throwIfNoEntry: false });
      if (stats && f.key) seen.set(f.relPath, [stampText(stats), f.key]);
    }
    return { files, results: parsed.results, saveCache: async () => (await parsed.saveCache()) ?? (await stamps.save(seen, project.cwd)) };
  } finally {
    // Ended by the parse; here only when something failed before it.
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The build with the cache: files listed and stamped, read and hashed only when their stamp is new, parsed only when their bytes are. */
async function parseWithStamps(project: Project, options: ParseOptions): Promise<ParsedJournal & { readonly files: readonly ReadFile[] }> {
  const found = await listJournal(project.journalDir).catch((error: unknown) => {
    throw journalFolderError(project, error);
  });
  const version = configVersion(project);
  const cache = await ParseCache.load(project.root, VERSION, version);
  const stamps = JournalStamps.load(project.root, VERSION, version);
  const seen = new Map<string, readonly [string, string]>();
  const files: ReadFile[] = [];
  const results: ParseResult[] = [];
  const missing: { index: number; key: string; source: SourceFile }[] = [];
  for (const f of found) {
    const stats = statSync(f.absolute, { throwIfNoEntry: false });
    // Gone since it was listed (an editor's temporary file, a save by rename): left out, as a read would.
    if (!stats) continue;
    const stamp = stampText(stats);
    const file = displayPath(f.absolute, project.cwd);
    const known = stamps.keyOf(f.relPath, stamp);
    const hit = known === undefined ? undefined : cache.byKey(known, file);
    if (hit && known !== undefined) {
      seen.set(f.relPath, [stamp, known]);
      files.push({ file, relPath: f.relPath, absolute: f.absolute, key: known });
      results.push(hit);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(f.absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    // A copy of its own, as readJournal makes: a small read is a slice of Node's shared buffer pool.
    const source: SourceFile = { file, relPath: f.relPath, bytes: new Uint8Array(bytes) };
    const key = cacheKey(source);
    seen.set(f.relPath, [stamp, key]);
    files.push({ file, relPath: f.relPath, absolute: f.absolute, key });
    const cached = cache.get(source, key);
    if (cached) results.push(cached);
    else {
      missing.push({ index: results.length, key, source });
      results.push(undefined as unknown as ParseResult);
    }
  }
  const hits = results.length - missing.length;
  options.onProgress?.(hits, results.length);
  const parsed = await parseAll(
    missing.map((m) => m.source),
    (done) => options.onProgress?.(hits + done, results.length),
  );
  parsed.forEach((result, i) => {
    const m = missing[i]!;
    results[m.index] = result;
    cache.set(m.key, result);
  });
  return { files, results, saveCache: async () => (await cache.save(project.cwd)) ?? (await stamps.save(seen, project.cwd)) };
}

/** Parsed files, and how to keep them for next time. */
export interface ParsedJournal {
  readonly results: ParseResult[];
  /**
   * Writes the cache; a command calls it once its work has succeeded, so a
   * refused build writes nothing. A cache that cannot be written gives a warning.
   */
  readonly saveCache: () => Promise<Diagnostic | undefined>;
}

/** Parses sources already read, with the cache and every core (see parseJournal); `workers` are parse workers already started. Gives each source's cache key when the cache made one. */
export async function parseSources(project: Project, sources: readonly SourceFile[], options: ParseOptions, workers: readonly Worker[] = []): Promise<ParsedJournal & { readonly keys: readonly (string | undefined)[] }> {
  const cache = options.cache ? await ParseCache.load(project.root, VERSION, configVersion(project)) : ParseCache.disabled();
  const results = new Array<ParseResult>(sources.length);
  const keys = new Array<string | undefined>(sources.length);
  const missing: { index: number; key: string; source: SourceFile }[] = [];
  sources.forEach((source, index) => {
    // Hashing every file's bytes is a tenth of a second at ten thousand files; with no cache, no key is read.
    const key = cache.enabled ? cacheKey(source) : "";
    if (cache.enabled) keys[index] = key;
    const hit = cache.get(source, key);
    if (hit) results[index] = hit;
    else missing.push({ index, key, source });
  });
  const hits = sources.length - missing.length;
  options.onProgress?.(hits, sources.length);
  const parsed = await parseAll(
    missing.map((m) => m.source),
    (done) => options.onProgress?.(hits + done, sources.length),
    workers,
  );
  parsed.forEach((result, i) => {
    const m = missing[i]!;
    results[m.index] = result;
    cache.set(m.key, result);
  });
  return { results, keys, saveCache: () => cache.save(project.cwd) };
}
