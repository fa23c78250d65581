import { performance } from "node:perf_hooks";
import { build } from "../build.js";
import type { ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { checkOutputFolder, writeSiteAtomically } from "../io/write-site.js";
import { hasErrors } from "../model/diagnostic.js";
import { EXIT, countWords, reportDiagnostics, type Output } from "./output.js";

/**
 * `smallwins build`: builds the site and writes it atomically. Journal errors
 * are reported and the rest still builds (exit 1); a template error writes
 * nothing, so the previous site stays whole.
 */
export async function buildCommand(options: ProjectOptions, output: Output): Promise<number> {
  const started = performance.now();
  const result = await build(options);
  const { project } = result;
  checkOutputFolder({ outDir: project.outDir, root: project.root, journalDir: project.journalDir });
  reportDiagnostics(output, result.diagnostics);
  const c = output.colors;
  if (!result.rendered) {
    output.err(c.red("build failed: the previous site was left as it was"));
    return EXIT.journalErrors;
  }
  await writeSiteAtomically(project.outDir, result.files);
  const pages = result.files.filter((f) => f.path.endsWith(".html")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const days = result.model.days.length;
  output.out(
    `${c.green("built")} ${displayPath(project.outDir, project.cwd)}: ${pages} pages from ${days} day${days === 1 ? "" : "s"} of entries in ${seconds} s (${countWords(result.diagnostics)})`,
  );
  return hasErrors(result.diagnostics) ? EXIT.journalErrors : EXIT.ok;
}
