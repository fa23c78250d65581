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
  /** The records the index holds, in id order. */
  indexed?: readonly SearchRecord[];
  /** The last build's days and weeks with their records at the same places, and every record in id order. */
  last?: {
    readonly days: readonly DaySummary[];
    readonly dayRecords: readonly (SearchRecord | null)[];
    readonly weeks: readonly WeekSummary[];
    readonly weekRecords: readonly (SearchRecord | null)[];
    readonly records: readonly SearchRecord[];
  };
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
    delete memo.indexed;
    delete memo.last;
  }
  return memo;
}

function remembered<K extends object>(known: WeakMap<K, SearchRecord | null> | undefined, key: K, make: (key: K) => SearchRecord | null): SearchRecord | null {
  if (known?.has(key)) return known.get(key)!;
  const record = make(key);
  known?.set(key, record);
  return record;
}

/**
 * Every day's and week's record, in id order; with a memo, an unchanged
 * summary's record is the same object as last time (found at its place in
 * last time's list first, without a lookup), and the list itself is last
 * time's when no record changed.
 */
export function searchRecords(model: SiteModel, memo: SearchMemo | undefined): readonly SearchRecord[] {
  const mode = model.config.publish;
  const last = memo?.last;
  let changed = last === undefined || last.days.length !== model.days.length || last.weeks.length !== model.weeks.length;
  const dayRecords = model.days.map((d, i) => {
    if (last?.days[i] === d) return last.dayRecords[i]!;
    const record = remembered(memo?.days, d, (day) => dayRecord(mode, day));
    if (record !== last?.dayRecords[i]) changed = true;
    return record;
  });
  const weekRecords = model.weeks.map((w, i) => {
    if (last?.weeks[i] === w) return last.weekRecords[i]!;
    const record = remembered(memo?.weeks, w, (week) => weekRecord(mode, week));
    if (record !== last?.weekRecords[i]) changed = true;
    return record;
  });
  let records = last?.records;
  if (changed || !records) {
    // Both lists are in date order; a week goes right after its Sunday.
    const days = dayRecords.filter((r): r is SearchRecord => r !== null);
    const weeks = weekRecords.filter((r): r is SearchRecord => r !== null);
    const out: SearchRecord[] = [];
    let w = 0;
    for (const day of days) {
      while (w < weeks.length && weeks[w]!.id < day.id) out.push(weeks[w++]!);
      out.push(day);
    }
    while (w < weeks.length) out.push(weeks[w++]!);
    records = out;
  }
  if (memo) memo.last = { days: model.days, dayRecords, weeks: model.weeks, weekRecords, records };
  return records;
}

/**
 * The index holding exactly these records (in id order). Without a memo it
 * is built whole; with one, the last build's index is changed: records gone
 * or replaced are taken out, new ones put in. Both lists are in id order, so
 * one walk down them finds what changed.
 */
export function indexOf(records: readonly SearchRecord[], memo: SearchMemo | undefined): SearchIndex {
  if (!memo?.index) {
    const index = new SearchIndex();
    for (const record of records) index.add(record);
    if (memo) {
      memo.index = index;
      memo.indexed = records;
    }
    return index;
  }
  const index = memo.index;
  const held = memo.indexed ?? index.records().sort((a, b) => a.id - b.id);
  if (held !== records) {
    let i = 0;
    let j = 0;
    while (i < held.length || j < records.length) {
      const a = held[i];
      const b = records[j];
      if (a !== undefined && b !== undefined && a.id === b.id) {
        if (a !== b) index.replace(a, b);
        i++;
        j++;
      } else if (b === undefined || (a !== undefined && a.id < b.id)) {
        index.remove(a!);
        i++;
      } else {
        index.add(b);
        j++;
      }
    }
  }
  memo.indexed = records;
  return index;
}
