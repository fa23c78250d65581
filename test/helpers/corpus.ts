/**
 * The adversarial corpus (test/corpus/): one folder per case, each a small
 * project (`smallwins.config.yaml` if needed, `journal/`) with an
 * `expected.json` naming the diagnostics and facts the build must give.
 * Bytes that cannot live in git nicely (a BOM, CRLF, bytes that are not UTF-8)
 * are listed in `expected.json` under `files` and written into a temporary
 * copy of the case before it is built.
 *
 * Every case is also held to the invariants no input may break: every
 * diagnostic is located and has a hint, every output path is a plain path
 * inside the output folder and unique (also ignoring case), no page holds a
 * script (but the search box's own), an event handler or a script URL, and nothing polluted
 * `Object.prototype`.
 */
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { cp, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HTMLElement, parse } from "node-html-parser";
import { afterAll, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.js";
import { statsJson } from "../../src/commands/stats.js";
import { formatDiagnostic, type Diagnostic } from "../../src/model/diagnostic.js";
import { foldText } from "../../src/render/search/terms.js";
import { indexProblems } from "./search.js";
import { isSearchBootScript, isSearchMarkup, parseAtom } from "./site.js";

/** `test/corpus/`. */
export const CORPUS = fileURLToPath(new URL("../corpus/", import.meta.url));

/** A diagnostic a case expects: `message` and `hint` are substrings; a missing line or column is not checked. */
export interface ExpectedDiagnostic {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly hint?: string;
}

/** One build of a case and what it must give. */
export interface CaseRun {
  /** `--today`. */
  readonly today?: string;
  /** The clock's reading instead of `--today` (an ISO instant): today comes from the config's time zone. */
  readonly now?: string;
  /** A config file other than smallwins.config.yaml, relative to the case. */
  readonly config?: string;
  /** The diagnostics, all of them unless `moreDiagnostics` is true. */
  readonly diagnostics?: readonly ExpectedDiagnostic[];
  readonly moreDiagnostics?: boolean;
  /** Fields `smallwins stats --json` must show (deep-equal per field). */
  readonly stats?: Readonly<Record<string, unknown>>;
  /** Output files that must exist, and that must not. */
  readonly pages?: readonly string[];
  readonly noPages?: readonly string[];
  /** Strings that must appear in no output file at all (pages, feed, wins.json, stylesheet). */
  readonly never?: readonly string[];
  /**
   * Texts in no file, as written: for a marker whose case is the secret (a private file's spelling of a
   * tag a public day also writes), since the search index folds case and so rightly holds the public spelling.
   */
  readonly neverExact?: readonly string[];
  /**
   * Strings that must appear in no markup: in no tag name, attribute name or
   * attribute value of any page or of the feed's HTML (as text, escaped, they are harmless).
   */
  readonly neverMarkup?: readonly string[];
  /** Texts wins.json must hold exactly, as JSON strings somewhere in it. */
  readonly winsJsonTexts?: readonly string[];
  /** Strings each named output file must hold. */
  readonly contains?: Readonly<Record<string, readonly string[]>>;
  /** Strings each named output file must not hold. */
  readonly notContains?: Readonly<Record<string, readonly string[]>>;
  /** Whether the templates rendered (default true). */
  readonly rendered?: boolean;
  /** Exactly the journal files (paths from the journal folder) the site publishes beside its pages (§6), sorted. */
  readonly copied?: readonly string[];
}

/** A piece of a generated file: text, or text repeated (`["[", 10000]`). */
export type GeneratedPart = string | { readonly repeat: string; readonly times: number };

/**
 * Bytes to write into a temporary copy of the case: text (UTF-8, JSON escapes
 * allowed), exact bytes (hex or base64), or text made of repeated parts (for
 * inputs too big to commit, such as 10,000 levels of nesting).
 */
export interface GeneratedFile {
  readonly text?: string;
  readonly hex?: string;
  readonly base64?: string;
  readonly parts?: readonly GeneratedPart[];
}

/** A case's `expected.json`. */
export interface CaseExpected extends CaseRun {
  readonly description: string;
  /**
   * A known bug in files outside this corpus's reach, named with where it must
   * be fixed: the case runs with `it.fails` until then, so its fix turns it red
   * and the marker is removed.
   */
  readonly knownIssue?: string;
  /** Several builds of one case, each merged over the top-level fields. */
  readonly runs?: readonly CaseRun[];
  /** Files written before the build, paths relative to the case. */
  readonly files?: Readonly<Record<string, GeneratedFile>>;
  /** Symlinks made before the build: path (relative to the case) to target (as the link holds it). */
  readonly symlinks?: Readonly<Record<string, string>>;
}

/** One corpus case. */
export interface CorpusCase {
  readonly name: string;
  readonly dir: string;
  readonly expected: CaseExpected;
}

/** Every case of a family, sorted by name. */
export function corpusCases(family: string): CorpusCase[] {
  const root = path.join(CORPUS, family);
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      return { name, dir, expected: JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as CaseExpected };
    });
}

