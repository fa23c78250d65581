/**
 * Helpers for the search tests: the site's own client (search/search.js) run
 * in a Node VM over a built site's files, and an independent reader of the
 * index files, for checking what they hold.
 */
import vm from "node:vm";
import { expect } from "vitest";
import { NodeType, type Node } from "node-html-parser";
import { parseHtml } from "./site.js";
import { readVarints, termsOf } from "../../src/render/search/terms.js";

/** A query's options, as search.html passes them. */
export interface SearchFilters {
  readonly area?: string;
  readonly tag?: string;
  readonly year?: string;
  readonly sort?: "newest" | "relevance";
}

/** One result as the client shows it. */
export interface ClientRow {
  readonly href: string;
  readonly label: string;
  readonly texts: string[];
}

/** The client's engine (see `api.engine` in assets/search/search.js). */
export interface ClientEngine {
  foldText(text: string): string;
  termsOf(text: string): string[];
  shardName(prefix: string): string;
  eachVarint(text: string, each: (n: number) => void): void;
  parseQuery(text: string): { words: string[]; prefix: boolean };
  prepare(text: string): Promise<unknown>;
  match(text: string, filters?: SearchFilters): { positions: number[]; query: { words: string[]; prefix: boolean } };
  rows(positions: readonly number[]): Promise<ClientRow[]>;
  snippet(texts: readonly string[], query: { words: string[]; prefix: boolean }): [string, boolean][];
  state: { directory: { ids: number[] } | null };
}

/** The client of a built site, loading the site's index files from `files` (paths from the site's root) instead of with script elements. */
export interface LoadedClient {
  readonly engine: ClientEngine;
  /** Every search file the client loaded, in order. */
  readonly loaded: string[];
  /** The results of a query: each one's page (site path), label and snippet text with its marked words in [brackets]. */
  search(text: string, filters?: SearchFilters): Promise<{ page: string; label: string; snippet: string }[]>;
}

/** Runs the site's search/search.js in a fresh VM, with no document: only its engine. */
export function loadClient(files: ReadonlyMap<string, string>): LoadedClient {
  const context = vm.createContext({});
  const script = files.get("search/search.js");
  expect(script, "the site has search/search.js").toBeTypeOf("string");
  vm.runInContext(`${script!}\nglobalThis.smallwinsSearch = smallwinsSearch;`, context, { filename: "search/search.js" });
  const api = (context as { smallwinsSearch: { engine: ClientEngine; loadScript: (path: string) => Promise<void> } }).smallwinsSearch;
  const loaded: string[] = [];
  api.loadScript = (path) => {
    const file = `search/${path}`;
    const text = files.get(file);
    if (text === undefined) return Promise.reject(new Error(`no ${file}`));
    loaded.push(file);
    vm.runInContext(text, context, { filename: file });
    return Promise.resolve();
  };
  const engine = api.engine;
  return {
    engine,
    loaded,
    async search(text, filters = {}) {
      await engine.prepare(text);
      const result = engine.match(text, filters);
      const rows = await engine.rows(result.positions);
      return rows.map((row) => ({
        page: row.href,
        label: row.label,
        snippet: engine
          .snippet(row.texts, result.query)
          .map(([piece, marked]) => (marked ? `[${piece}]` : piece))
          .join(""),
      }));
    },
  };
}

/** One record of the index, read back from its files. */
export interface IndexRecord {
  readonly id: number;
  readonly key: string;
  readonly label: string;
  readonly month: string;
  readonly wins: string[];
  readonly didWell: string[];
  readonly tags: string[];
  readonly notes: string[];
  /** Each term the shards give this record, with the fields bit mask. */
  readonly terms: Map<string, number>;
  readonly areas: string[];
  readonly facetTags: string[];
  readonly year: string;
}

/** The arguments of the one `smallwinsSearch.NAME(…)` call a data file is. */
function callArguments(file: string, text: string, name: string): unknown[] {
  let args: unknown[] | undefined;
  const context = vm.createContext({
    smallwinsSearch: new Proxy(
      {},
      {
        get: (_target, key) => (...given: unknown[]) => {
          expect(key, `${file} calls smallwinsSearch.${String(key)}`).toBe(name);
          expect(args, `${file} makes one call`).toBeUndefined();
          args = given;
        },
      },
    ),
  });
  vm.runInContext(text, context, { filename: file });
  expect(args, `${file} calls smallwinsSearch.${name}`).toBeDefined();
  return args!;
}

/**
 * Reads every index file of a site back (independently of the client): the
 * records with their text from the month files, their terms from the shards,
 * their areas, tags and year from the directory. Fails the test on any
 * inconsistency between the files.
 */
