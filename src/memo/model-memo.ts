/**
 * What the site model remembers between builds, keyed by what, and what
 * invalidates it. A watch keeps one ModelMemo; buildSiteModel asks it before
 * it calls a metric, and tells it what it made. The metrics never see it.
 *
 * | remembered                         | key          | reused while                                                        |
 * |------------------------------------|--------------|---------------------------------------------------------------------|
 * | a month's walk and its day checks  | "YYYY-MM-"   | the same file objects, days counted and starting walk state         |
 * | a month's day summaries            | (its walk)   | the same walk, dates around the month and total-win milestones      |
 * | a month's tally and tags           | (its days)   | its day summaries are reused (made on first use)                    |
 * | a day's summary                    | date         | the same file objects, numbers from the walk and rest notes         |
 * | a week's summary                   | ISO week     | the same day summaries of it and the week before, reflection,       |
 * |                                    |              | links, and rest days                                                |
 * | the list of week summaries         | (last build) | the same weeks with pages, rest days and reflections, and every day |
 * |                                    |              | at its date's place: only the weeks of changed days, and the week   |
 * |                                    |              | after each, are looked at (as a week's summary above)               |
 * | the weeks with pages (set, order)  | (last build) | every month has the same weeks, the same reflections, this week     |
 * | a habit's summary                  | slug         | the same habit config object, today, days done and rest days        |
 * | the config's rest days as numbers  | (config)     | the same config object                                              |
 * | the links between days             | (last build) | see src/memo/links-memo.ts                                          |
 * | a month's tally (as an object)     | "YYYY-MM-"   | its figures are the same (compared by value)                        |
 * | the areas' summaries               | (last build) | the same month tallies' areas (by identity), level-ups and today    |
 * | the headline numbers               | (last build) | the same months' win days and gaps, tallies, rest days, span, today |
 *
 * Every month is forgotten when the config or today changes (they decide what
 * counts and what is a warning, and which days are rest days); a day whose
 * `rest:` changed is a changed file, so its month is walked again, and the
 * state it passes on (rest days since the last win) reaches the months after
 * it. An entry whose key is gone is dropped. A
 * parsed file that did not change is the same object (the builder keeps it),
 * so "the same files" is a comparison by identity. A memo only saves work: a
 * model built with one equals a model built without.
 */
import type { Config, HabitConfig } from "../config/schema.js";
import { addWeeks, type IsoDate, type IsoWeek } from "../model/calendar.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { DayFile, JournalFile, WeekFile } from "../model/entry.js";
import type { ParseResult } from "../parse/entry.js";
import { monthsOf, sortedDayFiles, type Month } from "../aggregate/days.js";
import { sameItems } from "../model/lists.js";
import { restCalendar, type RestCalendar, type RestDays } from "../model/rest.js";
import type { AreaSummary, DaySummary, HabitSummary, LevelUp, Milestone, RestDay, Summary, TagSummary, WeekSummary } from "../model/site.js";
import type { TagKey } from "../model/tags.js";
import type { MonthTally } from "../aggregate/month-tally.js";
import type { AreaTally } from "../aggregate/areas.js";
import type { TagUses } from "../aggregate/tags.js";
import { sameWalkState, type WalkedDays, type WalkState } from "../aggregate/walk.js";
import { createLinksMemo, type LinksMemo } from "./links-memo.js";

/**
 * Day, week and habit summaries of earlier runs, reused when their inputs are
 * the same objects and numbers: after an edit, every day the edit does not
 * touch keeps its summary object, so later stages can skip it by identity.
 */
