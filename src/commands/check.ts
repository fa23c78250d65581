import type { ProjectOptions } from "../config/load.js";
import { hasErrors } from "../model/diagnostic.js";
import { loadJournal } from "./analyze.js";
import { EXIT, countWords, reportDiagnostics, type Output } from "./output.js";

/** `smallwins check`: validate the config and every journal file; exit 1 on errors. */
export async function checkCommand(options: ProjectOptions, output: Output): Promise<number> {
  const { analysis, diagnostics } = await loadJournal(options);
  reportDiagnostics(output, diagnostics);
  const c = output.colors;
  const summary = `checked ${analysis.filesRead} file${analysis.filesRead === 1 ? "" : "s"}: ${countWords(diagnostics)}`;
  output.out(hasErrors(diagnostics) ? c.red(summary) : c.green(summary));
  return hasErrors(diagnostics) ? EXIT.journalErrors : EXIT.ok;
}
