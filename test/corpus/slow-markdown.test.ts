import { describe, expect, it } from "vitest";
import { parseJournalFile } from "../../src/parse/entry.js";

const parse = (body: string) =>
  parseJournalFile({ file: "journal/2026-11-21.md", relPath: "2026-11-21.md", bytes: new TextEncoder().encode(`---\nmood: 3\n---\n${body}`) });

// Regression: Markdown shaped to be slow (nested image brackets, huge tables and
// lists, long runs of emphasis marks) took from 10 to 47 seconds per file.
describe("Markdown shaped to be slow is refused at the body's first line, not parsed", () => {
  it.each([
    ["4,000 nested image openers", "![".repeat(4000) + "x", /"\[" brackets/],
    ["a 50,000-row table", "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(50_000), /lines, more than/],
    ["20,000 task items", "- [x] t\n".repeat(20_000), /lines, more than/],
    ["20,000 emphasis marks", "*".repeat(10_000) + "x" + "*".repeat(10_000), /"\*" and "_" marks/],
  ])("%s", (_name, body, message) => {
    const result = parse(body);
    expect(result.entry).toBeNull();
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 4, column: 1, message: expect.stringMatching(message) })]);
  });

  it("still reads a long but ordinary entry: 300 task items and 200 links", () => {
    const result = parse("- [x] a small win\n".repeat(300) + "[a link](https://example.org) ".repeat(200));
    expect(result.diagnostics).toEqual([]);
    expect(result.entry?.kind === "day" ? result.entry.wins.length : 0).toBe(300);
  });
});
