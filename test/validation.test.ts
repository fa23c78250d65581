/**
 * Validation beyond the fixtures: a fuzz test of the parser's contract, the
 * whole-journal rule that one bad file never hides the others, the verbatim
 * `path:line:column: severity: message (hint: ...)` lines, and one regression
 * test per parsing bug fixed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import type { IsoDate } from "../src/model/calendar.js";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../src/model/diagnostic.js";
import type { DayFile } from "../src/model/entry.js";
import { parseJournalFile, type ParseResult } from "../src/parse/entry.js";
import { DAY_KEYS, WEEK_KEYS, WIN_KEYS } from "../src/parse/schema.js";
import { analyzeJournal } from "../src/pipeline.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function parse(text: string | Uint8Array, relPath = "2026/11/2026-11-21.md"): ParseResult {
  return parseJournalFile({ file: `journal/${relPath}`, relPath, bytes: typeof text === "string" ? encode(text) : text });
}

function day(result: ParseResult): DayFile {
  const entry = result.entry;
  if (entry?.kind !== "day") throw new Error(`expected a daily entry, got ${JSON.stringify(result)}`);
  return entry;
}

const lines = (result: ParseResult): string[] => result.diagnostics.map(formatDiagnostic);

describe("parseJournalFile on random front matter and bodies (fuzz)", () => {
  /** How many random files to try. */
  const RUNS = 2000;
  // Front matter is built from the schema's own fields with mostly sensible
  // values, then broken by a few random edits, so runs cover good entries,
  // every kind of field error and YAML syntax errors alike.
  const scalar = fc.oneof(
    fc.constantFrom(
      "4", "3.5", "0", "6", "-1", "1e3", "0x3", ".inf", "yes", "no", "true", "True", "~", "null", "",
      "2026-11-21", "2026-02-30", "2026-11-21T23:30:00-08:00", "2026-11-21T25:61", "work", "Work", "my area",
      "#2a9d8f", "\"#2a9d8f\"", "*a", "&a x", "&a [x, x]", "!!str 3", "!js/function 'x'", "!!binary aGk=",
      "[a, b]", "[a, [b, c]]", "{a: 1}", "{text: x, level: 2}", "[", "{", "]", "}", "\"unterminated", "'quoted'",
      "'it''s'", "\"esc \\\" aped\"", "Fixed bug: the login", "a: b: c", "- nested", "|", ">-", "@x", "`x`",
      "%YAML 1.1", "? complex", ": lone", "<<: *a", "💪 win", "\u0000", "\u00a0",
    ),
    fc.string({ maxLength: 12 }),
  );
  const anyKey = fc.constantFrom(...DAY_KEYS, ...WEEK_KEYS, ...WIN_KEYS, "wnis", "lvl", "Mood", "__proto__", "constructor", "toString", "a b", "\"quoted key\"", "? x", "");
  const indent = fc.constantFrom("", "", "  ", "    ", "      ", " ", "\t");
  const anyLine = fc.oneof(
    fc.tuple(indent, anyKey, scalar).map(([i, k, v]) => `${i}${k}: ${v}`),
    fc.tuple(indent, anyKey).map(([i, k]) => `${i}${k}:`),
    fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`),
    fc.tuple(indent, anyKey, scalar).map(([i, k, v]) => `${i}- ${k}: ${v}`),
    fc.tuple(indent, scalar).map(([i, v]) => `${i}${v}`),
    fc.constantFrom("---", "...", "# a comment", "----", "--- x", ""),
  );

  const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
  const winText = mostly(
    fc.constantFrom("Made my bed", "Asked one question", "Ran 3 km", "Said no politely", "💪 Lifted", "\"Fixed bug: the login\"", "'Kept calm'"),
    fc.oneof(scalar, fc.constantFrom("Fixed bug: the login", "a #b", "[x] bracket", "")),
  );
  const slug = mostly(fc.constantFrom("work", "social-confidence", "health", "speak-up"), fc.oneof(scalar, fc.constantFrom("Work", "my area")));
  const oneToFive = mostly(fc.constantFrom("1", "2", "3", "4", "5"), fc.oneof(scalar, fc.constantFrom("0", "6", "3.5", "high")));
  const winItem = fc.oneof(
    winText.map((t) => [`  - ${t}`]),
    fc
      .record({
        text: winText,
        area: fc.option(slug, { freq: 2 }),
        level: fc.option(oneToFive, { freq: 2 }),
        habit: fc.option(slug, { freq: 2 }),
        extra: fc.option(fc.constantFrom("lvl: 2", "areas: work", "note: x"), { freq: 6 }),
      })
      .map((w) => [
        `  - text: ${w.text}`,
        ...(w.area === null ? [] : [`    area: ${w.area}`]),
        ...(w.level === null ? [] : [`    level: ${w.level}`]),
        ...(w.habit === null ? [] : [`    habit: ${w.habit}`]),
        ...(w.extra === null ? [] : [`    ${w.extra}`]),
      ]),
    winText.map((t) => [`  - [${t}]`]),
  );
  const value = (key: string, values: fc.Arbitrary<string>): fc.Arbitrary<string[] | null> =>
    fc.option(values.map((v) => [`${key}: ${v}`]), { freq: 2 });
  const fields = fc
    .record({
      wins: fc.option(
        fc.oneof(
          fc.array(winItem, { maxLength: 4 }).map((items) => ["wins:", ...items.flat()]),
          fc.array(winText, { maxLength: 3 }).map((texts) => [`wins: [${texts.join(", ")}]`]),
        ),
        { freq: 2 },
      ),
      mood: value("mood", oneToFive),
      energy: value("energy", oneToFive),
      rating: value("rating", oneToFive),
      focus: value("focus", slug),
      didWell: value("did_well", mostly(fc.constantFrom("Stayed calm", "\"Fixed bug: again\""), scalar)),
      tags: value("tags", mostly(fc.constantFrom("[confidence, work]", "confidence", "[]"), fc.oneof(scalar, fc.constantFrom("[a, 3]", "7")))),
      private: value("private", mostly(fc.constantFrom("true", "false"), fc.oneof(scalar, fc.constantFrom("yes", "no")))),
      date: value("date", mostly(fc.constantFrom("2026-11-21", "2026-11-21T23:30:00-08:00", "\"2026-11-21\""), fc.oneof(scalar, fc.constantFrom("2026-11-22", "2026-02-30")))),
      unknown: fc.option(fc.constantFrom("wnis: [a]", "lvl: 3", "weather: sunny", "Mood: 3"), { freq: 5 }),
    })
    .map((r) => Object.values(r).flatMap((lines) => lines ?? []));
  type Edit = (lines: string[]) => string[];
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.tuple(fc.nat(), anyLine).map(([at, line]) => (ls: string[]) => ls.toSpliced(at % (ls.length + 1), 0, line)),
    fc.tuple(fc.nat(), indent).map(([at, i]) => (ls: string[]) => ls.map((l, j) => (j === at % Math.max(ls.length, 1) ? i + l.trimStart() : l))),
    fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(":", ": ", "\"", "'", "\t", " #", "[", "{", "*", "&", "!", "- ", " ", "|")).map(
      ([at, col, text]) =>
        (ls: string[]) =>
          ls.map((l, j) => (j === at % Math.max(ls.length, 1) ? l.slice(0, col % (l.length + 1)) + text + l.slice(col % (l.length + 1)) : l)),
    ),
    fc.nat().map((at) => (ls: string[]) => ls.filter((_, j) => j !== at % Math.max(ls.length, 1))),
    fc.nat().map((at) => (ls: string[]) => ls.flatMap((l, j) => (j === at % Math.max(ls.length, 1) ? [l, l] : [l]))),
  );
  const edits: fc.Arbitrary<Edit[]> = fc.oneof({ weight: 3, arbitrary: fc.constant<Edit[]>([]) }, { weight: 2, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }) });
  const open = fc.oneof(
    { weight: 12, arbitrary: fc.constant("---") },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 2, arbitrary: fc.constantFrom("--- ", "---js", "---json", "---toml", "---yaml", "+++", "----", "\ufeff---", "# Title") },
  );
  const close = fc.oneof(
    { weight: 12, arbitrary: fc.constant("---") },
    { weight: 1, arbitrary: fc.constantFrom("--- ", "...", "----", "+++", "") },
  );
  const bodyLine = fc.oneof(
    fc.constantFrom(
      "- [x] done", "- [ ] planned", "  - [x] nested done", "    - [ ] nested planned", "* [X] upper", "1. [x] ordered",
      "- [x]", "- [ ]", "<script>globalThis.smallwinsFuzzScript = true</script>", "[a](javascript:alert(1))",
      "# Heading", "---", "| a | b |", "|---|---|", "> - [x] quoted task", "```", "![](x.png)", "",
    ),
    fc.string({ maxLength: 20 }),
  );
  const file = fc.record({
    relPath: fc.constantFrom("2026/11/2026-11-21.md", "2026/11/2026-11-21-evening.md", "2026/2026-W47.md", "2026-W53.md"),
    open,
    fields,
    edits,
    close,
    body: fc.array(bodyLine, { maxLength: 6 }),
    eol: fc.constantFrom("\n", "\n", "\r\n", "\r"),
    badByte: fc.oneof(
      { weight: 15, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xff)) },
    ),
  });

  it("never throws; gives an entry exactly when there is no error; locates every diagnostic", () => {
    // What the runs covered, so that a generator gone degenerate fails loudly.
    const seen = { entries: 0, errors: 0, yamlErrors: 0, frontMatterWins: 0, taskWins: 0, warnings: 0 };
    fc.assert(
      fc.property(file, ({ relPath, open, fields, edits, close, body, eol, badByte }) => {
        const front = edits.reduce((lines, apply) => apply(lines), fields);
        const text = [open, ...front, close, ...body].join(eol);
        let bytes = encode(text);
        if (badByte) {
          const [at, byte] = badByte;
          const i = at % (bytes.length + 1);
          bytes = new Uint8Array([...bytes.subarray(0, i), byte, ...bytes.subarray(i)]);
        }
        const result = parseJournalFile({ file: `journal/${relPath}`, relPath, bytes });
        if (result.entry) seen.entries++;
        if (hasErrors(result.diagnostics)) seen.errors++;
        if (result.diagnostics.some((d) => d.message.startsWith("invalid YAML"))) seen.yamlErrors++;
        if (result.diagnostics.some((d) => d.severity === "warning")) seen.warnings++;
        if (result.entry?.kind === "day" && result.entry.wins.some((w) => w.source === "front-matter")) seen.frontMatterWins++;
        if (result.entry?.kind === "day" && result.entry.wins.some((w) => w.source === "task")) seen.taskWins++;

        expect(result.skipped).toBeUndefined();
        expect(result.entry === null).toBe(hasErrors(result.diagnostics));
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const d of result.diagnostics) {
          expect(d.file).toBe(`journal/${relPath}`);
          expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `line of ${formatDiagnostic(d)}`).toBe(true);
          expect(Number.isInteger(d.column) && d.column >= 1, `column of ${formatDiagnostic(d)}`).toBe(true);
          expect(d.message.trim()).not.toBe("");
          expect(d.hint?.trim() ?? "").not.toBe("");
          expect(formatDiagnostic(d)).toMatch(/^journal\/[^:]+:\d+:\d+: (error|warning): .+ \(hint: .+\)$/s);
        }
        if (result.entry) {
          // Text may mention "javascript:" (in a code block, say); no tag or link may carry it.
          expect(result.entry.bodyHtml).not.toMatch(/<script|<[^>]*\s(?:href|src)\s*=\s*["']?\s*javascript:/i);
          if (result.entry.kind === "day") {
            expect(result.entry.tasksDone).toBeLessThanOrEqual(result.entry.tasksTotal);
            for (const win of result.entry.wins) {
              expect(win.text.trim()).not.toBe("");
              expect(win.level >= 1 && win.level <= 5 && Number.isInteger(win.level)).toBe(true);
            }
          }
        }
        expect((globalThis as Record<string, unknown>).smallwinsFuzzScript).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    // Shares well below what the generator gives (about 39%, 61%, 21%, 42%, 2.5% and 5.5%).
    const share = (n: number): number => n / RUNS;
    expect(share(seen.entries), JSON.stringify(seen)).toBeGreaterThan(0.15);
    expect(share(seen.errors), JSON.stringify(seen)).toBeGreaterThan(0.15);
    expect(share(seen.yamlErrors), JSON.stringify(seen)).toBeGreaterThan(0.05);
    expect(share(seen.warnings), JSON.stringify(seen)).toBeGreaterThan(0.05);
    expect(share(seen.frontMatterWins), JSON.stringify(seen)).toBeGreaterThan(0.0075);
    expect(share(seen.taskWins), JSON.stringify(seen)).toBeGreaterThan(0.02);
    // A few milliseconds a run on a busy machine; the timeout grows with RUNS.
  }, RUNS * 15);
});

describe("a journal with one bad file", () => {
  const folder = path.join(FIXTURES, "invalid-one-bad-file");
  const files = ["2026/11/2026-11-20.md", "2026/11/2026-11-21.md", "2026/11/2026-11-22.md", "notes.md"];
  const sources = files.map((relPath) => ({
    file: `journal/${relPath}`,
    relPath,
    bytes: relPath === "notes.md" ? encode("Not an entry.\n") : new Uint8Array(readFileSync(path.join(folder, relPath))),
  }));

  it("still counts the other files, and reports the bad one with its place", () => {
    const analysis = analyzeJournal(sources, DEFAULT_CONFIG, "2026-11-22" as IsoDate);
    expect(analysis.entries.map((e) => e.file)).toEqual(["journal/2026/11/2026-11-20.md", "journal/2026/11/2026-11-22.md"]);
    // 2026-11-20: Ran, Read; 2026-11-22: Called mum and the checked task "Paid the rent".
    expect(analysis.model.summary.totalWins).toBe(4);
    expect(analysis.model.summary.winDays).toBe(2);
    expect(analysis.filesRead).toBe(4);
    expect(analysis.diagnostics.map(formatDiagnostic)).toEqual([
      "journal/2026/11/2026-11-21.md:3:7: error: `mood` must be a whole number from 1 to 5, not 9 (hint: 1 is a low day, 5 a great one)",
      "journal/notes.md:1:1: warning: not a journal entry, skipped: the name is not a date or an ISO week (hint: name daily entries YYYY-MM-DD.md (or YYYY-MM-DD-slug.md) and weekly reflections YYYY-Www.md; start the name with _ to keep a file out of the journal)",
    ]);
  });

  it("gives the same numbers in any file order", () => {
    const forward = analyzeJournal(sources, DEFAULT_CONFIG, "2026-11-22" as IsoDate);
    const backward = analyzeJournal([...sources].reverse(), DEFAULT_CONFIG, "2026-11-22" as IsoDate);
    expect(backward.model.summary).toEqual(forward.model.summary);
    expect(backward.diagnostics).toEqual(forward.diagnostics);
  });
});

describe("formatted diagnostics read path:line:column: severity: message (hint: ...)", () => {
  it.each([
    [
      "2026/02/2026-02-30.md",
      "",
      "journal/2026/02/2026-02-30.md:1:1: error: no such day: February has 28 days in 2026 (hint: rename the file to a day that exists)",
    ],
    [
      "2026/11/2026-11-21.md",
      "---\nwins:\n  - text: Gave a talk\n    level: 6\n---\n",
      "journal/2026/11/2026-11-21.md:4:12: error: `wins[1].level` must be a whole number from 1 to 5, not 6 (hint: 1 is a tiny win (the default); raise it as the win gets harder)",
    ],
    [
      "2026/11/2026-11-21.md",
      "---\nprivate: yes\n---\n",
      "journal/2026/11/2026-11-21.md:2:10: error: `private` must be true or false, not \"yes\" (hint: write 'private: true' to keep this file's text off the site (YAML 1.2: yes/no are text))",
    ],
    [
      "2026/11/2026-11-21.md",
      "---\nwins:\n\t- Tabbed\n---\n",
      "journal/2026/11/2026-11-21.md:3:1: error: invalid YAML: Tabs are not allowed as indentation (hint: indent YAML with spaces, not tabs)",
    ],
    [
      "2026/2026-W47.md",
      "---\nfocus: Social\n---\n",
      "journal/2026/2026-W47.md:2:8: error: `focus` must be an area slug (lower-case letters, digits and '-'), not \"Social\" (hint: the area to focus on next week, e.g. 'focus: social')",
    ],
  ])("%s: %j", (relPath, text, line) => {
    expect(lines(parse(text, relPath))).toEqual([line]);
  });

  it("leaves the hint out when there is none", () => {
    const d: Diagnostic = { severity: "warning", file: "journal/x.md", line: 2, column: 3, message: "something" };
    expect(formatDiagnostic(d)).toBe("journal/x.md:2:3: warning: something");
  });
});

describe("regressions", () => {
  it("a win `- Learned:` with nothing after the colon suggests quoting what was written, not the word 'nothing'", () => {
    const hint = parse("---\nwins:\n  - Learned:\n---\n").diagnostics[0]?.hint;
    expect(hint).toBe('quote it: - "Learned:" (a colon followed by a space starts a key in YAML)');
  });

  it("the quoting hint for a long win keeps the whole text instead of cutting it with '...'", () => {
    const text = "Finally fixed the flaky test in the payment service: it was a race between two timers in the retry loop";
    const [before, after] = text.split(": ");
    const hint = parse(`---\nwins:\n  - ${text}\n---\n`).diagnostics[0]?.hint;
    expect(hint).toBe(`quote it: - "${before}: ${after}" (a colon followed by a space starts a key in YAML)`);
  });

  it("a win holding only a known key (`- level: 2`) reports the missing text, not a YAML colon pitfall", () => {
    expect(lines(parse("---\nwins:\n  - level: 2\n---\n"))).toEqual([
      "journal/2026/11/2026-11-21.md:3:5: error: `wins[1].text` must be a non-empty text, not nothing (hint: say what the win was, e.g. 'text: Asked one question')",
    ]);
  });

  it("a bad tag is shown at the tag, not as 'a list of texts, not a list'", () => {
    expect(lines(parse("---\ntags: [work, 3]\n---\n"))).toEqual([
      "journal/2026/11/2026-11-21.md:2:14: error: `tags[2]` must be a text, not 3 (hint: e.g. 'tags: [confidence, work]')",
    ]);
  });

  it("an impossible time of day in `date` is an error, not ignored", () => {
    expect(parse("---\ndate: 2026-11-21T25:00\n---\n").entry).toBeNull();
    expect(parse("---\ndate: 2026-11-21T23:60\n---\n").entry).toBeNull();
    expect(parse("---\ndate: 2026-11-21T23:59:59+14:00\n---\n").entry).not.toBeNull();
  });

  it("the body text keeps blocks, list items and table cells apart, and leaves out raw HTML", () => {
    const entry = day(parse("One <b>bold</b> line\n\n- first\n- second <i>x</i>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>raw</div>\n"));
    expect(entry.bodyText).toBe("One bold line\nfirst\nsecond x\na b\n1 2");
  });

  it("a task's text leaves out inline raw HTML", () => {
    expect(day(parse("- [x] Closed <i>two</i> tickets\n")).wins.map((w) => w.text)).toEqual(["Closed two tickets"]);
  });

  it("a body that is only an image keeps its HTML, with the image as a reference to resolve", () => {
    const entry = day(parse("![](photo.png)\n"));
    expect(entry.bodyHtml).toBe("<p>\u0000v0\u0000</p>");
    expect(entry.references).toEqual([{ kind: "image", target: "photo.png", at: { line: 1, column: 1 }, alt: "", text: "photo.png" }]);
  });

  it("the line of a bad byte counts lone CR line endings as editors do", () => {
    const bytes = new Uint8Array([...encode("---\rmood: 3\rx"), 0xff, ...encode("\r---\r")]);
    expect(parse(bytes).diagnostics).toEqual([expect.objectContaining({ line: 3, column: 2 })]);
  });

  it("an alias bomb is reported at its first alias, not at 1:1", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [i, name] of [..."bcdefghi"].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`);
    const result = parse(`---\n${levels.join("\n")}\n---\n`);
    expect(result.entry).toBeNull();
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 3, column: 8, hint: expect.stringContaining("aliases") })]);
  });

  it("a duplicate key is named in the message", () => {
    expect(parse("---\nmood: 3\nmood: 4\n---\n").diagnostics[0]?.message).toBe("duplicate key `mood`: each key may appear only once");
  });

  it("an unclosed [ or quote is reported where it opens, not at the next line", () => {
    expect(parse("---\nwins: [Ran, Read\nmood: 3\n---\n").diagnostics[0]).toMatchObject({ line: 2, column: 7 });
    expect(parse("---\ndid_well: 'Kept calm\nmood: 3\n---\n").diagnostics[0]).toMatchObject({ line: 2, column: 11 });
  });

  it("an unquoted # inside { } is reported at the # with a hint to quote it", () => {
    const d = parse("---\nwins:\n  - { text: Painted, color: #fff }\n---\n").diagnostics[0];
    expect(d).toMatchObject({ line: 3, column: 29, hint: expect.stringContaining("quote a value that contains #") });
  });

  it("an indentation slip in a list hints at indentation, not at quoting", () => {
    expect(parse("---\nwins:\n  - a\n - b\n---\n").diagnostics[0]?.hint).toContain("check the indentation");
  });
});