export interface ModelMemo {
  readonly days: Map<IsoDate, { readonly files: readonly DayFile[]; readonly value: DaySummary }>;
  readonly weeks: Map<
    IsoWeek,
    { readonly own: readonly DaySummary[]; readonly before: readonly DaySummary[]; readonly reflection: WeekFile | undefined; readonly rest: RestDays; readonly value: WeekSummary }
  >;
  readonly habits: Map<
    string,
    { readonly config: HabitConfig | undefined; readonly today: IsoDate; readonly done: readonly IsoDate[]; readonly rest: RestDays; readonly value: HabitSummary }
  >;
  /** Each tag's last summary: an edit that does not touch a tag keeps its summary object, and its page. */
  readonly tags: Map<TagKey, TagSummary>;
  /** Each month's walk and day summaries (by "YYYY-MM-"), for the config and today they were made with. */
  walk: { config?: Config; today?: IsoDate; readonly months: Map<string, RememberedMonth> };
  /** The config's rest days as numbers, for the config they were made from. */
  rest?: { readonly config: Config; readonly calendar: RestCalendar };
  /** Each month's tally of the last build (by "YYYY-MM-"), kept as the same object while its figures are the same. */
  readonly tallies: Map<string, MonthTally>;
  /** The areas' summaries of the last build, with what they were made from. */
  areas?: { readonly runs: readonly ReadonlyMap<string, AreaTally>[]; readonly levelUps: readonly LevelUp[]; readonly today: IsoDate; readonly value: readonly AreaSummary[] };
  /** The headline numbers of the last build, with what they were made from. */
  summary?: SummaryMade;
  /** Lists of the last build kept as the same objects while they hold the same items (the weeks with pages, every level-up). */
  weekKeys?: readonly IsoWeek[];
  /** The week summaries of the last build, in order, with the days, weeks, rest days and reflections they were made from, and each week's days. */
  weekList?: WeekList;
  /** The weeks with pages of the last build, as a set and in order, with what they were made from (each month's weeks, the reflections, this week). */
  weekSet?: { readonly months: readonly (readonly IsoWeek[])[]; readonly reflections: ReadonlyMap<IsoWeek, WeekFile>; readonly thisWeek: IsoWeek; readonly set: ReadonlySet<IsoWeek>; readonly keys: readonly IsoWeek[]; readonly inOrder: readonly WeekFile[] };
  levelUps?: readonly LevelUp[];
  /** The files' results of the last build (a copy of the list), their entries and diagnostics, and each result's place among the entries (-1: none). */
  results?: { readonly results: readonly ParseResult[]; readonly entries: readonly JournalFile[]; readonly diagnostics: readonly Diagnostic[]; readonly filesRead: number; readonly places: readonly number[] };
  /** The reflections that count of the last build, for its list of week files (the same object while no week file changed). */
  reflections?: { readonly weekFiles: readonly WeekFile[]; readonly reflections: Map<IsoWeek, WeekFile>; readonly diagnostics: readonly Diagnostic[] };
  /** The files of the last build in date order, and cut into months. */
  order?: FileOrder;
  /** The journal's rest days of the last build, kept as the same object while they are the same days. */
  restDays?: RestDays;
  /** The links between days of the last build (see src/memo/links-memo.ts). */
  readonly links: LinksMemo;
}

/** An empty memo, for a watch to keep between builds. */
export function createModelMemo(): ModelMemo {
  return { days: new Map(), weeks: new Map(), habits: new Map(), tags: new Map(), tallies: new Map(), walk: { months: new Map() }, links: createLinksMemo() };
}

/** A walked month, its day checks, and the day summaries last made of it. */
export interface RememberedMonth {
  readonly walk: WalkedDays;
  /** Warnings of its files that need the config or today (which a walked month is kept for). */
  readonly checks: readonly Diagnostic[];
  summaries?: MonthDays;
}

/** A month's day summaries and milestones, and what besides the walked month they were made from. */
export interface MonthDays {
  readonly previous: IsoDate | undefined;
  readonly next: IsoDate | undefined;
  readonly totals: readonly (Milestone[] | undefined)[];
  readonly days: readonly DaySummary[];
  readonly milestones: readonly Milestone[];
  /** What its counted days add up to, made on first use. */
  tally?: MonthTally;
  /** The tags its days publish, made on first use. */
  tags?: TagUses;
}

/** The memo's walked months (undefined without a memo), emptied when the config or today changed. */
export function rememberedMonths(memo: ModelMemo | undefined, config: Config, today: IsoDate): Map<string, RememberedMonth> | undefined {
  if (!memo) return undefined;
  if (memo.walk.config !== config || memo.walk.today !== today) memo.walk = { config, today, months: new Map() };
  return memo.walk.months;
}

/** The config's rest days as numbers: made once per config, remembered while the config is the same object. */
export function restCalendarOf(memo: ModelMemo | undefined, config: Config): RestCalendar {
  if (memo?.rest?.config === config) return memo.rest.calendar;
  const calendar = restCalendar(config.rest);
  if (memo) memo.rest = { config, calendar };
  return calendar;
}

