/**
 * smallwins as a library: `build()` gives the same site as `smallwins build`,
 * as data (files and diagnostics), without writing anything.
 */
export { build, type BuildOptions, type BuildResult } from "./build.js";
export type { CopiedFile } from "./io/published-files.js";
export { analyzeJournal, type Analysis } from "./pipeline.js";
export { parseJournalFile, type ParseResult, type SourceFile } from "./parse/entry.js";
export { buildSiteModel } from "./aggregate/site-model.js";
export { renderSite, type OutputFile, type Theme } from "./render/site.js";
export { writeSiteAtomically, checkOutputFolder } from "./io/write-site.js";
export { formatDiagnostic, type Diagnostic } from "./model/diagnostic.js";
export { statsJson, type StatsJson } from "./commands/stats.js";
export type { Config } from "./config/schema.js";
export type { SiteModel } from "./model/site.js";
export type { IsoDate, IsoWeek } from "./model/calendar.js";
