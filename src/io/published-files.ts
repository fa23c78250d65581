/**
 * The shell's part of files beside entries (§6): the journal's other files
 * listed for the pure core, and each file the site publishes looked at once
 * (a picture's size in pixels, from its header) before it is copied.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import pLimit from "p-limit";
import { fileList } from "../aggregate/files.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { FileList, PublishedFile } from "../model/site.js";
import type { FileToPublish } from "../aggregate/files.js";
import { publishedFile, resizedPicture, resizedWidths } from "../render/files.js";
import type { ImagesConfig } from "../config/schema.js";
import { resizedExtension, resizePicture, type ResizedCopy } from "./images.js";
import { listJournalFiles } from "./journal.js";
import type { FileStamp } from "./write-site.js";

/** The journal's other files: the list the core resolves against, and each one's absolute path by its path in the journal. */
export interface JournalOtherFiles {
  readonly list: FileList;
  readonly absolute: ReadonlyMap<string, string>;
}

/** Lists the journal's files that are not entries (symlinks out of the journal are listed as such, never offered). */
export function readOtherFiles(journalDir: string): JournalOtherFiles {
  const { files, outside } = listJournalFiles(journalDir);
  return { list: fileList(files.map((f) => f.relPath), outside), absolute: new Map(files.map((f) => [f.relPath, f.absolute])) };
}

/** A journal file to copy into the site as it is. */
export interface CopiedFile {
  /** Its path in the site. */
  readonly path: string;
  /** The journal file, absolute. */
  readonly copyFrom: string;
  /** The journal file's size, modification time and inode: when they are the same, the copy in the site is current. */
  readonly stamp: string;
  /** As a page's (see SiteFile): the current site's file at this path is this copy while it has that stamp. */
  readonly unchangedIf?: FileStamp;
}

/** What a file was seen as, and when (its stamp): a watch looks at a file again only when it changed. */
export type SeenFiles = Map<string, SeenFile>;

/** A journal file as last looked at: its stamp, a picture's size, why it could not be read, and its resized copies (by `maxWidth`). */
export interface SeenFile {
  readonly stamp: string;
  readonly size: { width: number; height: number } | undefined;
  readonly problem?: string;
  resized?: { readonly maxWidth: number; readonly copies: readonly ResizedCopy[] } | { readonly maxWidth: number; readonly problem: string };
}

/** How pictures are published, and where the project's cache folder is (`root/.smallwins-cache/images/` holds resized copies). */
export interface PictureOptions {
  readonly images: ImagesConfig;
  readonly root: string;
}

/** The published files as the pages show them, the copies to make, and the warnings about files that could not be read. */
export interface LookedAt {
  readonly published: ReadonlyMap<string, PublishedFile>;
  readonly copies: readonly CopiedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Looks at each file to publish: its stamp, and for a picture its width and
 * height from the first bytes of the file (never the whole of it). A picture
 * whose size cannot be read is published as it is, without a size, with a
 * warning at its first reference; a file gone since the listing is a warning
 * and is not published. `seen` keeps what was found, by stamp, for the next
 * build of a watch (and, saved by seen-files.ts, of a later build). A file
 * `trusted` says no change touched since it was seen is taken as seen, with
 * no stat.
 */
export async function lookAtFiles(
  toPublish: readonly FileToPublish[],
  files: JournalOtherFiles,
  pictures: PictureOptions,
  seen: SeenFiles = new Map(),
  trusted?: (absolute: string) => boolean,
): Promise<LookedAt> {
  // Looked at several at a time (a stat and a header read each, or a resize on
  // another core), then put together in the list's order: the same site and
  // warnings whatever finished first. A file a watch's edit did not touch is
  // taken as last seen at once, with no promise: an edit's look at a
  // thousand trusted pictures took several milliseconds through the queue.
  const limit = pLimit(LOOK_AT_ONCE);
  const each: (LookedAtFile | Promise<LookedAtFile>)[] = toPublish.map((want) => {
    const absolute = files.absolute.get(want.relPath);
    if (absolute === undefined) return NOTHING;
    const before = seen.get(absolute);
    const known = before !== undefined && trusted?.(absolute) === true ? before : undefined;
    const resized = known && settledResize(want.relPath, known, pictures);
    return known && resized !== false ? shown(want, absolute, known, resized, pictures) : limit(() => lookAtFile(want, absolute, pictures, seen));
  });
  const settled = each.some((looked) => looked instanceof Promise) ? await Promise.all(each) : (each as LookedAtFile[]);
  const published = new Map<string, PublishedFile>();
  const copies: CopiedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [i, looked] of settled.entries()) {
    if (looked.file) published.set(toPublish[i]!.relPath, looked.file);
    copies.push(...looked.copies);
    diagnostics.push(...looked.diagnostics);
  }
  return { published, copies, diagnostics };
}