/** The month remembered under `key`, when it was walked from the same files, days counted and state. */
export function reusableMonth(months: Map<string, RememberedMonth> | undefined, key: string, files: readonly DayFile[], counted: number, from: WalkState): RememberedMonth | undefined {
  const last = months?.get(key);
  return last && last.walk.counted === counted && sameItems(last.walk.files, files) && sameWalkState(last.walk.from, from) ? last : undefined;
}

/** A month's day summaries made last time, when the days around it and its total-win milestones are the same. */
export function reusableMonthDays(month: RememberedMonth, previous: IsoDate | undefined, next: IsoDate | undefined, totals: readonly (Milestone[] | undefined)[]): MonthDays | undefined {
  const made = month.summaries;
  return made && made.previous === previous && made.next === next && sameTotals(made.totals, totals) ? made : undefined;
}

/** A day's summary made last time, when it was made of the same files and the same numbers. */
export function reusableDay(
  memo: ModelMemo | undefined,
  date: IsoDate,
  group: readonly DayFile[],
  isWinDay: boolean,
  future: boolean,
  streak: number,
  comeback: number | undefined,
  previous: IsoDate | undefined,
  next: IsoDate | undefined,
  levelUps: readonly LevelUp[],
  milestones: readonly Milestone[],
  rest: RestDay | undefined,
): DaySummary | undefined {
  const known = memo?.days.get(date);
  if (!known) return undefined;
  const v = known.value;
  return v.isWinDay === isWinDay &&
    sameRest(v.rest, rest) &&
    v.future === future &&
    v.streak === streak &&
    v.comebackAfter === comeback &&
    v.previous === previous &&
    v.next === next &&
    sameItems(known.files, group) &&
    sameLevelUps(v.levelUps, levelUps) &&
    sameMilestones(v.milestones, milestones)
    ? v
    : undefined;
}

/** Remembers a day's summary and the files it was made of. */
export function rememberDay(memo: ModelMemo | undefined, date: IsoDate, files: readonly DayFile[], value: DaySummary): void {
  memo?.days.set(date, { files, value });
}

/**
 * A week's summary made last time, when its days, the days of the week
 * before, its reflection, its neighbours and its rest days are the same. Its
 * rest days (`restDates`, made only when asked) are the same without being
 * made again when the journal's rest days are the same object and so are its days.
 */
export function reusableWeek(
  memo: ModelMemo | undefined,
  week: IsoWeek,
  own: readonly DaySummary[],
  before: readonly DaySummary[],
  reflection: WeekFile | undefined,
  previousWeek: IsoWeek | undefined,
  nextWeek: IsoWeek | undefined,
  rest: RestDays,
  restDates: () => readonly IsoDate[],
): WeekSummary | undefined {
  const known = memo?.weeks.get(week);
  return known &&
    known.reflection === reflection &&
    known.value.previousWeek === previousWeek &&
    known.value.nextWeek === nextWeek &&
    sameItems(known.own, own) &&
    sameItems(known.before, before) &&
    (known.rest === rest || sameItems(known.value.restDates, restDates()))
    ? known.value
    : undefined;
}

/** The week summaries of a build and what they were made from (see keptWeeks). */
export interface WeekList {
  readonly days: readonly DaySummary[];
  readonly weekKeys: readonly IsoWeek[];
  readonly rest: RestDays;
  readonly reflections: ReadonlyMap<IsoWeek, WeekFile>;
  /** Each week's days (a run of `days`). */
  readonly runs: ReadonlyMap<IsoWeek, readonly DaySummary[]>;
  readonly weeks: readonly WeekSummary[];
  /** Each week's place in `weekKeys`. */
  readonly index: ReadonlyMap<IsoWeek, number>;
}

/**
 * Last build's week summaries, with each week's days brought up to date and
 * the places of the weeks that may have changed: those holding a day whose
 * summary is another object, and the week after each (a week reads the days
 * of the week before). Undefined (make every week) unless the weeks, the rest
 * days and the reflections are last build's objects and every day is at the
 * place of the same date: an edit then looks at its own weeks, not at every
 * week's days.
 */
