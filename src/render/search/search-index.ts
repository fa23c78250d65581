/**
 * The search index as files the browser loads with classic `<script>`
 * elements (no fetch, no modules: it works from `file://`), split so that a
 * search loads only what it needs:
 *
 * - `search/index.js`, the directory: every record's id, which month file
 *   holds it, which term shards exist, and the records of each area, tag and
 *   year (for the filters);
 * - `search/terms/NAME.js`, one shard per first character of a term, or per
 *   first two characters once that character's terms have more than
 *   SPLIT_POSTINGS postings: the shard's terms, sorted, each with its
 *   postings (record id and the fields the term is in);
 * - `search/months/YYYY-MM.js`, the published text of that month's records,
 *   for the results' snippets.
 *
 * Each file is one call of the client's global `smallwinsSearch` with
 * literals, parsed as data, never evaluated text. The index is kept in memory
 * and changed record by record: adding or removing a record marks the shards
 * of its terms and its month as changed, and `files()` writes only those
 * again (and the directory). What it writes depends only on the records it
 * holds, never on the order they came in, so an index changed edit by edit
 * writes exactly what one built at once does.
 */
import type { OutputFile } from "../site.js";
import { tagAncestors, tagKey } from "../../model/tags.js";
import { FIELDS, type SearchRecord } from "./records.js";
import { headOf, shardName, termsOf, varint } from "./terms.js";

/** The version of the index's files, which the client checks; raised on any change to them. */
export const SEARCH_FORMAT = 1;

/** Above this many postings, a first character's terms are split into shards by their first two characters. */
export const SPLIT_POSTINGS = 2048;

/** The folder of the search files in the site. */
export const SEARCH_FOLDER = "search";

/** A first character's terms: the two-character prefixes they have, and their postings in all. */
interface Group {
  readonly prefixes: Set<string>;
  postings: number;
}

/** Each term of a record with the fields it is in (a bit mask of FIELDS). */
export function recordTerms(record: SearchRecord): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (texts: readonly string[], field: number): void => {
    for (const text of texts) for (const term of termsOf(text)) terms.set(term, (terms.get(term) ?? 0) | field);
  };
  add(record.wins, FIELDS.win);
  add(record.tags, FIELDS.tag);
  add(record.didWell, FIELDS.didWell);
  add(record.notes, FIELDS.note);
  return terms;
}

/**
 * A value as a JSON literal with every `<` written `\u003c` (the same string
 * once read): the journal's text, such as `<script>`, is then never markup in
 * any file of the site, not even in the index's data.
 */
const json = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/** A JavaScript call with JSON arguments, which a classic script can be. */
const call = (name: string, ...args: unknown[]): string => `smallwinsSearch.${name}(${args.map(json).join(", ")});\n`;

/** A term's postings, with its shard prefixes worked out once (they are needed at every posting added or removed). */
interface TermPostings {
  /** Record id × 16 + the fields the term is in, ascending. */
  readonly list: number[];
  readonly first: string;
  readonly prefix: string;
  /** The list as the shard file writes it, kept until the list changes: an edit re-encodes only the terms it touched. */
  encoded?: string | undefined;
}