/** The runs of a case: its `runs`, each over the top-level fields, or the top level alone. */
export function runsOf(expected: CaseExpected): CaseRun[] {
  const RUN_KEYS: readonly (keyof CaseRun)[] = ["today", "now", "config", "diagnostics", "moreDiagnostics", "stats", "pages", "noPages", "never", "neverExact", "neverMarkup", "winsJsonTexts", "contains", "notContains", "rendered", "copied"];
  const top = Object.fromEntries(RUN_KEYS.filter((k) => expected[k] !== undefined).map((k) => [k, expected[k]])) as CaseRun;
  const runs = expected.runs;
  return runs && runs.length > 0 ? runs.map((run) => ({ ...top, ...run })) : [top];
}

/**
 * Gives a function that makes a fresh temporary folder; all of them are
 * removed after the file's tests (safe with concurrent tests).
 */
export function useCorpusTempDirs(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (prefix = "smallwins-corpus-") => {
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
    made.push(dir);
    return dir;
  };
}

/** The bytes of a generated file. */
export function bytesOf(file: GeneratedFile): Uint8Array {
  if (file.hex !== undefined) return new Uint8Array(Buffer.from(file.hex.replace(/\s+/g, ""), "hex"));
  if (file.base64 !== undefined) return new Uint8Array(Buffer.from(file.base64, "base64"));
  if (file.parts !== undefined) return new TextEncoder().encode(file.parts.map((p) => (typeof p === "string" ? p : p.repeat.repeat(p.times))).join(""));
  return new TextEncoder().encode(file.text ?? "");
}

/** The folder to build a case in: the case itself, or a temporary copy holding its generated files. */
export async function caseFolder(c: CorpusCase, tempDir: () => Promise<string>): Promise<string> {
  if (!c.expected.files && !c.expected.symlinks) return c.dir;
  return copyCase(c, await tempDir());
}

/** Copies a case to `dir` (made if needed), with its generated files and symlinks; returns `dir`. */
export async function copyCase(c: CorpusCase, dir: string): Promise<string> {
  await cp(c.dir, dir, { recursive: true });
  for (const [rel, file] of Object.entries(c.expected.files ?? {})) {
    const target = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytesOf(file));
  }
  for (const [rel, target] of Object.entries(c.expected.symlinks ?? {})) {
    const link = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link);
  }
  return dir;
}

/** A built case: the library's result and its files by path. */
export interface BuiltCase {
  readonly result: BuildResult;
  readonly files: ReadonlyMap<string, string>;
}

/** Builds a project folder in memory, as `smallwins build` would, with `--today` or a fixed clock. */
export async function buildCase(cwd: string, run: CaseRun): Promise<BuiltCase> {
  const result = await build({
    cwd,
    ...(run.today !== undefined ? { today: run.today } : {}),
    ...(run.now !== undefined ? { now: new Date(run.now) } : {}),
    ...(run.config !== undefined ? { config: run.config } : {}),
  });
  return { result, files: new Map(result.files.map((f) => [f.path, f.contents])) };
}

const line = (d: Diagnostic): string => formatDiagnostic(d);

function matches(actual: Diagnostic, wanted: ExpectedDiagnostic): boolean {
  return (
    actual.file === wanted.file &&
    actual.severity === wanted.severity &&
    (wanted.line === undefined || actual.line === wanted.line) &&
    (wanted.column === undefined || actual.column === wanted.column) &&
    actual.message.includes(wanted.message) &&
    (wanted.hint === undefined || (actual.hint ?? "").includes(wanted.hint))
  );
}

