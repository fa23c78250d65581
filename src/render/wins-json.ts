import { publishedTags } from "../aggregate/tags.js";
import { fromDayNumber } from "../model/calendar.js";
import { isCalendarRest, isRestDay, periodNotes } from "../model/rest.js";
import type { DaySummary, RestDay, SiteModel, TagSummary, WeekSummary } from "../model/site.js";
import { compareTagKeys } from "../model/tags.js";
import { chunkTexts, joinedParts, validWinsJsonMemo, type Chunk, type JoinedParts, type WinsJsonMemo } from "../memo/wins-json-memo.js";
import { sameItems } from "../model/lists.js";
import { mayPublish, published } from "./privacy.js";

export { createWinsJsonMemo, type WinsJsonMemo } from "../memo/wins-json-memo.js";

/**
 * The version of the `wins.json` schema; raised on any incompatible change
 * (see docs/api.md). 2: `neverMissTwice.days` counts both ends of the chain.
 */
export const WINS_JSON_VERSION = 2;

const round1 = (n: number | undefined): number | null => (n === undefined ? null : Math.round(n * 10) / 10);

/** Lines only the top-level keys can make, since JSON strings never hold a raw newline. */
const DAYS_SLOT = '\n  "days": [],\n';
const WEEKS_SLOT = '\n  "weeks": [],\n';
const TAGS_SLOT = '\n  "tags": [],\n';

/** A list written one item per line (readable, diffable, and a tenth of the size of fully indented JSON), as the parts of its text. */
function listLines<T extends object>(items: readonly T[], lines: WeakMap<T, string> | undefined, chunks: Chunk<T>[] | undefined, json: (item: T) => unknown): string[] {
  if (items.length === 0) return ["[]"];
  const texts = chunkTexts(items, (item) => `    ${JSON.stringify(json(item))}`, ",\n", lines, chunks);
  const parts = ["[\n"];
  texts.forEach((text, i) => parts.push(i === 0 ? text : ",\n", ...(i === 0 ? [] : [text])));
  parts.push("\n  ]");
  return parts;
}

/**
 * Every rest day without a win (§6), from the journal's first counted day to
 * today, with or without entries, with its reasons (protected ones null) and
 * the config's notes. One pass over the days, one over the calendar.
 */
function restDayList(model: SiteModel, restJson: (r: RestDay) => Record<string, unknown>, memo: WinsJsonMemo | undefined): readonly Record<string, unknown>[] {
  const rest = model.rest;
  if (rest.from === undefined) return [];
  const withRest: DaySummary[] = [];
  for (const d of model.days) if (d.rest && !d.future) withRest.push(d);
  // The same rest days and the same days with a rest note (by identity) give the same list.
  const known = memo?.restDays;
  if (known && known.rest === rest && sameItems(known.days, withRest)) return known.list;
  const byDate = new Map<string, DaySummary>();
  for (const d of withRest) byDate.set(d.date, d);
  const out: Record<string, unknown>[] = [];
  for (let n = rest.from; n <= rest.to; n++) {
    if (!isRestDay(rest, n)) continue;
    const date = fromDayNumber(n);
    const day = byDate.get(date);
    if (day?.isWinDay) continue;
    const found = day?.rest ?? (isCalendarRest(rest.calendar, n) ? { reasons: [], notes: periodNotes(rest.calendar, n) } : undefined);
    if (found) out.push({ date, ...restJson(found) });
  }
  if (memo) memo.restDays = { rest, days: withRest, list: out };
  return out;
}

/**
 * `wins.json`: every published fact for other tools, versioned. Protected text
 * is `null` (never left out silently), numbers always count. Indented JSON,
 * except that each day and each week is one line.
 */
export function renderWinsJson(model: SiteModel, memo?: WinsJsonMemo): string {
  return winsJsonParts(model, memo).text();
}

