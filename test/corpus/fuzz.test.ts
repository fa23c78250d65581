/**
 * Fuzzing the parser and validator (parseJournalFile) with fast-check: random
 * front matter (known and hostile keys, YAML's special tokens, nested lists and
 * mappings, broken fences), random Markdown bodies, random file names, and
 * random raw bytes. 10,000 inputs per property. Whatever the input:
 *
 * - parsing never throws;
 * - every diagnostic is located (line and column from 1, the line inside the
 *   file) and has a message and a hint;
 * - a file gives an entry exactly when it has no error, and a file that gives
 *   none without being skipped by name has an error;
 * - an entry holds only valid values (moods and levels 1-5, slugs that can
 *   name a page, non-empty win texts);
 * - nothing pollutes Object.prototype.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatDiagnostic } from "../../src/model/diagnostic.js";
import { parseJournalFile, type ParseResult } from "../../src/parse/entry.js";

const RUNS = 10_000;
const TIMEOUT = 120_000;
const encoder = new TextEncoder();

/** File names: days, weeks, slugs, folders, ignored and unknown names, impossible dates. */
const relPath = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("2026-11-21.md", "2026/11/2026-11-21-evening.md", "2024-02-29.md", "2027-01-01.md") },
  { weight: 3, arbitrary: fc.constantFrom("2026-W47.md", "weeks/2026-W53.md") },
  { weight: 1, arbitrary: fc.constantFrom("2026-02-30.md", "2026-W54.md", "_drafts/2026-11-21.md", ".hidden.md", "notes.md", "2026-1-5.md") },
);

/** YAML's special tokens and the text a careless or hostile writer puts in a value. */
const specialScalar = fc.constantFrom(
  "~", "null", "yes", "no", "on", "off", "True", "FALSE", ".inf", "-.Inf", ".nan", "0o17", "0x1F", "010", "1e3", "1_000", "12:30", "12:30:45",
  "2026-11-21", "2026-02-30", "2026-11-21T23:30:00-10:00", "\"\"", "''", "\"a\\\"b\"", "'it''s'", "\"\\x1b[2J\"", "\"\\u202e\"", "- x", "[", "]", "{", "}",
  "{a: 1", "[a, [b, [c]]]", "|", ">-", "*a", "&a x", "&a [*a]", "!!js/function 'f'", "!!binary aGk=", "!custom x", "? x", "%YAML 1.1", "#", "a # b",
  "a: b", "@x", "`x`", "<script>alert(1)</script>", "javascript:alert(1)", "../../etc", "index", "constructor", "__proto__", "wοrk", "x".repeat(70),
);

const scalar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("1", "3", "5", "true", "false", "Walked to work", "\"Fixed bug: the login\"", "work", "2026-11-21", "") },
  { weight: 3, arbitrary: specialScalar },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 9 }).map(String) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.constantFrom("work", "social", "meditate", "gym", "Work", "a/b", "ok-slug") },
);

const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("wins", "mood", "energy", "did_well", "tags", "private", "date", "rating", "focus") },
  { weight: 2, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "Private", "wnis", "text", "area", "level", "habit", "<<", "? a", "\"q\"", "") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const winItem = fc.oneof(
  scalar.map((s) => `  - ${s}`),
  fc
    .record({
      text: fc.option(scalar, { nil: undefined }),
      area: fc.option(scalar, { nil: undefined }),
      level: fc.option(scalar, { nil: undefined }),
      habit: fc.option(scalar, { nil: undefined }),
      extra: fc.option(fc.tuple(key, scalar), { nil: undefined }),
    })
    .map((w) => {
      const lines = Object.entries({ text: w.text, area: w.area, level: w.level, habit: w.habit })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}: ${v}`);
      if (w.extra) lines.push(`${w.extra[0]}: ${w.extra[1]}`);
      return lines.length === 0 ? "  - {}" : lines.map((l, i) => `${i === 0 ? "  - " : "    "}${l}`).join("\n");
    }),
);

const entryLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`) },
  { weight: 2, arbitrary: fc.array(winItem, { maxLength: 4 }).map((items) => `wins:\n${items.join("\n")}`) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }).map((items) => `tags: [${items.join(", ")}]`) },
  { weight: 1, arbitrary: fc.tuple(key, fc.array(scalar, { maxLength: 3 })).map(([k, items]) => `${k}:\n${items.map((i) => `  - ${i}`).join("\n")}`) },
  { weight: 1, arbitrary: fc.constantFrom("\t- tabbed", "  indented: 1", "- a list item", "...", "--- not a fence", "#: x", "a: &x [1, *x]") },
);

const opening = fc.oneof(
  { weight: 12, arbitrary: fc.constant("---") },
  { weight: 1, arbitrary: fc.constantFrom("--- ", "---js", "---yaml", "+++", "", "\n---", "\uFEFF---", "---\t", "----") },
);
const closing = fc.oneof({ weight: 12, arbitrary: fc.constant("---") }, { weight: 1, arbitrary: fc.constantFrom("--- ", "", "...", "---js", "+++") });

