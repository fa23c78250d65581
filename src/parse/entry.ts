import type { z } from "zod";
import { readIsoDate, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { diagnostic, hasErrors, type Diagnostic, type Severity } from "../model/diagnostic.js";
import type { DayFile, JournalFile, Place, TagUse, WeekFile, Win } from "../model/entry.js";
import { closest } from "../model/suggest.js";
import { inlineTagsIn, tagName } from "../model/tags.js";
import { classifyPath } from "./classify.js";
import { decodeText } from "./decode.js";
import { readFrontMatter, type YamlData } from "./frontmatter.js";
import { readBody } from "./markdown.js";
import {
  DAY_KEYS,
  WEEK_KEYS,
  WIN_KEYS,
  dayFrontMatterSchema,
  describePath,
  expectationFor,
  showValue,
  slugProblem,
  weekFrontMatterSchema,
  winObjectSchema,
  winTextSchema,
} from "./schema.js";

/** One journal file to parse: where it is and its raw bytes. */
export interface SourceFile {
  /** The path shown in diagnostics (relative to where the command runs). */
  readonly file: string;
  /** The path relative to the journal folder, with `/` separators. */
  readonly relPath: string;
  readonly bytes: Uint8Array;
}

/** More lines than a day's notes need; beyond this, tables and long lists make the Markdown tools slow. */
const MAX_BODY_LINES = 5_000;
/** More link and image openers than notes need; beyond this, nested brackets make the Markdown parser slow. */
const MAX_BRACKETS = 2_000;
/** More emphasis markers than notes need; beyond this, unmatched runs make the Markdown parser slow. */
const MAX_EMPHASIS = 5_000;

/**
 * Refuses Markdown shaped to be slow (found by the adversarial corpus: 4,000
 * nested image brackets in 24 KB took 30 s, a 50,000-row table 47 s), so one
 * file can never stall a build. Says why, or nothing when the text is fine.
 */
function markdownTooHeavy(text: string): string | undefined {
  let lines = 1;
  let brackets = 0;
  let emphasis = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    // A task marker ("[ ]", "[x]") is not a link opener.
    else if (c === 91 && text.charCodeAt(i + 2) !== 93) brackets++;
    else if (c === 42 || c === 95) emphasis++;
  }
  if (lines > MAX_BODY_LINES) return `the file has ${lines} lines, more than the ${MAX_BODY_LINES} a journal file may hold; it was not read`;
  if (brackets > MAX_BRACKETS) return `the text has ${brackets} "[" brackets, more than the ${MAX_BRACKETS} a journal file may hold; it was not read`;
  if (emphasis > MAX_EMPHASIS) return `the text has ${emphasis} "*" and "_" marks, more than the ${MAX_EMPHASIS} a journal file may hold; it was not read`;
  return undefined;
}

/** What parsing one file gives: the entry when it is good enough to count, and every diagnostic. */
export interface ParseResult {
  readonly entry: JournalFile | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Why a file gives no entry without being an error: ignored by name, or not a journal file. */
  readonly skipped?: "ignored" | "unknown";
}

const START: Place = { line: 1, column: 1 };

/**
 * The largest journal file read. A day's entry is a few kilobytes; a file of
 * megabytes is a pasted log or a binary by mistake, and Markdown parsing time
 * grows faster than its size.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;

/**
 * Parses and validates one journal file. Pure: the same bytes and path always
 * give the same result, which is what makes the parse cache safe.
 */
