import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writevSync } from "node:fs";
import { constants, copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { explainFileError } from "./file-errors.js";
import { displayPath } from "./journal.js";
import { temporaryFileName } from "./leftovers.js";

/**
 * Makes a folder and any missing folders above it, one `mkdir` at a time. Not
 * `mkdir(dir, { recursive: true })`: on a read-only disk (or in a folder this
 * user may not write) Node 20's recursive mkdir says ENOENT, "no such file or
 * directory", where a single mkdir says EROFS or EACCES.
 */
export async function makeFolders(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const missing = await makeFolder(dir, parent !== dir);
  if (missing) {
    await makeFolders(parent);
    await makeFolder(dir, false);
  }
}

/** One mkdir: true when the folder above is missing (and `missingOk`); a folder already there (or a symlink to one) is fine. */
async function makeFolder(dir: string, missingOk: boolean): Promise<boolean> {
  try {
    await mkdir(dir);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && missingOk) return true;
    if (code === "EEXIST" && (await stat(dir).catch(() => undefined))?.isDirectory()) return false;
    throw error;
  }
}

/**
 * Writes one file by writing a temporary file beside it and renaming it over:
 * readers never see half a file. A failure is explained in the user's terms
 * (`cwd` is where paths are shown from), naming `file`, never the temporary one.
 */
export async function writeFileAtomically(file: string, contents: string | Uint8Array, cwd = process.cwd()): Promise<void> {
  const tmp = temporaryFileName(file);
  try {
    await makeFolders(path.dirname(file));
    await writeFile(tmp, contents);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw explainFileError(error, { failed: `could not write ${displayPath(file, cwd)}`, otherwise: "choose another --out folder", writing: file, cwd });
  }
}

/** makeFolders with synchronous calls: for a watch's few files an edit writes, where each trip through the thread pool costs more than the call. */
function makeFoldersSync(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = path.dirname(dir);
    if (code === "ENOENT" && parent !== dir) {
      makeFoldersSync(parent);
      mkdirSync(dir);
    } else if (!(code === "EEXIST" && statSync(dir, { throwIfNoEntry: false })?.isDirectory())) throw error;
  }
}

/**
 * Removes a temporary file if it is there. Quietly: where it could not be
 * made (a file where a folder should be) removing it fails too, and that
 * error would hide the one that explains what went wrong.
 */
function removeQuietly(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // Nothing was there to remove.
  }
}

/** Writes bytes in parts, up to 1,024 a call (the system's limit on the parts of one write). */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, "w");
  try {
    for (let i = 0; i < parts.length; i += 1024) {
      const some = parts.slice(i, i + 1024);
      const total = some.reduce((n, p) => n + p.byteLength, 0);
      let written = writevSync(fd, some);
      // A short write (a full disk, a signal) writes the rest one part at a time.
      if (written < total) {
        for (const part of some) {
          if (written >= part.byteLength) {
            written -= part.byteLength;
            continue;
          }
          writeFileSync(fd, part.subarray(written));
          written = 0;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * writeFileAtomically with synchronous calls (the folder made only if it is
 * missing), for the few files an edit in a watch writes: the edited day's page
 * is on disk a millisecond sooner than through the thread pool. `contents` may
 * come in parts (wins.json's, kept between edits), written without joining them.
 */
export function writeFileAtomicallySync(file: string, contents: string | Uint8Array | readonly Uint8Array[], cwd = process.cwd()): void {
  const tmp = temporaryFileName(file);
  const write = (): void => (Array.isArray(contents) ? writeParts(tmp, contents) : writeFileSync(tmp, contents as string | Uint8Array));
  try {
    try {
      write();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      makeFoldersSync(path.dirname(file));
      write();
    }
    renameSync(tmp, file);
  } catch (error) {
    removeQuietly(tmp);
    throw explainFileError(error, { failed: `could not write ${displayPath(file, cwd)}`, otherwise: "choose another --out folder", writing: file, cwd });
  }
}

/** Copies `from` to `file` as writeFileAtomically writes: into a temporary file beside it, then renamed over. */
export async function copyFileAtomically(from: string, file: string, cwd = process.cwd()): Promise<void> {
  const tmp = temporaryFileName(file);
  try {
    await makeFolders(path.dirname(file));
    await copyFile(from, tmp, constants.COPYFILE_FICLONE);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw explainFileError(error, { failed: `could not copy ${displayPath(from, cwd)} to ${displayPath(file, cwd)}`, otherwise: "choose another --out folder", writing: file, cwd });
  }
}
