/**
 * The library's build, `import { build } from "smallwins"`: the same pipeline
 * as `smallwins build` (src/builder/site-builder.ts) up to the files, which it
 * returns as data instead of writing them.
 */
import type { ProjectOptions } from "./config/load.js";
import type { Project } from "./config/load.js";
import type { CopiedFile } from "./io/published-files.js";
import type { LoadedTheme } from "./io/theme.js";
import { hasErrors, type Diagnostic } from "./model/diagnostic.js";
import type { SiteModel } from "./model/site.js";
import type { Analysis } from "./analysis.js";
import { SiteBuilder, templateDiagnostic, type BuildPhase } from "./builder/site-builder.js";
import { TemplateError } from "./render/html.js";
import { renderSite, type OutputFile } from "./render/site.js";

export { templateDiagnostic, type BuildPhase } from "./builder/site-builder.js";

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
  /** The journal files the pages publish (photos, PDFs), to copy into the site beside `files`: each one's path in the site and the journal file. */
  readonly copies: readonly CopiedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly model: SiteModel;
  readonly project: Project;
  readonly analysis: Analysis;
  /** False when a template failed: then `files` is empty and the old site must stay. */
  readonly rendered: boolean;
  /** Writes the parse cache (with `cache: true`); call it once the files are written. A cache that cannot be written gives a warning. */
  readonly saveCache: () => Promise<Diagnostic | undefined>;
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
  const builder = new SiteBuilder({ ...options, cwd: options.cwd ?? process.cwd(), cache: options.cache === true, remember: false });
  const { project, theme, analysis, saveCache, copies } = await builder.prepare();
  const rendered = renderWithTheme(analysis.model, theme, project.cwd, (done, total) => options.onProgress?.("render", done, total));
  const diagnostics = [...project.diagnostics, ...analysis.diagnostics, ...rendered.diagnostics];
  return { files: rendered.files, copies: rendered.files.length > 0 ? copies : [], diagnostics, model: analysis.model, project, analysis, rendered: !hasErrors(rendered.diagnostics), saveCache };
}