export function keptWeeks(
  memo: ModelMemo | undefined,
  days: readonly DaySummary[],
  weekKeys: readonly IsoWeek[],
  rest: RestDays,
  reflections: ReadonlyMap<IsoWeek, WeekFile>,
): { readonly runs: ReadonlyMap<IsoWeek, readonly DaySummary[]>; readonly weeks: readonly WeekSummary[]; readonly changed: readonly number[] } | undefined {
  const last = memo?.weekList;
  if (!last || last.weekKeys !== weekKeys || last.rest !== rest || last.reflections !== reflections || last.days.length !== days.length) return undefined;
  /** Each week holding a changed day, with the place of one of its days. */
  const dirty = new Map<IsoWeek, number>();
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    const before = last.days[i]!;
    if (day === before) continue;
    if (day.date !== before.date) return undefined;
    if (!dirty.has(day.week)) dirty.set(day.week, i);
  }
  if (dirty.size === 0) return { runs: last.runs, weeks: last.weeks, changed: [] };
  const runs = new Map(last.runs);
  for (const [week, at] of dirty) {
    // Days are in date order, so a week's days are one run of them.
    let start = at;
    while (start > 0 && days[start - 1]!.week === week) start--;
    let end = at + 1;
    while (end < days.length && days[end]!.week === week) end++;
    runs.set(week, days.slice(start, end));
  }
  const changed = new Set<number>();
  for (const week of dirty.keys()) {
    for (const w of [week, addWeeks(week, 1)]) {
      const place = last.index.get(w);
      if (place !== undefined) changed.add(place);
    }
  }
  return { runs, weeks: last.weeks, changed: [...changed].sort((a, b) => a - b) };
}

/** Remembers a build's week summaries and what they were made from, for keptWeeks. */
export function rememberWeekList(
  memo: ModelMemo | undefined,
  days: readonly DaySummary[],
  weekKeys: readonly IsoWeek[],
  rest: RestDays,
  reflections: ReadonlyMap<IsoWeek, WeekFile>,
  runs: ReadonlyMap<IsoWeek, readonly DaySummary[]>,
  weeks: readonly WeekSummary[],
): void {
  if (!memo) return;
  const index = memo.weekList?.weekKeys === weekKeys ? memo.weekList.index : new Map(weekKeys.map((w, i) => [w, i]));
  memo.weekList = { days, weekKeys, rest, reflections, runs, weeks, index };
}

/** Remembers a week's summary and what it was made of. */
export function rememberWeek(memo: ModelMemo | undefined, week: IsoWeek, own: readonly DaySummary[], before: readonly DaySummary[], reflection: WeekFile | undefined, rest: RestDays, value: WeekSummary): void {
  memo?.weeks.set(week, { own, before, reflection, rest, value });
}

/** The journal's rest days: the same object as last time when they are the same days (so that what was made from them can be told unchanged by identity). */
export function keepRestDays(memo: ModelMemo | undefined, rest: RestDays): RestDays {
  const known = memo?.restDays;
  if (known && sameRestDays(known, rest)) return known;
  if (memo) memo.restDays = rest;
  return rest;
}

/** A habit's summary made last time, when its config, today, days done and the journal's rest days are the same. */
export function reusableHabit(memo: ModelMemo | undefined, slug: string, config: HabitConfig | undefined, today: IsoDate, done: readonly IsoDate[], rest: RestDays): HabitSummary | undefined {
  const known = memo?.habits.get(slug);
  return known && known.config === config && known.today === today && sameItems(known.done, done) && sameRestDays(known.rest, rest) ? known.value : undefined;
}

/** Remembers a habit's summary and what it was made of. */
export function rememberHabit(memo: ModelMemo | undefined, slug: string, config: HabitConfig | undefined, today: IsoDate, done: readonly IsoDate[], rest: RestDays, value: HabitSummary): void {
  memo?.habits.set(slug, { config, today, done, rest, value });
}

/** The same rest days: the same calendar object (one per config), bounds and days entries mark. */
function sameRestDays(a: RestDays, b: RestDays): boolean {
  return a === b || (a.calendar === b.calendar && a.from === b.from && a.to === b.to && sameItems(a.entryDays, b.entryDays));
}

/** The same rest day and notes, or no rest on both. */
function sameRest(a: RestDay | undefined, b: RestDay | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.reasons.length !== b.reasons.length || !sameItems(a.notes, b.notes)) return false;
  for (let i = 0; i < a.reasons.length; i++) if (a.reasons[i]!.text !== b.reasons[i]!.text || a.reasons[i]!.private !== b.reasons[i]!.private) return false;
  return true;
}

