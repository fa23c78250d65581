import { linkSync, lstatSync, readlinkSync, realpathSync, renameSync } from "node:fs";
import { chmod, constants, copyFile, link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FileError, UsageError } from "../errors.js";
import { TemplateError } from "../render/html.js";
import { GarbageWatch } from "./collect-garbage.js";
import { explainFileError, type FileErrorContext } from "./file-errors.js";
import { displayPath } from "./journal.js";
import { isTemporaryFileName, siteFolders, tidySiteFolders, type Tidied } from "./leftovers.js";
import { makeFolders } from "./write-file.js";
import { SiteWriter } from "./site-writer.js";
import type { OutputFile } from "../render/site.js";
import type { CopiedFile } from "./published-files.js";

/** A file's identity on disk: when it still has the same stamp, nobody changed it. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/**
 * A file for writeSiteAtomically: its contents, or a function that makes them
 * just before the file is written, so that a large site is never all in memory
 * at once. With `unchangedIf`, the current site's file at the same path holds
 * exactly these contents as long as it has that stamp: it is then linked into
 * the new site instead of being made and written again.
 */
export interface SiteFile {
  readonly path: string;
  readonly contents: string | (() => string);
  readonly unchangedIf?: FileStamp;
}

/** What writeSiteAtomically may report while it writes. */
export interface WriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Filled with the stamp of every file written or linked, for the page cache. */
  readonly stamps?: Map<string, FileStamp>;
  /** Where paths in error messages are shown from (default: the current folder). */
  readonly cwd?: string;
  /** Called once, when the checks that refuse a site have passed and its files start to be written. */
  readonly writing?: () => void;
}

/** The stamp of a file's stats. */
export function stampOf(stats: { size: number; mtimeMs: number; ino: number }): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

const sameStamp = (a: FileStamp, b: FileStamp): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** The file in the output folder that lists what smallwins wrote there. */
export const MANIFEST = ".smallwins-manifest.json";

/** Paths that decide whether an output folder is safe. */
export interface OutputSafety {
  readonly outDir: string;
  readonly root: string;
  readonly journalDir: string;
  readonly home?: string;
}

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * The real path of `p`, also when it does not exist yet: the real path of its
 * deepest existing ancestor with the rest appended, following a symlink whose
 * target is missing too. So a symlink to the journal, a temp folder behind a
 * symlink, or a symlinked output folder whose site an interrupted build set
 * aside, is judged by where it really is.
 */
function realPath(p: string, links = 0): string {
  const absolute = path.resolve(p);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    let target: string | undefined;
    try {
      target = readlinkSync(absolute);
    } catch {
      // Not a symlink (or missing): the rest of the path is appended as it is.
    }
    // 40 links, as Linux allows, before a loop is given up on.
    if (target !== undefined && links < 40) return realPath(path.resolve(parent, target), links + 1);
    return path.join(realPath(parent, links), path.basename(absolute));
  }
}

/** How errors while writing the site to `outDir` (really `out`) are said: with the folder the user named. */
function siteErrorContext(outDir: string, out: string, cwd: string, failed?: string): FileErrorContext {
  const given = path.resolve(outDir);
  const shown = displayPath(given, cwd);
  return {
    failed: failed ?? `could not write the site to ${shown}`,
    otherwise: "choose another --out folder",
    writing: given,
    cwd,
    ...(given === out ? {} : { link: { real: out, given } }),
    beside: { folder: path.dirname(out), note: `the new site is made beside ${shown}, then the two are swapped` },
  };
}

/**
 * Refuses an output folder that is the project root, the home folder or `/`,
 * that is or holds the journal, or that lies inside the journal (§5); also one
 * that holds the project folder or the home folder, since the site replaces the
 * whole output folder.
 */
export function checkOutputFolder(safety: OutputSafety): void {
  const shown = path.resolve(safety.outDir);
  const out = realPath(safety.outDir);
  const journal = realPath(safety.journalDir);
  const root = realPath(safety.root);
  const home = realPath(safety.home ?? os.homedir());
  const refuse = (why: string): never => {
    throw new UsageError(`refusing to write the site to ${shown}: ${why}`, "choose a folder of its own, e.g. --out site");
  };
  if (out === path.parse(out).root) refuse("it is the file system root");
  if (out === home) refuse("it is your home folder");
  if (inside(home, out)) refuse("it holds your home folder");
  if (out === root) refuse("it is the project folder");
  if (inside(root, out)) refuse("it holds the project folder");
  if (out === journal) refuse("it is the journal");
  if (inside(journal, out)) refuse("it holds the journal");
  if (inside(out, journal)) refuse("it is inside the journal");
}

/**
 * Puts back the site an interrupted build set aside, and removes what killed
 * builds left beside the output folder (see tidySiteFolders); for a command to
 * call before it builds, so that even a build that fails before writing
 * leaves the previous site in place.
 */
export function tidyOutputFolder(outDir: string): Promise<Tidied> {
  return tidySiteFolders(realPath(outDir));
}

