/**
 * Files beside entries (§6), the pure part: which journal file a body's
 * image, link or embed names, why one is refused, the name it is published
 * under, and which files published text references. The shell lists the
 * journal's files (src/io/journal.ts, listJournalFiles) and copies them; this
 * module never touches the disk.
 */
import { createHash } from "node:crypto";
import type { Place, Reference } from "../model/entry.js";
import type { FileList } from "../model/site.js";
import { closest } from "../model/suggest.js";
import { journalPath } from "./journal-path.js";

export type { FileList } from "../model/site.js";

/** A body's reference to a file: the file's path from the journal folder, or why it leads nowhere. */
export type FileOutcome = { readonly relPath: string } | { readonly problem: string; readonly hint: string };

/** Extensions of the pictures a page shows with `<img>` (what every browser draws). */
const IMAGE = /\.(jpe?g|png|gif|webp|avif)$/i;
/** Files a browser would run as part of the site (script on its origin): never published as they are. */
const ACTIVE = /\.(html?|xhtml|shtml|svgz?|xml|xsl|m?js|cjs|wasm)$/i;

/** Whether the journal file at `relPath` is shown as a picture. */
export const isImagePath = (relPath: string): boolean => IMAGE.test(relPath);

const nameOf = (relPath: string): string => relPath.slice(relPath.lastIndexOf("/") + 1);
const folderOf = (relPath: string): string => relPath.slice(0, relPath.lastIndexOf("/") + 1);

/** The list of the journal's other files, from the shell's listing (paths from the journal folder), and those that lead outside it. */
export function fileList(relPaths: readonly string[], outside: readonly string[] = []): FileList {
  const sorted = [...relPaths].sort();
  const byName = new Map<string, string[]>();
  for (const p of sorted) {
    const name = nameOf(p).toLowerCase();
    const list = byName.get(name);
    if (list) list.push(p);
    else byName.set(name, [p]);
  }
  return { paths: new Set(sorted), byName, outside: new Set(outside) };
}

/** An empty list: a journal with no other files. */
export const NO_FILES: FileList = fileList([]);

