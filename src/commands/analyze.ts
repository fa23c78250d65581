import { loadProject, type Project, type ProjectOptions } from "../config/load.js";
import { FileError } from "../errors.js";
import { displayPath, readJournal } from "../io/journal.js";
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
    const shown = displayPath(project.journalDir, project.cwd);
    throw code === "ENOENT"
      ? new FileError(`the journal folder ${shown} does not exist`, project.journalDir, {
          cause: error,
          hint: "run `smallwins init` to start a journal here, or point to yours with --journal DIR or `journal:` in the config",
        })
      : new FileError(`cannot read the journal folder ${shown}: ${code ?? String(error)}`, project.journalDir, { cause: error });
  });
  const analysis = analyzeJournal(sources, project.config, project.today);
  return { project, analysis, diagnostics: [...project.diagnostics, ...analysis.diagnostics] };
}
