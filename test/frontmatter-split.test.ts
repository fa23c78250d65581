/**
 * readFrontMatter splits front matter off by itself: it hands the YAML reader
 * exactly the text gray-matter (which split it before, restricted to a YAML
 * engine) handed its engine, and reads no YAML where gray-matter called no
 * engine (a block of only blanks and comments). Checked on every file of the
 * fixtures, the corpus and the sample journal, and on random documents of
 * fences, comments, blank lines and keys.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { repoMarkdownFiles } from "./helpers/files.js";
import { decodeText } from "../src/parse/decode.js";
import { parseYaml, readFrontMatter, type YamlData } from "../src/parse/frontmatter.js";
import { readPlainYaml } from "../src/parse/plain-yaml.js";

/** The YAML source gray-matter hands its engine for the front matter ending at `bodyOffset`, or undefined when it calls none. */
function grayMatterSource(text: string, bodyOffset: number): string | undefined {
  let source: string | undefined;
  matter(text.slice(0, bodyOffset), {
    language: "yaml",
    engines: {
      yaml: (s: string) => {
        source = s;
        return {};
      },
    },
  });
  return source;
}

/** Paths into `data` up to four levels deep (the corpus nests thousands), and one past each that leads nowhere. */
function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, "missing"]];
  if (prefix.length >= 4) return out;
  if (Array.isArray(data)) data.slice(0, 50).forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (data !== null && typeof data === "object") for (const [k, v] of Object.entries(data).slice(0, 50)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Fails unless `text`'s front matter reads as gray-matter's engine source does; gives whether it held YAML. */
function expectSameSplit(text: string): boolean {
  const ours = readFrontMatter(text);
  const source = ours.ok && ours.bodyOffset > 0 ? grayMatterSource(text, ours.bodyOffset) : undefined;
  // Refusals (another language, an unclosed block) and YAML errors are checked by test/parse.test.ts.
  if (!ours.ok) return false;
  if (source === undefined) {
    expect(ours.yaml, text).toBeNull();
    return false;
  }
  const expected: YamlData | undefined = readPlainYaml(source, 1) ?? (() => {
    const parsed = parseYaml(source, 1);
    return parsed.ok ? parsed.yaml : undefined;
  })();
  expect(expected, text).toBeDefined();
  expect(ours.yaml, text).not.toBeNull();
  if (!expected || !ours.yaml) return false;
  expect(isDeepStrictEqual(ours.yaml.data, expected.data), text).toBe(true);
  for (const p of paths(expected.data)) expect(ours.yaml.positionOf(p), `${JSON.stringify(p)} in ${JSON.stringify(text)}`).toEqual(expected.positionOf(p));
  return true;
}

const line = fc.constantFrom("---", "--- ", "---\t", "# a comment", "  # indented comment", "#", "", "  ", "mood: 3", "wins:", "  - Made my bed", "  - 'Fixed #2: x'", "tags: [a, b]", "text", "key: 'a # b'", "x: 1 # c", "----", "- [x] done", "Notes.");

describe("readFrontMatter's split", () => {
  it("hands the YAML reader what gray-matter handed its engine, on every file in the repository", () => {
    let withYaml = 0;
    for (const file of repoMarkdownFiles()) {
      const decoded = decodeText(new Uint8Array(readFileSync(file)));
      if (decoded.ok && expectSameSplit(decoded.text)) withYaml++;
    }
    expect(withYaml).toBeGreaterThan(200);
  });

  it("hands the YAML reader what gray-matter handed its engine, on random documents", () => {
    let withYaml = 0;
    let without = 0;
    fc.assert(
      fc.property(fc.constantFrom("---", "--- ", "---\t", "---  \t"), fc.array(line, { maxLength: 8 }), fc.constantFrom("", "\n"), (open, lines, end) => {
        if (expectSameSplit(`${open}\n${lines.join("\n")}${end}`)) withYaml++;
        else without++;
      }),
      { numRuns: 3_000 },
    );
    expect(withYaml).toBeGreaterThan(300);
    expect(without).toBeGreaterThan(300);
  });
});
