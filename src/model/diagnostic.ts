/**
 * Diagnostics: what is wrong, where, and how to fix it. Every stage returns
 * them as values; only the command line prints them.
 */

/** How bad a diagnostic is: an error fails `check` and `build`, a warning does not. */
export type Severity = "error" | "warning";

/** One located problem in a journal or config file. */
export interface Diagnostic {
  readonly severity: Severity;
  /** The file as the user knows it (relative to where the command runs). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly hint?: string;
}

/** Builds a diagnostic, leaving out an absent hint (exact optional types). */
export function diagnostic(
  severity: Severity,
  file: string,
  position: { line: number; column: number },
  message: string,
  hint?: string,
): Diagnostic {
  const base = { severity, file, line: position.line, column: position.column, message };
  return hint === undefined ? base : { ...base, hint };
}

// Control characters (C0, DEL, C1) and the bidirectional overrides: in a file
// name or a YAML key they could move the cursor, recolour or clear a terminal,
// break the one-line format, or make the line read other than it is.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text from a journal made safe to print on one terminal line: unprintable characters as `\u{1b}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * The `path:line:column: severity: message (hint)` line for a diagnostic,
 * always one printable line, whatever a file name or a key holds.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint ? ` (hint: ${printable(d.hint)})` : "";
  return `${printable(d.file)}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)}${hint}`;
}

/** Orders diagnostics by file, then line, then column, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
