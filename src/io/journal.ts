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
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
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

/** Reads every journal file's bytes. */
export async function readJournal(root: string, cwd: string): Promise<SourceFile[]> {
  const found = await listJournal(root);
  return Promise.all(
    found.map(async (f) => ({ file: displayPath(f.absolute, cwd), relPath: f.relPath, bytes: new Uint8Array(await readFile(f.absolute)) })),
  );
}
