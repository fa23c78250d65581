import { performance } from "node:perf_hooks";
import cliProgress from "cli-progress";
import { SiteBuilder, type BuildPhase, type BuildReport } from "../builder/site-builder.js";
import type { ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
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
 * nothing, so the previous site stays whole. Pages are rendered as they are
 * written, so the site is never all in memory at once; with the cache, a page
 * whose data is unchanged since the last build is carried over from the current
 * site instead of rendered again. A progress bar shows in a terminal for builds
 * longer than a second; one summary line ends it.
 */
export async function buildCommand(options: ProjectOptions & { cache?: boolean }, output: Output): Promise<number> {
  const started = performance.now();
  const progress = progressBar(process.stderr);
  const cache = options.cache !== false;
  const c = output.colors;
  // A one-off build: nothing is kept for a next build in this process.
  const builder = new SiteBuilder({ ...options, cache, pageCache: cache, remember: false, onProgress: progress.update });
  try {
    let report: BuildReport;
    try {
      report = await builder.initial();
    } catch (error) {
      // A write that failed (a clash with the user's files, a full disk) must not hide the journal's own problems.
      progress.stop();
      if (builder.diagnostics) reportDiagnostics(output, builder.diagnostics);
      throw error;
    }
    progress.stop();
    if (!report.ok) {
      reportDiagnostics(output, [...(builder.diagnostics ?? []), ...(report.failure ? [report.failure] : [])]);
      output.err(c.red("build failed: the previous site was left as it was"));
      return EXIT.journalErrors;
    }
    reportDiagnostics(output, report.diagnostics);
    const project = builder.current;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const days = report.model?.days.length ?? 0;
    output.out(
      `${c.green("built")} ${displayPath(project.outDir, project.cwd)}: ${report.rendered.length} pages from ${days} day${days === 1 ? "" : "s"} of entries in ${seconds} s (${countWords(report.diagnostics)})`,
    );
    return hasErrors(report.diagnostics) ? EXIT.journalErrors : EXIT.ok;
  } finally {
    progress.stop();
  }
}