/** How many files are looked at together: enough to keep the disk and every core busy; resizing itself is limited to one picture per core (images.ts). */
const LOOK_AT_ONCE = 16;

/** One file to publish looked at: how the pages show it (none when it is gone), its copies, its warnings. */
interface LookedAtFile {
  readonly file?: PublishedFile;
  readonly copies: readonly CopiedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

const NOTHING: LookedAtFile = { copies: [], diagnostics: [] };

/** Looks at one file to publish (see lookAtFiles): its stamp and size again unless unchanged, and its resized copies. */
async function lookAtFile(want: FileToPublish, absolute: string, pictures: PictureOptions, seen: SeenFiles): Promise<LookedAtFile> {
  const before = seen.get(absolute);
  const known = await lookAgain(absolute, want.relPath, before);
  if (known === undefined) {
    return { copies: [], diagnostics: [diagnostic("warning", want.file, want.at, `\`${want.relPath}\` could not be read: it is not published`, "check that the file is still in the journal folder and readable")] };
  }
  if (known !== before) seen.set(absolute, known);
  return shown(want, absolute, known, await resizedCopies(want.relPath, absolute, known, pictures), pictures);
}

/**
 * The resized copies of a picture already known at this width (or undefined
 * when it is published as it is), without looking at the cache; false when
 * they are still to be found or made.
 */
function settledResize(relPath: string, known: SeenFile, pictures: PictureOptions): SeenFile["resized"] | false {
  const ext = resizedExtension(relPath);
  if (known.size === undefined || ext === undefined || resizedWidths(known.size.width, pictures.images.maxWidth).length === 0) return undefined;
  return known.resized?.maxWidth === pictures.images.maxWidth ? known.resized : false;
}

/**
 * How the pages show a file seen as `known` with its resized copies, the
 * copies to make, and its warnings. The file and copies are those of the last
 * call for the same sighting and options (the same objects): a watch's edit
 * then finds the published files unchanged by identity.
 */
function shown(want: FileToPublish, absolute: string, known: SeenFile, resized: SeenFile["resized"], pictures: PictureOptions): LookedAtFile {
  const diagnostics: Diagnostic[] = [];
  if (known.problem !== undefined) diagnostics.push(diagnostic("warning", want.file, want.at, `\`${want.relPath}\`: ${known.problem}; it is published as it is, without a size`, "open the picture and save it again, or export it as JPEG or PNG"));
  if (resized && "problem" in resized) diagnostics.push(diagnostic("warning", want.file, want.at, `\`${want.relPath}\` could not be resized (${resized.problem}); it is published as it is`, "open the picture and save it again, or export it as JPEG or PNG"));
  const originals = pictures.images.originals;
  const last = shownBefore.get(known);
  if (last && last.relPath === want.relPath && last.absolute === absolute && last.originals === originals && last.resized === resized) return diagnostics.length === 0 ? last.looked : { ...last.looked, diagnostics };
  const looked = showing(want.relPath, absolute, known, resized, originals);
  shownBefore.set(known, { relPath: want.relPath, absolute, originals, resized, looked });
  return diagnostics.length === 0 ? looked : { ...looked, diagnostics };
}

/** The last way each sighting of a file was shown (see shown). */
const shownBefore = new WeakMap<SeenFile, { readonly relPath: string; readonly absolute: string; readonly originals: boolean; readonly resized: SeenFile["resized"]; readonly looked: LookedAtFile }>();

/** The published file and its copies, for a file seen as `known` (see shown). */
function showing(relPath: string, absolute: string, known: SeenFile, resized: SeenFile["resized"], originals: boolean): LookedAtFile {
  const stamp = known.stamp;
  if (resized && "copies" in resized) {
    const file = resizedPicture(relPath, resized.copies, originals);
    // The copies come from the cache, named by the original's bytes: their stamp is that name.
    const copies: CopiedFile[] = resized.copies.map((copy, i) => ({ path: file.srcset![i]!.path, copyFrom: copy.file, stamp: path.basename(copy.file) }));
    if (originals) copies.push({ path: file.path, copyFrom: absolute, stamp });
    return { file, copies, diagnostics: [] };
  }
  const file = publishedFile(relPath, known.size);
  return { file, copies: [{ path: file.path, copyFrom: absolute, stamp }], diagnostics: [] };
}

/** A journal file's stamp as CopiedFile and SeenFile keep it: its size, modification time and inode. */
export function stampText(stats: { readonly size: number; readonly mtimeMs: number; readonly ino: number }): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
}