/**
 * The tags, each replaced by its summary of last time when that is the same:
 * the same day summaries (by identity), name, counts, dates, parent and nested
 * tags. Tags are summarized again on each build (a pass over the days' tags);
 * what this saves is their pages, reused by summary.
 */
export function reuseTags(memo: ModelMemo | undefined, tags: readonly TagSummary[]): readonly TagSummary[] {
  if (!memo) return tags;
  const out = tags.map((tag) => {
    const known = memo.tags.get(tag.key);
    if (known && sameTag(known, tag)) return known;
    memo.tags.set(tag.key, tag);
    return tag;
  });
  forgetGone(memo.tags, out.length, () => new Set(out.map((t) => t.key)));
  return out;
}

function sameTag(a: TagSummary, b: TagSummary): boolean {
  return (
    a.name === b.name &&
    a.path === b.path &&
    a.count === b.count &&
    a.first === b.first &&
    a.last === b.last &&
    a.parent?.name === b.parent?.name &&
    a.children.length === b.children.length &&
    a.children.every((c, i) => c.key === b.children[i]!.key && c.name === b.children[i]!.name && c.count === b.children[i]!.count) &&
    sameItems(a.days, b.days)
  );
}

/** The journal's files in date order and cut into months, with each input file's place in them. */
interface FileOrder {
  readonly files: readonly JournalFile[];
  readonly today: IsoDate;
  readonly dayFiles: readonly DayFile[];
  readonly weekFiles: readonly WeekFile[];
  readonly blocks: readonly Month[];
  /** For each input file, its place in dayFiles (or, for a week file, -1 - its place in weekFiles). */
  readonly places: readonly number[];
  /** For each place in dayFiles, the month it is in. */
  readonly monthOf: readonly number[];
}

/** Whether two parsed files are the same file by name: the same kind, path and date or week (so in the same place of the order). */
function sameName(a: JournalFile, b: JournalFile): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.relPath !== b.relPath || a.file !== b.file) return false;
  return a.kind === "day" ? a.date === (b as DayFile).date : a.week === (b as WeekFile).week;
}

/**
 * The day files in date order (sortedDayFiles), the week files, and the day
 * files cut into months (monthsOf). With a memo, when every file has the name
 * it had last time at the same place (an edit changes a file's contents, not
 * its name), last build's order is kept with the changed files put in their
 * places: only the months they are in are new objects.
 */
export function orderedFiles(memo: ModelMemo | undefined, files: readonly JournalFile[], today: IsoDate): { readonly dayFiles: readonly DayFile[]; readonly weekFiles: readonly WeekFile[]; readonly blocks: readonly Month[] } {
  const last = memo?.order;
  // One pass: most files are the very objects of last time; only the others are asked whether they kept their names.
  let changedAt: number[] | undefined = [];
  if (last && last.today === today && last.files.length === files.length) {
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      const before = last.files[i]!;
      if (f === before) continue;
      if (!sameName(f, before)) {
        changedAt = undefined;
        break;
      }
      changedAt.push(i);
    }
  } else changedAt = undefined;
  if (last && memo && changedAt) {
    let dayFiles = last.dayFiles;
    let weekFiles = last.weekFiles;
    let blocks = last.blocks;
    const months = new Map<number, DayFile[]>();
    for (const i of changedAt) {
      const f = files[i]!;
      const place = last.places[i]!;
      if (place >= 0) {
        if (dayFiles === last.dayFiles) dayFiles = [...last.dayFiles];
        (dayFiles as DayFile[])[place] = f as DayFile;
        const m = last.monthOf[place]!;
        if (!months.has(m)) months.set(m, []);
      } else {
        if (weekFiles === last.weekFiles) weekFiles = [...last.weekFiles];
        (weekFiles as WeekFile[])[-1 - place] = f as WeekFile;
      }
    }
    if (months.size > 0) {
      blocks = [...last.blocks];
      let start = 0;
      // The changed months take their files from the new order: a month is a run of places.
      last.blocks.forEach((block, m) => {
        if (months.has(m)) (blocks as Month[])[m] = { key: block.key, counted: block.counted, files: dayFiles.slice(start, start + block.files.length) };
        start += block.files.length;
      });
    }
    memo.order = { ...last, files, dayFiles, weekFiles, blocks };
    return { dayFiles, weekFiles, blocks };
  }
  const dayFiles = sortedDayFiles(files);
  const weekFiles = files.filter((f): f is WeekFile => f.kind === "week");
  const blocks = monthsOf(dayFiles, today);
  if (memo) {
    const dayPlace = new Map<DayFile, number>(dayFiles.map((f, i) => [f, i]));
    let w = 0;
    const places = files.map((f) => (f.kind === "day" ? dayPlace.get(f)! : -1 - w++));
    const monthOf: number[] = [];
    blocks.forEach((block, m) => {
      for (let i = 0; i < block.files.length; i++) monthOf.push(m);
    });
    memo.order = { files, today, dayFiles, weekFiles, blocks, places, monthOf };
  }
  return { dayFiles, weekFiles, blocks };
}

