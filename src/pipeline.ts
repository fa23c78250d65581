import type { Config } from "./config/schema.js";
import type { IsoDate } from "./model/calendar.js";
import { parseJournalFile, type SourceFile } from "./parse/entry.js";
import { analyzeResults, type Analysis } from "./analysis.js";

export { analyzeResults, type Analysis } from "./analysis.js";

/**
 * Parses every file and computes the site model. Pure: a bad file adds its
 * diagnostics and is left out, and the rest still counts.
 */
export function analyzeJournal(sources: readonly SourceFile[], config: Config, today: IsoDate): Analysis {
  return analyzeResults(sources.map(parseJournalFile), config, today);
}
