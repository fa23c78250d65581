import matter from "gray-matter";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from "yaml";
import { readPlainYaml } from "./plain-yaml.js";

/** A 1-based place in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A problem found while reading YAML, before any schema check. */
export interface YamlProblem {
  readonly position: Position;
  readonly message: string;
  readonly hint: string;
}

/** Parsed YAML data with a way back from a data path to a file position. */
export interface YamlData {
  readonly data: unknown;
  /** Where the value at `path` starts; the nearest existing ancestor when it is missing. */
  readonly positionOf: (path: readonly (string | number)[]) => Position;
  /** Where the key of the mapping entry at `path` starts. */
  readonly keyPositionOf: (path: readonly (string | number)[]) => Position;
  /**
   * The comment right after the text value at `path` (`- Ran #health` is the
   * text "Ran" and the comment "health"), with the place of its `#`. Absent
   * where the front matter holds no comment.
   */
  readonly commentAfter?: (path: readonly (string | number)[]) => { readonly text: string; readonly position: Position } | undefined;
}

/** A file split into front matter and body: the body starts at line `bodyLine`, offset `bodyOffset`. */
export type FrontMatterResult =
  | { ok: true; yaml: YamlData | null; bodyLine: number; bodyOffset: number }
  | { ok: false; problem: YamlProblem };

/** Beyond this many alias expansions a document is treated as a resource attack. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML as data only: YAML 1.2 core schema (so `2026-11-21` stays a
 * string and `yes` is not a boolean), duplicate keys rejected, no merge keys,
 * no custom tags, and alias expansion bounded. `lineOffset` is the file line of
 * the text's first line.
 */
export function parseYaml(text: string, lineOffset = 1): { ok: true; yaml: YamlData } | { ok: false; problem: YamlProblem } {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset - 1, column: p.col };
  };
  let doc: Document;
  try {
    doc = parseDocument(text, {
      lineCounter,
      version: "1.2",
      schema: "core",
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      stringKeys: true,
      // YAML 1.1 types (!!binary, !!set, !!omap, !!timestamp) are tags like any other: refused below.
      resolveKnownTags: false,
    });
  } catch (error) {
    if (isStackOverflow(error)) return { ok: false, problem: tooDeep(at(firstContentOffset(text))) };
    throw error;
  }
  const first = doc.errors[0];
  if (first) {
    if (isStackOverflow(first)) return { ok: false, problem: tooDeep(at(first.pos[0])) };
    return { ok: false, problem: describeError(first, doc, text, at) };
  }
  // A tag the core schema does not know (!!js/function, !!binary, !custom) would be read as
  // plain text and silently lose its meaning: front matter is plain data, so it is an error.
  const tag = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (tag) {
    const name = /Unresolved tag: (.*)$/.exec(tag.message.split("\n")[0] ?? "")?.[1]?.replace(/^tag:yaml\.org,2002:/, "!!") ?? "this tag";
    return {
      ok: false,
      problem: {
        position: at(tag.pos[0]),
        message: `the YAML tag ${name} is not accepted: only plain data is read`,
        hint: "remove the tag (the word starting with !), or quote the value if it is text",
      },
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (isStackOverflow(error)) return { ok: false, problem: tooDeep(at(firstContentOffset(text))) };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        // Point at the first alias: that is where the expansion starts.
        position: at(firstAliasOffset(doc) ?? firstContentOffset(text)),
        message: `the YAML could not be read: ${message}`,
        hint: "avoid anchors and aliases (&name, *name); write the values out",
      },
    };
  }
  return {
    ok: true,
    yaml: {
      data,
      positionOf: (path) => at(nodeOffset(doc, path, false)),
      keyPositionOf: (path) => at(nodeOffset(doc, path, true)),
      commentAfter: (path) => {
        const node = doc.getIn(path, true);
        if (!isScalar(node) || !node.range) return undefined;
        // A scalar's range runs [start, end of value, end of node]; its comment on the same line lies in the last part.
        const [, valueEnd, nodeEnd] = node.range;
        const hash = text.slice(valueEnd, nodeEnd).indexOf("#");
        // A comment on a later line is about what follows, not about this text.
        if (hash === -1 || text.slice(valueEnd, valueEnd + hash).includes("\n")) return undefined;
        const from = valueEnd + hash;
        const lineEnd = text.indexOf("\n", from);
        return { text: text.slice(from + 1, lineEnd === -1 || lineEnd > nodeEnd ? nodeEnd : lineEnd).trimEnd(), position: at(from) };
      },
    },
  };
}

