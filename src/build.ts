import { loadProject, type Project, type ProjectOptions } from "./config/load.js";
import { displayPath } from "./io/journal.js";
import { parseJournal } from "./io/parse-journal.js";
import { loadTheme, type LoadedTheme } from "./io/theme.js";
import { diagnostic, hasErrors, type Diagnostic } from "./model/diagnostic.js";
import type { SiteModel } from "./model/site.js";
import { analyzeResults, type Analysis } from "./analysis.js";
import { TemplateError } from "./render/html.js";
import { renderSite, type OutputFile } from "./render/site.js";

/** The phase a build is in, for progress bars. */
export type BuildPhase = "parse" | "render";

/** Options of a build: where the project is, and the command-line overrides. */
export type BuildOptions = Partial<ProjectOptions> & {
  /**
   * Use and update the parse cache in `.smallwins-cache/` beside the config.
   * Off by default, so that the library call writes nothing; the command line
   * turns it on (and `--no-cache` off).
   */
  readonly cache?: boolean;
  readonly onProgress?: (phase: BuildPhase, done: number, total: number) => void;
};

/** What a build gives: the site as files, and every diagnostic. Nothing is written. */
export interface BuildResult {
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly model: SiteModel;
  readonly project: Project;
  readonly analysis: Analysis;
  /** False when a template failed: then `files` is empty and the old site must stay. */
  readonly rendered: boolean;
  /** Writes the parse cache (with `cache: true`); call it once the files are written. A cache that cannot be written gives a warning. */
  readonly saveCache: () => Promise<Diagnostic | undefined>;
}

/** A template failure as a located diagnostic: the template's file, and what to do. */
export function templateDiagnostic(error: TemplateError, theme: LoadedTheme, cwd: string): Diagnostic {
  const file = theme.files.get(error.template) ?? `${error.template}.eta`;
  return diagnostic("error", displayPath(file, cwd), { line: 1, column: 1 }, `template ${error.template}: ${error.message}`, "fix the template, or remove it to use the built-in one");
}

/** Renders with the theme, turning a template failure into a located diagnostic. */
export function renderWithTheme(
  model: SiteModel,
  theme: LoadedTheme,
  cwd: string,
  onProgress?: (done: number, total: number) => void,
): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  try {
    return { files: renderSite(model, theme, onProgress), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { files: [], diagnostics: [templateDiagnostic(error, theme, cwd)] };
  }
}

/**
 * Builds the site in memory: reads the config, the journal and the templates,
 * and returns the output files with the diagnostics, without writing anything.
 * This is `import { build } from "smallwins"`.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const { project, theme, analysis, saveCache } = await prepareBuild(options);
  const rendered = renderWithTheme(analysis.model, theme, project.cwd, (done, total) => options.onProgress?.("render", done, total));
  const diagnostics = [...project.diagnostics, ...analysis.diagnostics, ...rendered.diagnostics];
  return { files: rendered.files, diagnostics, model: analysis.model, project, analysis, rendered: !hasErrors(rendered.diagnostics), saveCache };
}

/** A journal read and analyzed with its project and theme, ready to render. */
export interface PreparedBuild {
  readonly project: Project;
  readonly theme: LoadedTheme;
  readonly analysis: Analysis;
  /** Writes the parse cache (with `cache: true`); call it once the site is written. A cache that cannot be written gives a warning. */
  readonly saveCache: () => Promise<Diagnostic | undefined>;
}

/** Reads the config, the templates and the journal, and computes the model: everything before rendering. */
export async function prepareBuild(options: BuildOptions = {}): Promise<PreparedBuild> {
  const project = await loadProject({ ...options, cwd: options.cwd ?? process.cwd() });
  const theme = await loadTheme(project.templatesDir);
  const { results, saveCache } = await parseJournal(project, {
    cache: options.cache === true,
    onProgress: (done, total) => options.onProgress?.("parse", done, total),
  });
  const analysis = analyzeResults(results, project.config, project.today);
  return { project, theme, analysis, saveCache };
}
