import { loadProject, type Project, type ProjectOptions } from "../config/load.js";
import { parseJournal } from "../io/parse-journal.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { analyzeResults, type Analysis } from "../analysis.js";

/** A project with its journal read and analysed. */
export interface LoadedJournal {
  readonly project: Project;
  readonly analysis: Analysis;
  /** Config diagnostics first, then the journal's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of the commands that read a journal: the project, and whether to use the parse cache. */
export type JournalOptions = ProjectOptions & { readonly cache?: boolean };

/** Loads the config, reads the journal and analyses it: the shared first half of every command. */
export async function loadJournal(options: JournalOptions): Promise<LoadedJournal> {
  const project = await loadProject(options);
  const { results, saveCache } = await parseJournal(project, { cache: options.cache !== false });
  const notSaved = await saveCache();
  const analysis = analyzeResults(results, project.config, project.today);
  return { project, analysis, diagnostics: [...project.diagnostics, ...analysis.diagnostics, ...(notSaved ? [notSaved] : [])] };
}