/** Checks the diagnostics of a build against the expected ones: each expected one once, and no other unless allowed. */
export function checkDiagnostics(actual: readonly Diagnostic[], wanted: readonly ExpectedDiagnostic[], more: boolean): void {
  const left = [...actual];
  const missing: string[] = [];
  for (const w of wanted) {
    const i = left.findIndex((a) => matches(a, w));
    if (i === -1) missing.push(`${w.file}:${w.line ?? "?"}:${w.column ?? "?"}: ${w.severity}: …${w.message}…`);
    else left.splice(i, 1);
  }
  expect(missing, `expected diagnostics not found; the build gave:\n${actual.map(line).join("\n")}`).toEqual([]);
  if (!more) expect(left.map(line), "diagnostics no case expects").toEqual([]);
}

/** Every diagnostic is located (line and column from 1), says what is wrong and how to fix it. */
export function checkLocated(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    // eslint-disable-next-line no-control-regex
    expect(line(d), "a diagnostic line is one printable line").not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(Number.isInteger(d.line) && d.line >= 1, `line of ${line(d)}`).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, `column of ${line(d)}`).toBe(true);
    expect(d.message.trim(), `message of ${line(d)}`).not.toBe("");
    expect((d.hint ?? "").trim(), `hint of ${line(d)}`).not.toBe("");
  }
}

/** A plain output path: lower-case-safe segments, no `..`, nothing absolute. */
const SAFE_PATH = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Every output path is plain, inside the output folder, and unique even where case does not count. */
export function checkPaths(files: ReadonlyMap<string, string> | readonly { path: string }[]): void {
  const paths = files instanceof Map ? [...files.keys()] : (files as readonly { path: string }[]).map((f) => f.path);
  for (const p of paths) {
    expect(p, "an output path").toMatch(SAFE_PATH);
    expect(p.split("/"), `${p} has no '..' segment`).not.toContain("..");
  }
  const folded = paths.map((p) => p.normalize("NFC").toLowerCase());
  expect(folded.filter((p, i) => folded.indexOf(p) !== i), "output paths that name the same file").toEqual([]);
}

/** A URL as a browser reads its scheme: ASCII whitespace and control characters anywhere are ignored, and case. */
export function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1] ?? null;
}

/** Attributes that hold a URL the browser may follow or load. */
const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background", "ping", "xlink:href", "longdesc", "manifest", "codebase", "icon", "lowsrc", "dynsrc"]);
/** Attributes that are text for people, never loaded or followed: a label may read "javascript:" and be inert. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "title", "alt", "content"]);
/** Schemes that run script or carry a document. */
const SCRIPT_SCHEMES = new Set(["javascript", "vbscript", "livescript", "mocha", "data"]);
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/** Parses an HTML document. */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, lowerCaseTagName: true });
}

/**
 * The markup of a document without its text: every tag with its attributes,
 * `<a href="…">`, one per line, but the markup the templates add for search
 * (isSearchMarkup: never the journal's). Attribute values keep `<` and `>` escaped, so
 * "<script" is found only where there is a script element.
 */
export function markupOf(html: string): string {
  const escape = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const page = parseHtml(html);
  return page
    .querySelectorAll("*")
    .filter((el) => !isSearchMarkup(el, page))
    .map((el) => `<${el.tagName.toLowerCase()}${Object.entries(el.attributes).map(([name, value]) => ` ${name}="${escape(value)}"`).join("")}>`)
    .join("\n");
}

