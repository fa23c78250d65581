import type { Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { SourceFile } from "../parse/entry.js";
import { isMarkdownPath } from "../parse/classify.js";

/** A Markdown file found in the journal folder. */
export interface FoundFile {
  /** Absolute path. */
  readonly absolute: string;
  /** Relative to the journal folder, with `/` separators. */
  readonly relPath: string;
}

/**
 * Lists every `*.md` file under the journal folder, sorted. Folders named with
 * `_` or `.` (such as `.git`) are not entered. Symlinks are followed, but a
 * folder already visited (a symlink loop) is entered only once.
 */
export async function listJournal(root: string): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const visited = new Set<string>();
  async function walk(dir: string, rel: string): Promise<void> {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // A sub-folder removed while the journal is listed is simply gone; the journal folder itself must exist.
      if (rel !== "" && (error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      const absolute = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(absolute).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(absolute, relPath);
      else if (isFile && isMarkdownPath(entry.name)) out.push({ absolute, relPath });
    }
  }
  await walk(root, "");
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** The path to show a user for an absolute path: relative to where the command runs. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? absolute : rel;
  return shown.split(path.sep).join("/");
}

/** At most this many files are open at once, far below any file-descriptor limit. */
const READ_CONCURRENCY = 64;

/**
 * Reads every journal file's bytes, in the sorted order of `listJournal`. A
 * file that disappears between listing and reading (an editor's temporary
 * file, a save by rename) is left out rather than failing the whole read.
 */
export async function readJournal(root: string, cwd: string): Promise<SourceFile[]> {
  const found = await listJournal(root);
  const read: (SourceFile | undefined)[] = new Array<SourceFile | undefined>(found.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < found.length) {
      const i = next++;
      const f = found[i]!;
      try {
        read[i] = { file: displayPath(f.absolute, cwd), relPath: f.relPath, bytes: new Uint8Array(await readFile(f.absolute)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, found.length) }, worker));
  return read.filter((s): s is SourceFile => s !== undefined);
}
