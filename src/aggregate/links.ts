/**
 * Links between days (§6): where each body's references lead once the whole
 * journal is known, the warnings for those that lead nowhere, and the
 * "Mentioned on" backlinks of every day and week page. Pure: it reads the
 * parsed files and which weeks have pages, never the disk.
 *
 * Resolution, as Obsidian reads a vault: a Markdown link's URL is a path from
 * the entry's own folder (`[x](2026-11-20.md)`, `[x](../11/2026-11-20-run.md)`);
 * a wikilink's target is a date (`[[2026-11-20]]`), a week (`[[2026-W47]]`), a
 * file name anywhere in the journal (`[[2026-11-20-run]]`, case-insensitive),
 * or a path from the journal folder or the entry's folder.
 */
import type { IsoWeek } from "../model/calendar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { DayFile, Reference, WeekFile } from "../model/entry.js";
import type { FileList, LinkTarget, Links, Mention, Resolution } from "../model/site.js";
import { closest } from "../model/suggest.js";
import { fileOutcome, isFileReference, NO_FILES } from "./files.js";
import { journalPath } from "./journal-path.js";

export { journalPath } from "./journal-path.js";

const NOTHING: Resolution = { kind: "none" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^\d{4}-W\d{2}$/;

/** A path's folder part, with its trailing `/` ("" at the journal's top). */
function folderOf(relPath: string): string {
  const slash = relPath.lastIndexOf("/");
  return slash < 0 ? "" : relPath.slice(0, slash + 1);
}

/** The last part of a path, without `.md`. */
function nameOf(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf("/") + 1).replace(/\.md$/i, "");
}

/** What a reference leads to, and, when nowhere, why: for its warning. */
type Outcome = { readonly to: Resolution } | { readonly to: Resolution; readonly problem: string; readonly hint: string };

const dayPath = (date: string): string => `days/${date}.html`;
const weekPath = (week: string): string => `weeks/${week}.html`;
const nowhere = (problem: string, hint: string): Outcome => ({ to: NOTHING, problem, hint });

function didYouMean(links: Links, name: string): string {
  const guess = closest(name, links.names);
  return guess ? ` — did you mean \`${guess}\`?` : "";
}

function resolveWiki(links: Links, target: string, folder: string): Outcome {
  const name = target.replace(/\.md$/i, "");
  if (WEEK.test(name)) {
    return links.weekPages.has(name) ? { to: { kind: "page", path: weekPath(name) } } : nowhere(`\`[[${target}]]\`: week ${name} has no page (no entries and no reflection)`, "link a week that has entries, or write its reflection");
  }
  if (DATE.test(name)) {
    return links.dates.has(name) ? { to: { kind: "page", path: dayPath(name) } } : nowhere(`\`[[${target}]]\`: ${name} has no entry, so it has no page`, "link a day that has an entry, or write that day's entry");
  }
  const known = name.includes("/") ? (links.byPath.get(`${name}.md`.toLowerCase()) ?? links.byPath.get(`${journalPath(folder, name) ?? ""}.md`.toLowerCase())) : links.byName.get(name.toLowerCase());
  if (known) return { to: { kind: "page", path: known.path } };
  return nowhere(`\`[[${target}]]\` names no entry${didYouMean(links, nameOf(name))}`, "write the date, the week (2026-W47) or the name of an entry's file");
}

function resolveUrl(links: Links, target: string, folder: string): Outcome {
  const relPath = journalPath(folder, target);
  if (relPath === undefined) return nowhere(`\`${target}\` leaves the journal folder: it is not published`, "link a file inside the journal folder with a relative path, e.g. `2026-11-20.md` or `photos/run.jpg`");
  if (!/\.md$/i.test(relPath)) return { to: NOTHING };
  const known = links.byPath.get(relPath.toLowerCase());
  if (known) return { to: { kind: "page", path: known.path } };
  return nowhere(`\`${target}\` names no entry${didYouMean(links, nameOf(relPath))}`, "link an entry's file by its path from this file's folder, or write `[[DATE]]`");
}

const isPageName = (target: string): boolean => {
  const name = target.replace(/\.md$/i, "");
  return DATE.test(name) || WEEK.test(name) || /\.md$/i.test(target);
};

/** What `ref`, written in the file at `fromRelPath`, leads to, and why not when it leads nowhere. */
function outcome(links: Links, ref: Reference, fromRelPath: string): Outcome {
  const folder = folderOf(fromRelPath);
  if (isFileReference(ref)) {
    const found = fileOutcome(links.files, ref, fromRelPath);
    if ("problem" in found) return nowhere(found.problem, found.hint);
    // A file the site does not publish (not yet looked at, or unreadable) shows as text.
    const file = links.published.get(found.relPath);
    return { to: file ? { kind: "file", relPath: found.relPath, file } : NOTHING };
  }
  switch (ref.kind) {
    case "wikilink":
      return resolveWiki(links, ref.target, folder);
    case "embed":
      // An embedded day or week is a link to its page; an embedded note without a page shows as text.
      return isPageName(ref.target) ? resolveWiki(links, ref.target, folder) : { to: NOTHING };
    case "link":
      return resolveUrl(links, ref.target, folder);
    case "image":
      // A picture of an entry (`![x](2026-11-20.md)`) is its text; one that leaves the journal is refused.
      return journalPath(folder, ref.target) === undefined ? resolveUrl(links, ref.target, folder) : { to: NOTHING };
  }
}

