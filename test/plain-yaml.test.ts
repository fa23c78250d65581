/**
 * readPlainYaml reads the common shape of front matter without the YAML
 * parser. Whatever it accepts, it must read exactly as parseYaml does: the same
 * data (types and prototypes included) and the same position for every path,
 * of values and of keys, and for paths that lead nowhere. Whatever the YAML
 * parser would refuse, it must leave alone. Checked on random documents built
 * from the subset and from the lines just outside it, and on every front
 * matter in the fixtures, the corpus and the sample journal.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repoMarkdownFiles } from "./helpers/files.js";
import { decodeText } from "../src/parse/decode.js";
import { parseYaml, type YamlData } from "../src/parse/frontmatter.js";
import { readPlainYaml } from "../src/parse/plain-yaml.js";


/** Every path into `data`, and a step past each that leads nowhere. */
function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, "missing"], [...prefix, 99]];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (data !== null && typeof data === "object") for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Fails unless the YAML parser reads `text` to the same data and positions as `plain`. */
function expectSameAsParser(text: string, plain: YamlData): void {
  const full = parseYaml(text, 1);
  expect(full.ok, text).toBe(true);
  if (!full.ok) return;
  expect(isDeepStrictEqual(plain.data, full.yaml.data), text).toBe(true);
  for (const p of paths(full.yaml.data)) {
    expect(plain.positionOf(p), `${JSON.stringify(p)} in ${JSON.stringify(text)}`).toEqual(full.yaml.positionOf(p));
    expect(plain.keyPositionOf(p), `key ${JSON.stringify(p)} in ${JSON.stringify(text)}`).toEqual(full.yaml.keyPositionOf(p));
  }
}


const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("wins", "mood", "energy", "did_well", "tags", "private", "date", "text", "area", "level", "habit", "rating", "focus") },
  { weight: 2, arbitrary: fc.constantFrom("a-b", "_x", "Mood", "x1", "true", "Null", "constructor", "__proto__", "toString", "a b", "1", "-x", "ké") },
);
const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("Made my bed", "work", "social-confidence", "1", "5", "0", "42", "true", "False", "NULL", "null", "yes", "no", "on", "Off", "N") },
  { weight: 4, arbitrary: fc.constantFrom("[a]", "[a, b]", "[ a , b c ]", "[]", "[1, true, x]", "[a,]", "[,a]", "[a, [b]]", "[a] b", "{a: 1}", "[a: b]", "[a #b]") },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "", " ", "a ", "a  b", "a: b", "a:b", "a #b", "a#b", "'q'", "\"q\"", "it's", "Wow!", "a, b", "a - b", "e.g. this", "(x)", "1.5", "01", "-1", "+1", "0x1F", "0o7",
      "1e3", ".inf", "~", "12:30", "2026-11-21", "&a x", "*a", "!x", "x!", "%x", "@x", "`x`", "|", ">", "- x", "? x", "é à", "l’été", "a — b", "a\tb", "x".repeat(70), "1234567890",
    ),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '"Fixed #12: the login (3rd try)"', "'Ran 5.2 km: best!'", '""', "''", '"  spaced  "', "'it''s'", "'a'b'", "'a''", '"a\\"b"', '"a\\nb"', '"a" # c', '"a" x', "'a' ",
      '"a', "'a", '"tab\there"', '"nel\u0085"', '"ls\u2028"', '"bom\ufeff"', '"é ☃ 𝄞 — ‘q’"', "'\"q\" and #x: y'", '"[a, b]"', "'- x'", '"null"', "'12'", '"a: b"',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }).map((s) => `"${s}"`) },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }).map((s) => `'${s}'`) },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
);
const indent = fc.constantFrom("", " ", "  ", "   ", "    ", "      ");
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k}: ${v}`) },
  { weight: 3, arbitrary: key.map((k) => `${k}:`) },
  { weight: 5, arbitrary: fc.tuple(indent, value).map(([i, v]) => `${i}- ${v}`) },
  { weight: 5, arbitrary: fc.tuple(indent, key, value).map(([i, k, v]) => `${i}- ${k}: ${v}`) },
  { weight: 5, arbitrary: fc.tuple(indent, key, value).map(([i, k, v]) => `${i}${k}: ${v}`) },
  { weight: 2, arbitrary: fc.constantFrom("", "  ", "# a comment", "...", "-", "- ", "  -", "\t", "key:  spaced", "key:value") },
);
/** Values mostly inside the subset, now and then just outside it. */
const likelyValue = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      "Made my bed", "Asked one question, out loud", "it's done", "Wow!", "e.g. this (or that)", "a - b", "l’été à la mer", "work", "1", "5", "0", "true", "False", "NULL", "yes", "[a]", "[a, b c]", "[]", "[ x , 2 ]",
      '"Fixed #142: login timeout (3rd try)"', "'Shipped v2.3: 40% faster'", '"Read 12 pages of \'Emma\'"', "'Read 5 pages of \"Emma\"'", "'It''s 7:30: done'",
    ),
  },
  { weight: 1, arbitrary: value },
);
/** Front matter in the shape most files have, so that the subset is often hit. */
const typical = fc
  .record({
    wins: fc.array(
      fc.oneof(
        likelyValue.map((v) => [`  - ${v}`]),
        fc
          .tuple(likelyValue, fc.uniqueArray(fc.tuple(fc.constantFrom("area", "level", "habit", "extra"), likelyValue), { maxLength: 3, selector: ([k]) => k }))
          .map(([t, more]) => [`  - text: ${t}`, ...more.map(([k, v]) => `    ${k}: ${v}`)]),
      ),
      { maxLength: 4 },
    ),
    rest: fc.uniqueArray(fc.tuple(key, likelyValue), { maxLength: 5, selector: ([k]) => k }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`)),
    blank: fc.nat({ max: 6 }),
  })
  .map(({ wins, rest, blank }) => {
    const lines = [...(wins.length > 0 ? ["wins:", ...wins.flat()] : []), ...rest];
    if (blank < lines.length) lines.splice(blank, 0, "");
    return lines;
  });

