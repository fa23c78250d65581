/**
 * Files beside entries (§6), the pure part: which journal file a body's
 * image, link or embed names, why one is refused, the name it is published
 * under, and which files published text references. The shell lists the
 * journal's files (src/io/journal.ts, listJournalFiles) and copies them; this
 * module never touches the disk.
 *
 * Not yet wired into the build: see docs/journal.md, "Files beside entries".
 */
import { createHash } from "node:crypto";
import type { Reference } from "../model/entry.js";
import { closest } from "../model/suggest.js";
import { journalPath } from "./links.js";

/** A body's reference to a file: the file's path from the journal folder, or why it leads nowhere. */
export type FileOutcome = { readonly relPath: string } | { readonly problem: string; readonly hint: string };

/** The journal's files that are not entries, by path and by name, as the shell listed them. */
export interface FileList {
  /** Paths from the journal folder, with `/` separators, as listed. */
  readonly paths: ReadonlySet<string>;
  /** By lower-case file name, the paths with that name, in sorted order. */
  readonly byName: ReadonlyMap<string, readonly string[]>;
}

const nameOf = (relPath: string): string => relPath.slice(relPath.lastIndexOf("/") + 1);
const folderOf = (relPath: string): string => relPath.slice(0, relPath.lastIndexOf("/") + 1);

/** The list of the journal's other files, from the shell's listing (paths from the journal folder). */
export function fileList(relPaths: readonly string[]): FileList {
  const sorted = [...relPaths].sort();
  const byName = new Map<string, string[]>();
  for (const p of sorted) {
    const name = nameOf(p).toLowerCase();
    const list = byName.get(name);
    if (list) list.push(p);
    else byName.set(name, [p]);
  }
  return { paths: new Set(sorted), byName };
}

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
      problem: `\`${ref.target}\` is outside the journal folder: it is not published`,
      hint: "copy the file into the journal folder and write its path from the entry's folder, e.g. `photos/run.jpg`",
    };
  }
  if (files.paths.has(relPath)) return { relPath };
  if (ref.kind === "embed" && !ref.target.includes("/")) {
    const candidates = files.byName.get(ref.target.toLowerCase()) ?? [];
    // The one in the entry's folder or below it first, then the first in sorted order.
    const near = candidates.find((p) => p.startsWith(folder)) ?? candidates[0];
    if (near) return { relPath: near };
  }
  return missing(files, ref.target);
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

/** A body as far as its files go: its references, the file it is in, and whether its text is published. */
export interface FileReferrer {
  readonly references: readonly Reference[];
  readonly relPath: string;
  readonly published: boolean;
}

/**
 * The files to publish: those that a published body references, each once,
 * in sorted order. A file that only hidden text references is not published.
 */
export function publishedFiles(files: FileList, bodies: Iterable<FileReferrer>): string[] {
  const out = new Set<string>();
  for (const body of bodies) {
    if (!body.published) continue;
    for (const ref of body.references) {
      // Wikilinks and links to entries lead to pages, not files.
      if (ref.kind === "wikilink" || (ref.kind === "link" && /\.md$/i.test(ref.target.replace(/[?#].*$/s, "")))) continue;
      const outcome = resolveFile(files, ref, body.relPath);
      if ("relPath" in outcome) out.add(outcome.relPath);
    }
  }
  return [...out].sort();
}