/** What `ref`, written in the file at `fromRelPath`, leads to. */
export function resolveReference(links: Links, ref: Reference, fromRelPath: string): Resolution {
  return outcome(links, ref, fromRelPath).to;
}

/** No page links here: one shared empty list, so that "the same mentions" can be told by identity. */
const NO_MENTIONS: readonly Mention[] = Object.freeze([]);

/** The pages that link to the page at `path`, days first in date order, then weeks. */
export function mentionsOf(links: Links, path: string): readonly Mention[] {
  return links.mentions.get(path) ?? NO_MENTIONS;
}

/** The page a journal file has (a reflection only when its week has one). */
export function pageOf(file: DayFile | WeekFile, weekPages: ReadonlySet<string>): LinkTarget | undefined {
  return file.kind === "day" ? { path: dayPath(file.date), label: file.date } : weekPages.has(file.week) ? { path: weekPath(file.week), label: file.week } : undefined;
}

/**
 * What references resolve against: every entry's page by path and by name,
 * the dates and weeks with pages, and the journal's other files; no
 * "Mentioned on" yet (see linksOfFile and mentionsFrom).
 */
export function linkIndex(days: readonly DayFile[], reflections: readonly WeekFile[], weekPages: ReadonlySet<IsoWeek>, otherFiles: FileList = NO_FILES): Links {
  const byPath = new Map<string, LinkTarget>();
  const byName = new Map<string, LinkTarget>();
  const files = [...days, ...reflections];
  for (const f of files) {
    const target = pageOf(f, weekPages);
    if (!target) continue;
    byPath.set(f.relPath.toLowerCase(), target);
    const name = nameOf(f.relPath).toLowerCase();
    // Days come in date order: of two entries with one name, the earlier wins.
    if (!byName.has(name)) byName.set(name, target);
  }
  const names = [...new Set([...files.map((f) => nameOf(f.relPath)), ...weekPages])].sort();
  return { dates: new Set(days.map((d) => d.date)), weekPages, byPath, byName, names, mentions: new Map(), files: otherFiles, published: new Map() };
}

/** What one file's references give: the page it is on, the warnings of those that lead nowhere, and the other pages it links to (each once). */
export interface FileLinks {
  readonly from: LinkTarget | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly to: readonly string[];
}

const NO_LINKS: FileLinks = { from: undefined, diagnostics: [], to: [] };

/** Where one file's references lead, against an index (linkIndex). */
export function linksOfFile(links: Links, file: DayFile | WeekFile): FileLinks {
  const from = pageOf(file, links.weekPages);
  if (!from) return NO_LINKS;
  if (file.references.length === 0) return { from, diagnostics: [], to: [] };
  const diagnostics: Diagnostic[] = [];
  const to = new Set<string>();
  for (const ref of file.references) {
    const o = outcome(links, ref, file.relPath);
    if ("problem" in o) diagnostics.push(diagnostic("warning", file.file, ref.at, `${o.problem}; it shows as text`, o.hint));
    if (o.to.kind === "page" && o.to.path !== from.path) to.add(o.to.path);
  }
  return { from, diagnostics, to: [...to] };
}

/** A page's "Mentioned on": one mention per linking page, hidden only if every linking file is private, in path order. */
export function mentionList(from: Iterable<{ readonly target: LinkTarget; readonly private: boolean }>): Mention[] {
  const byPath = new Map<string, Mention>();
  for (const { target, private: hidden } of from) {
    const known = byPath.get(target.path);
    // A page that links from several files is hidden only if every linking text is.
    byPath.set(target.path, { path: target.path, label: target.label, private: (known?.private ?? true) && hidden });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The links of a journal: `days` are the day files, `reflections` the weekly
 * reflections that count (one per week), `weekPages` the weeks with pages,
 * `otherFiles` the journal's files that are not entries.
 * Gives the warnings of the references that lead nowhere.
 */
export function buildLinks(days: readonly DayFile[], reflections: readonly WeekFile[], weekPages: ReadonlySet<IsoWeek>, otherFiles: FileList = NO_FILES): { links: Links; diagnostics: Diagnostic[] } {
  const index = linkIndex(days, reflections, weekPages, otherFiles);
  const diagnostics: Diagnostic[] = [];
  const into = new Map<string, { target: LinkTarget; private: boolean }[]>();
  for (const file of [...days, ...reflections]) {
    const found = linksOfFile(index, file);
    for (const d of found.diagnostics) diagnostics.push(d);
    for (const path of found.to) {
      let list = into.get(path);
      if (!list) into.set(path, (list = []));
      list.push({ target: found.from!, private: file.private });
    }
  }
  const mentions = new Map<string, readonly Mention[]>();
  for (const [path, from] of into) mentions.set(path, mentionList(from));
  return { links: { ...index, mentions }, diagnostics };
}