/** Everything in a page that would run script or load something foreign: elements (but the search box's script), event handlers, script URLs. */
export function dangers(html: string, where: string): string[] {
  const found: string[] = [];
  const page = parseHtml(html);
  for (const el of page.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "script" && isSearchBootScript(el, page)) continue;
    if (["script", "iframe", "frame", "object", "embed", "base", "form", "applet", "link"].includes(tag) && !(tag === "link" && /^(stylesheet|alternate)$/i.test(el.getAttribute("rel") ?? ""))) found.push(`${where}: <${tag}>`);
    if (tag === "meta" && el.hasAttribute("http-equiv")) found.push(`${where}: <meta http-equiv>`);
    for (const [name, value] of Object.entries(el.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on")) found.push(`${where}: <${tag} ${name}>`);
      if (lower === "style" && /url\(|expression\(|javascript:|@import/i.test(value)) found.push(`${where}: <${tag} style="${value}">`);
      if (lower === "srcdoc") found.push(`${where}: <${tag} srcdoc>`);
      const scheme = schemeOf(value);
      const bad = URL_ATTRIBUTES.has(lower) ? scheme !== null && !SAFE_SCHEMES.has(scheme) : !TEXT_ATTRIBUTES.has(lower) && scheme !== null && SCRIPT_SCHEMES.has(scheme);
      if (bad) found.push(`${where}: <${tag} ${name}="${value}">`);
    }
  }
  return found;
}

/**
 * The journal files a build publishes (§6) keep to plain names in files/,
 * each once, come from inside the journal folder (a symlink out never), and
 * are the only files besides the pages that a page's picture may load.
 */
function checkCopies(built: BuiltCase): void {
  const copies = built.result.copies;
  const journal = realpathSync(built.result.project.journalDir);
  for (const copy of copies) {
    expect(copy.path, "a published file's name").toMatch(/^files\/[a-z0-9-]+-[0-9a-f]{10}(\.[a-z0-9]+)?$/);
    const real = realpathSync(copy.copyFrom);
    expect(real === journal || real.startsWith(journal + path.sep), `${copy.copyFrom} is inside the journal folder`).toBe(true);
  }
  expect(new Set(copies.map((c) => c.path)).size, "each published file once").toBe(copies.length);
  const copied = new Set(copies.map((c) => c.path));
  for (const [file, contents] of built.files) {
    if (!file.endsWith(".html")) continue;
    for (const img of parseHtml(contents).querySelectorAll("img")) {
      const src = img.getAttribute("src") ?? "";
      // A web address is checked by dangers(); an emptied one (a script URL the sanitizer dropped) loads nothing of the journal.
      if (schemeOf(src) !== null || src === "") continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), src));
      expect(built.files.has(target) || copied.has(target), `${file}: <img src="${src}"> is a file of the site`).toBe(true);
    }
  }
}

/** The search box's script element as the layout writes it, at any depth. */
const SEARCH_BOOT_TAG = /<script src="(?:\.\.\/)*search\/boot\.js" defer><\/script>/g;

/** The invariants every build of every case keeps. */
export function checkInvariants(built: BuiltCase): void {
  checkLocated(built.result.diagnostics);
  checkPaths(built.files);
  checkCopies(built);
  const problems: string[] = [];
  for (const [file, contents] of built.files) if (file.endsWith(".html")) problems.push(...dangers(contents, file));
  const feed = built.files.get("feed.xml");
  if (feed !== undefined) for (const entry of parseAtom(feed).entries) problems.push(...dangers(entry.content, `feed entry ${entry.title}`));
  expect(problems, "script, handlers or script URLs in the pages or the feed").toEqual([]);
  if (built.files.has("wins.json")) expect(() => JSON.parse(built.files.get("wins.json")!) as unknown, "wins.json is JSON").not.toThrow();
  // The search index holds exactly the text the pages show (every term of a record is a word of its page),
  // and with publish: stats, where no text is published, there is no search file at all.
  if (built.result.model.config.publish === "stats") expect([...built.files.keys()].filter((f) => f.startsWith("search/")), "search files with publish: stats").toEqual([]);
  else if (built.files.has("search/index.js")) expect(indexProblems(built.files), "the search index against the pages").toEqual([]);
  expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
}

