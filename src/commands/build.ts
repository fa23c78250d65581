import { performance } from "node:perf_hooks";
import cliProgress from "cli-progress";
import path from "node:path";
import { prepareBuild, templateDiagnostic, type BuildPhase } from "../build.js";
import { PageCache, pageHash } from "../io/cache.js";
import { themeFingerprint } from "../io/theme.js";
import { createRenderer, TemplateError, type HtmlRenderer } from "../render/html.js";
import { routes } from "../render/routes.js";
import { extraFiles } from "../render/site.js";
import { VERSION } from "../version.js";
import type { ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { checkOutputFolder, tidyOutputFolder, writeSiteAtomically, type FileStamp, type SiteFile } from "../io/write-site.js";
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
  try {
    const { project, theme, analysis, saveCache } = await prepareBuild({ ...options, cache, onProgress: progress.update });
    checkOutputFolder({ outDir: project.outDir, root: project.root, journalDir: project.journalDir });
    // Before anything can fail: a site that an interrupted build set aside is put back even if this build fails.
    await tidyOutputFolder(project.outDir);
    const model = analysis.model;
    const diagnostics = [...project.diagnostics, ...analysis.diagnostics];
    const failed = (error: TemplateError): number => {
      progress.stop();
      reportDiagnostics(output, [...diagnostics, templateDiagnostic(error, theme, project.cwd)]);
      output.err(c.red("build failed: the previous site was left as it was"));
      return EXIT.journalErrors;
    };
    let renderer: HtmlRenderer;
    try {
      renderer = createRenderer(theme.templates);
    } catch (error) {
      if (error instanceof TemplateError) return failed(error);
      throw error;
    }
    const pages = routes(model);
    const pageCache = cache ? await PageCache.load(project.root, VERSION, themeFingerprint(theme), path.resolve(project.outDir)) : undefined;
    const hashes = new Map<string, string>();
    const files: SiteFile[] = pages.map((page) => {
      const contents = (): string => renderer.render(page);
      if (!pageCache) return { path: page.path, contents };
      const hash = pageHash(page.template, page.data);
      hashes.set(page.path, hash);
      const unchangedIf = pageCache.unchangedIf(page.path, hash);
      return unchangedIf ? { path: page.path, contents, unchangedIf } : { path: page.path, contents };
    });
    const stamps = pageCache ? new Map<string, FileStamp>() : undefined;
    // Reported before writing: a refused output folder must not hide the journal's own problems.
    let reported = false;
    const report = (): void => {
      if (reported) return;
      reported = true;
      progress.stop();
      reportDiagnostics(output, diagnostics);
    };
    try {
      await writeSiteAtomically(project.outDir, [...files, ...extraFiles(model, theme)], { onProgress: (done, total) => progress.update("render", done, total), ...(stamps ? { stamps } : {}) });
    } catch (error) {
      if (error instanceof TemplateError) return failed(error);
      report();
      throw error;
    }
    // A cache that cannot be written is a warning (once, when both fail alike), not a failed build.
    for (const notSaved of [await saveCache(), pageCache && stamps ? await pageCache.save(hashes, stamps, project.cwd) : undefined]) {
      if (notSaved && !diagnostics.some((d) => d.message === notSaved.message)) diagnostics.push(notSaved);
    }
    report();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const days = model.days.length;
    output.out(
      `${c.green("built")} ${displayPath(project.outDir, project.cwd)}: ${pages.length} pages from ${days} day${days === 1 ? "" : "s"} of entries in ${seconds} s (${countWords(diagnostics)})`,
    );
    return hasErrors(diagnostics) ? EXIT.journalErrors : EXIT.ok;
  } finally {
    progress.stop();
  }
}
