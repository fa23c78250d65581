/**
 * Tags (§6): every published tag with its days, newest first, its count of
 * days up to today, its first and last use, its parent and its nested tags.
 * Only published uses count: a tag of a private file, or of text that
 * `publish` hides (bodies and the front matter's tags unless `publish: full`,
 * any text with `publish: stats`), adds no day, no count and no name, so a
 * tag only hidden text holds has no page at all.
 */
import type { PublishMode } from "../config/schema.js";
import type { IsoDate } from "../model/calendar.js";
import { mayPublish } from "../model/privacy.js";
import type { DaySummary, DayTag, TagSummary } from "../model/site.js";
import { compareTagKeys, tagAncestors, tagParent, tagPath, type TagKey } from "../model/tags.js";

/** A day's tags that `mode` publishes, one per key, in the order written. */
export function publishedTags(day: DaySummary, mode: PublishMode): DayTag[] {
  const out: DayTag[] = [];
  for (const tag of day.tags) {
    if (!mayPublish(mode, tag.kind, tag.private)) continue;
    if (!out.some((t) => t.key === tag.key)) out.push(tag);
  }
  return out;
}

/** The published tags of a run of days: each key's name as first written in the run, and its days, oldest first. */
export interface TagUses {
  readonly names: ReadonlyMap<TagKey, string>;
  readonly days: ReadonlyMap<TagKey, readonly DaySummary[]>;
}

/** The tags the published text of a run of `days` (oldest first) holds, with the parents of nested tags. */
export function tagUses(days: readonly DaySummary[], mode: PublishMode): TagUses {
  const names = new Map<TagKey, string>();
  const daysOf = new Map<TagKey, DaySummary[]>();
  for (const day of days) {
    if (day.tags.length === 0) continue;
    for (const tag of publishedTags(day, mode)) {
      // A name has as many segments as its key: the key is the name in NFC and lower case.
      const segments = tag.name.split("/");
      for (const key of tagAncestors(tag.key)) {
        if (!names.has(key)) names.set(key, segments.slice(0, key.split("/").length).join("/"));
        let list = daysOf.get(key);
        if (!list) daysOf.set(key, (list = []));
        if (list.at(-1) !== day) list.push(day);
      }
    }
  }
  return { names, days: daysOf };
}

/**
 * Every tag the published text of `days` (oldest first) holds, with the
 * parents of nested tags, in key order (see compareTagKeys). A tag's name is
 * its first published use's (the oldest day first, and in a day, its files
 * in path order, each front matter before body); a parent's name is the
 * first use's prefix when the parent is never written alone before it.
 */
export function summarizeTags(days: readonly DaySummary[], mode: PublishMode): TagSummary[] {
  return summarizeTagUses([tagUses(days, mode)]);
}

/** The tags of consecutive runs of days (in date order), as summarizeTags gives them for all those days. */
export function summarizeTagUses(runs: readonly TagUses[]): TagSummary[] {
  const names = new Map<TagKey, string>();
  const daysOf = new Map<TagKey, DaySummary[]>();
  for (const run of runs) {
    for (const [key, name] of run.names) if (!names.has(key)) names.set(key, name);
    for (const [key, list] of run.days) {
      const all = daysOf.get(key);
      if (all) for (const day of list) all.push(day);
      else daysOf.set(key, [...list]);
    }
  }
  const keys = [...daysOf.keys()].sort(compareTagKeys);
  const counts = new Map<TagKey, { count: number; first?: IsoDate; last?: IsoDate }>();
  for (const key of keys) {
    const counted = daysOf.get(key)!.filter((d) => !d.future);
    counts.set(key, { count: counted.length, ...(counted.length ? { first: counted[0]!.date, last: counted.at(-1)!.date } : {}) });
  }
  const children = new Map<TagKey, TagKey[]>();
  for (const key of keys) {
    const parent = tagParent(key);
    if (parent === undefined) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(key);
    else children.set(parent, [key]);
  }
  return keys.map((key): TagSummary => {
    const parent = tagParent(key);
    return {
      key,
      name: names.get(key)!,
      path: tagPath(key),
      ...(parent !== undefined ? { parent: { key: parent, name: names.get(parent)! } } : {}),
      children: (children.get(key) ?? []).map((child) => ({ key: child, name: names.get(child)!, count: counts.get(child)!.count })),
      // Days come oldest first: newest first is the list reversed.
      days: daysOf.get(key)!.reverse(),
      ...counts.get(key)!,
    };
  });
}
