import { performance } from "node:perf_hooks";
import cliProgress from "cli-progress";
import { build, type BuildPhase } from "../build.js";
import type { ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { checkOutputFolder, writeSiteAtomically } from "../io/write-site.js";
import { hasErrors } from "../model/diagnostic.js";
import { EXIT, countWords, reportDiagnostics, type Output } from "./output.js";

/** Where progress goes: a terminal stream (the bar is drawn only on one). */
interface ProgressStream {
  readonly isTTY?: boolean;
}

/**
 * A progress bar that appears only in a terminal and only once a build has
 * run for a second: short builds stay one quiet line.
 */
function progressBar(stream: ProgressStream & NodeJS.WritableStream): { update: (phase: BuildPhase, done: number, total: number) => void; stop: () => void } {
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  let phase: BuildPhase | undefined;
  return {
    update(next, done, total) {
      if (!bar && performance.now() - started < 1000) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream, format: "{phase} [{bar}] {value}/{total}", hideCursor: true, clearOnComplete: true, barsize: 30 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { phase: next === "parse" ? "reading entries" : "rendering pages" });
        phase = next;
        return;
      }
      if (phase !== next) {
        phase = next;
        bar.setTotal(total);
      }
      bar.update(done, { phase: next === "parse" ? "reading entries" : "rendering pages" });
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * `smallwins build`: builds the site and writes it atomically. Journal errors
 * are reported and the rest still builds (exit 1); a template error writes
 * nothing, so the previous site stays whole. A progress bar shows in a
 * terminal for builds longer than a second; one summary line ends it.
 */
export async function buildCommand(options: ProjectOptions & { cache?: boolean }, output: Output): Promise<number> {
  const started = performance.now();
  const progress = progressBar(process.stderr);
  let result;
  try {
    result = await build({ ...options, cache: options.cache !== false, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  const { project } = result;
  checkOutputFolder({ outDir: project.outDir, root: project.root, journalDir: project.journalDir });
  reportDiagnostics(output, result.diagnostics);
  const c = output.colors;
  if (!result.rendered) {
    output.err(c.red("build failed: the previous site was left as it was"));
    return EXIT.journalErrors;
  }
  await writeSiteAtomically(project.outDir, result.files);
  await result.saveCache();
  const pages = result.files.filter((f) => f.path.endsWith(".html")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const days = result.model.days.length;
  output.out(
    `${c.green("built")} ${displayPath(project.outDir, project.cwd)}: ${pages} pages from ${days} day${days === 1 ? "" : "s"} of entries in ${seconds} s (${countWords(result.diagnostics)})`,
  );
  return hasErrors(result.diagnostics) ? EXIT.journalErrors : EXIT.ok;
}
