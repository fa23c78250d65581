/**
 * What a tag is (SPEC §6 "Tags"): how an inline `#tag` is found in text, as
 * Obsidian reads it; its key (tags are case-insensitive); its ancestors (a
 * nested tag `health/sleep` also counts for `health`); and the path of its
 * page. Pure functions of a name, for the parser, the metric and the pages.
 */
import { createHash } from "node:crypto";

/** A tag's key: its name in Unicode NFC, lower case, with no empty segment. Two names with one key are one tag. */
export type TagKey = string & { readonly __brand: "TagKey" };

/**
 * What ends an inline tag: whitespace, ASCII punctuation other than `-`, `_`
 * and `/`, and the General (U+2000–206F) and Supplemental (U+2E00–2E7F)
 * Punctuation blocks. Letters and digits of any script, marks, symbols and
 * emoji continue it (Obsidian 1.13, as observed: `#café`, `#日本語`, `#✅done`).
 */
const STOP = String.raw`\s!-,.:-@\[-\^\x60{-~\u2000-\u206F\u2E00-\u2E7F`;

/**
 * An inline tag: `#` at the start of the text or after whitespace (any other
 * character before it, `(`, `.`, a letter, blocks it, as `C#` and `issue#12`
 * show), then tag characters; `#a#b` is two tags.
 */
const INLINE_TAG = new RegExp(String.raw`(?<=^|\s)#([^${STOP}]+(?:#[^${STOP}]+)*)`, "gu");

/** A name made only of ASCII digits is no tag (`#1984`), as in Obsidian. */
const ALL_DIGITS = /^[0-9]+$/;

/** An inline tag found in a text: its name as written (without `#`) and the offset of its `#`. */
export interface TagMatch {
  readonly name: string;
  readonly index: number;
}

/**
 * The inline tags of a plain text, in order. The caller passes text as it is
 * in the file (for Markdown, the source of a text node), so that an escaped
 * `\#x` or a character reference `&#35;x` is not a tag: the character before
 * the `#` is not whitespace.
 */
export function inlineTagsIn(text: string): TagMatch[] {
  if (!text.includes("#")) return [];
  const found: TagMatch[] = [];
  for (const match of text.matchAll(INLINE_TAG)) {
    let at = match.index;
    for (const part of match[1]!.split("#")) {
      // Obsidian reads none of `#1984#x`: the chain ends at a name of digits.
      if (ALL_DIGITS.test(part)) break;
      const name = tagName(part);
      if (name !== undefined) found.push({ name, index: at });
      at += part.length + 1;
    }
  }
  return found;
}

/**
 * A tag's name as it is shown: one leading `#` dropped, blanks around each
 * `/`-separated segment trimmed, empty segments dropped (`a//b/` is `a/b`).
 * Undefined when nothing is left. The casing is kept.
 */
export function tagName(written: string): string | undefined {
  const text = written.startsWith("#") ? written.slice(1) : written;
  const segments = text.split("/").map((s) => s.trim()).filter((s) => s !== "");
  return segments.length === 0 ? undefined : segments.join("/");
}

/** The key of a tag name (see tagName): NFC, lower case. `Health/Sleep` and `health/sleep` are one tag. */
export function tagKey(name: string): TagKey {
  return (tagName(name) ?? "").toLowerCase().normalize("NFC") as TagKey;
}

/** The keys a nested tag counts for, outermost first, itself last: `a/b/c` → `a`, `a/b`, `a/b/c`. */
export function tagAncestors(key: TagKey): TagKey[] {
  const segments = key.split("/");
  return segments.map((_, i) => segments.slice(0, i + 1).join("/") as TagKey);
}

/** The key of a nested tag's parent (`health` for `health/sleep`), or undefined for a tag at the top. */
export function tagParent(key: TagKey): TagKey | undefined {
  const cut = key.lastIndexOf("/");
  return cut === -1 ? undefined : (key.slice(0, cut) as TagKey);
}

/** Keys in the order the list of tags shows them: segment by segment, so a nested tag follows its parent (`a`, `a/b`, `a-b`). */
export function compareTagKeys(a: TagKey, b: TagKey): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** A segment kept as it is in a file name: ASCII lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
const PLAIN_SEGMENT = /^[a-z0-9][a-z0-9_-]*$/;
/** Longer segments are shortened and get a hash: a file name must stay well under the 255 bytes file systems allow. */
const MAX_PLAIN_SEGMENT = 64;
/**
 * Names a segment may not have as it is: `index` (the list of tags is
 * `tags/index.html`) and the device names Windows reserves whatever the
 * extension (`con.html` cannot be written there).
 */
const RESERVED_SEGMENTS = new Set(["index", "con", "prn", "aux", "nul", ...[..."0123456789"].flatMap((d) => [`com${d}`, `lpt${d}`])]);
/** Segments of the path of one tag page at most; a deeper tag gets one file name for the whole key. */
const MAX_PATH_SEGMENTS = 8;

/** A segment's ASCII look-alike: accents dropped, anything else a `-`; empty for a name in another script. */
function transliterate(text: string, max: number): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
}

/** `look-alike.hash`: the dot keeps it apart from every plain segment, the hash from every other name. */
function hashedSegment(text: string, what: "segment" | "key"): string {
  const hash = createHash("sha256").update(`${what}\0${text}`).digest("hex").slice(0, 12);
  return `${transliterate(text, 40) || "tag"}.${hash}`;
}

/**
 * The path of a tag's page in the site, from the site's root:
 * `tags/health.html`, `tags/health/sleep.html` (a nested tag's page is in its
 * parent's folder). A segment that is plain ASCII (`[a-z0-9_-]`, at most 64
 * characters, not `index` or a Windows device name) is kept as it is; any
 * other (`café`, `日本語`, `v1.2`, `morning run`) becomes an ASCII look-alike,
 * a dot and 12 hex digits of its SHA-256 (`cafe.5f1a…`, `tag.0c3e…`). So the
 * path is a plain relative path that needs no percent-encoding, works from
 * `file://` and on any host, is the same on every machine, and no two keys
 * share one (a plain segment has no dot; hashed ones differ by hash), not even
 * where the file system ignores case or Unicode normalization.
 */
export function tagPath(key: TagKey): string {
  const segments = key.split("/");
  if (segments.length > MAX_PATH_SEGMENTS) return `tags/${hashedSegment(key, "key")}.html`;
  const names = segments.map((s) => (PLAIN_SEGMENT.test(s) && s.length <= MAX_PLAIN_SEGMENT && !RESERVED_SEGMENTS.has(s) ? s : hashedSegment(s, "segment")));
  return `tags/${names.join("/")}.html`;
}
