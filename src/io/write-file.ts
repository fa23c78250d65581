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
