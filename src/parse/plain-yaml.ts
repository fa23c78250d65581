import type { Position, YamlData } from "./frontmatter.js";

/**
 * Front matter as most files write it, read without the YAML parser: a mapping
 * of `key: value` lines, where a value is a plain word or sentence, a whole
 * number, a quoted text on one line (`"..."` without escapes, `'...'`), a
 * flow list (`[a, b]`), or a block list (`- ...`) of such values and of
 * one-level mappings (`- text: ...` with `area: ...` lines under it).
 *
 * The full parser cost a sixth of the time to parse a file, for front matter
 * that is almost always this simple. Anything else (escapes, quotes in flow
 * lists, comments, colons or `#` in an unquoted value, tabs, nesting, empty values, repeated keys, characters
 * outside a small set) is left to the YAML parser: `readPlainYaml` then gives
 * undefined. What it does read, it reads as the YAML parser does, value for
 * value and position for position (test/plain-yaml.test.ts compares the two).
 */

/** A value of the subset, with the offset where the YAML parser's node for it starts. */
type PlainNode =
  | { readonly kind: "scalar"; readonly start: number; readonly value: string | number | boolean | null }
  | { readonly kind: "seq"; readonly start: number; readonly items: readonly PlainNode[] }
  | { readonly kind: "map"; readonly start: number; readonly pairs: readonly PlainPair[] };

interface PlainPair {
  readonly key: string;
  readonly keyStart: number;
  readonly value: PlainNode;
}

// Only characters that mean nothing special in a YAML plain scalar, whatever
// their place after the first: no ':', '#', quotes that open, brackets, braces,
// '*', '|', '>', '%', '@', '`', tabs or line breaks. A first letter rules out
// every indicator and every number, so the only other readings are below.
const WORD = /^[A-Za-z\u00C0-\u024F][A-Za-z0-9 .,'!?()/&+\-\u00C0-\u024F\u2013\u2014\u2018\u2019\u201C\u201D]*$/;
/** The same in a flow list, where ',' separates items. */
const FLOW_WORD = /^[A-Za-z\u00C0-\u024F][A-Za-z0-9 .'!?()/&+\-\u00C0-\u024F\u2013\u2014\u2018\u2019\u201C\u201D]*$/;
/** Whole numbers as the YAML 1.2 core schema reads them, without the forms that need care (signs, leading zeros, 0o, 0x). */
const INTEGER = /^(?:0|[1-9][0-9]{0,8})$/;
/** `key:` or `key: value`; a key short and plain enough to be an implicit key anywhere. */
const PAIR = /^([A-Za-z_][A-Za-z0-9_-]{0,63}):(?: +(.*))?$/;
const ITEM = /^( *)- +(.*)$/;

/** The core schema's words for true, false and null. */
const WORDS = new Map<string, boolean | null>([
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
  ["null", null],
  ["Null", null],
  ["NULL", null],
]);

/**
 * Reads `text` as front matter of the plain subset, or gives undefined when it
 * is not one (then the YAML parser must read it). `lineOffset` is the file line
 * of the text's first line, as for parseYaml.
 */
export function readPlainYaml(text: string, lineOffset = 1): YamlData | undefined {
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    lines.push({ start, text: text.slice(start, stop) });
    if (end === -1) break;
    start = end + 1;
  }
  const root = readLines(lines);
  if (!root) return undefined;
  const at = (offset: number): Position => {
    let line = 0;
    while (line + 1 < lines.length && lines[line + 1]!.start <= offset) line++;
    return { line: line + lineOffset, column: offset - lines[line]!.start + 1 };
  };
  return {
    data: toData(root),
    positionOf: (path) => at(offsetOf(root, path, false)),
    keyPositionOf: (path) => at(offsetOf(root, path, true)),
  };
}

const isBlank = (line: string): boolean => /^ *$/.test(line);

/** The top-level mapping, or undefined for anything outside the subset. */
function readLines(lines: readonly { start: number; text: string }[]): PlainNode | undefined {
  const pairs: PlainPair[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line.text)) {
      i++;
      continue;
    }
    const pair = PAIR.exec(line.text);
    if (!pair) return undefined;
    const key = pair[1]!;
    const keyStart = line.start;
    if (pair[2] !== undefined) {
      const value = readValue(pair[2], line.start + line.text.length - pair[2].length);
      if (!value) return undefined;
      pairs.push({ key, keyStart, value });
      i++;
      continue;
    }
    // `key:` with nothing after it: only a block list may follow.
    const list = readBlockList(lines, i + 1);
    if (!list) return undefined;
    pairs.push({ key, keyStart, value: list.node });
    i = list.next;
  }
  const first = pairs[0];
  if (!first || !uniqueKeys(pairs)) return undefined;
  return { kind: "map", start: first.keyStart, pairs };
}

