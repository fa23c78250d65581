import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Project } from "../config/load.js";
import { FileError } from "../errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { ParseResult, SourceFile } from "../parse/entry.js";
import { VERSION } from "../version.js";
import { ParseCache, cacheKey } from "./cache.js";
import { explainFileError } from "./file-errors.js";
import { displayPath, readJournal } from "./journal.js";
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

/**
 * Reads and parses every journal file: cached results for bytes seen before,
 * the rest parsed on every core. The results are those of parsing each file
 * afresh, in the same order, cache or not.
 */
export async function parseJournal(project: Project, options: ParseOptions): Promise<ParsedJournal & { readonly sources: readonly SourceFile[] }> {
  // With no cache to consult every file is parsed: the workers start loading while the files are read.
  const cold = !options.cache || !ParseCache.exists(project.root);
  let workers: Worker[] = [];
  try {
    const sources = await readSources(project, (files) => {
      if (cold) workers = startParseWorkers(files);
    });
    return { sources, ...(await parseSources(project, sources, options, workers)) };
  } finally {
    // Ended by the parse; here only when something failed before it.
    await Promise.all(workers.map((w) => w.terminate()));
  }
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

/** Parses sources already read, with the cache and every core (see parseJournal); `workers` are parse workers already started. */
export async function parseSources(project: Project, sources: readonly SourceFile[], options: ParseOptions, workers: readonly Worker[] = []): Promise<ParsedJournal> {
  const cache = options.cache ? await ParseCache.load(project.root, VERSION, configVersion(project)) : ParseCache.disabled();
  const results = new Array<ParseResult>(sources.length);
  const missing: { index: number; key: string; source: SourceFile }[] = [];
  sources.forEach((source, index) => {
    // Hashing every file's bytes is a tenth of a second at ten thousand files; with no cache, no key is read.
    const key = cache.enabled ? cacheKey(source) : "";
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
  return { results, saveCache: () => cache.save(project.cwd) };
}