describe("readPlainYaml", () => {
  it("reads what it accepts exactly as the YAML parser does, on random documents", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(typical, fc.array(line, { maxLength: 8 })), fc.constantFrom("", "  "), fc.constantFrom("", "\n"), (lines, firstLine, end) => {
        // As gray-matter hands it over: the rest of the opening --- line first.
        const text = `${firstLine}\n${lines.join("\n")}${end}`;
        const plain = readPlainYaml(text, 1);
        if (!plain) {
          refused++;
          return;
        }
        accepted++;
        expectSameAsParser(text, plain);
      }),
      { numRuns: 6_000 },
    );
    // The subset is exercised, and so is the way out of it.
    expect(accepted).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it("reads every front matter of the fixtures, the corpus and the sample journal that it accepts as the YAML parser does", () => {
    let accepted = 0;
    const files = repoMarkdownFiles();
    for (const file of files) {
      const decoded = decodeText(new Uint8Array(readFileSync(file)));
      if (!decoded.ok || !/^---[ \t]*\n/.test(decoded.text)) continue;
      const close = decoded.text.indexOf("\n---", 3);
      if (close === -1) continue;
      const source = decoded.text.slice(3, close);
      const plain = readPlainYaml(source, 1);
      if (!plain) continue;
      accepted++;
      expectSameAsParser(source, plain);
    }
    expect(accepted).toBeGreaterThan(200);
  });

  it("leaves to the YAML parser what needs it: escapes, comments, colons, empty values, repeated keys, nesting, tabs", () => {
    for (const text of [
      'did_well: "Fixed bug:\\t the login"',
      'did_well: "Fixed" # the login',
      "did_well: 'Fixed' bug",
      "tags: ['a', \"b\"]",
      "mood: 4 # good day",
      "did_well: Fixed bug: the login",
      "mood:",
      "mood: 1\nmood: 2",
      "habits:\n  read: daily",
      "wins:\n  - text: a\n      more: b",
      "mood:\t4",
      "tags: {a: 1}",
      "__proto__: x",
      "wins:\n  - a\n - b",
      "date: 2026-11-21",
      "level: 1.5",
      "mood: 04",
    ]) {
      expect(readPlainYaml(`\n${text}\n`, 1), text).toBeUndefined();
    }
  });

  it("reads quoted texts on one line, with colons, # and quotes in them, as the YAML parser does", () => {
    const text = "\nwins:\n  - \"Fixed #142: login (3rd try)\"\n  - text: 'It''s 7:30: \"done\"'\n    area: work\ndid_well: \"\"\n";
    const plain = readPlainYaml(text, 1);
    expect(plain?.data).toEqual({ wins: ["Fixed #142: login (3rd try)", { text: 'It\'s 7:30: "done"', area: "work" }], did_well: "" });
    if (plain) expectSameAsParser(text, plain);
  });

  it("gives file positions of wins, keys and list items", () => {
    const plain = readPlainYaml("\nwins:\n  - Made my bed\n  - text: Asked\n    area: work\ntags: [a, b]\n", 1);
    expect(plain?.data).toEqual({ wins: ["Made my bed", { text: "Asked", area: "work" }], tags: ["a", "b"] });
    expect(plain?.positionOf(["wins", 1])).toEqual({ line: 4, column: 5 });
    expect(plain?.keyPositionOf(["wins", 1, "area"])).toEqual({ line: 5, column: 5 });
    expect(plain?.positionOf(["tags", 1])).toEqual({ line: 6, column: 11 });
    expect(plain?.positionOf(["wins", 7, "text"])).toEqual({ line: 3, column: 3 });
  });
});
