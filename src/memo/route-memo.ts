/**
 * What the pages remember between builds (a watch keeps one RouteMemo), keyed
 * by what, and what invalidates it. The model keeps an unchanged summary as
 * the same object, so a page made from it is reused by that object's identity:
 *
 * | remembered                | key                          | reused while                                           |
 * |---------------------------|------------------------------|--------------------------------------------------------|
 * | a day's page              | its DaySummary               | its week has a page as before, same links (below)      |
 * | the list of day pages     | (last run)                   | the same weeks; each same summary and links at its place |
 * | a week's page             | its WeekSummary              | the same links (below)                                 |
 * | the list of week pages    | (last run)                   | the same links object; each same summary at its place  |
 * | a row of the list of weeks| its WeekSummary              | always                                                 |
 * | a year's page             | year                         | the same day summaries of that year, list of years and |
 * |                           |                              | first counted day (rest days are shown from it on)     |
 * | a tag's pages             | its TagSummary               | always (its summary holds all they show)               |
 * | one page of a tag         | its path                     | the same days listed, counts and nested tags; the first |
 * |                           |                              | page the same days in its heat map and rest days too   |
 * | a day's row on tag pages  | its DaySummary               | always                                                 |
 *
 * Everything is forgotten when the config, today, or the areas and habits
 * with their colours and pages change (every day and week page may show
 * those). The other pages (dashboard, lists, areas, habits, milestones, 404)
 * are made again each time; the builder then skips rendering any page whose
 * data did not change. A memo only saves work: the pages made with one equal
 * the pages made without.
 *
 * "The same links": a page also shows where its body's references lead and
 * which pages link to it ("Mentioned on"), which other files decide. They are
 * the same when the links' index and the page's mention list are the same
 * objects (the links memo keeps them while nothing they hold changed), else
 * when both read the same as text (linkText), empty for the many pages with neither.
 */
import { mentionsOf } from "../aggregate/links.js";
import type { Config } from "../config/schema.js";
import type { IsoDate, IsoWeek } from "../model/calendar.js";
import { sameItems } from "../model/lists.js";
import type { DaySummary, LinkedHtml, Links, Mention, TagSummary, WeekSummary } from "../model/site.js";
import { resolutions } from "../render/body.js";
import { dayPage } from "../render/pages/day.js";
import type { Page, PageContext } from "../render/pages/page.js";
import { tagDayRow, tagHeader, tagHeatDays, tagPage, tagPageParts, tagRestDays } from "../render/pages/tag.js";
import { weekPage } from "../render/pages/week.js";
import { weekRow } from "../render/pages/weeks.js";
import { yearPage } from "../render/pages/year.js";

/**
 * Day and week pages of earlier runs, by the summary they were made from: a
 * watch keeps one, so that after an edit only the pages of summaries that
 * changed are made again (the model keeps unchanged summaries as the same
 * objects). Everything else a page reads is checked before one is reused.
 */
export interface RouteMemo {
  config?: Config;
  today?: IsoDate;
  /** The areas and habits with their colours and pages, which day and week pages show. */
  context?: string;
  days: WeakMap<DaySummary, { readonly weekPage: boolean; readonly links: LinkState; readonly page: Page }>;
  /** The last list of day pages, with the days, their links and the weeks with pages it was made from. */
  dayList?: { readonly days: readonly DaySummary[]; readonly links: readonly LinkState[]; readonly weeks: readonly IsoWeek[]; readonly pages: readonly Page[]; readonly linksOf: Links };
  weeks: WeakMap<WeekSummary, { readonly links: LinkState; readonly page: Page }>;
  /** The last list of week pages, with the weeks and the links it was made from. */
  weekList?: { readonly weeks: readonly WeekSummary[]; readonly pages: readonly Page[]; readonly linksOf: Links };
  /** Rows of the list of weeks. */
  weekRows: WeakMap<WeekSummary, Record<string, unknown>>;
  /** Year pages by year, with the day summaries of that year and the list of years they were made from. */
  years: Map<number, { readonly days: readonly DaySummary[]; readonly years: string; readonly first: number | undefined; readonly page: Page }>;
  /** A tag's pages, by the summary they were made from (the model keeps an unchanged tag's summary). */
  tags: WeakMap<TagSummary, { readonly rest: string; readonly pages: readonly Page[] }>;
  /** A day's row on the tag pages, by its summary: a tag page made again reuses the rows of its unchanged days. */
  tagRows: WeakMap<DaySummary, Record<string, unknown>>;
  /** The other pages made from lists of summaries, by path, with the items they were made from (see byItems). */
  lists: Map<string, { readonly items: readonly unknown[]; readonly page: Page }>;
}