/**
 * The weeks with pages: every week of a month's days, and each reflection's
 * week up to this one; as a set and in order, with their reflections in order. With a memo, last build's set
 * and list (the same objects) while every month has the same weeks and the
 * reflections and this week are the same: an edit does not gather and sort
 * thousands of weeks again.
 */
export function weekKeysOf(
  memo: ModelMemo | undefined,
  months: readonly (readonly IsoWeek[])[],
  reflections: ReadonlyMap<IsoWeek, WeekFile>,
  thisWeek: IsoWeek,
): { readonly set: ReadonlySet<IsoWeek>; readonly keys: readonly IsoWeek[]; readonly inOrder: readonly WeekFile[] } {
  const last = memo?.weekSet;
  if (last && last.reflections === reflections && last.thisWeek === thisWeek && last.months.length === months.length && months.every((weeks, i) => weeks === last.months[i] || sameItems(weeks, last.months[i]!))) {
    memo.weekSet = { ...last, months };
    return last;
  }
  const set = new Set<IsoWeek>();
  for (const weeks of months) for (const week of weeks) set.add(week);
  for (const week of reflections.keys()) if (week <= thisWeek) set.add(week);
  const keys = [...set].sort();
  const inOrder = keys.flatMap((week) => reflections.get(week) ?? []);
  if (memo) memo.weekSet = { months, reflections, thisWeek, set, keys, inOrder };
  return { set, keys, inOrder };
}

/** The reflections that count (pickReflections, by `pick`), last build's while the list of week files is the same object; their warnings go to `diagnostics`. */
export function knownReflections(
  memo: ModelMemo | undefined,
  weekFiles: readonly WeekFile[],
  pick: () => { readonly reflections: Map<IsoWeek, WeekFile>; readonly diagnostics: readonly Diagnostic[] },
  diagnostics: Diagnostic[],
): Map<IsoWeek, WeekFile> {
  const made = memo?.reflections?.weekFiles === weekFiles ? memo.reflections : { weekFiles, ...pick() };
  if (memo) memo.reflections = made;
  for (const d of made.diagnostics) diagnostics.push(d);
  return made.reflections;
}

/** A list of the last build when it holds the same items (by identity), else this one: what is made from it can then be told unchanged by identity. */
export function keepList<T>(known: readonly T[] | undefined, list: readonly T[]): readonly T[] {
  return known && sameItems(known, list) ? known : list;
}

/** What the headline numbers were made from, and them. */
interface SummaryMade {
  readonly walks: readonly WalkedDays[];
  readonly tallies: readonly MonthTally[];
  readonly rest: RestDays;
  readonly span: { readonly first: IsoDate; readonly last: IsoDate } | undefined;
  readonly goals: readonly number[];
  readonly today: IsoDate;
  readonly value: Summary;
}

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * The headline numbers of last time, when they were made from the same
 * months (a month's walk the same object, or one with the same win days,
 * gaps and rest wins), tallies, rest days, span, goals and today.
 */
export function reusableSummary(
  memo: ModelMemo | undefined,
  walks: readonly WalkedDays[],
  tallies: readonly MonthTally[],
  rest: RestDays,
  span: SummaryMade["span"],
  goals: readonly number[],
  today: IsoDate,
): Summary | undefined {
  const known = memo?.summary;
  if (!known || known.today !== today || known.rest !== rest || known.goals !== goals || !sameItems(known.tallies, tallies) || known.walks.length !== walks.length) return undefined;
  if (known.span?.first !== span?.first || known.span?.last !== span?.last) return undefined;
  for (let i = 0; i < walks.length; i++) {
    const a = known.walks[i]!;
    const b = walks[i]!;
    if (a !== b && (a.restWins !== b.restWins || !sameNumbers(a.winDayNumbers, b.winDayNumbers) || !sameNumbers(a.gaps, b.gaps))) return undefined;
  }
  return known.value;
}

