import pc from "picocolors";
import { formatDiagnostic, type Diagnostic } from "../model/diagnostic.js";

/** Where a command writes: lines to stdout and stderr, with colours when wanted. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly colors: ReturnType<typeof pc.createColors>;
}

/** Exit codes (§5). */
export const EXIT = { ok: 0, journalErrors: 1, usage: 2 } as const;

/** Colours for a stream: on for a terminal unless NO_COLOR is set (non-empty), or when FORCE_COLOR asks. */
export function colorsFor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): ReturnType<typeof pc.createColors> {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "";
  return pc.createColors(!noColor && (force || stream.isTTY === true));
}

/** Prints diagnostics to stderr, one `path:line:column: severity: message` line each. */
export function reportDiagnostics(output: Output, diagnostics: readonly Diagnostic[]): void {
  const c = output.colors;
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    const label = `${d.severity}:`;
    output.err(line.replace(label, d.severity === "error" ? c.red(c.bold(label)) : c.yellow(c.bold(label))));
  }
}

/** "3 errors, 1 warning" */
export function countWords(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}
