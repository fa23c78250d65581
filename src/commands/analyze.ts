import { loadProject, type Project, type ProjectOptions } from "../config/load.js";
import { FileError } from "../errors.js";
import { readJournal } from "../io/journal.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { analyzeJournal, type Analysis } from "../pipeline.js";

/** A project with its journal read and analysed. */
export interface LoadedJournal {
  readonly project: Project;
  readonly analysis: Analysis;
  /** Config diagnostics first, then the journal's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads the config, reads the journal and analyses it: the shared first half of every command. */
export async function loadJournal(options: ProjectOptions): Promise<LoadedJournal> {
  const project = await loadProject(options);
  const sources = await readJournal(project.journalDir, project.cwd).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(
      code === "ENOENT" ? `the journal folder ${project.journalDir} does not exist` : `cannot read the journal folder ${project.journalDir}: ${code ?? String(error)}`,
      project.journalDir,
      { cause: error },
    );
  });
  const analysis = analyzeJournal(sources, project.config, project.today);
  return { project, analysis, diagnostics: [...project.diagnostics, ...analysis.diagnostics] };
}
