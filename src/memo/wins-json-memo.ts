/**
 * What `wins.json` remembers between builds (a watch keeps one): the line of
 * each day and week, keyed by its summary object (the model keeps an unchanged
 * summary as the same object), and the lines of each run of CHUNK items joined,
 * reused while the run holds the same items. Everything is forgotten when the
 * config changes (it decides what text is published). A memo only saves work:
 * the file made with one equals the file made without.
 */
import type { Config } from "../config/schema.js";
import { sameItems } from "../model/lists.js";
import type { RestDays } from "../model/rest.js";
import type { DaySummary, TagSummary, WeekSummary } from "../model/site.js";

/** Each day's and week's line of `wins.json`, by summary: a watch makes only changed ones again. */
export interface WinsJsonMemo {
  config?: Config;
  days: WeakMap<DaySummary, string>;
  weeks: WeakMap<WeekSummary, string>;
  tags: WeakMap<TagSummary, string>;
  /** The lines of each run of CHUNK days and weeks, joined, with the items they were made from. */
  dayChunks: Chunk<DaySummary>[];
  weekChunks: Chunk<WeekSummary>[];
  /** The rest days' list, with the journal's rest days and the days with a rest note it was made from. */
  restDays?: { readonly rest: RestDays; readonly days: readonly DaySummary[]; readonly list: readonly Record<string, unknown>[] };
  /** The file last made, as its parts: the same parts give the same file, without joining (or comparing) megabytes again. */
  last?: { readonly parts: readonly string[]; readonly file: JoinedParts };
  /** Whether the last call made a file that differs from the one before it (undefined: not known, compare). */
  changed?: boolean | undefined;
}

/** A run of items' lines, joined. */
export interface Chunk<T> {
  readonly items: readonly T[];
  readonly text: string;
}

/** Items per chunk: an edit makes one chunk's text again, and the file is joined from a few hundred chunks, not thousands of lines. */
const CHUNK = 64;

/** An empty wins.json memo. */
export function createWinsJsonMemo(): WinsJsonMemo {
  return { days: new WeakMap(), weeks: new WeakMap(), tags: new WeakMap(), dayChunks: [], weekChunks: [] };
}

/** A memo valid for this config (emptied when the config changed). */
export function validWinsJsonMemo(memo: WinsJsonMemo | undefined, config: Config): WinsJsonMemo | undefined {
  if (memo && memo.config !== config) {
    memo.config = config;
    memo.days = new WeakMap();
    memo.weeks = new WeakMap();
    memo.tags = new WeakMap();
    memo.dayChunks = [];
    memo.weekChunks = [];
    delete memo.restDays;
    delete memo.last;
  }
  return memo;
}

/** The file as its parts: the text (joined when first asked for) and, with a memo, its UTF-8 bytes a part at a time. */
export interface JoinedParts {
  readonly text: () => string;
  /** The bytes of each part, reusing last time's for every part that is the same: writing them needs no join and no encoding of megabytes. */
  readonly bytes?: readonly Uint8Array[];
}

const encoder = new TextEncoder();

/**
 * The file made of `parts`, with the memo: the file of last time when every
 * part is the same (reused parts are the same strings, so comparing them
 * costs little), and whether the file changed.
 */
export function joinedParts(parts: readonly string[], memo: WinsJsonMemo | undefined): JoinedParts {
  if (!memo) {
    const text = parts.join("");
    return { text: () => text };
  }
  const last = memo.last;
  if (last && sameItems(last.parts, parts)) {
    memo.changed = false;
    return last.file;
  }
  const bytes = parts.map((part, i) => (last && last.parts[i] === part ? last.file.bytes![i]! : encoder.encode(part)));
  let text: string | undefined;
  const file: JoinedParts = { text: () => (text ??= parts.join("")), bytes };
  memo.changed = last !== undefined ? true : undefined;
  memo.last = { parts, file };
  return file;
}
/**
 * The lines of a list's items, joined with `joiner` a chunk at a time: the
 * texts of the chunks, in order. With a memo, an item's line and a chunk's
 * text are made again only for items and chunks that changed.
 */
export function chunkTexts<T extends object>(items: readonly T[], line: (item: T) => string, joiner: string, lines: WeakMap<T, string> | undefined, chunks: Chunk<T>[] | undefined): string[] {
  const lineOf = (item: T): string => {
    const known = lines?.get(item);
    if (known !== undefined) return known;
    const made = line(item);
    lines?.set(item, made);
    return made;
  };
  const texts: string[] = [];
  for (let k = 0; k * CHUNK < items.length; k++) {
    const part = items.slice(k * CHUNK, (k + 1) * CHUNK);
    const known = chunks?.[k];
    if (known && sameItems(known.items, part)) texts.push(known.text);
    else {
      const text = part.map(lineOf).join(joiner);
      if (chunks) chunks[k] = { items: part, text };
      texts.push(text);
    }
  }
  if (chunks) chunks.length = texts.length;
  return texts;
}
