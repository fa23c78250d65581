/**
 * What the list of files to publish remembers between builds (a watch keeps
 * one FilesMemo): the files each day's and each reflection's bodies
 * reference, by the place of the day summary (or reflection) in the model's
 * list, reused while it is the same object and the journal's other files and
 * the `publish` mode are the same. An edit looks again only at its own day's
 * bodies instead of every reference of the journal. A memo only saves work:
 * the list made with one equals the list made without.
 */
import { bodyFiles, firstOfEach, type FileToPublish } from "../aggregate/files.js";
import type { PublishMode } from "../config/schema.js";
import type { WeekFile } from "../model/entry.js";
import type { DaySummary, FileList } from "../model/site.js";

/** The files each day's and reflection's bodies referenced last time, by place. */
export interface FilesMemo {
  last?: {
    readonly files: FileList;
    readonly mode: PublishMode;
    readonly days: readonly DaySummary[];
    readonly dayFiles: readonly (readonly FileToPublish[])[];
    readonly reflections: readonly WeekFile[];
    readonly reflectionFiles: readonly (readonly FileToPublish[])[];
    /** The list these made (firstOfEach): the same object while every item's files are. */
    readonly list: FileToPublish[];
  };
}

/** An empty files memo. */
export function createFilesMemo(): FilesMemo {
  return {};
}

const sameFile = (a: FileToPublish, b: FileToPublish): boolean => a.relPath === b.relPath && a.file === b.file && a.at.line === b.at.line && a.at.column === b.at.column;

/**
 * Each item's files: last time's where the item at that place is the same
 * object, else made (and last time's list still, when the files made are the
 * same); `same` is false when any list is another.
 */
function byPlace<T>(
  items: readonly T[],
  lastItems: readonly T[] | undefined,
  lastFiles: readonly (readonly FileToPublish[])[] | undefined,
  make: (item: T) => readonly FileToPublish[],
): { readonly lists: (readonly FileToPublish[])[]; readonly same: boolean } {
  let same = lastItems !== undefined && lastItems.length === items.length;
  const lists = items.map((item, i) => {
    const before = lastFiles?.[i];
    if (lastItems?.[i] === item) return before!;
    const made = make(item);
    if (before && made.length === before.length && made.every((f, j) => sameFile(f, before[j]!))) return before;
    same = false;
    return made;
  });
  return { lists, same };
}

/**
 * The files to publish (see filesToPublish) from the days' bodies and the
 * reflections, `published` telling which texts a page shows; with a memo,
 * only the bodies of days and reflections that changed are looked at.
 */
export function memoFilesToPublish(
  memo: FilesMemo | undefined,
  files: FileList,
  mode: PublishMode,
  days: readonly DaySummary[],
  reflections: readonly WeekFile[],
  published: (isPrivate: boolean) => boolean,
): FileToPublish[] {
  const last = memo?.last?.files === files && memo.last.mode === mode ? memo.last : undefined;
  const referrer = (b: { readonly references: DaySummary["bodies"][number]["references"]; readonly file: string; readonly relPath: string; readonly private: boolean }) => ({
    references: b.references,
    file: b.file,
    relPath: b.relPath,
    published: published(b.private),
  });
  const dayFiles = byPlace(days, last?.days, last?.dayFiles, (d) => (d.bodies.length === 0 ? [] : d.bodies.flatMap((b) => bodyFiles(files, referrer(b)))));
  const reflectionFiles = byPlace(reflections, last?.reflections, last?.reflectionFiles, (r) => bodyFiles(files, referrer(r)));
  // An edit that changes no reference gives last time's list, the same object: the shell then looks at no file again.
  const list = last && dayFiles.same && reflectionFiles.same ? last.list : firstOfEach([...dayFiles.lists, ...reflectionFiles.lists]);
  if (memo) memo.last = { files, mode, days, dayFiles: dayFiles.lists, reflections, reflectionFiles: reflectionFiles.lists, list };
  return list;
}
