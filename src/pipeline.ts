import type { Config } from "./config/schema.js";
import type { IsoDate } from "./model/calendar.js";
import type { FileList } from "./model/site.js";
import { parseJournalFile, type SourceFile } from "./parse/entry.js";
import { analyzeResults, type Analysis } from "./analysis.js";

export { analyzeResults, type Analysis } from "./analysis.js";

/**
 * Parses every file and computes the site model. Pure: a bad file adds its
 * diagnostics and is left out, and the rest still counts. `otherFiles`, the
 * journal's files that are not entries, are what photos and file links are
 * resolved against: without them, every such reference is "names no file".
 */
export function analyzeJournal(sources: readonly SourceFile[], config: Config, today: IsoDate, otherFiles?: FileList): Analysis {
  return analyzeResults(sources.map(parseJournalFile), config, today, undefined, otherFiles);
}
