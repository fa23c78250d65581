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
  const { entries, diagnostics: fileDiagnostics, filesRead } = collectResults(Array.isArray(results) ? (results as readonly ParseResult[]) : [...results], memo);
  const diagnostics = [...fileDiagnostics];
  const { model, diagnostics: modelDiagnostics } = buildSiteModel(entries, config, today, memo, otherFiles);
  diagnostics.push(...modelDiagnostics);
  return { model, entries, diagnostics: diagnostics.sort(compareDiagnostics), filesRead };
}

/**
 * The files' entries and diagnostics, and how many were read. With a memo,
 * when the same number of results come in the same places (an edit), last
 * build's lists are kept with the changed entries put in their places.
 */
function collectResults(results: readonly ParseResult[], memo: ModelMemo | undefined): { readonly entries: readonly JournalFile[]; readonly diagnostics: readonly Diagnostic[]; readonly filesRead: number } {
  const last = memo?.results;
  if (last && last.results.length === results.length) {
    let entries = last.entries;
    let same = true;
    for (let i = 0; i < results.length && same; i++) {
      const before = last.results[i]!;
      const now = results[i]!;
      if (before === now) continue;
      // A result that gains or loses its entry, is read or skipped otherwise, or has diagnostics before or now moves the lists: made again.
      const place = last.places[i]!;
      if (place < 0 || !now.entry || before.skipped !== now.skipped || before.diagnostics.length > 0 || now.diagnostics.length > 0) same = false;
      else {
        if (entries === last.entries) entries = [...last.entries];
        (entries as JournalFile[])[place] = now.entry;
      }
    }
    if (same) {
      memo.results = { ...last, results: [...results], entries };
      return { entries, diagnostics: last.diagnostics, filesRead: last.filesRead };
    }
  }
  const diagnostics: Diagnostic[] = [];
  const entries: JournalFile[] = [];
  const places: number[] = [];
  let filesRead = 0;
  for (const result of results) {
    if (result.skipped !== "ignored") filesRead++;
    for (const d of result.diagnostics) diagnostics.push(d);
    places.push(result.entry ? entries.length : -1);
    if (result.entry) entries.push(result.entry);
  }
  if (memo) memo.results = { results: [...results], entries, diagnostics, filesRead, places };
  return { entries, diagnostics, filesRead };
}
