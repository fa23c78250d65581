/**
 * A body's references filled for a page (src/render/body.ts): a reference
 * that leads to a page is a link relative to the page; one that leads nowhere
 * is its text, never a broken link; what a title or text holds is escaped.
 */
import { describe, expect, it } from "vitest";
import { readBody } from "../src/parse/markdown.js";
import { NO_FILES } from "../src/aggregate/files.js";
import type { LinkedHtml, Links } from "../src/model/site.js";
import { bodyHtml as fillBody, type BodyPlace } from "../src/render/body.js";

/** A journal's links with these dates, weeks and entry files (path → date). */
function linksTo(dates: readonly string[] = [], weeks: readonly string[] = [], files: Readonly<Record<string, string>> = {}): Links {
  const byPath = new Map(Object.entries(files).map(([file, date]) => [file, { path: `days/${date}.html`, label: date }]));
  return { dates: new Set(dates), weekPages: new Set(weeks), byPath, byName: new Map(), names: [], mentions: new Map(), files: NO_FILES, published: new Map() };
}

/** A parsed body, written in `2026-11-21.md`, and `count` references found in it. */
function body(markdown: string, count: number): LinkedHtml {
  const { html, references } = readBody(markdown);
  expect(references).toHaveLength(count);
  return { html, references, relPath: "2026-11-21.md" };
}

/** The body's HTML on a page at `place`. */
function bodyHtml(b: LinkedHtml, links: Links, place: BodyPlace): string {
  return fillBody(b, links, place);
}

describe("a body's references on a page", () => {
  it("that lead nowhere are their text: a link its content, a picture its alternative text", () => {
    const b = body("See [the *day*](2026-11-20.md), [[2026-11-19|before]], ![A run](run.jpg) and ![[map.png]].\n", 4);
    expect(bodyHtml(b, linksTo(), { root: "../" })).toBe("<p>See the <em>day</em>, before, A run and map.png.</p>");
  });

  it("that lead to a page are links relative to the page, with their title", () => {
    const b = body('[yesterday](2026-11-20.md "The day before") and [[2026-W47]]\n', 2);
    const links = linksTo([], ["2026-W47"], { "2026-11-20.md": "2026-11-20" });
    expect(bodyHtml(b, links, { root: "../" })).toBe('<p><a href="../days/2026-11-20.html" title="The day before">yesterday</a> and <a href="../weeks/2026-W47.html">2026-W47</a></p>');
    expect(bodyHtml(b, links, { root: "https://example.org/wins/" })).toContain('href="https://example.org/wins/days/2026-11-20.html"');
  });

  it("an embedded day is a link to it, and inside a link's text it is text", () => {
    const b = body("![[2026-11-20|that day]] [a ![[2026-11-19]] b](https://example.org/)\n", 2);
    expect(bodyHtml(b, linksTo(["2026-11-20", "2026-11-19"]), { root: "" })).toBe('<p><a href="days/2026-11-20.html">that day</a> <a href="https://example.org/">a 2026-11-19 b</a></p>');
  });

  it("escapes the titles and texts it writes", () => {
    const b = body('[x](a.md "<b>&\\"") ![<i>&](b.jpg)\n', 2);
    expect(bodyHtml(b, linksTo([], [], { "a.md": "2026-11-20" }), { root: "" })).toBe('<p><a href="days/2026-11-20.html" title="&lt;b&gt;&amp;&quot;">x</a> &lt;i&gt;&amp;</p>');
  });
});