export function parseJournalFile(source: SourceFile): ParseResult {
  const kind = classifyPath(source.relPath);
  if (kind.kind === "ignored") return { entry: null, diagnostics: [], skipped: "ignored" };
  if (kind.kind === "unknown") {
    return {
      entry: null,
      skipped: "unknown",
      diagnostics: [diagnostic("warning", source.file, START, "not a journal entry, skipped: the name is not a date or an ISO week", kind.hint)],
    };
  }
  if (kind.kind === "invalid") {
    return { entry: null, diagnostics: [diagnostic("error", source.file, START, kind.message, kind.hint)] };
  }

  if (source.bytes.length > MAX_FILE_BYTES) {
    return {
      entry: null,
      diagnostics: [
        diagnostic(
          "error",
          source.file,
          START,
          `the file is ${megabytes(source.bytes.length)}, more than the ${megabytes(MAX_FILE_BYTES)} a journal file may hold; it was not read`,
          "split it into several files, or keep large notes out of the journal (a name starting with _ is ignored)",
        ),
      ],
    };
  }
  const decoded = decodeText(source.bytes);
  if (!decoded.ok) {
    return {
      entry: null,
      diagnostics: [diagnostic("error", source.file, decoded.at, "the file is not valid UTF-8 text", "save the file with UTF-8 encoding")],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, at: Place, message: string, hint?: string): void => {
    diagnostics.push(diagnostic(severity, source.file, at, message, hint));
  };

  const front = readFrontMatter(decoded.text);
  if (!front.ok) {
    report("error", front.problem.position, front.problem.message, front.problem.hint);
    return { entry: null, diagnostics };
  }
  const yaml = front.yaml;
  const data = yaml?.data ?? {};
  if (yaml && (typeof data !== "object" || data === null || Array.isArray(data))) {
    report("error", yaml.positionOf([]), `the front matter must be a mapping of keys to values, not ${showValue(data)}`, "write one 'key: value' per line, e.g. 'mood: 4'");
    return { entry: null, diagnostics };
  }
  const record = data as Record<string, unknown>;
  const heavy = markdownTooHeavy(decoded.text);
  if (heavy) {
    report("error", { line: front.bodyLine, column: 1 }, heavy, "split the text into several files, or keep it out of the journal (a name starting with _ is ignored)");
    return { entry: null, diagnostics };
  }
  let body: ReturnType<typeof readBody>;
  try {
    body = readBody(decoded.text, front.bodyLine, front.bodyOffset);
  } catch (error) {
    // Markdown nested thousands of levels deep ("> > > ...") exhausts the stack of the
    // Markdown tools: that file's error, never the end of the build.
    if (!(error instanceof RangeError)) throw error;
    report("error", { line: front.bodyLine, column: 1 }, "the Markdown text is nested too deeply to read", "use fewer levels of quotes, lists and emphasis inside each other");
    return { entry: null, diagnostics };
  }

  const entry =
    kind.kind === "day"
      ? readDay(source, kind.date, record, yaml, body, report)
      : readWeek(source, kind.week, record, yaml, body, report);
  return { entry: hasErrors(diagnostics) ? null : entry, diagnostics };
}

type Report = (severity: Severity, at: Place, message: string, hint?: string) => void;

function warnUnknownKeys(record: Record<string, unknown>, known: readonly string[], path: readonly (string | number)[], yaml: YamlData | null, report: Report): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known);
    const where = yaml?.keyPositionOf([...path, key]) ?? START;
    if (guess === "private") {
      // A misspelt `private` ("Private: true", "privat: true") means the writer wanted the
      // text kept off the site: fail closed, leave the file out, never publish it by mistake.
      report("error", where, `\`${key}\`: unknown key — did you mean \`private\`? The file is left out so that its text is not published by mistake`, "rename it to private");
      continue;
    }
    report(
      "warning",
      where,
      guess ? `\`${key}\`: unknown key — did you mean \`${guess}\`?` : `\`${key}\`: unknown key, ignored`,
      guess ? `rename it to ${guess}` : `known keys: ${known.join(", ")}`,
    );
  }
}

/**
 * Checks each known field on its own, so that one bad field neither hides the
 * errors of the others nor stops them from being read.
 */
function readFields<S extends z.ZodObject>(schema: S, record: Record<string, unknown>, yaml: YamlData | null, report: Report): Partial<z.infer<S>> {
  const out: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    if (!(key in record)) continue;
    const result = (fieldSchema as z.ZodType).safeParse(record[key]);
    if (result.success) out[key] = result.data;
    else reportIssues(result.error.issues, [key], record[key], yaml, report);
  }
  return out as Partial<z.infer<S>>;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** The text a user wrote for "- key: value", as well as the parsed value lets us rebuild it. */
function joinKeyAndValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return `${key}:`;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return `${key}: ${String(value)}`;
  return `${key}: ...`;
}

