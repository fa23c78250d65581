/**
 * What the search index remembers between builds (a watch keeps one):
 *
 * | remembered                  | keyed by                 | reused while                              |
 * |-----------------------------|--------------------------|-------------------------------------------|
 * | a day's or week's record    | its summary object       | always (the model keeps an unchanged one) |
 * | the index, with its files   | (last build)             | records with the same id and object stay  |
 *
 * An edit changes a few summaries; their records are made again, and the
 * index puts the new records in the place of the old ones, which marks the
 * term shards of the words that changed and the month files: only those are
 * written again.
 * Ids come from dates, so a day added before others shifts nothing. Everything
 * is forgotten when the config changes (it decides what text is published).
 * A memo only saves work: the files made with one equal the files made without.
 */
import type { Config } from "../config/schema.js";
import type { DaySummary, SiteModel, WeekSummary } from "../model/site.js";
import { dayRecord, weekRecord, type SearchRecord } from "../render/search/records.js";
import { SearchIndex } from "../render/search/search-index.js";

/** The search records and the index of earlier builds. */
export interface SearchMemo {
  config?: Config;
  days: WeakMap<DaySummary, SearchRecord | null>;
  weeks: WeakMap<WeekSummary, SearchRecord | null>;
  /** The index as last built, holding the records of that build. */
  index?: SearchIndex;
}

/** An empty search memo. */
export function createSearchMemo(): SearchMemo {
  return { days: new WeakMap(), weeks: new WeakMap() };
}

/** A memo valid for this config (emptied when the config changed). */
export function validSearchMemo(memo: SearchMemo | undefined, config: Config): SearchMemo | undefined {
  if (memo && memo.config !== config) {
    memo.config = config;
    memo.days = new WeakMap();
    memo.weeks = new WeakMap();
    delete memo.index;
  }
  return memo;
}

function remembered<K extends object>(known: WeakMap<K, SearchRecord | null> | undefined, key: K, make: (key: K) => SearchRecord | null): SearchRecord | null {
  if (known?.has(key)) return known.get(key)!;
  const record = make(key);
  known?.set(key, record);
  return record;
}

/** Every day's and week's record, in id order; with a memo, an unchanged summary's record is the same object as last time. */
export function searchRecords(model: SiteModel, memo: SearchMemo | undefined): SearchRecord[] {
  const mode = model.config.publish;
  const days = model.days.flatMap((d) => remembered(memo?.days, d, (day) => dayRecord(mode, day)) ?? []);
  const weeks = model.weeks.flatMap((w) => remembered(memo?.weeks, w, (week) => weekRecord(mode, week)) ?? []);
  // Both lists are in date order; a week goes right after its Sunday.
  const out: SearchRecord[] = [];
  let w = 0;
  for (const day of days) {
    while (w < weeks.length && weeks[w]!.id < day.id) out.push(weeks[w++]!);
    out.push(day);
  }
  while (w < weeks.length) out.push(weeks[w++]!);
  return out;
}

/**
 * The index holding exactly these records (in id order). Without a memo it
 * is built whole; with one, the last build's index is changed: records gone
 * or replaced are taken out, new ones put in.
 */
export function indexOf(records: readonly SearchRecord[], memo: SearchMemo | undefined): SearchIndex {
  if (!memo?.index) {
    const index = new SearchIndex();
    for (const record of records) index.add(record);
    if (memo) memo.index = index;
    return index;
  }
  const index = memo.index;
  const current = new Map(records.map((r) => [r.id, r]));
  for (const held of index.records()) {
    const now = current.get(held.id);
    if (now === undefined) index.remove(held);
    else if (now !== held) index.replace(held, now);
  }
  for (const record of records) if (index.record(record.id) === undefined) index.add(record);
  return index;
}