const bodyToken = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("- [x] done", "- [ ] planned", "* [X] Done", "1. [x] one", "  - [x] nested", "# Heading", "> quote", "```", "~~~", "| a | b |\n| - | - |", "---", "***", "<script>x</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))", "![i](data:text/html,x)", "[^1]", "[^1]: note", "<!-- c -->", "&amp;", "\\", "*", "_", "`", "[", "](", "<", "\u0000", "\r", "\t") },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);
const body = fc.array(bodyToken, { maxLength: 10 }).chain((tokens) => fc.constantFrom("\n", " ", "").map((sep) => tokens.join(sep)));

/** A whole file as text: an opening line, front-matter lines, a closing line, a body; LF, CRLF or CR. */
const journalText = fc
  .record({ opening, lines: fc.array(entryLine, { maxLength: 6 }), closing, body, eol: fc.constantFrom("\n", "\n", "\r\n", "\r") })
  .map(({ opening: o, lines, closing: c, body: b, eol }) => [o, ...lines, c, b].join("\n").replace(/\n/g, eol));

/** A JSON-like value of any shape, for front matter that is valid YAML but any data at all. */
const anyValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -2, max: 7 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** Valid YAML front matter (written by the yaml package) holding any data under known and hostile keys. */
const structuredText = fc
  .record({
    data: fc.dictionary(key, fc.oneof({ weight: 3, arbitrary: anyValue }, { weight: 2, arbitrary: fc.array(fc.oneof(scalar, fc.dictionary(fc.constantFrom("text", "area", "level", "habit", "x"), anyValue, { maxKeys: 4 })), { maxLength: 4 }) }), { maxKeys: 6 }),
    body,
  })
  .map(({ data, body: b }) => `---\n${stringify(data)}---\n${b}`);

/** The number of lines a file has as an editor counts them (LF, CRLF and CR each end one). */
function lineCount(bytes: Uint8Array): number {
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++;
  return lines;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Everything a parse result must satisfy, whatever the input. */
function checkResult(result: ParseResult, bytes: Uint8Array): void {
  const lines = lineCount(bytes);
  for (const d of result.diagnostics) {
    const shown = formatDiagnostic(d);
    if (!(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines)) throw new Error(`line out of the file (${lines} lines): ${shown}`);
    if (!(Number.isInteger(d.column) && d.column >= 1)) throw new Error(`column not from 1: ${shown}`);
    if (d.message.trim() === "") throw new Error(`no message: ${shown}`);
    if ((d.hint ?? "").trim() === "") throw new Error(`no hint: ${shown}`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f]/.test(shown)) throw new Error(`not one printable line: ${JSON.stringify(shown)}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (result.entry !== null && errors.length > 0) throw new Error("an entry despite errors");
  if (result.entry === null && result.skipped === undefined && errors.length === 0) throw new Error("no entry, not skipped, and no error saying why");
  const entry = result.entry;
  if (entry?.kind === "day") {
    for (const n of [entry.mood, entry.energy]) if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 5)) throw new Error(`mood or energy ${n}`);
    for (const w of entry.wins) {
      if (w.text.trim() === "") throw new Error("an empty win");
      if (!(Number.isInteger(w.level) && w.level >= 1 && w.level <= 5)) throw new Error(`level ${w.level}`);
      for (const slug of [w.area, w.habit]) if (slug !== undefined && (!SLUG.test(slug) || slug === "index")) throw new Error(`slug ${slug}`);
    }
  }
  if (entry?.kind === "week" && entry.focus !== undefined && (!SLUG.test(entry.focus) || entry.focus === "index")) throw new Error(`focus ${entry.focus}`);
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error("Object.prototype polluted");
}

function parse(rel: string, bytes: Uint8Array): ParseResult {
  return parseJournalFile({ file: `journal/${rel}`, relPath: rel, bytes });
}

describe("fuzzing parseJournalFile", () => {
  it(
    "random front matter and bodies: never a crash, always an entry or a located error",
    () => {
      fc.assert(
        fc.property(relPath, fc.oneof(journalText, structuredText), (rel, text) => {
          const bytes = encoder.encode(text);
          checkResult(parse(rel, bytes), bytes);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "random text of any characters, with and without fences",
    () => {
      fc.assert(
        fc.property(
          relPath,
          fc.constantFrom("", "---\n", "---\n---\n", "---\nwins:\n  - "),
          fc.string({ unit: fc.oneof(fc.constantFrom("-", ":", " ", "\n", "[", "]", "{", "}", "*", "&", "!", "#", "|", ">", "'", "\"", "\t", "\r", "\\", "`", "<"), fc.string({ unit: "grapheme", maxLength: 1 })), maxLength: 120 }),
          (rel, prefix, text) => {
            const bytes = encoder.encode(prefix + text);
            checkResult(parse(rel, bytes), bytes);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "random raw bytes: never a crash, bytes that are not UTF-8 located at the first bad one",
    () => {
      fc.assert(
        fc.property(
          relPath,
          fc.constantFrom(new Uint8Array(), encoder.encode("---\n"), encoder.encode("---\nwins: [a]\n---\n"), new Uint8Array([0xef, 0xbb, 0xbf])),
          fc.uint8Array({ maxLength: 160 }),
          (rel, prefix, tail) => {
            const bytes = new Uint8Array([...prefix, ...tail]);
            checkResult(parse(rel, bytes), bytes);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it("polluted nothing", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => !["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"].includes(name))).toEqual([]);
  });
});