/** What a file is now: `before` when its stamp is unchanged, else looked at anew; undefined when it is gone or no file. */
async function lookAgain(absolute: string, relPath: string, before: SeenFile | undefined): Promise<SeenFile | undefined> {
  const stats = await stat(absolute).catch(() => undefined);
  if (!stats?.isFile()) return undefined;
  const stamp = stampText(stats);
  return before?.stamp === stamp ? before : { stamp, ...(await pictureSize(absolute, relPath)) };
}

/** The resized copies of a picture wider than `maxWidth` (made or from the cache), why they could not be made, or undefined when it is published as it is. */
async function resizedCopies(relPath: string, absolute: string, known: SeenFile, pictures: PictureOptions): Promise<SeenFile["resized"]> {
  const before = settledResize(relPath, known, pictures);
  // Seen at this width before, and its copies still in the cache: nothing to read or encode.
  if (before === undefined || (before && ("problem" in before || (await allExist(before.copies.map((c) => c.file)))))) return before;
  const maxWidth = pictures.images.maxWidth;
  try {
    // settledResize said it is to be resized: it has a size and a resizable extension.
    known.resized = { maxWidth, copies: await resizePicture(pictures.root, absolute, resizedExtension(relPath)!, resizedWidths(known.size!.width, maxWidth)) };
  } catch (error) {
    known.resized = { maxWidth, problem: (error as Error).message.split("\n")[0] ?? String(error) };
  }
  return known.resized;
}

const allExist = async (files: readonly string[]): Promise<boolean> => (await Promise.all(files.map((f) => stat(f).then((s) => s.isFile()).catch(() => false)))).every(Boolean);

/** A picture's width and height as a browser shows it (turned as its EXIF orientation says), or why not; nothing for a file that is no picture. */
async function pictureSize(absolute: string, relPath: string): Promise<{ size: { width: number; height: number } | undefined; problem?: string }> {
  if (!publishedFile(relPath).image) return { size: undefined };
  try {
    // Loaded on first use: a journal without pictures never pays for it.
    const { imageSizeFromFile } = await import("image-size/fromFile");
    const found = await imageSizeFromFile(absolute);
    const turned = found.orientation !== undefined && found.orientation >= 5;
    return { size: { width: turned ? found.height : found.width, height: turned ? found.width : found.height } };
  } catch (error) {
    return { size: undefined, problem: `its size could not be read (${(error as Error).message})` };
  }
}
