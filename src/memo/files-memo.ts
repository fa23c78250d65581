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
  };
}

/** An empty files memo. */
export function createFilesMemo(): FilesMemo {
  return {};
}

/** Each item's files: last time's where the item at that place is the same object, else made. */
function byPlace<T>(items: readonly T[], lastItems: readonly T[] | undefined, lastFiles: readonly (readonly FileToPublish[])[] | undefined, make: (item: T) => readonly FileToPublish[]): (readonly FileToPublish[])[] {
  return items.map((item, i) => (lastItems?.[i] === item ? lastFiles![i]! : make(item)));
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
  if (memo) memo.last = { files, mode, days, dayFiles, reflections, reflectionFiles };
  return firstOfEach([...dayFiles, ...reflectionFiles]);
}
