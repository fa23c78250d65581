import type { Project, ProjectOptions } from "../config/load.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Analysis } from "../analysis.js";
import { SiteBuilder } from "../builder/site-builder.js";

/** A project with its journal read and analysed. */
export interface LoadedJournal {
  readonly project: Project;
  readonly analysis: Analysis;
  /** Config diagnostics first, then the journal's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of the commands that read a journal: the project, and whether to use the parse cache. */
export type JournalOptions = ProjectOptions & { readonly cache?: boolean };

/** Loads the config, reads the journal and analyses it: the pipeline's first stages, shared by every command that renders nothing. */
export async function loadJournal(options: JournalOptions): Promise<LoadedJournal> {
  const { project, analysis, saveCache } = await new SiteBuilder({ ...options, remember: false }).analyze();
  const notSaved = await saveCache();
  return { project, analysis, diagnostics: [...project.diagnostics, ...analysis.diagnostics, ...(notSaved ? [notSaved] : [])] };
}
