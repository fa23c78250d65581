/**
 * Fixture-driven tests of reading, parsing and validating journal files.
 *
 * Every `test/fixtures/parse-<case>/` and `test/fixtures/invalid-<case>/`
 * folder holds journal files at realistic relative paths and an
 * `expected.json` written by hand from SPEC §1:
 *
 * ```json
 * {
 *   "files": {
 *     "2026/11/2026-11-21.md": {
 *       "entry": { "kind": "day", "date": "2026-11-21", "wins": [...], ... } | null,
 *       "skipped": "ignored" | "unknown",          // optional
 *       "diagnostics": [{ "severity", "line", "column", "message", "hint" }],
 *       "formatted": ["journal/...:1:1: error: ..."],  // optional, verbatim lines
 *       "bodyHtmlIncludes": [...], "bodyHtmlExcludes": [...]  // optional
 *     }
 *   },
 *   "expectBytes": { "<file>": ["bom" | "crlf" | "cr"] },   // optional guard on the fixture itself
 *   "mustNotEvaluate": { "global": "...", "file": "..." },   // optional
 *   "journal": { "today", "entries", "totalWins", "winDays", "errors" }  // optional, whole-journal check
 * }
 * ```
 *
 * In diagnostics, `message` and `hint` are substrings; severity, line and
 * column are exact, and the list must match the file's diagnostics one for one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import type { IsoDate } from "../src/model/calendar.js";
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from "../src/model/diagnostic.js";
import type { JournalFile } from "../src/model/entry.js";
import { parseJournalFile, type SourceFile } from "../src/parse/entry.js";
import { analyzeJournal } from "../src/pipeline.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
/** The journal folder as the user's working folder sees it; diagnostics show `journal/<relPath>`. */
const JOURNAL = "journal";

interface ExpectedDiagnostic {
  readonly severity: "error" | "warning";
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

interface ExpectedFile {
  readonly entry: Record<string, unknown> | null;
  readonly skipped?: "ignored" | "unknown";
  readonly diagnostics: readonly ExpectedDiagnostic[];
  readonly formatted?: readonly string[];
  readonly bodyHtmlIncludes?: readonly string[];
  readonly bodyHtmlExcludes?: readonly string[];
}

interface Expected {
  readonly files: Readonly<Record<string, ExpectedFile>>;
  readonly expectBytes?: Readonly<Record<string, readonly ("bom" | "crlf" | "cr")[]>>;
  readonly mustNotEvaluate?: { readonly global: string; readonly file: string };
  readonly journal?: { readonly today: string; readonly entries: number; readonly totalWins: number; readonly winDays: number; readonly errors: number };
}

/** Every `.md` file under `dir`, dot and underscore folders included: the parser must ignore those itself. */
function markdownFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...markdownFiles(dir, childRel));
    else if (entry.name.endsWith(".md")) out.push(childRel);
  }
  return out.sort();
}

function source(folder: string, relPath: string): SourceFile {
  return { file: `${JOURNAL}/${relPath}`, relPath, bytes: new Uint8Array(readFileSync(path.join(folder, relPath))) };
}

/** The fields of an entry that the fixtures describe, absent optional fields left out. */
function project(entry: JournalFile, withBody: boolean): Record<string, unknown> {
  const optional = (key: string, value: unknown): Record<string, unknown> => (value === undefined ? {} : { [key]: value });
  const body = withBody ? { bodyText: entry.bodyText } : {};
  if (entry.kind === "week") {
    return { kind: "week", week: entry.week, ...optional("rating", entry.rating), ...optional("focus", entry.focus), private: entry.private, ...body };
  }
  return {
    kind: "day",
    date: entry.date,
    wins: entry.wins.map((w) => ({ text: w.text, level: w.level, source: w.source, at: w.at, ...optional("area", w.area), ...optional("habit", w.habit) })),
    planned: entry.planned,
    tasksDone: entry.tasksDone,
    tasksTotal: entry.tasksTotal,
    tags: entry.tags,
    private: entry.private,
    ...optional("mood", entry.mood),
    ...optional("energy", entry.energy),
    ...optional("didWell", entry.didWell),
    ...optional("rest", entry.rest),
    ...body,
  };
}

function shape(d: Diagnostic): Omit<Diagnostic, "file"> {
  return { severity: d.severity, line: d.line, column: d.column, message: d.message, ...(d.hint === undefined ? {} : { hint: d.hint }) };
}

const cases = readdirSync(FIXTURES)
  .filter((name) => /^(parse|invalid)-/.test(name))
  .sort();

