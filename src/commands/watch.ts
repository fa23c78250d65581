import path from "node:path";
import type { ProjectOptions } from "../config/load.js";
import { FileError } from "../errors.js";
import { displayPath } from "../io/journal.js";
import type { BuildReport } from "../builder/site-builder.js";
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
      // A build cut short for the next save says so: that save's build does the rest.
      const rest = report.partial ? ", the rest with the next change" : "";
      output.out(`${c.green("✓")} ${what}: ${report.written.length} file${report.written.length === 1 ? "" : "s"} written${deleted}${rest} in ${ms} (${countWords(report.diagnostics)})`);
    }
    // Repeat diagnostics only when they changed, so a long session stays readable.
    const now = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.message}`).join("\n");
    if (now !== previous) reportDiagnostics(output, report.diagnostics);
    previous = now;
  };
}

/** What watch and serve report through: one line per build, errors on stderr. */
function callbacks(options: ProjectOptions & { poll?: boolean }, output: Output) {
  return {
    poll: options.poll === true,
    onBuild: reporter(output, options.cwd),
    onError: (error: unknown) => {
      const hint = error instanceof FileError && error.hint ? `\n  hint: ${error.hint}` : "";
      output.err(`${output.colors.red("error:")} ${error instanceof Error ? error.message : String(error)}${hint}`);
    },
  };
}

/**
 * Starts something long-running, says it is ready, and stops it on Ctrl-C.
 * It listens before starting: a Ctrl-C during the first build stops cleanly too, once it is done.
 */
async function runUntilInterrupted<T extends { close(): Promise<void> }>(start: () => Promise<T>, ready: (running: T) => string, output: Output): Promise<number> {
  const interrupted = untilInterrupted();
  const running = await start().catch((error: unknown) => {
    interrupted.dispose();
    throw error;
  });
  output.out(ready(running));
  await interrupted.signal;
  await running.close();
  output.out("stopped");
  return EXIT.ok;
}

/** `smallwins watch`: build, then rebuild on every change until Ctrl-C. */
export async function watchCommand(options: ProjectOptions & { poll?: boolean }, output: Output): Promise<number> {
  return runUntilInterrupted(
    () => startWatch({ ...options, ...callbacks(options, output) }),
    (watch) =>
      `watching ${displayPath(watch.builder.current.journalDir, options.cwd)} → ${displayPath(watch.builder.current.outDir, options.cwd)}${options.poll ? " (polling)" : ""}; Ctrl-C stops`,
    output,
  );
}

/** `smallwins serve`: watch, and serve the site on 127.0.0.1 with live reload until Ctrl-C. */
export async function serveCommand(options: ProjectOptions & { poll?: boolean; port: number; host: string }, output: Output): Promise<number> {
  return runUntilInterrupted(
    () => startServe({ ...options, ...callbacks(options, output) }),
    (serve) => `serving ${displayPath(path.resolve(serve.watch.builder.current.outDir), options.cwd)} at ${output.colors.bold(serve.url)} with live reload; Ctrl-C stops`,
    output,
  );
}