function missing(files: FileList, written: string): FileOutcome {
  const guess = closest(nameOf(written), [...files.byName.values()].map((paths) => nameOf(paths[0]!)));
  return {
    problem: `\`${written}\` names no file in the journal${guess ? ` — did you mean \`${guess}\`?` : ""}`,
    hint: "put the file beside the entry (or in a folder under it) and write its path from the entry's folder",
  };
}

/**
 * The file that `ref` (an image, a link to a file, or an embed), written in
 * the entry at `fromRelPath`, names. A path is read from the entry's own
 * folder; an embed's bare name (`![[run.jpg]]`) also by name anywhere in the
 * journal, the nearest to the entry first, as Obsidian does. A path that
 * leaves the journal folder, an absolute path or a `file:` URL is refused.
 */
export function resolveFile(files: FileList, ref: Reference, fromRelPath: string): FileOutcome {
  const folder = folderOf(fromRelPath);
  const relPath = journalPath(folder, ref.target, ref.kind === "embed");
  if (relPath === undefined) {
    return {
      problem: `\`${ref.target}\` leaves the journal folder: it is not published`,
      hint: "copy the file into the journal folder and write its path from the entry's folder, e.g. `photos/run.jpg`",
    };
  }
  // A name with `#` or `?` in it, written without escapes (as Obsidian writes it), is tried whole too.
  const whole = ref.kind === "embed" ? relPath : journalPath(folder, ref.target.replace(/[?#]/g, (c) => encodeURIComponent(c)));
  const found = [relPath, whole].find((p): p is string => p !== undefined && (files.paths.has(p) || files.outside.has(p)));
  let chosen = found;
  if (chosen === undefined && ref.kind === "embed" && !ref.target.includes("/")) {
    const candidates = files.byName.get(ref.target.toLowerCase()) ?? [];
    // The one in the entry's folder or below it first, then the first in sorted order.
    chosen = candidates.find((p) => p.startsWith(folder)) ?? candidates[0];
  }
  if (chosen === undefined) return missing(files, ref.target);
  if (files.outside.has(chosen)) {
    return {
      problem: `\`${ref.target}\` is a link to a file outside the journal folder: it is not published`,
      hint: "copy the file itself into the journal folder instead of linking to it",
    };
  }
  if (ACTIVE.test(chosen)) {
    return {
      problem: `\`${ref.target}\` is a web page, script or SVG: it would run as part of the site, so it is not published`,
      hint: "publish a picture (PNG, JPEG, WebP) or a PDF instead",
    };
  }
  return { relPath: chosen };
}

/** Whether a reference may name a journal file (a picture, an embed or a link that is not to an entry); wikilinks and links to entries lead to pages. */
export function isFileReference(ref: Reference): boolean {
  if (ref.kind === "wikilink") return false;
  if ((ref.kind === "link" || ref.kind === "image") && /\.md$/i.test(ref.target.replace(/[?#].*$/s, ""))) return false;
  // An embed names a file by its extension (`![[run.jpg]]`); `![[2026-11-20]]` or `![[note.md]]` names an entry.
  if (ref.kind === "embed" && (/\.md$/i.test(ref.target) || !/\.[a-z0-9]+$/i.test(ref.target))) return false;
  // A web address is the browser's to follow.
  return !/^(https?|mailto):/i.test(ref.target) && !ref.target.startsWith("#");
}

/** What a file reference leads to, for a warning: the file, or why nowhere. */
export function fileOutcome(files: FileList, ref: Reference, fromRelPath: string): FileOutcome {
  return resolveFile(files, ref, fromRelPath);
}

/** Lower-case ASCII letters, digits and `-` from a file's base name, for a URL that needs no escaping. */
function slugOf(base: string): string {
  const slug = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "file";
}

/**
 * Where a journal file is published: `files/<slug>-<hash>.<ext>`. The hash
 * (10 hex digits of SHA-256 of its path in the journal) keeps two files of
 * one name in different folders apart; the slug and the extension, made of
 * `[a-z0-9-]` only, need no escaping in a URL or on any file system.
 */
export function publishedFileName(relPath: string): string {
  const name = nameOf(relPath);
  const dot = name.lastIndexOf(".");
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10) : "";
  const hash = createHash("sha256").update(relPath).digest("hex").slice(0, 10);
  return `files/${slugOf(base)}-${hash}${ext ? `.${ext}` : ""}`;
}

/** Where a resized copy of a journal picture is published: `files/<slug>-<hash>-<width>.<ext>`, beside the original's name. */
export function resizedFileName(relPath: string, width: number, ext: string): string {
  return `${publishedFileName(relPath).replace(/(\.[a-z0-9]+)?$/, "")}-${width}.${ext}`;
}

/** A body as far as its files go: its references, the file it is in (as the user knows it, and from the journal folder), and whether its text is published. */
export interface FileReferrer {
  readonly references: readonly Reference[];
  readonly file: string;
  readonly relPath: string;
  readonly published: boolean;
}

/** A file to publish, and the first published place that references it (for a warning about the file itself). */
export interface FileToPublish {
  readonly relPath: string;
  readonly file: string;
  readonly at: Place;
}

/** The files one body references that the site may publish, in the order written (none when its text is not published). */
export function bodyFiles(files: FileList, body: FileReferrer): FileToPublish[] {
  if (!body.published) return [];
  const out: FileToPublish[] = [];
  for (const ref of body.references) {
    if (!isFileReference(ref)) continue;
    const outcome = resolveFile(files, ref, body.relPath);
    if ("relPath" in outcome) out.push({ relPath: outcome.relPath, file: body.file, at: ref.at });
  }
  return out;
}

/** Each file once, at the first place that references it (the lists in the order of their bodies), in sorted order. */
export function firstOfEach(lists: Iterable<readonly FileToPublish[]>): FileToPublish[] {
  const first = new Map<string, FileToPublish>();
  for (const list of lists) for (const f of list) if (!first.has(f.relPath)) first.set(f.relPath, f);
  return [...first.values()].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/**
 * The files to publish: those that a published body references, each once,
 * in sorted order, with the first place that references it. A file that only
 * hidden text references is not published.
 */
export function publishedFiles(files: FileList, bodies: Iterable<FileReferrer>): FileToPublish[] {
  const lists: FileToPublish[][] = [];
  for (const body of bodies) lists.push(bodyFiles(files, body));
  return firstOfEach(lists);
}