/** Remembers the headline numbers and what they were made of. */
export function rememberSummary(
  memo: ModelMemo | undefined,
  walks: readonly WalkedDays[],
  tallies: readonly MonthTally[],
  rest: RestDays,
  span: SummaryMade["span"],
  goals: readonly number[],
  today: IsoDate,
  value: Summary,
): void {
  if (memo) memo.summary = { walks, tallies, rest, span, goals, today, value };
}

/** A month's tally: last build's object when its figures are the same (a month re-walked after an edit that moved no number keeps it). */
export function keepTally(memo: ModelMemo | undefined, key: string, tally: MonthTally): MonthTally {
  if (!memo) return tally;
  const known = memo.tallies.get(key);
  if (known && sameTally(known, tally)) return known;
  memo.tallies.set(key, tally);
  return tally;
}

/** The areas' summaries of last time, when they were made from the same month tallies' areas, level-ups and today. */
export function reusableAreas(memo: ModelMemo | undefined, runs: readonly ReadonlyMap<string, AreaTally>[], levelUps: readonly LevelUp[], today: IsoDate): readonly AreaSummary[] | undefined {
  const known = memo?.areas;
  return known && known.today === today && known.levelUps === levelUps && sameItems(known.runs, runs) ? known.value : undefined;
}

/** Remembers the areas' summaries and what they were made of. */
export function rememberAreas(memo: ModelMemo | undefined, runs: readonly ReadonlyMap<string, AreaTally>[], levelUps: readonly LevelUp[], today: IsoDate, value: readonly AreaSummary[]): void {
  if (memo) memo.areas = { runs, levelUps, today, value };
}

function sameTally(a: MonthTally, b: MonthTally): boolean {
  if (a.year !== b.year || a.month !== b.month || a.days !== b.days || a.wins !== b.wins || a.winDays !== b.winDays || a.tasksDone !== b.tasksDone || a.tasksTotal !== b.tasksTotal) return false;
  if (a.habits.size !== b.habits.size || a.areas.size !== b.areas.size) return false;
  for (const [slug, dates] of a.habits) {
    const other = b.habits.get(slug);
    if (!other || other.length !== dates.length || other.some((d, i) => d !== dates[i])) return false;
  }
  for (const [slug, t] of a.areas) {
    const u = b.areas.get(slug);
    if (!u || t.wins !== u.wins || t.winDays !== u.winDays || t.first !== u.first || t.last !== u.last || t.highestLevel !== u.highestLevel) return false;
    if (t.byLevel.some((n, i) => n !== u.byLevel[i]) || t.perWeek.size !== u.perWeek.size) return false;
    for (const [week, w] of t.perWeek) {
      const v = u.perWeek.get(week);
      if (!v || v.wins !== w.wins || v.highestLevel !== w.highestLevel) return false;
    }
    if (t.recentDates.length !== u.recentDates.length || t.recentDates.some((d, i) => d !== u.recentDates[i])) return false;
    if (t.recentWins.some((w, i) => JSON.stringify(w) !== JSON.stringify(u.recentWins[i]))) return false;
  }
  return true;
}

/**
 * Drops the entries of a memo map whose keys are gone. `present` keys were
 * just looked up and set, so a map of that size holds no stale key, and the
 * set of present keys is made only when it does not.
 */
export function forgetGone<K, V>(map: Map<K, V>, present: number, presentKeys: () => { has(key: K): boolean }): void {
  if (map.size === present) return;
  const keys = presentKeys();
  for (const key of map.keys()) if (!keys.has(key)) map.delete(key);
}

function sameLevelUps(a: readonly LevelUp[], b: readonly LevelUp[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.area !== y.area || x.level !== y.level || x.previousLevel !== y.previousLevel || x.win.text !== y.win.text || x.win.private !== y.win.private) return false;
  }
  return true;
}

function sameMilestones(a: readonly Milestone[], b: readonly Milestone[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.kind !== b[i]!.kind || a[i]!.value !== b[i]!.value) return false;
  return true;
}

function sameTotals(a: readonly (Milestone[] | undefined)[], b: readonly (Milestone[] | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || !sameMilestones(x, y)) return false;
  }
  return true;
}