/** `wins.json` as its parts (see renderWinsJson): with a memo, its bytes too, a part at a time, reused for every unchanged part. */
export function winsJsonParts(model: SiteModel, memo?: WinsJsonMemo): JoinedParts {
  const mode = model.config.publish;
  const valid = validWinsJsonMemo(memo, model.config);
  const restJson = (r: RestDay): Record<string, unknown> => ({ reasons: r.reasons.map((t) => published(mode, "note", t)), notes: r.notes });
  const dayJson = (d: DaySummary): Record<string, unknown> => ({
    date: d.date,
    week: d.week,
    future: d.future,
    isWinDay: d.isWinDay,
    streak: d.streak,
    comebackAfter: d.comebackAfter ?? null,
    rest: d.rest ? restJson(d.rest) : null,
    mood: round1(d.mood),
    energy: round1(d.energy),
    private: d.private,
    wins: d.wins.map((w) => ({ text: published(mode, "win", w), area: w.area ?? null, level: w.level, habit: w.habit ?? null, source: w.source })),
    didWell: d.didWell.map((t) => published(mode, "note", t)),
    tags: publishedTags(d, mode)
      .sort((a, b) => compareTagKeys(a.key, b.key))
      .map((t) => t.name),
    tasksDone: d.tasksDone,
    tasksTotal: d.tasksTotal,
  });
  const weekJson = (w: WeekSummary): Record<string, unknown> => ({
    week: w.week,
    wins: w.wins,
    winDays: w.winDays,
    restDays: w.restDates.length,
    averageMood: round1(w.averageMood),
    areaWins: w.areaWins,
    change: w.change,
    rating: w.reflection?.rating ?? null,
    focus: w.reflection?.focus ?? null,
    reflection: w.reflection && mayPublish(mode, "note", w.reflection.private) ? w.reflection.text : null,
  });
  const tagJson = (t: TagSummary): Record<string, unknown> => ({
    key: t.key,
    name: t.name,
    page: t.path,
    parent: t.parent?.key ?? null,
    days: t.count,
    first: t.first ?? null,
    last: t.last ?? null,
    dates: t.days.filter((d) => !d.future).map((d) => d.date),
  });
  const s = model.summary;
  const data = {
    version: WINS_JSON_VERSION,
    generator: "smallwins",
    title: model.config.title,
    author: model.config.author ?? null,
    today: model.today,
    publish: mode,
    summary: {
      currentStreak: s.currentStreak,
      longestStreak: s.longestStreak,
      neverMissTwice: s.neverMissTwice,
      totalWins: s.totalWins,
      winDays: s.winDays,
      restDays: s.restDays,
      comebacks: s.comebacks,
      longestGapBridged: s.longestGapBridged,
      tasksDone: s.tasksDone,
      tasksTotal: s.tasksTotal,
    },
    days: [],
    weeks: [],
    areas: model.areas.map((a) => ({
      slug: a.slug,
      label: a.label,
      color: a.color ?? null,
      wins: a.wins,
      winDays: a.winDays,
      highestLevel: a.highestLevel,
      levelUps: a.levelUps.map((l) => ({ date: l.date, level: l.level, text: published(mode, "win", l.win) })),
    })),
    habits: model.habits.map((h) => ({
      slug: h.slug,
      label: h.label,
      target: h.target.kind === "daily" ? "daily" : `${h.target.perWeek}/week`,
      total: h.total,
      currentStreak: h.target.kind === "daily" ? { unit: "days", length: h.currentStreak.days } : { unit: "weeks", length: h.currentWeeks.weeks },
      longestStreak: h.target.kind === "daily" ? { unit: "days", length: h.longestStreak.days } : { unit: "weeks", length: h.longestWeeks.weeks },
      score: Math.round(h.score * 1000) / 1000,
    })),
    tags: [],
    milestones: model.milestones,
    restDays: restDayList(model, restJson, valid),
  };
  // The lists go into the small skeleton's slots by position: no pass over the large text.
  const skeleton = JSON.stringify(data, null, 2);
  const daysAt = skeleton.indexOf(DAYS_SLOT);
  const weeksAt = skeleton.indexOf(WEEKS_SLOT);
  const tagsAt = skeleton.indexOf(TAGS_SLOT);
  return joinedParts(
    [
      skeleton.slice(0, daysAt),
      '\n  "days": ',
      ...listLines(model.days, valid?.days, valid?.dayChunks, dayJson),
      ",\n",
      skeleton.slice(daysAt + DAYS_SLOT.length, weeksAt),
      '\n  "weeks": ',
      ...listLines(model.weeks, valid?.weeks, valid?.weekChunks, weekJson),
      ",\n",
      skeleton.slice(weeksAt + WEEKS_SLOT.length, tagsAt),
      '\n  "tags": ',
      ...listLines(model.tags, valid?.tags, undefined, tagJson),
      ",\n",
      skeleton.slice(tagsAt + TAGS_SLOT.length),
      "\n",
    ],
    valid,
  );
}