/** A YAML double-quoted scalar holding `text`. */
function quoteForYaml(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

// A date, optionally with a time of day and an offset: the day is the date as
// written, never converted to another time zone.
const DATE_WITH_TIME = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]([01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?\s*(?:[Zz]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?$/;

function readDay(
  source: SourceFile,
  date: IsoDate,
  record: Record<string, unknown>,
  yaml: YamlData | null,
  body: ReturnType<typeof readBody>,
  report: Report,
): DayFile {
  warnUnknownKeys(record, DAY_KEYS, [], yaml, report);
  const fm = readFields(dayFrontMatterSchema, record, yaml, report);

  const wins: Win[] = [];
  (fm.wins ?? []).forEach((raw, index) => {
    const at = yaml?.positionOf(["wins", index]) ?? START;
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      const keys = Object.keys(raw);
      const only = keys.length === 1 ? keys[0] : undefined;
      // "- Fixed bug: the login" is read by YAML as a mapping; say so plainly.
      // A lone known key ("- level: 2") is a win mapping without its text instead.
      if (only !== undefined && !WIN_KEYS.includes(only)) {
        const value = (raw as Record<string, unknown>)[only];
        report(
          "error",
          at,
          `win ${index + 1} was read as a key "${only}", not as a text`,
          `quote it: - ${quoteForYaml(joinKeyAndValue(only, value))} (a colon followed by a space starts a key in YAML)`,
        );
        return;
      }
      warnUnknownKeys(raw as Record<string, unknown>, WIN_KEYS, ["wins", index], yaml, report);
    }
    // A text and a mapping are checked apart so an error names the exact field.
    const isMapping = raw !== null && typeof raw === "object" && !Array.isArray(raw);
    const win = (isMapping ? winObjectSchema : winTextSchema).safeParse(raw);
    if (!win.success) {
      if (isMapping) reportIssues(win.error.issues, ["wins", index], raw, yaml, report);
      else {
        const { expect, hint } = expectationFor(["wins", index]);
        report("error", at, `\`${describePath(["wins", index])}\` must be ${expect}, not ${showValue(raw)}`, hint);
      }
      return;
    }
    const value = win.data;
    if (typeof value !== "string") {
      let named = true;
      for (const field of ["area", "habit"] as const) {
        const slug = value[field];
        const problem = slug ? slugProblem(slug, `\`${describePath(["wins", index, field])}\``) : undefined;
        if (problem) {
          report("error", yaml?.positionOf(["wins", index, field]) ?? at, problem.message, problem.hint);
          named = false;
        }
      }
      if (!named) return;
    }
    const textPath = typeof value === "string" ? ["wins", index] : ["wins", index, "text"];
    warnLostTags(textPath, typeof value === "string" ? value : value.text, yaml, report);
    if (typeof value === "string") {
      wins.push({ text: value.trim(), level: 1, source: "front-matter", at });
    } else {
      wins.push({
        text: value.text.trim(),
        level: value.level ?? 1,
        source: "front-matter",
        at,
        ...(value.area ? { area: value.area } : {}),
        ...(value.habit ? { habit: value.habit } : {}),
      });
    }
  });
  for (const task of body.tasks) {
    if (task.done) wins.push({ text: task.text, level: 1, source: "task", at: { line: task.line, column: task.column } });
  }

  if (typeof fm.date === "string") {
    const at = yaml?.positionOf(["date"]) ?? START;
    const shape = DATE_WITH_TIME.exec(fm.date.trim());
    if (!shape?.[1]) {
      report("error", at, `\`date\` must be a date written YYYY-MM-DD, not ${showValue(fm.date)}`, `write 'date: ${date}' or leave the line out`);
    } else {
      const reading = readIsoDate(shape[1]);
      if (!reading.ok) report("error", at, `\`date\`: ${reading.message}`, `write 'date: ${date}' or leave the line out`);
      else if (reading.date !== date) {
        report("error", at, `\`date\` is ${reading.date} but the file name says ${date}`, `make them agree: rename the file or write 'date: ${date}'`);
      }
    }
  }

  const tags: TagUse[] = [...frontMatterTags(fm.tags, yaml, report)];
  for (const [index, win] of wins.entries()) {
    if (win.source !== "front-matter") continue;
    const textAt = typeof fm.wins?.[index] === "string" ? win.at : (yaml?.positionOf(["wins", index, "text"]) ?? win.at);
    for (const { name } of inlineTagsIn(win.text)) tags.push({ name, at: textAt, source: "win" });
  }
  for (const tag of body.tags) tags.push(tag);
  const rest = readRest(fm.rest, yaml, report);
  return {
    kind: "day",
    file: source.file,
    relPath: source.relPath,
    date,
    wins,
    planned: body.tasks.filter((t) => !t.done).map((t) => t.text),
    tasksDone: body.tasks.filter((t) => t.done).length,
    tasksTotal: body.tasks.length,
    ...(fm.mood != null ? { mood: fm.mood } : {}),
    ...(fm.energy != null ? { energy: fm.energy } : {}),
    ...(fm.did_well != null ? { didWell: fm.did_well.trim() } : {}),
    tags,
    private: fm.private === true,
    ...(rest !== undefined ? { rest } : {}),
    bodyHtml: body.html,
    bodyText: body.text,
    references: body.references,
  };
}

/**
 * The front matter's `tags` (a text or a list of texts): each a tag whatever
 * its characters (it needs no `#` to be read), shown as written, with one
 * leading `#` dropped. A text with no name in it (`/`) is a warning.
 */
function frontMatterTags(value: string | readonly string[] | null | undefined, yaml: YamlData | null, report: Report): TagUse[] {
  if (value == null) return [];
  const items: [string, readonly (string | number)[]][] = typeof value === "string" ? [[value, ["tags"]]] : value.map((t, i) => [t, ["tags", i]]);
  const tags: TagUse[] = [];
  for (const [text, path] of items) {
    const at = yaml?.positionOf(path) ?? START;
    const name = tagName(text);
    if (name === undefined) report("warning", at, `\`${describePath(path)}\` names no tag: ${showValue(text)}`, "write a name, e.g. tags: [health, health/sleep]");
    else tags.push({ name, at, source: "tags" });
  }
  return tags;
}

/**
 * Warns when a win's text is followed by what YAML reads as a comment but the
 * writer meant as a tag: in `- Ran #health` the text is "Ran", and
 * `#health` is gone before smallwins sees it. Quoting keeps it.
 */
function warnLostTags(path: readonly (string | number)[], text: string, yaml: YamlData | null, report: Report): void {
  const comment = yaml?.commentAfter?.(path);
  if (!comment) return;
  const lost = inlineTagsIn(`#${comment.text}`);
  if (lost[0]?.index !== 0) return;
  const meant = `${text.trim()} #${comment.text}`;
  const quoted = path.length === 3 ? `text: ${quoteForYaml(meant)}` : `- ${quoteForYaml(meant)}`;
  report(
    "warning",
    comment.position,
    `\`#${lost[0].name}\` is read as a YAML comment, not as part of ${describePath(path.slice(0, 2))}, so the tag is lost`,
    `quote the text to keep it: ${quoted} (a space followed by # starts a comment in YAML)`,
  );
}

/** YAML 1.1's words for true and false, which YAML 1.2 reads as text. */
const YAML11_BOOLEANS = /^(?:y|yes|n|no|on|off)$/i;

/**
 * A day's `rest:` (§6): true, or the reason as text; `false` and a blank are
 * no rest. "yes" and "no" are text in YAML 1.2, and `rest: no` read as the
 * reason "no" would make a rest day of a day meant to count: an error.
 */
function readRest(value: boolean | string | null | undefined, yaml: YamlData | null, report: Report): true | string | undefined {
  if (typeof value === "boolean") return value ? true : undefined;
  if (typeof value !== "string") return undefined;
  const reason = value.trim();
  if (YAML11_BOOLEANS.test(reason)) {
    report(
      "error",
      yaml?.positionOf(["rest"]) ?? START,
      `\`rest\` is ${JSON.stringify(reason)}, which reads as a reason, not as yes or no`,
      "write 'rest: true' or 'rest: false' (YAML 1.2: yes/no are text), or the reason in words, e.g. 'rest: sick day'",
    );
    return undefined;
  }
  return reason;
}

/** Reports every schema issue at the place of the offending value. */
function reportIssues(issues: readonly z.core.$ZodIssue[], base: readonly (string | number)[], raw: unknown, yaml: YamlData | null, report: Report): void {
  const seen = new Set<string>();
  for (const issue of flattenUnions(issues)) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const path = [...base, ...rel];
    const key = path.join(".");
    if (seen.has(key)) continue;
    seen.add(key);
    const { expect, hint } = expectationFor(path);
    report("error", yaml?.positionOf(path) ?? START, `\`${describePath(path)}\` must be ${expect}, not ${showValue(valueAt(raw, rel))}`, hint);
  }
}

/**
 * Replaces each failed union ("a text or a list of texts") by the issues of the
 * alternative that got furthest, so `tags: [work, 3]` points at the `3`.
 */
function flattenUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) {
      out.push(issue);
      continue;
    }
    const depth = (branch: readonly z.core.$ZodIssue[]): number => Math.min(...branch.map((i) => i.path.length));
    let best = issue.errors[0] ?? [];
    for (const branch of issue.errors) if (depth(branch) > depth(best)) best = branch;
    if (best.length === 0 || depth(best) === 0) {
      out.push(issue);
      continue;
    }
    out.push(...flattenUnions(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))));
  }
  return out;
}

function readWeek(
  source: SourceFile,
  week: IsoWeek,
  record: Record<string, unknown>,
  yaml: YamlData | null,
  body: ReturnType<typeof readBody>,
  report: Report,
): WeekFile {
  warnUnknownKeys(record, WEEK_KEYS, [], yaml, report);
  const fm = readFields(weekFrontMatterSchema, record, yaml, report);
  const focusProblem = fm.focus ? slugProblem(fm.focus, "`focus`") : undefined;
  if (focusProblem) report("error", yaml?.positionOf(["focus"]) ?? START, focusProblem.message, focusProblem.hint);
  return {
    kind: "week",
    file: source.file,
    relPath: source.relPath,
    week,
    ...(fm.rating != null ? { rating: fm.rating } : {}),
    ...(fm.focus != null ? { focus: fm.focus, focusAt: yaml?.positionOf(["focus"]) ?? START } : {}),
    private: fm.private === true,
    bodyHtml: body.html,
    bodyText: body.text,
    references: body.references,
  };
}