/** Checks one build of a case against its run's expectations. */
export function checkRun(built: BuiltCase, run: CaseRun): void {
  checkInvariants(built);
  const { result, files } = built;
  expect(result.rendered, "the templates rendered").toBe(run.rendered ?? true);
  if (run.diagnostics) checkDiagnostics(result.diagnostics, run.diagnostics, run.moreDiagnostics === true);
  if (run.stats) {
    const stats = statsJson(result.model) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(run.stats)) expect(stats[key], `stats.${key}`).toEqual(value);
  }
  if (run.copied) {
    const journal = result.project.journalDir;
    expect(result.copies.map((c) => path.relative(journal, c.copyFrom).split(path.sep).join("/")).sort(), "the journal files published").toEqual(run.copied);
  }
  for (const page of run.pages ?? []) expect(files.has(page), `${page} exists; the site has ${[...files.keys()].join(", ")}`).toBe(true);
  for (const page of run.noPages ?? []) expect(files.has(page), `${page} does not exist`).toBe(false);
  // The search index's data files hold terms folded (lower case, no accents): a hidden text is looked for there folded too.
  const searchData = [...files].filter(([file]) => /^search\/(index\.js|terms\/|months\/)/.test(file)).map(([file, contents]): [string, string] => [file, foldText(contents)]);
  // A page's one script element, the search box's (isSearchBootScript checks it in full), is the templates', never the journal's.
  const withoutBoot = [...files].map(([file, contents]): [string, string] => [file, file.endsWith(".html") ? contents.replace(SEARCH_BOOT_TAG, "") : contents]);
  for (const text of run.never ?? []) {
    const holders = withoutBoot.filter(([, contents]) => contents.includes(text)).map(([file]) => file);
    expect(holders, `files holding ${JSON.stringify(text)}`).toEqual([]);
    const folded = foldText(text);
    expect(searchData.filter(([, contents]) => contents.includes(folded)).map(([file]) => file), `search files holding ${JSON.stringify(folded)}`).toEqual([]);
  }
  for (const text of run.neverExact ?? []) {
    expect(withoutBoot.filter(([, contents]) => contents.includes(text)).map(([file]) => file), `files holding ${JSON.stringify(text)}`).toEqual([]);
  }
  if (run.neverMarkup) {
    const markup: [string, string][] = [...files].filter(([file]) => file.endsWith(".html")).map(([file, contents]) => [file, markupOf(contents)]);
    const feed = files.get("feed.xml");
    if (feed !== undefined) markup.push(...parseAtom(feed).entries.map((e): [string, string] => [`feed entry ${e.title}`, markupOf(e.content)]));
    for (const text of run.neverMarkup) {
      const holders = markup.filter(([, tags]) => tags.toLowerCase().includes(text.toLowerCase())).map(([where]) => where);
      expect(holders, `pages or feed entries holding ${JSON.stringify(text)} in a tag or attribute`).toEqual([]);
    }
  }
  if (run.winsJsonTexts) {
    const strings = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === "string") strings.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
    };
    collect(JSON.parse(files.get("wins.json") ?? "{}"));
    for (const text of run.winsJsonTexts) expect(strings.has(text), `wins.json holds ${JSON.stringify(text)} as a string`).toBe(true);
  }
  for (const [file, texts] of Object.entries(run.contains ?? {})) {
    const contents = files.get(file);
    expect(contents, `${file} exists`).toBeTypeOf("string");
    for (const text of texts) expect(contents, `${file} holds ${JSON.stringify(text)}`).toContain(text);
  }
  for (const [file, texts] of Object.entries(run.notContains ?? {})) {
    const contents = files.get(file) ?? "";
    for (const text of texts) expect(contents, `${file} does not hold ${JSON.stringify(text)}`).not.toContain(text);
  }
}

/** Builds every run of a case and checks it: the body of a table-driven corpus test. */
export async function runCase(c: CorpusCase, tempDir: () => Promise<string>): Promise<BuiltCase[]> {
  const dir = await caseFolder(c, tempDir);
  const builds: BuiltCase[] = [];
  for (const run of runsOf(c.expected)) {
    const built = await buildCase(dir, run);
    checkRun(built, run);
    builds.push(built);
  }
  return builds;
}

/** Registers one test per case: `it` for a case that must pass, `it.fails` for a known issue (see `knownIssue`). */
export function caseTests(cases: readonly CorpusCase[], tempDir: () => Promise<string>, after?: (c: CorpusCase, builds: BuiltCase[]) => void): void {
  const ok = cases.filter((c) => c.expected.knownIssue === undefined);
  const known = cases.filter((c) => c.expected.knownIssue !== undefined);
  it.each(ok.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const builds = await runCase(c, tempDir);
    after?.(c, builds);
  });
  if (known.length > 0) {
    it.fails.each(known.map((c) => [`${c.name} (known issue: ${c.expected.knownIssue})`, c] as const))("%s", async (_name, c) => {
      await runCase(c, tempDir);
    });
  }
}