describe("journal file fixtures", () => {
  it("has the fixture folders this suite promises", () => {
    expect(cases.filter((c) => c.startsWith("parse-")).length).toBeGreaterThanOrEqual(14);
    expect(cases.filter((c) => c.startsWith("invalid-")).length).toBeGreaterThanOrEqual(25);
  });

  describe.each(cases)("%s", (name) => {
    const folder = path.join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(path.join(folder, "expected.json"), "utf8")) as Expected;

    it("describes exactly the Markdown files in the folder", () => {
      expect(Object.keys(expected.files).sort()).toEqual(markdownFiles(folder));
    });

    if (expected.expectBytes) {
      it("keeps the fixture's raw bytes (BOM, line endings) as written", () => {
        for (const [relPath, traits] of Object.entries(expected.expectBytes ?? {})) {
          const bytes = readFileSync(path.join(folder, relPath));
          const text = bytes.toString("latin1");
          if (traits.includes("bom")) expect([...bytes.subarray(0, 3)], relPath).toEqual([0xef, 0xbb, 0xbf]);
          if (traits.includes("crlf")) expect(text.split("\r\n").length - 1, relPath).toBe(text.split("\n").length - 1);
          if (traits.includes("cr")) {
            expect(text, relPath).toContain("\r");
            expect(text, relPath).not.toContain("\n");
          }
        }
      });
    }

    it.each(Object.entries(expected.files))("%s", (relPath, want) => {
      const result = parseJournalFile(source(folder, relPath));

      const diagnostics = [...result.diagnostics].sort(compareDiagnostics);
      for (const d of diagnostics) expect(d.file).toBe(`${JOURNAL}/${relPath}`);
      expect(diagnostics.map(shape)).toEqual(
        want.diagnostics.map((d) => ({
          severity: d.severity,
          line: d.line,
          column: d.column,
          message: expect.stringContaining(d.message),
          hint: expect.stringContaining(d.hint),
        })),
      );
      if (want.formatted) expect(diagnostics.map(formatDiagnostic)).toEqual(expect.arrayContaining([...want.formatted]));

      expect(result.skipped).toBe(want.skipped);
      if (want.entry === null) {
        expect(result.entry).toBeNull();
        return;
      }
      expect(result.entry).not.toBeNull();
      const entry = result.entry!;
      expect(entry.file).toBe(`${JOURNAL}/${relPath}`);
      expect(project(entry, "bodyText" in want.entry)).toEqual(want.entry);
      for (const html of want.bodyHtmlIncludes ?? []) expect(entry.bodyHtml).toContain(html);
      for (const html of want.bodyHtmlExcludes ?? []) expect(entry.bodyHtml).not.toContain(html);
    });

    const journal = expected.journal;
    if (journal) {
      it("still counts the good files of the journal", () => {
        const sources = markdownFiles(folder).map((relPath) => source(folder, relPath));
        const analysis = analyzeJournal(sources, DEFAULT_CONFIG, journal.today as IsoDate);
        expect(analysis.entries).toHaveLength(journal.entries);
        expect(analysis.model.summary.totalWins).toBe(journal.totalWins);
        expect(analysis.model.summary.winDays).toBe(journal.winDays);
        expect(analysis.diagnostics.filter((d) => d.severity === "error")).toHaveLength(journal.errors);
      });
    }

    const probe = expected.mustNotEvaluate;
    if (probe) {
      // The probe writes relative to the working folder, as code run by a parser would.
      const marker = path.resolve(process.cwd(), probe.file);
      const globals = globalThis as Record<string, unknown>;
      const reset = (): void => {
        rmSync(marker, { force: true });
        Reflect.deleteProperty(globals, probe.global);
      };

      it("is a live probe: gray-matter's default js engine would run it", () => {
        // Without this control, a probe that could never fire would pass forever.
        mkdirSync(path.dirname(marker), { recursive: true });
        reset();
        const relPath = Object.keys(expected.files)[0]!;
        const text = readFileSync(path.join(folder, relPath), "utf8");
        matter(text, { language: "javascript" });
        expect(globals[probe.global]).toBe(true);
        expect(existsSync(marker)).toBe(true);
        reset();
      });

      it("never evaluates the front matter", () => {
        reset();
        for (const relPath of Object.keys(expected.files)) parseJournalFile(source(folder, relPath));
        expect(globals[probe.global]).toBeUndefined();
        expect(existsSync(marker)).toBe(false);
      });
    }
  });
});
