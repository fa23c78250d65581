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

/** The pages that link to the page at `path`, days first in date order, then weeks. */
export function mentionsOf(links: Links, path: string): readonly Mention[] {
  return links.mentions.get(path) ?? [];
}

/**
 * The links of a journal: `days` are the day files, `reflections` the weekly
 * reflections that count (one per week), `weekPages` the weeks with pages,
 * `otherFiles` the journal's files that are not entries.
 * Gives the warnings of the references that lead nowhere.
 */
export function buildLinks(days: readonly DayFile[], reflections: readonly WeekFile[], weekPages: ReadonlySet<IsoWeek>, otherFiles: FileList = NO_FILES): { links: Links; diagnostics: Diagnostic[] } {
  const byPath = new Map<string, LinkTarget>();
  const byName = new Map<string, LinkTarget>();
  const add = (relPath: string, target: LinkTarget): void => {
    byPath.set(relPath.toLowerCase(), target);
    const name = nameOf(relPath).toLowerCase();
    // Days come in date order: of two entries with one name, the earlier wins.
    if (!byName.has(name)) byName.set(name, target);
  };
  const pageOf = (file: DayFile | WeekFile): LinkTarget | undefined =>
    file.kind === "day" ? { path: dayPath(file.date), label: file.date } : weekPages.has(file.week) ? { path: weekPath(file.week), label: file.week } : undefined;
  const files = [...days, ...reflections];
  for (const f of files) {
    const target = pageOf(f);
    if (target) add(f.relPath, target);
  }
  const names = [...new Set([...files.map((f) => nameOf(f.relPath)), ...weekPages])].sort();
  const mentions = new Map<string, Mention[]>();
  const links: Links = { dates: new Set(days.map((d) => d.date)), weekPages, byPath, byName, names, mentions, files: otherFiles, published: new Map() };

  const diagnostics: Diagnostic[] = [];
  const found = new Map<string, Map<string, Mention>>();
  for (const file of files) {
    const from = pageOf(file);
    if (!from) continue;
    for (const ref of file.references) {
      const o = outcome(links, ref, file.relPath);
      if ("problem" in o) diagnostics.push(diagnostic("warning", file.file, ref.at, `${o.problem}; it shows as text`, o.hint));
      if (o.to.kind !== "page" || o.to.path === from.path) continue;
      let into = found.get(o.to.path);
      if (!into) found.set(o.to.path, (into = new Map()));
      const known = into.get(from.path);
      // A page that links from several files is hidden only if every linking text is.
      into.set(from.path, { path: from.path, label: from.label, private: (known?.private ?? true) && file.private });
    }
  }
  for (const [path, from] of found) mentions.set(path, [...from.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  return { links, diagnostics };
}