/** True for the error a parser gives when nesting exhausts the call stack ("[[[[...", 10,000 levels). */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && /Maximum call stack size exceeded/.test(error.message));
}

function tooDeep(position: Position): YamlProblem {
  return {
    position,
    message: "the YAML is nested too deeply to read",
    hint: "write flat values: a text, a number, a list of texts or a mapping of keys to values",
  };
}

/** A YAML syntax error in words a journal writer can act on, at the most useful place. */
function describeError(error: YAMLError, doc: Document, text: string, at: (offset: number) => Position): YamlProblem {
  const offset = error.pos[0];
  const firstLine = error.message.split("\n")[0] ?? error.message;
  const trimmed = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  if (error.code === "DUPLICATE_KEY") {
    const key = keyAt(doc, offset);
    return {
      position: at(offset),
      message: key === undefined ? `duplicate key: ${trimmed}` : `duplicate key \`${key}\`: each key may appear only once`,
      hint: "keep one of the two lines, or merge their values",
    };
  }
  // An unquoted '#' after a space starts a comment, which swallows the rest of
  // a flow collection ("{ color: #2a9d8f }"); the error then shows up later.
  const flow = /^Flow (map|sequence)/.exec(trimmed);
  if (flow) {
    const hash = commentInFlow(text, offset);
    if (hash !== undefined) {
      return {
        position: at(hash),
        message: `invalid YAML: ${trimmed}`,
        hint: "quote a value that contains #: a space followed by # starts a YAML comment, e.g. color: \"#2a9d8f\"",
      };
    }
    // YAML notices the problem where the collection should have ended; the
    // bracket that opened it is where the fix goes.
    const open = openingAt(doc, offset, flow[1] === "map" ? "map" : "seq");
    const [opening, closing] = flow[1] === "map" ? ["{", "}"] : ["[", "]"];
    return {
      position: at(open ?? offset),
      message: `invalid YAML: ${trimmed}`,
      hint: `close the ${opening} with ${closing}, and indent any line that continues it further than its key`,
    };
  }
  const quote = /^Missing closing (["'])quote/.exec(trimmed);
  if (quote) {
    const open = openingAt(doc, offset, "quote");
    return {
      position: at(open ?? offset),
      message: `invalid YAML: ${trimmed}`,
      hint: `close the text with ${quote[1]}, or remove the opening ${quote[1]}`,
    };
  }
  return { position: at(offset), message: `invalid YAML: ${trimmed}`, hint: yamlHint(error.code, trimmed) };
}

function yamlHint(code: string, message: string): string {
  switch (code) {
    case "TAB_AS_INDENT":
      return "indent YAML with spaces, not tabs";
    case "BLOCK_AS_IMPLICIT_KEY":
      return /^Nested mappings/.test(message)
        ? "quote a text that contains ': ' (e.g. did_well: \"Fixed bug: the login\"), and check that the keys of one mapping line up"
        : "check the indentation: the items of one list line up, each starting with '- '";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "MULTILINE_IMPLICIT_KEY":
      return "check the indentation, the closing quotes and brackets, and that every list item starts with '- '";
    default:
      return "quote text that contains ': ' or starts with a special character such as *, &, !, [ or {";
  }
}

/** The key of the mapping entry whose key starts at `offset`. */
function keyAt(doc: Document, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}

/** Where the innermost flow collection or quoted text that runs up to `end` starts. */
function openingAt(doc: Document, end: number, kind: "map" | "seq" | "quote"): number | undefined {
  let found: number | undefined;
  const consider = (range: readonly number[] | null | undefined): void => {
    if (range && range[1] === end && (found === undefined || (range[0] ?? 0) > found)) found = range[0];
  };
  visit(doc, {
    Map(_, node) {
      if (kind === "map" && node.flow) consider(node.range);
    },
    Seq(_, node) {
      if (kind === "seq" && node.flow) consider(node.range);
    },
    Scalar(_, node) {
      if (kind === "quote" && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) consider(node.range);
    },
  });
  return found;
}

/** Where the first alias (`*name`) starts, if there is one. */
function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      offset = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The offset of the first character that is not blank: where the YAML itself starts. */
function firstContentOffset(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

/**
 * The offset of a '#' that starts a comment inside an open flow collection on
 * the lines up to `before`, if any.
 */
function commentInFlow(text: string, before: number): number | undefined {
  let lineStart = 0;
  while (lineStart <= before && lineStart < text.length) {
    const end = text.indexOf("\n", lineStart);
    const lineEnd = end === -1 ? text.length : end;
    const line = text.slice(lineStart, lineEnd);
    const m = /^[^#"']*[[{][^#"']*\s(#)/.exec(line);
    if (m) return lineStart + m[0].length - 1;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Offset of the node (or its key) at `path`, falling back to the deepest existing ancestor. */
function nodeOffset(doc: Document, path: readonly (string | number)[], wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return offset;
      if (last && wantKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

const FENCE = /^---[ \t]*$/;

/**
 * Splits off YAML front matter with gray-matter, restricted to YAML: any other
 * front-matter language (`---js`, `---json`, `---toml`, `+++`) is refused before
 * gray-matter could evaluate it, and every other engine is disabled as well.
 * Expects text with `\n` line endings and no BOM.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const firstLineEnd = text.indexOf("\n");
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (firstLine.startsWith("+++")) {
    return refuse({ line: 1, column: 1 }, "TOML front matter (+++) is not accepted", "write the front matter as YAML between two --- lines");
  }
  if (firstLine.startsWith("---") && !FENCE.test(firstLine)) {
    const language = firstLine.slice(3).trim();
    if (/^-+$/.test(language)) return { ok: true, yaml: null, bodyLine: 1, bodyOffset: 0 };
    // "---yaml" names the only language there is; it is still refused, so that one
    // opening line means front matter everywhere (the Markdown reader knows only "---").
    if (/^ya?ml$/i.test(language)) {
      return refuse(
        { line: 1, column: 4 },
        `the front matter must open with a line of exactly ---, not "---${language}"; it was not read`,
        `remove "${language}": front matter is always YAML`,
      );
    }
    return refuse(
      { line: 1, column: 4 },
      `only YAML front matter is accepted, not "${language}"; it was not read`,
      "start the file with a line of exactly --- and write the front matter as YAML",
    );
  }
  if (!FENCE.test(firstLine)) {
    // Front matter after blank lines would be read as Markdown text: its `private: true`
    // ignored and its YAML published. That is never what was meant.
    if (firstLine.trim() === "") {
      const lines = text.split("\n");
      const start = lines.findIndex((line) => line.trim() !== "");
      if (start > 0 && FENCE.test(lines[start] ?? "") && lines.slice(start + 1).some((line) => FENCE.test(line))) {
        return refuse(
          { line: start + 1, column: 1 },
          "the front matter must start on the first line; after blank lines it would be read as text",
          "remove the blank lines above the first ---",
        );
      }
    }
    return { ok: true, yaml: null, bodyLine: 1, bodyOffset: 0 };
  }

  // Walks the lines without splitting the whole text: only the front matter's are needed.
  let close = -1;
  let closeEnd = -1;
  let lineStart = firstLineEnd + 1;
  for (let i = 1; firstLineEnd !== -1 && lineStart <= text.length; i++) {
    const next = text.indexOf("\n", lineStart);
    const lineEnd = next === -1 ? text.length : next;
    if (text.startsWith("---", lineStart)) {
      const line = text.slice(lineStart, lineEnd);
      if (FENCE.test(line)) {
        close = i;
        closeEnd = lineEnd;
        break;
      }
      return refuse({ line: i + 1, column: 1 }, `"${line.trim()}" is not a closing front-matter line`, "close the front matter with a line of exactly ---");
    }
    if (next === -1) break;
    lineStart = next + 1;
  }
  if (close === -1) {
    return refuse({ line: 1, column: 1 }, "the front matter is never closed", "add a line of exactly --- after the last front-matter line");
  }
  const bodyOffset = Math.min(closeEnd + 1, text.length);

  let yaml: YamlData | null = null;
  let problem: YamlProblem | undefined;
  const refuseEngine = (): never => {
    throw new Error("only YAML front matter is accepted");
  };
  // gray-matter is given the front matter alone: it ends at the same closing
  // line, and is spared copying a body it does not read.
  const file = matter(text.slice(0, bodyOffset), {
    language: "yaml",
    engines: {
      yaml: (source: string) => {
        const plain = readPlainYaml(source, 1);
        if (plain) {
          yaml = plain;
          return {};
        }
        const parsed = parseYaml(source, 1);
        if (parsed.ok) yaml = parsed.yaml;
        else problem = parsed.problem;
        return {};
      },
      js: refuseEngine,
      javascript: refuseEngine,
      json: refuseEngine,
      toml: refuseEngine,
      coffee: refuseEngine,
      coffeescript: refuseEngine,
    },
  });
  if (problem) return { ok: false, problem };
  // gray-matter skips the engine for a block holding only blanks and comments.
  void file;
  return { ok: true, yaml, bodyLine: close + 2, bodyOffset };
}

function refuse(position: Position, message: string, hint: string): FrontMatterResult {
  return { ok: false, problem: { position, message, hint } };
}
