/**
 * The wikilink syntax (src/parse/wikilink.ts): what Obsidian reads as
 * `[[target|alias]]`, `[[target#heading]]` and `![[file]]`, with exact
 * positions, and what it does not (code, escapes, line endings, brackets
 * inside, empty targets, text longer than the cap).
 */
import type { Nodes, Root } from "mdast";
import { describe, expect, it } from "vitest";
import { markdownProcessor } from "../src/parse/markdown.js";
import { MAX_WIKILINK_LENGTH, type WikiLink } from "../src/parse/wikilink.js";

const processor = markdownProcessor({ tables: true, frontMatter: false });

/** Every wikiLink node of a text, as the tree gives it. */
function wikiLinks(markdown: string): WikiLink[] {
  const found: WikiLink[] = [];
  (function walk(node: Nodes): void {
    if (node.type === "wikiLink") found.push(node);
    if ("children" in node) for (const child of node.children) walk(child);
  })(processor.parse(markdown) as Root);
  return found;
}

/** The fields of the wikilinks of a text, without positions. */
const fields = (markdown: string): Record<string, unknown>[] =>
  wikiLinks(markdown).map(({ embed, target, heading, alias, value }) => ({ embed, target, value, ...(heading !== undefined ? { heading } : {}), ...(alias !== undefined ? { alias } : {}) }));

describe("wikilink syntax", () => {
  it.each([
    ["[[2026-11-20]]", { embed: false, target: "2026-11-20", value: "2026-11-20" }],
    ["[[2026-11-20|yesterday]]", { embed: false, target: "2026-11-20", alias: "yesterday", value: "yesterday" }],
    ["[[2026-11-20#Morning]]", { embed: false, target: "2026-11-20", heading: "Morning", value: "2026-11-20 > Morning" }],
    ["[[2026-11-20#Morning|the run]]", { embed: false, target: "2026-11-20", heading: "Morning", alias: "the run", value: "the run" }],
    ["[[2026-W47]]", { embed: false, target: "2026-W47", value: "2026-W47" }],
    ["[[2026-11-20-run]]", { embed: false, target: "2026-11-20-run", value: "2026-11-20-run" }],
    ["![[run.jpg]]", { embed: true, target: "run.jpg", value: "" }],
    ["![[run.jpg|Morning run]]", { embed: true, target: "run.jpg", alias: "Morning run", value: "Morning run" }],
    ["![[photos/my run.jpg]]", { embed: true, target: "photos/my run.jpg", value: "" }],
    ["[[ spaced  |  alias ]]", { embed: false, target: "spaced", alias: "alias", value: "alias" }],
    ["[[a|b|c]]", { embed: false, target: "a", alias: "b|c", value: "b|c" }],
    ["[[a|]]", { embed: false, target: "a", value: "a" }],
    ["[[#Heading]]", { embed: false, target: "", heading: "Heading", value: "Heading" }],
    ["[[Sq]uare]]", { embed: false, target: "Sq]uare", value: "Sq]uare" }],
    ["[[tab\there]]", { embed: false, target: "tab\there", value: "tab\there" }],
  ])("%s", (markdown, expected) => {
    expect(fields(markdown)).toEqual([expected]);
  });

  it.each([
    ["an empty target", "[[]]"],
    ["a blank target", "[[   ]]"],
    ["an alias without a target", "[[|x]]"],
    ["a line ending inside", "[[2026-11\n-20]]"],
    ["an unclosed link", "[[2026-11-20"],
    ["a single bracket", "[2026-11-20]"],
    ["an escaped bracket", "\\[[2026-11-20]]"],
    ["a code span", "`[[2026-11-20]]`"],
    ["a fenced code block", "```\n[[2026-11-20]]\n```"],
    ["an indented code block", "    [[2026-11-20]]"],
  ])("is no wikilink: %s", (_name, markdown) => {
    expect(fields(markdown)).toEqual([]);
  });

  it("a [ inside gives up, so that only the innermost one links", () => {
    expect(fields("[[a [[b]] c]]")).toEqual([{ embed: false, target: "b", value: "b" }]);
  });

  it("a third ] is text after the link", () => {
    expect(fields("[[a]]]").map((l) => l.target)).toEqual(["a"]);
    expect(String(processor.stringify(processor.runSync(processor.parse("x [[a]]] y"))))).toContain("]");
  });

  it("is capped in length, so that an unclosed [[ is not scanned to the end of a long line", () => {
    const longest = "x".repeat(MAX_WIKILINK_LENGTH);
    expect(fields(`[[${longest}]]`).map((l) => l.target)).toEqual([longest]);
    expect(fields(`[[${longest}x]]`)).toEqual([]);
  });

  it("reads `\\|` as the alias marker inside a table cell, as Obsidian writes it there", () => {
    expect(fields("| day |\n| --- |\n| [[2026-11-20\\|yesterday]] |\n")).toEqual([{ embed: false, target: "2026-11-20", alias: "yesterday", value: "yesterday" }]);
  });

  it("is positioned from its ! or first [ to its last ], on any line", () => {
    const links = wikiLinks("Some text [[2026-11-20|y]] and\nthen ![[run.jpg]] here.");
    expect(links.map((l) => [l.position?.start, l.position?.end].map((p) => `${p?.line}:${p?.column}:${p?.offset}`))).toEqual([
      ["1:11:10", "1:27:26"],
      ["2:6:36", "2:18:48"],
    ]);
  });

  it("leaves the links and images of Markdown as they are", () => {
    const tree = processor.parse("[a](b.md) ![c](d.jpg) [e][f]\n\n[f]: g.pdf\n");
    expect(JSON.stringify(tree)).not.toContain("wikiLink");
    expect(JSON.stringify(tree)).toContain('"type":"linkReference"');
  });
});
