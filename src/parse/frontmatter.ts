import matter from "gray-matter";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

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
}

/** A file split into front matter and body. */
export type FrontMatterResult =
  | { ok: true; yaml: YamlData | null; bodyLine: number }
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
  const doc = parseDocument(text, {
    lineCounter,
    version: "1.2",
    schema: "core",
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    stringKeys: true,
  });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset - 1, column: p.col };
  };
  const first = doc.errors[0];
  if (first) {
    return { ok: false, problem: { position: at(first.pos[0]), message: yamlMessage(first.message, first.code), hint: yamlHint(first.code) } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        position: at(0),
        message: `the YAML could not be read: ${message}`,
        hint: "avoid anchors and aliases (&name, *name); write the values out",
      },
    };
  }
  return { ok: true, yaml: { data, positionOf: (path) => at(nodeOffset(doc, path, false)), keyPositionOf: (path) => at(nodeOffset(doc, path, true)) } };
}

function yamlMessage(message: string, code: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  const trimmed = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  if (code === "DUPLICATE_KEY") return `duplicate key: ${trimmed}`;
  return `invalid YAML: ${trimmed}`;
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "each key may appear once; merge the two entries";
    case "TAB_AS_INDENT":
      return "indent YAML with spaces, not tabs";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation and that every list item starts with '- '";
    default:
      return "quote text that contains ': ' or starts with a special character such as *, &, !, [ or {";
  }
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
    if (/^-+$/.test(language)) return { ok: true, yaml: null, bodyLine: 1 };
    return refuse(
      { line: 1, column: 4 },
      `only YAML front matter is accepted, not "${language}"; it was not read`,
      "start the file with a line of exactly --- and write the front matter as YAML",
    );
  }
  if (!FENCE.test(firstLine)) return { ok: true, yaml: null, bodyLine: 1 };

  const lines = text.split("\n");
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (FENCE.test(line)) {
      close = i;
      break;
    }
    if (line.startsWith("---")) {
      return refuse({ line: i + 1, column: 1 }, `"${line.trim()}" is not a closing front-matter line`, "close the front matter with a line of exactly ---");
    }
  }
  if (close === -1) {
    return refuse({ line: 1, column: 1 }, "the front matter is never closed", "add a line of exactly --- after the last front-matter line");
  }

  let yaml: YamlData | null = null;
  let problem: YamlProblem | undefined;
  const refuseEngine = (): never => {
    throw new Error("only YAML front matter is accepted");
  };
  const file = matter(text, {
    language: "yaml",
    engines: {
      yaml: (source: string) => {
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
  return { ok: true, yaml, bodyLine: close + 2 };
}

function refuse(position: Position, message: string, hint: string): FrontMatterResult {
  return { ok: false, problem: { position, message, hint } };
}
