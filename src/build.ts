import { loadProject, type Project, type ProjectOptions } from "./config/load.js";
import { FileError } from "./errors.js";
import { displayPath, readJournal } from "./io/journal.js";
import { loadTheme, type LoadedTheme } from "./io/theme.js";
import { diagnostic, hasErrors, type Diagnostic } from "./model/diagnostic.js";
import type { SiteModel } from "./model/site.js";
import { analyzeJournal, type Analysis } from "./pipeline.js";
import { TemplateError } from "./render/html.js";
import { renderSite, type OutputFile } from "./render/site.js";

/** Options of a build: where the project is, and the command-line overrides. */
export type BuildOptions = Partial<ProjectOptions> & { readonly onProgress?: (done: number, total: number) => void };

/** What a build gives: the site as files, and every diagnostic. Nothing is written. */
export interface BuildResult {
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly model: SiteModel;
  readonly project: Project;
  readonly analysis: Analysis;
  /** False when a template failed: then `files` is empty and the old site must stay. */
  readonly rendered: boolean;
}

/** Renders with the theme, turning a template failure into a located diagnostic. */
export function renderWithTheme(model: SiteModel, theme: LoadedTheme, cwd: string): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  try {
    return { files: renderSite(model, theme), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const file = theme.files.get(error.template) ?? `${error.template}.eta`;
    const shown = displayPath(file, cwd);
    return { files: [], diagnostics: [diagnostic("error", shown, { line: 1, column: 1 }, `template ${error.template}: ${error.message}`, "fix the template, or remove it to use the built-in one")] };
  }
}

/**
 * Builds the site in memory: reads the config, the journal and the templates,
 * and returns the output files with the diagnostics, without writing anything.
 * This is `import { build } from "smallwins"`.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const project = await loadProject({ ...options, cwd: options.cwd ?? process.cwd() });
  const sources = await readJournal(project.journalDir, project.cwd).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(
      code === "ENOENT" ? `the journal folder ${project.journalDir} does not exist` : `cannot read the journal folder ${project.journalDir}: ${code ?? String(error)}`,
      project.journalDir,
      { cause: error },
    );
  });
  const theme = await loadTheme(project.templatesDir);
  const analysis = analyzeJournal(sources, project.config, project.today);
  const rendered = renderWithTheme(analysis.model, theme, project.cwd);
  const diagnostics = [...project.diagnostics, ...analysis.diagnostics, ...rendered.diagnostics];
  return { files: rendered.files, diagnostics, model: analysis.model, project, analysis, rendered: !hasErrors(rendered.diagnostics) };
}