/** A block list starting at line `from` (blank lines before it allowed), and the line after it. */
function readBlockList(lines: readonly { start: number; text: string }[], from: number): { node: PlainNode; next: number } | undefined {
  let i = from;
  while (i < lines.length && isBlank(lines[i]!.text)) i++;
  const firstItem = i < lines.length ? ITEM.exec(lines[i]!.text) : null;
  if (!firstItem) return undefined;
  const indent = firstItem[1]!.length;
  const items: PlainNode[] = [];
  let start: number | undefined;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line.text)) {
      i++;
      continue;
    }
    const item = ITEM.exec(line.text);
    if (!item || item[1]!.length !== indent) {
      // The list ends at the next top-level key; any other line is outside the subset.
      if (PAIR.test(line.text)) break;
      return undefined;
    }
    start ??= line.start + indent;
    const content = item[2]!;
    const contentStart = line.start + line.text.length - content.length;
    const pair = PAIR.exec(content);
    if (!pair) {
      const value = readValue(content, contentStart);
      if (!value) return undefined;
      items.push(value);
      i++;
      continue;
    }
    // "- key: value", then "key: value" lines lined up under the first key.
    const pairs: PlainPair[] = [];
    const mapIndent = contentStart - line.start;
    let j = i;
    let pairText = content;
    let pairStart = contentStart;
    for (;;) {
      const p = PAIR.exec(pairText);
      if (!p || p[2] === undefined) return undefined;
      const value = readValue(p[2], pairStart + pairText.length - p[2].length);
      if (!value) return undefined;
      pairs.push({ key: p[1]!, keyStart: pairStart, value });
      j++;
      while (j < lines.length && isBlank(lines[j]!.text)) j++;
      const next = lines[j];
      if (!next) break;
      const nextIndent = /^ */.exec(next.text)![0].length;
      if (nextIndent !== mapIndent) {
        if (nextIndent > mapIndent) return undefined;
        break;
      }
      pairText = next.text.slice(mapIndent);
      pairStart = next.start + mapIndent;
    }
    if (!uniqueKeys(pairs)) return undefined;
    items.push({ kind: "map", start: contentStart, pairs });
    i = j;
  }
  if (start === undefined) return undefined;
  return { node: { kind: "seq", start, items }, next: i };
}

/**
 * A quoted text that ends the line: double quotes with no escape (no `\`), or
 * single quotes with `''` for a quote. Win texts with a colon, a `#`, a time or
 * a version are quoted, and were a sixth of a varied journal's parse time in
 * the YAML parser. Only printable characters are read here (no controls, tabs,
 * NEL, line or paragraph separators, byte order mark): the rest is left to the parser.
 */
const DOUBLE_QUOTED = /^"([\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\uffff]*)"$/;
const SINGLE_QUOTED = /^'((?:[\x20-\x26\x28-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\uffff]|'')*)'$/;

/** A scalar, a quoted text or a flow list on the rest of a line, starting at `start`. */
function readValue(text: string, start: number): PlainNode | undefined {
  if (text.startsWith("[")) return readFlowList(text, start);
  if (text.startsWith('"')) {
    const quoted = DOUBLE_QUOTED.exec(text);
    return quoted ? { kind: "scalar", start, value: quoted[1]! } : undefined;
  }
  if (text.startsWith("'")) {
    const quoted = SINGLE_QUOTED.exec(text);
    return quoted ? { kind: "scalar", start, value: quoted[1]!.replace(/''/g, "'") } : undefined;
  }
  return readScalar(text, start, WORD);
}

function readScalar(text: string, start: number, pattern: RegExp): PlainNode | undefined {
  if (INTEGER.test(text)) return { kind: "scalar", start, value: Number(text) };
  // A value that ends in a blank would need YAML's trimming rules: left to the parser.
  if (!pattern.test(text) || text.endsWith(" ")) return undefined;
  const word = WORDS.get(text);
  return { kind: "scalar", start, value: word === undefined ? text : word };
}

/** `[a, b c, 3]` and `[]`, nothing after the closing bracket. */
function readFlowList(text: string, start: number): PlainNode | undefined {
  if (!text.endsWith("]")) return undefined;
  const inner = text.slice(1, -1);
  if (inner === "") return { kind: "seq", start, items: [] };
  const items: PlainNode[] = [];
  let offset = 1;
  for (const part of inner.split(",")) {
    const lead = /^ */.exec(part)![0].length;
    const item = part.slice(lead).replace(/ +$/, "");
    if (item === "") return undefined;
    const node = readScalar(item, start + offset + lead, FLOW_WORD);
    if (!node) return undefined;
    items.push(node);
    offset += part.length + 1;
  }
  return { kind: "seq", start, items };
}

/**
 * YAML refuses a repeated key; the subset leaves that error to the parser. Keys
 * that name an Object.prototype member, or that YAML could read as true, false
 * or null, are left to it too.
 */
function uniqueKeys(pairs: readonly PlainPair[]): boolean {
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (seen.has(key) || key in Object.prototype || WORDS.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function toData(node: PlainNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(toData);
  const out: Record<string, unknown> = {};
  for (const pair of node.pairs) out[pair.key] = toData(pair.value);
  return out;
}

/** Where the node (or its key) at `path` starts, falling back to the deepest existing ancestor, as for the YAML parser's nodes. */
function offsetOf(root: PlainNode, path: readonly (string | number)[], wantKey: boolean): number {
  let node: PlainNode | undefined = root;
  let offset = root.start;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (node?.kind === "map") {
      const pair: PlainPair | undefined = node.pairs.find((p) => p.key === String(step));
      if (!pair) return offset;
      if (last && wantKey) return pair.keyStart;
      node = pair.value;
      offset = node.start;
    } else if (node?.kind === "seq" && typeof step === "number") {
      node = node.items[step];
      offset = node?.start ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