/** An empty route memo. */
export function createRouteMemo(): RouteMemo {
  return { days: new WeakMap(), weeks: new WeakMap(), weekRows: new WeakMap(), years: new Map(), tags: new WeakMap(), tagRows: new WeakMap(), lists: new Map() };
}

/** The parts of the context every day and week page may show, as text. */
function contextSignature(ctx: PageContext): string {
  const keys = ctx.model.keys;
  return JSON.stringify([keys.areas.map((slug) => ctx.areaInfo(slug)), keys.habits.map((slug) => [slug, ctx.habitPage(slug)])]);
}

/** A memo valid for this model: emptied when the config, today or the areas and habits changed. */
export function validRouteMemo(memo: RouteMemo | undefined, ctx: PageContext): RouteMemo | undefined {
  if (!memo) return undefined;
  const context = contextSignature(ctx);
  if (memo.config !== ctx.config || memo.today !== ctx.model.today || memo.context !== context) {
    memo.config = ctx.config;
    memo.today = ctx.model.today;
    memo.context = context;
    memo.days = new WeakMap();
    delete memo.dayList;
    memo.weeks = new WeakMap();
    delete memo.weekList;
    memo.weekRows = new WeakMap();
    memo.years = new Map();
    memo.tags = new WeakMap();
    memo.tagRows = new WeakMap();
    memo.lists = new Map();
  }
  return memo;
}

/**
 * What a page shows that other files decide: where its bodies' references
 * lead and who mentions it. Told unchanged by identity when it can be (the
 * links memo keeps an unchanged index and mention list as the same objects),
 * else by comparing both as text, made only then.
 */
interface LinkState {
  readonly links: Links;
  readonly bodies: readonly LinkedHtml[];
  /** The page's path, where its mentions are found. */
  readonly path: string;
  readonly mentions: readonly Mention[];
  text?: string;
}

function linkState(ctx: PageContext, bodies: readonly LinkedHtml[], path: string): LinkState {
  return { links: ctx.model.links, bodies, path, mentions: mentionsOf(ctx.model.links, path) };
}

/** The state as text ("" for the many pages whose bodies have no references and that nobody mentions). */
function linkText(state: LinkState): string {
  if (state.text === undefined) {
    const { links, bodies, mentions } = state;
    state.text = mentions.length === 0 && bodies.every((b) => b.references.length === 0) ? "" : JSON.stringify([bodies.map((b) => resolutions(b, links)), mentions]);
  }
  return state.text;
}

/** Whether references resolve alike against both: the same index, other files and published files. */
const sameResolver = (a: Links, b: Links): boolean =>
  a === b || (a.byPath === b.byPath && a.byName === b.byName && a.dates === b.dates && a.weekPages === b.weekPages && a.files === b.files && a.published === b.published);

/** Whether two states of the same bodies show the same links. */
function sameLinks(a: LinkState, b: LinkState): boolean {
  if (a.mentions === b.mentions && (sameResolver(a.links, b.links) || a.bodies.every((body) => body.references.length === 0))) return true;
  return linkText(a) === linkText(b);
}

function memoDayPage(ctx: PageContext, memo: RouteMemo | undefined, day: DaySummary, links: LinkState | undefined): Page {
  const weekPage = ctx.weekPage(day.week);
  const known = memo?.days.get(day);
  if (known && links && known.weekPage === weekPage && sameLinks(known.links, links)) return known.page;
  const page = dayPage(ctx, day);
  if (links) memo?.days.set(day, { weekPage, links, page });
  return page;
}

