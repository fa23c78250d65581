/**
 * A body's references (src/parse/references.ts): which links, images,
 * reference-style links, wikilinks and embeds are references to the journal,
 * where each is written, and how the HTML holds them (markers, never the URL
 * as written), whatever the Markdown around them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillReferences, referenceMarker } from "../src/model/body-html.js";
import { isJournalUrl } from "../src/parse/references.js";
import { readBody } from "../src/parse/markdown.js";

/** The body's HTML with each marker shown as `{o0}`, `{c0}`, `{v0}`. */
const shown = (html: string): string => fillReferences(html, (i, part) => `{${part[0]}${i}}`);

describe("which URLs are references to the journal", () => {
  it.each([
    ["2026-11-20.md", true],
    ["../11/2026-11-20-run.md", true],
    ["photos/run.jpg", true],
    ["photos/my%20run.jpg", true],
    ["./files/r.pdf", true],
    ["", true],
    ["?x=1", true],
    ["/etc/passwd", true],
    ["/\\evil.example", true],
    ["\\\\server\\share\\a.jpg", true],
    ["C:\\Users\\me\\a.jpg", true],
    ["c:/Users/me/a.jpg", true],
    ["file:///etc/passwd", true],
    ["FILE:///etc/passwd", true],
    ["https://example.org/a.jpg", false],
    ["HTTP://example.org/", false],
    ["mailto:me@example.org", false],
    ["//example.org/a.jpg", false],
    ["#heading", false],
    ["javascript:alert(1)", false],
    ["data:image/png;base64,AAAA", false],
  ])("%j: %s", (url, expected) => {
    expect(isJournalUrl(url)).toBe(expected);
  });
});

describe("a body's references", () => {
  it("finds links, images and wikilinks with their file positions, and marks them in the HTML", () => {
    const text = "---\nmood: 3\n---\nSee [yesterday](2026-11-20.md) and [[2026-11-19|the day before]].\n\n![Morning run](photos/run.jpg \"At dawn\") ![[map.png|The map]]\n";
    const body = readBody(text, 4, text.indexOf("See"));
    expect(body.references).toEqual([
      { kind: "link", target: "2026-11-20.md", at: { line: 4, column: 5 } },
      { kind: "wikilink", target: "2026-11-19", at: { line: 4, column: 36 } },
      { kind: "image", target: "photos/run.jpg", at: { line: 6, column: 1 }, alt: "Morning run", text: "Morning run", title: "At dawn" },
      { kind: "embed", target: "map.png", at: { line: 6, column: 42 }, alt: "The map", text: "The map" },
    ]);
    expect(shown(body.html)).toBe("<p>See {o0}yesterday{c0} and {o1}the day before{c1}.</p>\n<p>{v2} {v3}</p>");
    expect(body.text).toBe("See yesterday and the day before.\nMorning run The map");
  });

  it("leaves web links and fragments as they are", () => {
    const body = readBody("[a](https://example.org/) [b](mailto:me@example.org) [c](#top) ![d](https://example.org/d.png) <https://example.org/e>\n");
    expect(body.references).toEqual([]);
    expect(body.html).toBe(
      '<p><a href="https://example.org/">a</a> <a href="mailto:me@example.org">b</a> <a href="#top">c</a> <img src="https://example.org/d.png" alt="d"> <a href="https://example.org/e">https://example.org/e</a></p>',
    );
  });

  it("takes a reference-style link's URL from its definition, and says where the definition is", () => {
    const body = readBody("A [receipt][r] and ![a photo][p] and [web][w].\n\n[r]: files/r.pdf \"Paid\"\n[p]: photos/run.jpg\n[w]: https://example.org/\n");
    expect(body.references).toEqual([
      { kind: "link", target: "files/r.pdf", at: { line: 3, column: 1 }, title: "Paid" },
      { kind: "image", target: "photos/run.jpg", at: { line: 4, column: 1 }, alt: "a photo", text: "a photo" },
    ]);
    expect(shown(body.html)).toBe('<p>A {o0}receipt{c0} and {v1} and <a href="https://example.org/">web</a>.</p>');
  });

  it("keeps an image inside a link, and makes a wikilink inside a link's text its text", () => {
    const body = readBody("[![run](photos/run.jpg)](photos/run.jpg) [see [[2026-11-20]] here](https://example.org/)\n");
    expect(body.references.map((r) => [r.kind, r.target, r.inLink ?? false])).toEqual([
      ["link", "photos/run.jpg", false],
      ["image", "photos/run.jpg", true],
    ]);
    expect(shown(body.html)).toBe('<p>{o0}{v1}{c0} <a href="https://example.org/">see 2026-11-20 here</a></p>');
  });

  it("makes references of paths that leave the journal, so that none reaches a page as written", () => {
    const body = readBody("[a](../../.ssh/id_ed25519) ![b](/etc/passwd) [c](file:///etc/passwd) ![d](C:\\Users\\me\\d.jpg) [e](%2e%2e/secret)\n");
    expect(body.references.map((r) => r.target)).toEqual(["../../.ssh/id_ed25519", "/etc/passwd", "file:///etc/passwd", "C:\\Users\\me\\d.jpg", "%2e%2e/secret"]);
    for (const written of ["ssh", "passwd", "file:", "Users", "%2e"]) expect(body.html).not.toContain(written);
  });

  it("keeps a file name's spaces, # and ? as written, for the model to resolve", () => {
    const body = readBody("![a](<photos/my run.jpg>) ![b](photos/my%20run.jpg) [c](files/a#1.pdf) [d](files/what?.pdf) ![e](photos\\_run.jpg)\n");
    expect(body.references.map((r) => r.target)).toEqual(["photos/my run.jpg", "photos/my%20run.jpg", "files/a#1.pdf", "files/what?.pdf", "photos_run.jpg"]);
  });

  it("finds nothing in code", () => {
    const body = readBody("`[a](b.md)` and\n\n```\n![c](d.jpg) [[e]]\n```\n");
    expect(body.references).toEqual([]);
  });

  it("turns a NUL in the text into U+FFFD, so that no text can make a marker", () => {
    const forged = `${referenceMarker("open", 0)}x${referenceMarker("close", 0)}`;
    const body = readBody(`a ${forged} &#0; b\n`);
    expect(body.references).toEqual([]);
    expect(body.html).not.toContain("\u0000");
  });

  it("gives every reference its markers once, and leaves no placeholder and no stray marker, whatever the Markdown around it", () => {
    const piece = fc.constantFrom(
      "[a](b.md)", "![c](d.jpg)", "[[2026-11-20]]", "![[e.png|E]]", "[f][g]", "[g]: h.pdf", "![i][g]", "[j](https://example.org/)", "[k](#top)",
      "*", "_", "[", "]", "(", ")", "!", "|", "\\", "`", "<", ">", "- [x] ", "> ", "# ", "\n", "\n\n", " ", "x", "<b>", "&amp;", "[[", "]]",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const body = readBody(pieces.join(""));
        const seen = new Map<string, number>();
        const rest = fillReferences(body.html, (i, part) => {
          seen.set(`${part}${i}`, (seen.get(`${part}${i}`) ?? 0) + 1);
          return "";
        });
        expect(rest).not.toContain("\u0000");
        expect(body.html).not.toContain("smallwins-reference-");
        const expected = new Map<string, number>();
        body.references.forEach((r, i) => {
          for (const part of r.kind === "image" || r.kind === "embed" ? ["void"] : ["open", "close"]) expected.set(`${part}${i}`, 1);
        });
        expect(seen).toEqual(expected);
      }),
      { numRuns: 1_500 },
    );
  });
});
