import path from "node:path";
import type { ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import type { BuildReport } from "../incremental.js";
import { startServe } from "../serve.js";
import { startWatch } from "../watch.js";
import { EXIT, countWords, reportDiagnostics, type Output } from "./output.js";

/**
 * Resolves on the first SIGINT or SIGTERM (Ctrl-C), so the command can stop
 * cleanly; `dispose` stops listening (a second Ctrl-C then ends the process).
 */
function untilInterrupted(): { readonly signal: Promise<string>; dispose(): void } {
  let dispose = (): void => undefined;
  const signal = new Promise<string>((resolve) => {
    const onInt = (): void => {
      dispose();
      resolve("SIGINT");
    };
    const onTerm = (): void => {
      dispose();
      resolve("SIGTERM");
    };
    dispose = () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    };
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
  });
  return { signal, dispose: () => dispose() };
}

/** One line per build: what changed, pages written, time taken; then the diagnostics. */
function reporter(output: Output, cwd: string): (report: BuildReport, trigger: readonly string[]) => void {
  let previous = "";
  return (report, trigger) => {
    const c = output.colors;
    const names = trigger.map((f) => displayPath(f, cwd));
    const what = names.length === 0 ? "built" : `${names.length === 1 ? names[0] : `${names.length} files`} changed`;
    const ms = `${Math.round(report.milliseconds)} ms`;
    if (!report.ok) {
      output.out(`${c.red("✗")} ${what}: build failed, the site was left as it was (${ms})`);
    } else {
      const deleted = report.deleted.length ? `, ${report.deleted.length} deleted` : "";
      output.out(`${c.green("✓")} ${what}: ${report.written.length} file${report.written.length === 1 ? "" : "s"} written${deleted} in ${ms} (${countWords(report.diagnostics)})`);
    }
    // Repeat diagnostics only when they changed, so a long session stays readable.
    const now = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.message}`).join("\n");
    if (now !== previous) reportDiagnostics(output, report.diagnostics);
    previous = now;
  };
}

/** `smallwins watch`: build, then rebuild on every change until Ctrl-C. */
export async function watchCommand(options: ProjectOptions & { poll?: boolean }, output: Output): Promise<number> {
  // Listen before the first build: a Ctrl-C during it stops cleanly too, once it is done.
  const interrupted = untilInterrupted();
  const watch = await startWatch({
    ...options,
    poll: options.poll === true,
    onBuild: reporter(output, options.cwd),
    onError: (error) => output.err(`${output.colors.red("error:")} ${error instanceof Error ? error.message : String(error)}`),
  }).catch((error: unknown) => {
    interrupted.dispose();
    throw error;
  });
  const outDir = displayPath(watch.builder.current.outDir, options.cwd);
  output.out(`watching ${displayPath(watch.builder.current.journalDir, options.cwd)} → ${outDir}${options.poll ? " (polling)" : ""}; Ctrl-C stops`);
  await interrupted.signal;
  await watch.close();
  output.out("stopped");
  return EXIT.ok;
}

/** `smallwins serve`: watch, and serve the site on 127.0.0.1 with live reload until Ctrl-C. */
export async function serveCommand(options: ProjectOptions & { poll?: boolean; port: number; host: string }, output: Output): Promise<number> {
  const interrupted = untilInterrupted();
  const serve = await startServe({
    ...options,
    poll: options.poll === true,
    onBuild: reporter(output, options.cwd),
    onError: (error) => output.err(`${output.colors.red("error:")} ${error instanceof Error ? error.message : String(error)}`),
  }).catch((error: unknown) => {
    interrupted.dispose();
    throw error;
  });
  output.out(`serving ${displayPath(path.resolve(serve.watch.builder.current.outDir), options.cwd)} at ${output.colors.bold(serve.url)} with live reload; Ctrl-C stops`);
  await interrupted.signal;
  await serve.close();
  output.out("stopped");
  return EXIT.ok;
}