/** Every day's page; after an edit, the list of the last run gives the pages of days at the same place that did not change. */
export function dayPages(ctx: PageContext, memo: RouteMemo | undefined): Page[] {
  const days = ctx.model.days;
  const last = memo?.dayList;
  // A day's page reads its summary and whether its week has a page: with the same weeks, the same summary makes the same page.
  const sameWeeks = last !== undefined && sameItems(last.weeks, ctx.model.keys.weeks);
  if (!memo) return days.map((d) => dayPage(ctx, d));
  const linksNow = ctx.model.links;
  if (sameWeeks && last.days.length === days.length && last.linksOf === linksNow) {
    // The same links as last time, and the same number of days: only the days at places that changed are looked at.
    let pages = last.pages;
    let states = last.links;
    for (let i = 0; i < days.length; i++) {
      const d = days[i]!;
      if (last.days[i] === d) continue;
      if (pages === last.pages) {
        pages = [...last.pages];
        states = [...last.links];
      }
      const state = linkState(ctx, d.bodies, `days/${d.date}.html`);
      (states as LinkState[])[i] = state;
      (pages as Page[])[i] = memoDayPage(ctx, memo, d, state);
    }
    memo.dayList = { days, links: states, weeks: ctx.model.keys.weeks, pages, linksOf: linksNow };
    return pages as Page[];
  }
  const links: LinkState[] = [];
  const pages = days.map((d, i) => {
    const before = sameWeeks && last.days[i] === d ? last.links[i] : undefined;
    if (before) {
      // The same day at the same place: its state of last time stands while its mentions and the index are the same objects (no state made, no path built).
      const mentions = ctx.model.links.mentions === before.links.mentions ? before.mentions : mentionsOf(ctx.model.links, before.path);
      if (mentions === before.mentions && (sameResolver(before.links, ctx.model.links) || before.bodies.every((b) => b.references.length === 0))) {
        links.push(before);
        return last!.pages[i]!;
      }
    }
    const state = linkState(ctx, d.bodies, before?.path ?? `days/${d.date}.html`);
    links.push(state);
    return before && sameLinks(before, state) ? last!.pages[i]! : memoDayPage(ctx, memo, d, state);
  });
  memo.dayList = { days, links, weeks: ctx.model.keys.weeks, pages, linksOf: linksNow };
  return pages;
}

/** What `make` gives for `summary`, the same object as last time for the same summary. */
function bySummary<K extends object, V>(memo: WeakMap<K, V> | undefined, summary: K, make: (summary: K) => V): V {
  const known = memo?.get(summary);
  if (known) return known;
  const made = make(summary);
  memo?.set(summary, made);
  return made;
}

/** A week's page, the same object as last time for the same summary. */
export function memoWeekPage(ctx: PageContext, memo: RouteMemo | undefined, week: WeekSummary): Page {
  const links = linkState(ctx, week.reflection ? [week.reflection] : [], `weeks/${week.week}.html`);
  const known = memo?.weeks.get(week);
  if (known && sameLinks(known.links, links)) return known.page;
  const page = weekPage(ctx, week);
  memo?.weeks.set(week, { links, page });
  return page;
}

/**
 * Every week's page. With a memo, when the links are last time's object and
 * there are as many weeks, a week at a place that holds the same summary
 * keeps its page without its links being looked at (as memoWeekPage would
 * find them the same): an edit looks at its own weeks, not at thousands.
 */
export function weekPages(ctx: PageContext, memo: RouteMemo | undefined): Page[] {
  const weeks = ctx.model.weeks;
  if (!memo) return weeks.map((w) => weekPage(ctx, w));
  const last = memo.weekList;
  const linksNow = ctx.model.links;
  let pages: Page[];
  if (last && last.linksOf === linksNow && last.weeks.length === weeks.length) {
    pages = [...last.pages];
    for (let i = 0; i < weeks.length; i++) if (weeks[i] !== last.weeks[i]) pages[i] = memoWeekPage(ctx, memo, weeks[i]!);
  } else pages = weeks.map((w) => memoWeekPage(ctx, memo, w));
  memo.weekList = { weeks, pages, linksOf: linksNow };
  return pages;
}