export function readIndex(files: ReadonlyMap<string, string>): IndexRecord[] {
  const directory = callArguments("search/index.js", files.get("search/index.js") ?? "", "directory")[0] as {
    format: number;
    records: string;
    months: (string | number)[];
    shards: string[];
    split: string[];
    areas: [string, string][];
    tags: [string, string][];
    years: [string, string][];
  };
  expect(directory.format).toBe(1);
  let id = 0;
  const ids = readVarints(directory.records).map((step) => (id += step));
  const records: IndexRecord[] = [];
  const monthNames: string[] = [];
  for (let m = 0, at = 0; m < directory.months.length; m += 2) {
    const month = directory.months[m] as string;
    const count = directory.months[m + 1] as number;
    monthNames.push(month);
    const file = `search/months/${month}.js`;
    const [name, rows] = callArguments(file, files.get(file) ?? "", "month") as [string, [number, string, string, string[], string[], string[], string[]][]];
    expect(name).toBe(month);
    expect(rows.map((r) => r[0]), `${file} holds the directory's records of ${month}`).toEqual(ids.slice(at, at + count));
    for (const [rid, key, label, wins, didWell, tags, notes] of rows) records.push({ id: rid, key, label, month, wins, didWell, tags, notes, terms: new Map(), areas: [], facetTags: [], year: "" });
    at += count;
  }
  expect(records.length, "every record is in a month file").toBe(ids.length);
  const monthFiles = [...files.keys()].filter((f) => f.startsWith("search/months/")).sort();
  expect(monthFiles, "no month file the directory does not name").toEqual(monthNames.map((m) => `search/months/${m}.js`).sort());
  const byId = new Map(records.map((r) => [r.id, r]));
  const shardFiles = [...files.keys()].filter((f) => f.startsWith("search/terms/")).sort();
  expect(shardFiles, "the shards the directory lists, and no other").toEqual(directory.shards.map((s) => `search/terms/${s}.js`).sort());
  for (const shard of directory.shards) {
    const file = `search/terms/${shard}.js`;
    const [name, termText, postingText] = callArguments(file, files.get(file)!, "shard") as [string, string, string];
    expect(name).toBe(shard);
    const terms = termText.split(" ");
    const lists = postingText.split(" ");
    expect(terms.length).toBe(lists.length);
    expect([...terms].sort(), `${file}: terms sorted`).toEqual(terms);
    terms.forEach((term, i) => {
      let at = 0;
      for (const value of readVarints(lists[i]!)) {
        at += Math.floor(value / 16);
        const record = byId.get(at);
        expect(record, `${file}: ${term} points at record ${at}, which the directory has`).toBeDefined();
        expect(record!.terms.has(term), `${term} twice for one record`).toBe(false);
        record!.terms.set(term, value % 16);
      }
    });
  }
  const facet = (pairs: [string, string][], add: (r: IndexRecord, value: string) => void): void => {
    for (const [value, steps] of pairs) {
      let at = -1;
      for (const step of readVarints(steps)) add(records[(at += step + 1)]!, value);
    }
  };
  facet(directory.areas, (r, v) => r.areas.push(v));
  facet(directory.tags, (r, v) => r.facetTags.push(v));
  facet(directory.years, (r, v) => {
    expect(r.year, `record ${r.key} in one year`).toBe("");
    (r as { year: string }).year = v;
  });
  return records;
}

/** The terms a record's texts give, with the fields each is in (win 1, tag 2, did-well 4, note 8). */
export function termsOfTexts(record: Pick<IndexRecord, "wins" | "tags" | "didWell" | "notes">): Map<string, number> {
  const out = new Map<string, number>();
  const add = (texts: readonly string[], bit: number): void => {
    for (const text of texts) for (const term of termsOf(text)) out.set(term, (out.get(term) ?? 0) | bit);
  };
  add(record.wins, 1);
  add(record.tags, 2);
  add(record.didWell, 4);
  add(record.notes, 8);
  return out;
}

/**
 * What a page shows, as terms: the text of its `<main>` and the alternative
 * text of its images (a Markdown image's text is its alt). Read both joined
 * (a word split by markup, `**b**old`, is one word) and text node by text
 * node (chips side by side, `<span>yes</span><span>no</span>`, are two words).
 */
export function pageTerms(html: string): Set<string> {
  const main = parseHtml(html).querySelector("main");
  expect(main, "the page has a <main>").not.toBeNull();
  const alts = main!.querySelectorAll("img").map((img) => img.getAttribute("alt") ?? "");
  const pieces: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) pieces.push(node.textContent);
    for (const child of node.childNodes) walk(child);
  };
  walk(main!);
  return new Set(termsOf([main!.textContent, ...pieces, ...alts].join("\n")));
}

/**
 * The index holds exactly what the pages publish: every record's page
 * exists, every term of its text is a word its page shows, and the shards
 * give each record exactly the terms of its text. Returns the problems.
 */
export function indexProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const record of readIndex(files)) {
    const page = `${record.key.includes("-W") ? "weeks" : "days"}/${record.key}.html`;
    const html = files.get(page);
    if (html === undefined) {
      problems.push(`record ${record.key}: the site has no ${page}`);
      continue;
    }
    const shown = pageTerms(html);
    const expected = termsOfTexts(record);
    for (const term of expected.keys()) if (!shown.has(term)) problems.push(`record ${record.key}: "${term}" is not a word of ${page}`);
    const fromShards = [...record.terms].sort();
    const fromText = [...expected].sort();
    if (JSON.stringify(fromShards) !== JSON.stringify(fromText)) problems.push(`record ${record.key}: the shards give ${JSON.stringify(fromShards)}, its text ${JSON.stringify(fromText)}`);
  }
  return problems;
}
