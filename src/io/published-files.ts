/**
 * The shell's part of files beside entries (§6): the journal's other files
 * listed for the pure core, and each file the site publishes looked at once
 * (a picture's size in pixels, from its header) before it is copied.
 */
import { stat } from "node:fs/promises";
import { fileList } from "../aggregate/files.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { FileList, PublishedFile } from "../model/site.js";
import { publishedFile, type FileToPublish } from "../render/files.js";
import { listJournalFiles } from "./journal.js";

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
}

/** What a file was seen as, and when (its stamp): a watch looks at a file again only when it changed. */
export type SeenFiles = Map<string, { readonly stamp: string; readonly size: { width: number; height: number } | undefined; readonly problem?: string }>;

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
 * build of a watch.
 */
export async function lookAtFiles(toPublish: readonly FileToPublish[], files: JournalOtherFiles, seen: SeenFiles = new Map()): Promise<LookedAt> {
  const published = new Map<string, PublishedFile>();
  const copies: CopiedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const want of toPublish) {
    const absolute = files.absolute.get(want.relPath);
    if (absolute === undefined) continue;
    const stats = await stat(absolute).catch(() => undefined);
    if (!stats?.isFile()) {
      diagnostics.push(diagnostic("warning", want.file, want.at, `\`${want.relPath}\` could not be read: it is not published`, "check that the file is still in the journal folder and readable"));
      continue;
    }
    const stamp = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    let known = seen.get(absolute);
    if (known?.stamp !== stamp) {
      known = { stamp, ...(await pictureSize(absolute, want.relPath)) };
      seen.set(absolute, known);
    }
    if (known.problem !== undefined) diagnostics.push(diagnostic("warning", want.file, want.at, `\`${want.relPath}\`: ${known.problem}; it is published as it is, without a size`, "open the picture and save it again, or export it as JPEG or PNG"));
    const file = publishedFile(want.relPath, known.size);
    published.set(want.relPath, file);
    copies.push({ path: file.path, copyFrom: absolute, stamp });
  }
  return { published, copies, diagnostics };
}

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
