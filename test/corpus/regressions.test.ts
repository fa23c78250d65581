/**
 * One regression test per bug the adversarial corpus found, each named for the
 * bug, at the smallest scope that shows it (the corpus folders show the same
 * bugs through a whole build).
 */
import { mkdir, readdir, realpath, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/schema.js";
import { listJournal } from "../../src/io/journal.js";
import { checkSitePaths, writeSiteAtomically } from "../../src/io/write-site.js";
import { formatDiagnostic, type Diagnostic } from "../../src/model/diagnostic.js";
import { parseJournalFile, type ParseResult } from "../../src/parse/entry.js";
import { parseYaml } from "../../src/parse/frontmatter.js";
import { useCorpusTempDirs } from "../helpers/corpus.js";

const tempDir = useCorpusTempDirs();

function parse(text: string | Uint8Array, relPath = "2026-11-21.md"): ParseResult {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return parseJournalFile({ file: `journal/${relPath}`, relPath, bytes });
}

const lines = (result: { diagnostics: readonly Diagnostic[] }): string[] => result.diagnostics.map(formatDiagnostic);

describe("regressions found by the corpus", () => {
  it("a Markdown body nested 10,000 levels deep is that file's located error, not a RangeError that ends the build", () => {
    const nested = "journal/2026-11-21.md:4:1: error: the Markdown text is nested too deeply to read (hint: use fewer levels of quotes, lists and emphasis inside each other)";
    // A run of emphasis marks this long is refused by the size guard before the parser sees it.
    const marks =
      'journal/2026-11-21.md:4:1: error: the text has 10000 "*" and "_" marks, more than the 5000 a journal file may hold; it was not read (hint: split the text into several files, or keep it out of the journal (a name starting with _ is ignored))';
    for (const [body, expected] of [
      ["> ".repeat(10_000) + "x", nested],
      ["*".repeat(5_000) + "x" + "*".repeat(5_000), marks],
    ] as const) {
      const result = parse(`---\nwins: [a]\n---\n${body}\n`);
      expect(result.entry).toBeNull();
      expect(lines(result)).toEqual([expected]);
    }
  });

  it("YAML nested 10,000 levels deep says so, with a hint about nesting, not about quoting or aliases", () => {
    const result = parseYaml(`tags: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.message).toBe("the YAML is nested too deeply to read");
      expect(result.problem.hint).toContain("flat values");
      expect(result.problem.position.line).toBe(1);
    }
  });

  it("a custom YAML tag (!!js/function, !!binary, !!set, !!timestamp, !local) is an error at the tag, not a value read silently", () => {
    for (const [value, tag] of [
      ["!!js/function 'function () {}'", "!!js/function"],
      ["!!binary aGk=", "!!binary"],
      ["!!set {a}", "!!set"],
      ["!!timestamp 2026-11-21", "!!timestamp"],
      ["!local x", "!local"],
    ]) {
      expect(lines(parse(`---\ntags: ${value}\n---\n`))).toEqual([`journal/2026-11-21.md:2:7: error: the YAML tag ${tag} is not accepted: only plain data is read (hint: remove the tag (the word starting with !), or quote the value if it is text)`]);
    }
    // The core schema's own tags stay fine.
    expect(parse("---\nwins:\n  - !!str 100 push-ups\nmood: !!int \"3\"\n---\n").entry).toMatchObject({ mood: 3, wins: [{ text: "100 push-ups" }] });
  });

  it("---yaml is refused with a message that does not contradict itself", () => {
    expect(lines(parse("---yaml\nmood: 3\n---\n"))).toEqual([
      'journal/2026-11-21.md:1:4: error: the front matter must open with a line of exactly ---, not "---yaml"; it was not read (hint: remove "yaml": front matter is always YAML)',
    ]);
  });

  it("front matter after a blank line is an error, not Markdown text that publishes a private file", () => {
    const result = parse("\n---\nprivate: true\n---\nSecret.\n");
    expect(result.entry).toBeNull();
    expect(lines(result)).toEqual(["journal/2026-11-21.md:2:1: error: the front matter must start on the first line; after blank lines it would be read as text (hint: remove the blank lines above the first ---)"]);
    // A body that only starts with a thematic break is still a body.
    expect(parse("\n---\nJust a rule above.\n").entry).not.toBeNull();
  });

  it("a doubled BOM does not hide the front matter", () => {
    expect(parse("\uFEFF\uFEFF---\nprivate: true\nwins: [a]\n---\nSecret.\n").entry).toMatchObject({ private: true, wins: [{ text: "a" }] });
  });

  it("a misspelt private key (Private:, privat:) is an error that leaves the file out, not a warning that publishes it", () => {
    for (const key of ["Private", "privat", "PRIVATE", "prvate"]) {
      const result = parse(`---\n${key}: true\n---\nSecret.\n`);
      expect(result.entry).toBeNull();
      expect(lines(result)).toEqual([`journal/2026-11-21.md:2:1: error: \`${key}\`: unknown key — did you mean \`private\`? The file is left out so that its text is not published by mistake (hint: rename it to private)`]);
    }
    expect(parse("---\nwnis: [a]\n---\n").diagnostics[0]?.severity).toBe("warning");
  });

  it("__proto__ among the config's areas or habits is reported, not dropped silently", () => {
    const text = "areas:\n  __proto__: { label: X }\nhabits:\n  __proto__: { label: Y }\n";
    const yaml = parseYaml(text);
    if (!yaml.ok) throw new Error("the YAML is valid");
    const { config, diagnostics } = validateConfig(yaml.yaml.data, "smallwins.config.yaml", yaml.yaml);
    expect(lines({ diagnostics })).toEqual([
      "smallwins.config.yaml:2:3: error: `__proto__` is not a slug (hint: use lower-case letters, digits and '-', e.g. social-confidence)",
      "smallwins.config.yaml:4:3: error: `__proto__` is not a slug (hint: use lower-case letters, digits and '-', e.g. social-confidence)",
    ]);
    expect(Object.keys(config.areas)).toEqual([]);
    expect(({} as Record<string, unknown>).label).toBeUndefined();
  });

  it("an area or habit named index is an error, not a page written over areas/index.html or habits/index.html", () => {
    expect(lines(parse("---\nwins:\n  - text: a\n    area: index\n---\n"))).toEqual([
      "journal/2026-11-21.md:4:11: error: `wins[1].area`: `index` is reserved for the page that lists them all (hint: choose another name, e.g. main or general)",
    ]);
    const yaml = parseYaml("habits:\n  index: { label: I }\n");
    if (!yaml.ok) throw new Error("the YAML is valid");
    expect(lines(validateConfig(yaml.yaml.data, "c.yaml", yaml.yaml))).toEqual(["c.yaml:2:3: error: `habits.index`: `index` is reserved for the page that lists them all (hint: choose another name, e.g. main or general)"]);
  });

  it("a slug too long for a file name is that file's error, not ENAMETOOLONG that fails the whole build", () => {
    expect(lines(parse(`---\nwins:\n  - text: a\n    habit: ${"h".repeat(300)}\n---\n`))).toEqual([
      "journal/2026-11-21.md:4:12: error: `wins[1].habit` is 300 characters long; a slug has at most 64 (hint: use a short name, e.g. social-confidence)",
    ]);
    expect(parse(`---\nwins:\n  - text: a\n    habit: ${"h".repeat(64)}\n---\n`).entry).not.toBeNull();
  });

  it("the writer refuses a path outside the output folder, or two paths that are one file where case does not count", async () => {
    expect(() => checkSitePaths([{ path: "../x.html", contents: "" }])).toThrow(/refusing to write "..\/x.html"/);
    expect(() => checkSitePaths([{ path: "a.html", contents: "" }, { path: "A.html", contents: "" }])).toThrow(/a.html and A.html would be the same file/);
    const dir = await tempDir();
    await expect(writeSiteAtomically(path.join(dir, "site"), [{ path: "/etc/x.html", contents: "" }])).rejects.toThrow(/refusing to write/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a file reached through a symlink counts once, a link to the journal's parent is not walked, and the order does not depend on the disk", async () => {
    const root = await tempDir();
    const journal = path.join(root, "journal");
    await mkdir(path.join(journal, "2026"), { recursive: true });
    await writeFile(path.join(journal, "2026", "2026-11-21.md"), "x");
    await writeFile(path.join(root, "README.md"), "beside the journal");
    await symlink("2026", path.join(journal, "a-mirror"));
    await symlink("2026/2026-11-21.md", path.join(journal, "2026-11-21-copy.md"));
    await symlink("..", path.join(journal, "up"));
    await symlink("loop.md", path.join(journal, "loop.md"));
    const found = await listJournal(journal);
    expect(found.map((f) => f.relPath)).toEqual(["2026/2026-11-21.md"]);
    expect(found[0]!.absolute).toBe(path.join(journal, "2026", "2026-11-21.md"));
    // A file only reachable through a symlinked folder is found there.
    const outside = path.join(root, "outside");
    await mkdir(outside);
    await writeFile(path.join(outside, "2026-11-19.md"), "y");
    await symlink(await realpath(outside), path.join(journal, "z-outside"));
    expect((await listJournal(journal)).map((f) => f.relPath)).toEqual(["2026/2026-11-21.md", "z-outside/2026-11-19.md"]);
  });

  it("a diagnostic prints a file name or key holding terminal escapes, newlines or bidi overrides escaped, on one line", () => {
    const result = parse('---\n"\\e[2J\\nx\\u202E": 1\n---\n', "2026-11-21-\u001b[31mred.md");
    expect(lines(result)).toEqual(["journal/2026-11-21-\\u{1b}[31mred.md:2:1: warning: `\\u{1b}[2J\\u{a}x\\u{202e}`: unknown key, ignored (hint: known keys: wins, mood, energy, did_well, tags, private, date, rest)"]);
  });

  it("a 5 MB entry is a clear error at 1:1, read no further", () => {
    const result = parse(`---\nwins: [a]\n---\n${"a line of a pasted log\n".repeat(230_000)}`);
    expect(result.entry).toBeNull();
    expect(lines(result)).toEqual([
      "journal/2026-11-21.md:1:1: error: the file is 5 MB, more than the 1 MB a journal file may hold; it was not read (hint: split it into several files, or keep large notes out of the journal (a name starting with _ is ignored))",
    ]);
  });
});