/** The rows of the list of weeks, newest first; a week's row is the same object as last time for the same summary. */
export function weekRows(weeks: readonly WeekSummary[], memo: RouteMemo | undefined): Record<string, unknown>[] {
  return [...weeks].reverse().map((w) => bySummary(memo?.weekRows, w, weekRow));
}

/** Every year's page; a year's page is made of that year's days (its numbers and heat map) and the list of years. */
export function memoYearPages(ctx: PageContext, memo: RouteMemo | undefined): Page[] {
  const years = ctx.model.years.map((y) => y.year).join();
  // A year's heat map shows the config's rest days from the journal's first counted day on.
  const first = ctx.model.rest.from;
  const daysOf = new Map<number, readonly DaySummary[]>();
  if (memo) {
    // Days are in date order, so each year's days are one run of them.
    const days = ctx.model.days;
    for (let start = 0; start < days.length; ) {
      const prefix = days[start]!.date.slice(0, 5);
      let end = start + 1;
      while (end < days.length && days[end]!.date.startsWith(prefix)) end++;
      daysOf.set(Number(prefix.slice(0, 4)), days.slice(start, end));
      start = end;
    }
  }
  const pages = ctx.model.years.map((y) => {
    const days = daysOf.get(y.year) ?? [];
    const known = memo?.years.get(y.year);
    if (known && known.years === years && known.first === first && sameItems(known.days, days)) return known.page;
    const page = yearPage(ctx, y);
    memo?.years.set(y.year, { days, years, first, page });
    return page;
  });
  if (memo) for (const year of memo.years.keys()) if (!ctx.model.years.some((y) => y.year === year)) memo.years.delete(year);
  return pages;
}

/**
 * The page at `path` made from `items` (summaries, rows, and whatever else it
 * reads, as values or objects the model keeps while unchanged), the same
 * object as last time when every item is the same: the builder then skips it
 * without turning its data into text.
 */
export function byItems(memo: RouteMemo | undefined, path: string, items: readonly unknown[], make: () => Page): Page {
  const known = memo?.lists.get(path);
  if (known && sameItems(known.items, items)) return known.page;
  const page = make();
  memo?.lists.set(path, { items, page });
  return page;
}

/**
 * A tag's pages, the same array as last time for the same summary. A tag made
 * again (one of its days changed) keeps each of its pages that lists the same
 * days, and the first page while the days of its heat map are also the same:
 * an edit rewrites the page of the edited day, not every page of the tag.
 */
export function memoTagPages(ctx: PageContext, memo: RouteMemo | undefined, tag: TagSummary): readonly Page[] {
  // Its heat map draws the rest days in its range, which a day without the tag can change.
  const rest = tagRestDays(ctx, tag);
  const restKey = [...rest].map(([date, notes]) => `${date}:${notes.join("\n")}`).join("\t");
  const known = memo?.tags.get(tag);
  if (known && known.rest === restKey) return known.pages;
  const rows = memo?.tagRows;
  const rowOf = (day: DaySummary): Record<string, unknown> => (rows ? bySummary(rows, day, (d) => tagDayRow(ctx, d)) : tagDayRow(ctx, day));
  const parts = tagPageParts(tag);
  // Every page shows the tag's counts and its parent and nested tags, which a day that is not listed on it can change.
  const header = JSON.stringify(tagHeader(tag));
  const pages = parts.map((part) => {
    const items: unknown[] = [header, parts.length, ...part.days];
    if (part.n === 1) items.push(restKey, ...tagHeatDays(ctx, tag));
    return byItems(memo, part.path, items, () => tagPage(ctx, tag, part, parts.length, rest, rowOf));
  });
  memo?.tags.set(tag, { rest: restKey, pages });
  return pages;
}