/** What an output folder holds: files (and symlinks), and folders with nothing in them. */
interface Listing {
  /** Relative paths with `/` separators, sorted. */
  readonly files: string[];
  readonly symlinks: Set<string>;
  readonly emptyFolders: string[];
}

/** Everything under `dir` (empty when `dir` is missing). */
async function listOutput(dir: string): Promise<Listing> {
  const listing: Listing = { files: [], symlinks: new Set(), emptyFolders: [] };
  async function walk(current: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && rel === "") return;
      throw error;
    }
    if (entries.length === 0 && rel !== "") listing.emptyFolders.push(rel);
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(current, entry.name), relPath);
      else {
        listing.files.push(relPath);
        if (entry.isSymbolicLink()) listing.symlinks.add(relPath);
      }
    }
  }
  await walk(dir, "");
  listing.files.sort();
  return listing;
}

/** Folders that hold a path: `a/b/c` is in `a` and `a/b`. */
function foldersOf(file: string): string[] {
  const parts = file.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/**
 * The first of the user's files the site would replace, or that stands where
 * the site needs a folder (or the other way round); or an empty folder of the
 * user's where the site writes a file.
 */
function findClash(userFiles: readonly string[], emptyFolders: readonly string[], generated: ReadonlySet<string>): string | undefined {
  const generatedFolders = new Set([...generated].flatMap(foldersOf));
  const underFile = (p: string): boolean => foldersOf(p).some((folder) => generated.has(folder));
  return userFiles.find((f) => generated.has(f) || generatedFolders.has(f) || underFile(f)) ?? emptyFolders.find((f) => generated.has(f) || underFile(f));
}

/** The files an earlier build wrote, from the manifest; empty when there is none or it is unreadable. */
export async function readManifest(outDir: string): Promise<Set<string>> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, MANIFEST), "utf8")) as unknown;
    const files = (data as { files?: unknown }).files;
    return new Set(Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : []);
  } catch {
    return new Set();
  }
}

/** The manifest's text for a set of written files. */
export function manifestText(paths: Iterable<string>): string {
  return `${JSON.stringify({ generator: "smallwins", files: [...paths].sort() }, null, 2)}\n`;
}


/**
 * Links the current site's file into the new folder when the caller knows its
 * contents are still right (its stamp is unchanged, and an earlier build wrote
 * it). False when the file must be made and written instead.
 */
function carryOver(file: SiteFile | OutputFile | CopiedFile, reusable: ReadonlySet<string>, out: string, target: string, stamps: Map<string, FileStamp> | undefined): boolean {
  const expected = "unchangedIf" in file ? file.unchangedIf : undefined;
  if (!expected || !reusable.has(file.path)) return false;
  const source = path.join(out, ...file.path.split("/"));
  const stats = lstatSync(source, { throwIfNoEntry: false });
  if (!stats?.isFile() || !sameStamp(stampOf(stats), expected)) return false;
  try {
    // A hard link: the same bytes without a copy. Nothing ever writes into a site file in
    // place (builds write new files and rename them), so the old and new site never share a change.
    linkSync(source, target);
  } catch {
    return false;
  }
  stamps?.set(file.path, stampOf(stats));
  return true;
}

