/**
 * What the links between days remember between builds (a watch keeps one
 * LinksMemo), keyed by what, and what invalidates it:
 *
 * | remembered                      | key                 | reused while                                              |
 * |---------------------------------|---------------------|-----------------------------------------------------------|
 * | the index (pages by path, name) | (last build)        | the same entry files by path and date, weeks with pages,  |
 * |                                 |                     | and list of the journal's other files                     |
 * | a file's links and warnings     | its place in the    | the index is reused and the file is the same object       |
 * |                                 | list of files       |                                                           |
 * | a page's "Mentioned on"         | the page's path     | no file that links to it, or linked to it, changed        |
 *
 * So an edit that keeps every entry's name resolves only its own file's
 * references again and makes only the mention lists it touches; every other
 * list is the same object as before, and so is the whole Links when nothing
 * it holds changed. A file added, removed or renamed, or a week that gains
 * or loses its page, makes everything again (the recompute-all fallback).
 * A memo only saves work: the links made with one equal the links made without.
 */
import { buildLinks, linkIndex, linksOfFile, mentionList, type FileLinks } from "../aggregate/links.js";
import type { IsoWeek } from "../model/calendar.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { DayFile, WeekFile } from "../model/entry.js";
import type { FileList, LinkTarget, Links, Mention } from "../model/site.js";

/** The links of the last build, with what they were made from. */
export interface LinksMemo {
  last?: {
    readonly files: readonly (DayFile | WeekFile)[];
    readonly weekPages: readonly IsoWeek[];
    /** The set `weekPages` was made from: the same set object is the same weeks. */
    readonly weekSet: ReadonlySet<IsoWeek>;
    readonly otherFiles: FileList | undefined;
    readonly links: Links;
    /** Each file's links, at the file's place in `files`. */
    readonly each: readonly FileLinks[];
    /** By page path, the files that link to it: which page each is on and whether it is private. */
    readonly into: Map<string, Map<DayFile | WeekFile, { readonly target: LinkTarget; readonly private: boolean }>>;
    readonly diagnostics: readonly Diagnostic[];
  };
}

/** An empty links memo. */
export function createLinksMemo(): LinksMemo {
  return {};
}

/** The same entry files by path, date and week, at the same places: what the index is made of. */
function sameNames(a: readonly (DayFile | WeekFile)[], b: readonly (DayFile | WeekFile)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.relPath !== y.relPath || x.kind !== y.kind || (x.kind === "day" ? x.date !== (y as DayFile).date : x.week !== (y as WeekFile).week)) return false;
  }
  return true;
}

/**
 * The links of a journal (as buildLinks makes them), with a memo: only the
 * files that changed since the last build are resolved again, and only the
 * mention lists they touch are made again.
 */
export function memoLinks(
  memo: LinksMemo | undefined,
  days: readonly DayFile[],
  reflections: readonly WeekFile[],
  weekPages: ReadonlySet<IsoWeek>,
  otherFiles: FileList | undefined,
): { links: Links; diagnostics: readonly Diagnostic[] } {
  if (!memo) return buildLinks(days, reflections, weekPages, otherFiles);
  const files = [...days, ...reflections];
  const last = memo.last;
  // The weeks with pages are compared as a set: sorting thousands of weeks per edit cost more than the rest of this.
  const sameWeeks = last !== undefined && (last.weekSet === weekPages || (last.weekPages.length === weekPages.size && last.weekPages.every((w) => weekPages.has(w))));
  const weeks = sameWeeks ? last.weekPages : [...weekPages];
  if (!last || last.otherFiles !== otherFiles || !sameWeeks || !sameNames(last.files, files)) {
    // Another set of names to resolve against: everything again.
    const links = linkIndex(days, reflections, weekPages, otherFiles);
    const each = files.map((f) => linksOfFile(links, f));
    const into: NonNullable<LinksMemo["last"]>["into"] = new Map();
    each.forEach((found, i) => addInto(into, files[i]!, found));
    const mentions = new Map<string, readonly Mention[]>();
    for (const [path, from] of into) mentions.set(path, mentionList(from.values()));
    const made = { ...links, mentions };
    memo.last = { files, weekPages: weeks, weekSet: weekPages, otherFiles, links: made, each, into, diagnostics: each.flatMap((f) => f.diagnostics) };
    return { links: made, diagnostics: memo.last.diagnostics };
  }
  const each = [...last.each];
  const touched = new Set<string>();
  let diagnosticsChanged = false;
  for (let i = 0; i < files.length; i++) {
    const before = last.files[i]!;
    const file = files[i]!;
    if (before === file) continue;
    const was = last.each[i]!;
    const found = linksOfFile(last.links, file);
    each[i] = found;
    if (was.diagnostics.length > 0 || found.diagnostics.length > 0) diagnosticsChanged = true;
    for (const path of was.to) {
      last.into.get(path)?.delete(before);
      touched.add(path);
    }
    addInto(last.into, file, found);
    for (const path of found.to) touched.add(path);
  }
  let links = last.links;
  let mentions: Map<string, readonly Mention[]> | undefined;
  for (const path of touched) {
    const from = last.into.get(path);
    const list = from && from.size > 0 ? mentionList(from.values()) : undefined;
    const known = links.mentions.get(path);
    // The same mentions keep their list object (and the links their object): the pages that show it can be told unchanged by identity.
    if (list && known && sameMentions(known, list)) continue;
    if (!list && !known) continue;
    mentions ??= new Map(links.mentions);
    if (list) mentions.set(path, list);
    else mentions.delete(path);
    if (!list) last.into.delete(path);
  }
  if (mentions) links = { ...links, mentions };
  const diagnostics = diagnosticsChanged ? each.flatMap((f) => f.diagnostics) : last.diagnostics;
  memo.last = { ...last, files, weekSet: weekPages, links, each, diagnostics };
  return { links, diagnostics };
}

function addInto(into: NonNullable<LinksMemo["last"]>["into"], file: DayFile | WeekFile, found: FileLinks): void {
  for (const path of found.to) {
    let from = into.get(path);
    if (!from) into.set(path, (from = new Map()));
    from.set(file, { target: found.from!, private: file.private });
  }
}

function sameMentions(a: readonly Mention[], b: readonly Mention[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.label === b[i]!.label && m.private === b[i]!.private);
}