/** The position of the first posting of `id` or after it in `list` (postings are id × 16 + fields, ascending). */
function positionOf(list: readonly number[], id: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (Math.floor(list[mid]! / 16) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether two records of one id have the same place in the directory: the same month, year, areas and tags. */
function sameDirectoryEntry(a: SearchRecord, b: SearchRecord): boolean {
  const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.month === b.month && a.year === b.year && same(a.areas, b.areas) && same(a.tags, b.tags);
}

/** The search index of a set of records, kept up to date record by record. */
export class SearchIndex {
  private readonly byId = new Map<number, SearchRecord>();
  /** The records of each month file, by id: an edit writes its month again without a pass over every record. */
  private readonly byMonth = new Map<string, Map<number, SearchRecord>>();
  /** Each term's postings. */
  private readonly postings = new Map<string, TermPostings>();
  /** The terms of each one- or two-character prefix. */
  private readonly prefixes = new Map<string, Set<string>>();
  private readonly groups = new Map<string, Group>();
  /** Whether each first character's shards were last written split by two characters. */
  private readonly split = new Map<string, boolean>();
  /** The shard files as last written, by shard name, and which names each first character has. */
  private readonly shards = new Map<string, string>();
  private readonly groupShards = new Map<string, readonly string[]>();
  private readonly months = new Map<string, string>();
  private readonly changedPrefixes = new Set<string>();
  private readonly changedGroups = new Set<string>();
  private readonly changedMonths = new Set<string>();
  /** The directory as last written, and whether a record came, went or moved in a filter since (an edit of a note's text does not). */
  private directoryText: string | undefined;
  private directoryChanged = true;
  private directoryShards = "";

  /** The number of records. */
  get size(): number {
    return this.byId.size;
  }

  /** The record with this id, if the index holds one. */
  record(id: number): SearchRecord | undefined {
    return this.byId.get(id);
  }

  /** The records the index holds (a copy, so the index may change while it is read). */
  records(): SearchRecord[] {
    return [...this.byId.values()];
  }

  /** Adds a record (its id must not be in the index). */
  add(record: SearchRecord): void {
    if (this.byId.has(record.id)) throw new Error(`the search index already holds record ${record.id}`);
    this.byId.set(record.id, record);
    this.inMonth(record);
    this.changedMonths.add(record.month);
    this.directoryChanged = true;
    for (const [term, fields] of recordTerms(record)) this.addPosting(term, record.id * 16 + fields, record.id);
  }

  private addPosting(term: string, posting: number, id: number): void {
    let entry = this.postings.get(term);
    if (!entry) {
      entry = { list: [], first: headOf(term, 1), prefix: headOf(term, 2) };
      this.postings.set(term, entry);
      this.termAdded(term, entry);
    }
    const list = entry.list;
    // Records mostly come in id order: then the posting goes at the end.
    if (list.length === 0 || list[list.length - 1]! < posting) list.push(posting);
    else list.splice(positionOf(list, id), 0, posting);
    entry.encoded = undefined;
    this.touch(entry, 1);
  }

  private removePosting(term: string, id: number): void {
    const entry = this.postings.get(term)!;
    entry.list.splice(positionOf(entry.list, id), 1);
    entry.encoded = undefined;
    this.touch(entry, -1);
    if (entry.list.length === 0) {
      this.postings.delete(term);
      this.termRemoved(term, entry);
    }
  }

  /**
   * Puts `record` in the place of `held`, a record with the same id: only
   * the terms whose fields changed, came or went are touched, so an edit
   * re-makes only the shards of the words it changed.
   */
  replace(held: SearchRecord, record: SearchRecord): void {
    if (this.byId.get(held.id) !== held || record.id !== held.id) throw new Error(`the search index cannot replace record ${held.id} with ${record.id}`);
    this.byId.set(record.id, record);
    this.outOfMonth(held);
    this.inMonth(record);
    this.changedMonths.add(held.month);
    this.changedMonths.add(record.month);
    if (!sameDirectoryEntry(held, record)) this.directoryChanged = true;
    const before = recordTerms(held);
    const after = recordTerms(record);
    for (const [term, fields] of before) {
      if (after.get(term) === fields) continue;
      this.removePosting(term, record.id);
    }
    for (const [term, fields] of after) {
      if (before.get(term) === fields) continue;
      this.addPosting(term, record.id * 16 + fields, record.id);
    }
  }

  /** Removes a record the index holds. */
  remove(record: SearchRecord): void {
    if (this.byId.get(record.id) !== record) throw new Error(`the search index does not hold this record ${record.id}`);
    this.byId.delete(record.id);
    this.outOfMonth(record);
    this.changedMonths.add(record.month);
    this.directoryChanged = true;
    for (const term of recordTerms(record).keys()) this.removePosting(term, record.id);
  }

  private inMonth(record: SearchRecord): void {
    let month = this.byMonth.get(record.month);
    if (!month) this.byMonth.set(record.month, (month = new Map()));
    month.set(record.id, record);
  }

  private outOfMonth(record: SearchRecord): void {
    const month = this.byMonth.get(record.month);
    month?.delete(record.id);
    if (month?.size === 0) this.byMonth.delete(record.month);
  }

  private touch(entry: TermPostings, postings: number): void {
    this.groups.get(entry.first)!.postings += postings;
    this.changedGroups.add(entry.first);
    this.changedPrefixes.add(entry.prefix);
  }

  private termAdded(term: string, { first, prefix }: TermPostings): void {
    let terms = this.prefixes.get(prefix);
    if (!terms) {
      terms = new Set();
      this.prefixes.set(prefix, terms);
    }
    terms.add(term);
    let group = this.groups.get(first);
    if (!group) {
      group = { prefixes: new Set(), postings: 0 };
      this.groups.set(first, group);
    }
    group.prefixes.add(prefix);
  }

  private termRemoved(term: string, { first, prefix }: TermPostings): void {
    const terms = this.prefixes.get(prefix)!;
    terms.delete(term);
    if (terms.size > 0) return;
    this.prefixes.delete(prefix);
    const group = this.groups.get(first)!;
    group.prefixes.delete(prefix);
    if (group.prefixes.size === 0) this.groups.delete(first);
  }

  /** A shard's file: its terms, sorted, and each one's postings as varints of (id step × 16 + fields). */
  private shardFile(name: string, prefixes: Iterable<string>): string {
    const terms: string[] = [];
    for (const prefix of prefixes) for (const term of this.prefixes.get(prefix)!) terms.push(term);
    terms.sort();
    const lists = terms.map((term) => {
      const entry = this.postings.get(term)!;
      if (entry.encoded !== undefined) return entry.encoded;
      let text = "";
      let previous = 0;
      for (const posting of entry.list) {
        const id = Math.floor(posting / 16);
        text += varint((id - previous) * 16 + (posting % 16));
        previous = id;
      }
      entry.encoded = text;
      return text;
    });
    return call("shard", name, terms.join(" "), lists.join(" "));
  }

  /** Writes the shards of the first characters whose terms changed again. */
  private updateShards(): void {
    const changedByGroup = new Map<string, string[]>();
    for (const prefix of this.changedPrefixes) {
      const first = headOf(prefix, 1);
      const list = changedByGroup.get(first);
      if (list) list.push(prefix);
      else changedByGroup.set(first, [prefix]);
    }
    for (const first of this.changedGroups) {
      const group = this.groups.get(first);
      const before = this.groupShards.get(first) ?? [];
      if (!group) {
        for (const name of before) this.shards.delete(name);
        this.groupShards.delete(first);
        this.split.delete(first);
        continue;
      }
      const split = group.postings > SPLIT_POSTINGS;
      if (split && this.split.get(first) === true) {
        // Still split: only the changed prefixes' shards are written again.
        for (const prefix of changedByGroup.get(first) ?? []) {
          const name = shardName(prefix);
          if (this.prefixes.has(prefix)) this.shards.set(name, this.shardFile(name, [prefix]));
          else this.shards.delete(name);
        }
      } else {
        for (const name of before) this.shards.delete(name);
        if (split) for (const prefix of group.prefixes) this.shards.set(shardName(prefix), this.shardFile(shardName(prefix), [prefix]));
        else this.shards.set(shardName(first), this.shardFile(shardName(first), group.prefixes));
      }
      this.split.set(first, split);
      this.groupShards.set(first, split ? [...group.prefixes].map(shardName) : [shardName(first)]);
    }
    this.changedPrefixes.clear();
    this.changedGroups.clear();
  }

  /** Writes the changed months' text files again: one line per record, in id order. */
  private updateMonths(): void {
    for (const month of this.changedMonths) {
      const records = [...(this.byMonth.get(month)?.values() ?? [])].sort((a, b) => a.id - b.id);
      if (records.length === 0) this.months.delete(month);
      else this.months.set(month, `smallwinsSearch.month(${json(month)}, [\n${records.map((r) => json([r.id, r.key, r.label, r.wins, r.didWell, r.tags, r.notes])).join(",\n")}\n]);\n`);
    }
    this.changedMonths.clear();
  }

  /** The directory: the records' ids, their months, the shards, and the records of each area, tag and year. */
  private directory(sorted: readonly SearchRecord[]): string {
    let ids = "";
    let previous = 0;
    const months: (string | number)[] = [];
    const facets = { areas: new Map<string, number[]>(), tags: new Map<string, number[]>(), years: new Map<string, number[]>() };
    const note = (facet: Map<string, number[]>, value: string, index: number): void => {
      const list = facet.get(value);
      if (list) list.push(index);
      else facet.set(value, [index]);
    };
    sorted.forEach((r, index) => {
      ids += varint(r.id - previous);
      previous = r.id;
      if (months[months.length - 2] === r.month) (months[months.length - 1] as number)++;
      else months.push(r.month, 1);
      for (const area of r.areas) note(facets.areas, area, index);
      for (const tag of new Set(r.tags.flatMap((name) => tagAncestors(tagKey(name))))) note(facets.tags, tag, index);
      note(facets.years, r.year, index);
    });
    /** A facet as [value, varints of the steps between its records' positions] pairs, by value. */
    const pairs = (facet: Map<string, number[]>): [string, string][] =>
      [...facet.keys()].sort().map((value) => {
        let text = "";
        let last = -1;
        for (const index of facet.get(value)!) {
          text += varint(index - last - 1);
          last = index;
        }
        return [value, text];
      });
    const splitGroups = [...this.split].filter(([, split]) => split).map(([first]) => shardName(first));
    const fields: [string, unknown][] = [
      ["format", SEARCH_FORMAT],
      ["records", ids],
      ["months", months],
      ["shards", [...this.shards.keys()].sort()],
      ["split", splitGroups.sort()],
      ["areas", pairs(facets.areas)],
      ["tags", pairs(facets.tags)],
      ["years", pairs(facets.years)],
    ];
    return `smallwinsSearch.directory({\n${fields.map(([key, value]) => `${json(key)}: ${json(value)}`).join(",\n")}\n});\n`;
  }

  /** Every file of the index, by path; only what changed since the last call is made again. */
  files(): OutputFile[] {
    this.updateShards();
    this.updateMonths();
    // The directory lists the shards too: it is made again when a record moved in it or a group's shards changed.
    const shards = [...this.shards.keys()].sort().join("\n");
    if (this.directoryChanged || this.directoryText === undefined || shards !== this.directoryShards) this.directoryText = this.directory([...this.byId.values()].sort((a, b) => a.id - b.id));
    this.directoryChanged = false;
    this.directoryShards = shards;
    const files: OutputFile[] = [{ path: `${SEARCH_FOLDER}/index.js`, contents: this.directoryText }];
    for (const month of [...this.months.keys()].sort()) files.push({ path: `${SEARCH_FOLDER}/months/${month}.js`, contents: this.months.get(month)! });
    for (const name of [...this.shards.keys()].sort()) files.push({ path: `${SEARCH_FOLDER}/terms/${name}.js`, contents: this.shards.get(name)! });
    return files;
  }
}
