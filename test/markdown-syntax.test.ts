/**
 * readBody leaves the table syntax out of the parse when no table can start in
 * the text, and the front-matter syntax when no front matter can open it (see
 * mayHoldTable and mayHoldFrontMatter): both are tried at the start of lines
 * and cost a third of the parse. That must change nothing. Checked on random
 * texts built from the pieces of a table's delimiter row, and on every
 * Markdown file of the fixtures, the corpus and the sample journal: wherever
 * the full processor and the chosen one could differ, they give the same tree,
 * positions included, and the same HTML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repoMarkdownFiles } from "./helpers/files.js";
import { decodeText } from "../src/parse/decode.js";
import { markdownProcessor, mayHoldFrontMatter, mayHoldTable, readBody } from "../src/parse/markdown.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FULL = markdownProcessor({ tables: true, frontMatter: true });

/** The tree and HTML of `text` from a processor. */
function parsed(processor: typeof FULL, text: string): { tree: unknown; html: string } {
  const tree = processor.parse(text);
  return { tree, html: String(processor.stringify(processor.runSync(processor.parse(text)))) };
}

/** The tree and HTML from the processor readBody picks for `text`. */
function chosen(text: string): { tree: unknown; html: string } {
  return parsed(markdownProcessor({ tables: mayHoldTable(text), frontMatter: mayHoldFrontMatter(text) }), text);
}

describe("leaving out the table and front-matter syntaxes", () => {
  it("changes nothing on random texts made of delimiter-row pieces", () => {
    const line = fc.oneof(
      fc.constantFrom(
        "a", "a b", "- a", "-", "--", "---", "----", " - ", "- -", "-- --", ":", "a:", ": a", "::", "a: b", "- [x] a", "- [ ] b", "> a", "> -",
        "```", "`a:-`", "\\", "\\-", "    a", "    -", "# a", "a\t-", "*a*", "~~a~~", "1. a", "", "  ", "\t", "===", "***", "+ a", "<div>", "[a]: /u",
      ),
      fc.string({ unit: fc.constantFrom("-", ":", "a", " ", "\t", "\\", "`", ">", "*", "=", "[", "]", "|"), maxLength: 10 }),
    );
    let skipped = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom("", "\n"), (lines, end) => {
        const text = lines.join("\n") + end;
        if (mayHoldTable(text) && mayHoldFrontMatter(text)) return;
        skipped++;
        expect(chosen(text), JSON.stringify(text)).toEqual(parsed(FULL, text));
      }),
      { numRuns: 4_000 },
    );
    expect(skipped).toBeGreaterThan(2_000);
  });

  it("changes nothing on any Markdown file in the repository's tests and journal", () => {
    let compared = 0;
    for (const file of repoMarkdownFiles()) {
      const decoded = decodeText(new Uint8Array(readFileSync(file)));
      if (!decoded.ok) continue;
      try {
        expect(chosen(decoded.text), path.relative(ROOT, file)).toEqual(parsed(FULL, decoded.text));
      } catch (error) {
        // Nesting deep enough to overflow the stack does so in both; that is checked elsewhere.
        if (error instanceof RangeError) continue;
        throw error;
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("still reads a table whose delimiter row has a pipe, or only colons beside its dashes", () => {
    expect(readBody("| a | b |\n| - | - |\n| 1 | 2 |\n").html).toContain("<table>");
    expect(readBody("a\n:-\n").html).toContain("<table>");
    expect(readBody("a\n-:\n").html).toContain("<table>");
    expect(readBody("a\n:-:\nb\n").html).toContain('<td align="center">b</td>');
  });

  it("takes a row of dashes without a pipe or colon for a heading's underline or a break, as the full syntax does", () => {
    expect(readBody("a\n--\n").html).toBe("<h4>a</h4>"); // a setext h2, two ranks down (see below)
    expect(readBody("a\n\n- - -\n").html).toBe("<p>a</p>\n<hr>");
  });

  it("moves headings two ranks down, to nest under the page's h1 and its section's h2 (h6 at most)", () => {
    expect(readBody("# a\n## b\n### c\n#### d\n##### e\n###### f\n").html).toBe(
      ["<h3>a</h3>", "<h4>b</h4>", "<h5>c</h5>", "<h6>d</h6>", "<h6>e</h6>", "<h6>f</h6>"].join("\n"),
    );
    expect(readBody("Title\n=====\n\n- [x] done\n").html).toContain("<h3>Title</h3>");
  });

  it("still reads front matter at the start of a whole file", () => {
    expect(mayHoldFrontMatter("---\nmood: 4\n---\nText")).toBe(true);
    expect(readBody("---\nmood: 4\n---\nText\n")).toEqual({ tags: [], tasks: [], html: "<p>Text</p>", text: "Text", references: [] });
  });
});
