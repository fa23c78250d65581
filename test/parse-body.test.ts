/**
 * The Markdown parser is given only the body after the front matter (readBody
 * with `bodyLine` and `bodyOffset`, which moves task lines down), not the whole file. That must
 * change nothing: the tasks, their lines and columns, the HTML and the text
 * are those of parsing the whole file, front matter included, as the Markdown
 * reader's own front-matter support reads it. Checked on every Markdown file
 * of the fixtures, the corpus and the sample journal, and on random files
 * shaped to find where the two could part: fences with trailing blanks,
 * indented or doubled, and bodies whose first line would continue or underline
 * what came before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repoMarkdownFiles } from "./helpers/files.js";
import { decodeText } from "../src/parse/decode.js";
import { readFrontMatter } from "../src/parse/frontmatter.js";
import { readBody } from "../src/parse/markdown.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));


/** Whether parsing the body alone differs from parsing the whole text; undefined when there is no body to compare. */
function compare(text: string): { whole: ReturnType<typeof readBody>; bodyOnly: ReturnType<typeof readBody> } | undefined {
  const front = readFrontMatter(text);
  if (!front.ok || front.bodyLine === 1) return undefined;
  let whole: ReturnType<typeof readBody>;
  try {
    whole = readBody(text);
  } catch (error) {
    // Nesting deep enough to overflow the stack does so in both; that is checked elsewhere.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return { whole, bodyOnly: readBody(text, front.bodyLine, front.bodyOffset) };
}

describe("the body parsed without its front matter", () => {
  it("gives the tasks, positions, HTML and text of the whole file, for every Markdown file in the repository's tests and journal", () => {
    const files = repoMarkdownFiles();
    let compared = 0;
    let tasks = 0;
    for (const file of files) {
      const decoded = decodeText(new Uint8Array(readFileSync(file)));
      if (!decoded.ok) continue;
      const result = compare(decoded.text);
      if (!result) continue;
      expect(result.bodyOnly, path.relative(ROOT, file)).toEqual(result.whole);
      compared++;
      tasks += result.whole.tasks.length;
    }
    // Guards against a suite that silently compares nothing.
    expect(compared).toBeGreaterThan(100);
    expect(tasks).toBeGreaterThan(20);
  });

  it("gives the same result on random front matter and bodies", () => {
    const frontLine = fc.oneof(
      fc.constantFrom(
        "mood: 4", "wins:", "  - Made my bed", "  - text: Asked", "    area: work", "tags: [a, b]", "# a comment", "", "  ", "\t",
        " ---", "  ---", "...", "***", "===", "- [x] not a task", "```", "~~~", "<div>", "<!--", "[ref]: /url", "> quote", "| a | b |",
        "    indented", "<script>x</script>",
      ),
      fc.string({ maxLength: 12 }),
    );
    const fence = fc.constantFrom("---", "--- ", "---\t", "---  \t ");
    const bodyLine = fc.oneof(
      fc.constantFrom(
        "- [x] done", "- [ ] planned", "  - [x] nested", "1. [x] ordered", "---", "--- ", "----", "===", "***", "", " ", "text",
        "    indented code", "```", "```js", "~~~", "<div>", "<!-- c", "-->", "[ref]", "[ref]: /url", "> - [x] quoted", "| a | b |", "|---|---|",
        "# Heading", "Heading", "*a* _b_ ~~c~~", "\ttab", "mood: 4", "<https://example.com>", "[x](javascript:alert(1))",
      ),
      fc.string({ maxLength: 16 }),
    );
    const file = fc.record({
      open: fence,
      front: fc.array(frontLine.filter((l) => !l.startsWith("---")), { maxLength: 5 }),
      close: fence,
      body: fc.array(bodyLine, { maxLength: 6 }),
      end: fc.constantFrom("", "\n"),
    });
    let compared = 0;
    fc.assert(
      fc.property(file, ({ open, front, close, body, end }) => {
        const text = [open, ...front, close, ...body].join("\n") + end;
        const result = compare(text);
        if (!result) return;
        compared++;
        expect(result.bodyOnly).toEqual(result.whole);
      }),
      { numRuns: 3_000 },
    );
    expect(compared).toBeGreaterThan(1_000);
  });

  it("points a task at its line and column in the file", () => {
    const text = "---\nmood: 4\nwins:\n  - a\n---\nSome text.\n\n  - [x] Done it\n";
    const front = readFrontMatter(text);
    expect(front.ok && front.bodyLine).toBe(6);
    if (!front.ok) return;
    expect(readBody(text, front.bodyLine, front.bodyOffset).tasks).toEqual([{ text: "Done it", done: true, line: 8, column: 3 }]);
  });
});
