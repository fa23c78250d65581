/**
 * The first stage of the pipeline, journal → entries, with what it remembers
 * between builds: every journal file's path, the hash of its bytes and its
 * parse result. A cold build reads and parses every file (with the parse cache
 * and the parse workers); an update reads only the files a change set names
 * and parses only those whose bytes changed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Project } from "../config/load.js";
import { cacheKey } from "../io/cache.js";
import { displayPath, listJournal } from "../io/journal.js";
import { parseJournal } from "../io/parse-journal.js";
import { diagnostic, hasErrors, type Diagnostic } from "../model/diagnostic.js";
import { isMarkdownPath } from "../parse/classify.js";
import type { ParseResult } from "../parse/entry.js";

/** What changed since the last build, as absolute paths. */
export interface ChangeSet {
  readonly files: ReadonlySet<string>;
  /** Folders that disappeared (a folder renamed or deleted): every file under them is gone. */
  readonly removedDirs?: ReadonlySet<string>;
  /**
   * Folders to read again whole: every Markdown file under them is read (and
   * files known there that are gone are forgotten). For a folder that just
   * appeared, whose files a watcher may not have reported one by one.
   */
  readonly addedDirs?: ReadonlySet<string>;
}

interface FileState {
  readonly relPath: string;
  readonly hash: string;
  readonly result: ParseResult;
}

/** The parser, loaded on the main thread only when a file is parsed here (a cold build parses in workers). */
let parser: Promise<typeof import("../parse/entry.js")> | undefined;
const loadParser = (): Promise<typeof import("../parse/entry.js")> => (parser ??= import("../parse/entry.js"));

/** The journal's files as last read, by absolute path. */
export class JournalFiles {
  private readonly files = new Map<string, FileState>();
  /** The last result of each file that parsed without errors: a broken save keeps the last good page. */
  private readonly lastGood = new Map<string, ParseResult>();
  /** What `results` gave last, kept while no file comes or goes: an edit replaces one item of it. */
  private resultList: ParseResult[] | undefined;
  private readonly resultIndex = new Map<string, number>();
  /** Set during an update when a file's bytes changed, or a file came or went. */
  private changed = false;

  /**
   * Reads and parses every file of the journal, forgetting what was known.
   * With `remember`, each file's bytes are hashed so that updates can tell
   * what changed (a one-off build skips that), and the parser is loaded on
   * this thread for them. Gives the results and how to save the parse cache.
   */
  async readAll(project: Project, options: { readonly cache: boolean; readonly remember: boolean; readonly onProgress?: (done: number, total: number) => void }): Promise<{ readonly results: readonly ParseResult[]; readonly saveCache: () => Promise<Diagnostic | undefined> }> {
    this.files.clear();
    this.lastGood.clear();
    this.resultList = undefined;
    // Loaded while the files are parsed, so that the first edit does not wait for it.
    if (options.remember) void loadParser();
    const { files, results, saveCache } = await parseJournal(project, { cache: options.cache, keys: options.remember, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    if (!options.remember) {
      this.resultList = results;
      return { results, saveCache };
    }
    files.forEach((f, i) => {
      const result = results[i]!;
      this.files.set(f.absolute, { relPath: f.relPath, hash: f.key!, result });
      if (!hasErrors(result.diagnostics)) this.lastGood.set(f.absolute, result);
    });
    return { results: this.results(), saveCache };
  }

  /** Reads again what a change set names; true when a file's bytes changed, or a file came or went. */
  async update(project: Project, changes: ChangeSet): Promise<boolean> {
    this.changed = false;
    const journalDir = project.journalDir;
    for (const dir of changes.removedDirs ?? []) {
      for (const file of [...this.files.keys()]) if (isInside(file, dir)) this.forget(file);
    }
    const relPathOf = (file: string): string => path.relative(journalDir, file).split(path.sep).join("/");
    for (const file of changes.files) {
      if (!isInside(file, journalDir) || !isMarkdownPath(file)) continue;
      await this.readOne(project, file, relPathOf(file));
    }
    for (const dir of changes.addedDirs ?? []) {
      if (dir !== journalDir && !isInside(dir, journalDir)) continue;
      const found = await listJournal(dir).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return []; // Gone again: its removal is an event of its own.
        throw error;
      });
      const listed = new Set(found.map((f) => f.absolute));
      for (const file of listed) await this.readOne(project, file, relPathOf(file));
      for (const file of [...this.files.keys()]) if (isInside(file, dir) && !listed.has(file)) await this.readOne(project, file, relPathOf(file));
    }
    return this.changed;
  }

  private forget(file: string): void {
    if (this.files.delete(file)) {
      this.changed = true;
      this.resultList = undefined;
    }
    this.lastGood.delete(file);
  }

  /** Reads and parses one journal file, unless its bytes are unchanged; a vanished file is forgotten. */
  private async readOne(project: Project, file: string, relPath: string): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") {
        this.forget(file);
        return;
      }
      // One unreadable file (permissions, say) is that file's error, not the
      // end of the build: the rest of the change set still counts, and its last good entry stays.
      const shown = displayPath(file, project.cwd);
      const reason = code ?? (error instanceof Error ? error.message : String(error));
      const known = this.files.get(file);
      if (known?.hash === `unreadable:${reason}` && known.relPath === relPath) return;
      const result: ParseResult = { entry: null, diagnostics: [diagnostic("error", shown, { line: 1, column: 1 }, `cannot read the file: ${reason}`, "check that you may read it")] };
      this.setFile(file, { relPath, hash: `unreadable:${reason}`, result });
      this.changed = true;
      return;
    }
    // The parse cache's key of the bytes: what the first build knew each file by, from the cache's stamp index or a hash of its own.
    const hash = cacheKey({ relPath, bytes });
    const known = this.files.get(file);
    if (known && known.hash === hash && known.relPath === relPath) return;
    const { parseJournalFile } = await loadParser();
    const result = parseJournalFile({ file: displayPath(file, project.cwd), relPath, bytes });
    // An empty read is most often an editor's truncate-then-write caught in
    // between; it must not replace the last good entry, or a broken save that
    // follows would show an empty day instead of the last good one.
    const emptyRead = bytes.length === 0 && this.lastGood.has(file);
    if (!hasErrors(result.diagnostics) && !emptyRead) this.lastGood.set(file, result);
    this.setFile(file, { relPath, hash, result });
    this.changed = true;
  }

  /** The results the model is made from: for a file with errors, its last good entry with today's errors. */
  results(): ParseResult[] {
    if (!this.resultList) {
      this.resultList = [];
      this.resultIndex.clear();
      for (const file of this.files.keys()) {
        this.resultIndex.set(file, this.resultList.length);
        this.resultList.push(this.resultOf(file));
      }
    }
    return this.resultList;
  }

  private resultOf(file: string): ParseResult {
    const state = this.files.get(file)!;
    const good = this.lastGood.get(file);
    if (!hasErrors(state.result.diagnostics) || !good?.entry) return state.result;
    return { entry: good.entry, diagnostics: state.result.diagnostics };
  }

  /** Records a file's new state; a file that is new to the map is added to the list of results. */
  private setFile(file: string, state: FileState): void {
    this.files.set(file, state);
    const i = this.resultIndex.get(file);
    if (!this.resultList) return;
    if (i === undefined) {
      this.resultIndex.set(file, this.resultList.length);
      this.resultList.push(this.resultOf(file));
    } else this.resultList[i] = this.resultOf(file);
  }
}

/** Whether a path lies inside a folder (not the folder itself). */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