/** Keeps a user's file in the new site folder: a symlink as a symlink, a file as a hard link, or a copy where links fail. */
async function keep(from: string, to: string, isSymlink: boolean): Promise<void> {
  await makeFolders(path.dirname(to));
  if (isSymlink) {
    await symlink(await readlink(from), to);
    return;
  }
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Refuses a set of generated files that could write outside the output folder
 * or write two files to one place: every path must be plain relative segments
 * (no `..`, `.`, empty, absolute, drive or backslash parts), and no two paths
 * may be equal once case and Unicode normalization are ignored, as they are on
 * macOS and Windows. Routes only make such paths from validated slugs; this is
 * the last check before the disk.
 */
export function checkSitePaths(files: readonly { readonly path: string; readonly contents?: unknown }[]): void {
  const seen = new Map<string, string>();
  for (const { path: file } of files) {
    const segments = file.split("/");
    // eslint-disable-next-line no-control-regex
    const unsafe = segments.some((s) => s === "" || s === "." || s === ".." || /[\\:\u0000-\u001f]/.test(s)) || file === MANIFEST;
    if (unsafe) throw new FileError(`refusing to write ${JSON.stringify(file)}: a site file must have a plain path inside the output folder`, file);
    const key = file.normalize("NFC").toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new FileError(`refusing to write the site: ${other} and ${file} would be the same file`, file);
    seen.set(key, file);
  }
}

/**
 * Writes the site atomically: every file goes into a new folder beside the
 * output folder, the user's own files (those no earlier build wrote, per the
 * manifest) are carried over, and then the new folder replaces the old one by
 * two renames, back to back. A failure before the swap leaves the old site
 * exactly as it was; a kill between the two renames leaves the old site set
 * aside, and the next write puts it back first (see tidySiteFolders). What
 * killed writes left beside the output folder is removed. A generated file
 * that would replace a file the user put there is refused. File-system errors
 * are explained with the folder the user named (see explainFileError).
 */
export async function writeSiteAtomically(outDir: string, files: readonly (SiteFile | OutputFile | CopiedFile)[], options: WriteOptions = {}): Promise<void> {
  checkSitePaths(files);
  // An output folder reached through a symlink is written where it really is; the symlink stays.
  const out = realPath(outDir);
  const cwd = options.cwd ?? process.cwd();
  const context = siteErrorContext(outDir, out, cwd);
  const parent = path.dirname(out);
  await tidySiteFolders(out);
  const before = await lstat(out).catch(() => undefined);
  if (before && !before.isDirectory()) {
    throw new FileError(`${displayPath(path.resolve(outDir), cwd)} is not a folder, so the site cannot be written there`, out, { hint: "choose another --out folder, or move that file away" });
  }
  const existing = await listOutput(out).catch((error: unknown) => {
    throw explainFileError(error, siteErrorContext(outDir, out, cwd, `could not read the output folder ${displayPath(path.resolve(outDir), cwd)}`));
  });
  const written = await readManifest(out);
  // A temporary file of a single-file write (a watch's) is no file of the user's: it goes with the old site.
  const userFiles = existing.files.filter((f) => f !== MANIFEST && !written.has(f) && !isTemporaryFileName(path.posix.basename(f)));
  const generated = new Set(files.map((f) => f.path));
  const clash = findClash(userFiles, existing.emptyFolders, generated);
  if (clash) {
    throw new FileError(
      `${path.join(out, clash)} was not written by smallwins, and the site would replace it; move it away or choose another --out folder`,
      path.join(out, clash),
    );
  }

  await makeFolders(parent).catch((error: unknown) => {
    throw explainFileError(error, context);
  });
  const { next: tmp, previous: old, removed } = siteFolders(out);
  const stamps = options.stamps;
  // Started first, so that its thread loads while the folders are made.
  const writer = new SiteWriter(files.length, stamps ? (file, stats) => stamps.set(file, stampOf(stats)) : undefined);
  try {
    await mkdir(tmp);
    options.writing?.();
    // Folders first, once each, parents before children; then the files, many at a time (thousands of small writes).
    const folders = new Set(files.map((f) => path.dirname(path.join(tmp, ...f.path.split("/")))));
    folders.delete(tmp);
    for (const folder of [...folders].sort()) await makeFolders(folder);
    const reusable = new Set(written);
    const garbage = new GarbageWatch();
    // A pause every few hundred files lets progress be drawn. The files are written
    // with synchronous calls (for thousands of small files several times faster
    // than promises), on a thread of its own when there are many.
    for (let done = 0; done < files.length; done++) {
      const file = files[done]!;
      const target = path.join(tmp, ...file.path.split("/"));
      if ("copyFrom" in file) {
        // A journal file (a photo, a PDF) is copied, never read into memory; a copy-on-write clone where
        // the disk can; or, when the current site holds this very copy, linked from there as a page is.
        if (!carryOver(file, reusable, out, target, options.stamps)) {
          await copyFile(file.copyFrom, target, constants.COPYFILE_FICLONE);
          if (options.stamps) options.stamps.set(file.path, stampOf(await lstat(target)));
        }
      } else if (!carryOver(file, reusable, out, target, options.stamps)) {
        await writer.write(file.path, target, typeof file.contents === "function" ? file.contents() : file.contents);
      }
      options.onProgress?.(done + 1, files.length);
      if (done % 256 === 255) {
        garbage.check();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await writer.finish();
    await writeFile(path.join(tmp, MANIFEST), manifestText(generated));
    for (const f of userFiles) await keep(path.join(out, ...f.split("/")), path.join(tmp, ...f.split("/")), existing.symlinks.has(f));
    // smallwins never leaves an empty folder, so an empty one is the user's.
    for (const folder of existing.emptyFolders) await makeFolders(path.join(tmp, ...folder.split("/")));
    // The new folder takes the old one's permissions (a site kept private stays private); last, so a read-only folder was still writable while filled.
    if (before) await chmod(tmp, before.mode & 0o7777);
    // Two renames with nothing between them (no await): a kill that lands between them leaves
    // the old site set aside, and the next run puts it back (see tidySiteFolders).
    if (before) renameSync(out, old);
    try {
      renameSync(tmp, out);
    } catch (error) {
      if (before) renameSync(old, out);
      throw error;
    }
  } catch (error) {
    // The writer thread stops before the folder it writes into is removed.
    await writer.close();
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    // A template that fails while its page is made is the template's error, not the disk's.
    if (error instanceof FileError || error instanceof TemplateError) throw error;
    throw explainFileError(error, context);
  } finally {
    await writer.close();
  }
  if (!before) return;
  // Renamed before it is removed: a removal cut short must not leave half a site under the name
  // of one to put back. The site is written: an old one that cannot be removed now is removed next time.
  await rename(old, removed)
    .then(() => rm(removed, { recursive: true, force: true }))
    .catch(() => undefined);
}
