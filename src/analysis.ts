import { buildSiteModel, type ModelMemo } from "./aggregate/site-model.js";
import type { Config } from "./config/schema.js";
import type { IsoDate } from "./model/calendar.js";
import { compareDiagnostics, type Diagnostic } from "./model/diagnostic.js";
import type { JournalFile } from "./model/entry.js";
import type { FileList, SiteModel } from "./model/site.js";
import type { ParseResult } from "./parse/entry.js";

/** What reading a whole journal gives: the model, the files that counted, and every diagnostic. */
export interface Analysis {
  readonly model: SiteModel;
  readonly entries: readonly JournalFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** How many journal files were read (ignored ones not counted). */
  readonly filesRead: number;
}

/**
 * Computes the model from files already parsed (the watcher keeps them
 * between builds, so only changed files are parsed again, and passes a memo
 * so that only the summaries of changed days are made again). `otherFiles`
 * are the journal's files that are not entries, that bodies may reference.
 */
export function analyzeResults(results: Iterable<ParseResult>, config: Config, today: IsoDate, memo?: ModelMemo, otherFiles?: FileList): Analysis {
  const diagnostics: Diagnostic[] = [];
  const entries: JournalFile[] = [];
  let filesRead = 0;
  for (const result of results) {
    if (result.skipped !== "ignored") filesRead++;
    for (const d of result.diagnostics) diagnostics.push(d);
    if (result.entry) entries.push(result.entry);
  }
  const { model, diagnostics: modelDiagnostics } = buildSiteModel(entries, config, today, memo, otherFiles);
  diagnostics.push(...modelDiagnostics);
  return { model, entries, diagnostics: diagnostics.sort(compareDiagnostics), filesRead };
}
