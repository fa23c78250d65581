/**
 * What every page is: a path, a template and the data its template reads, and
 * the context every page-data module makes its data with (the site's areas,
 * habits and weeks with pages, and the days by date).
 */
import type { Config } from "../../config/schema.js";
import { compareDates, fromDayNumber, toDayNumber, type IsoDate, type IsoWeek } from "../../model/calendar.js";
import { isCalendarRest, isRestDay, periodNotes } from "../../model/rest.js";
import type { DaySummary, RestDay, SiteModel } from "../../model/site.js";
import { published } from "../privacy.js";
import { hasSearch } from "../search/search-files.js";

/** One page of the site, before rendering. */
export interface Page {
  /** Relative to the output folder, with `/` separators. */
  readonly path: string;
  /** The template's name, e.g. `day`. */
  readonly template: string;
  /** Everything the template reads; its hash decides whether the page must be rendered again. */
  readonly data: PageData;
}

/** What every page's data holds. */
export interface PageData {
  readonly title: string;
  /** The way back to the site root from this page: "" or "../". */
  readonly root: string;
  readonly path: string;
  readonly nav: string;
  /** The site's title and author, and whether it has search (every page's header then has the search box). */
  readonly site: { readonly title: string; readonly author: string | null; readonly search: boolean };
  readonly [key: string]: unknown;
}

const PALETTE = ["#2a9d8f", "#e76f51", "#6a994e", "#6d597a", "#d4a017", "#457b9d", "#f4a261", "#b56576"];

/** Everything page data is made with besides one page's own summary. */
export interface PageContext {
  readonly model: SiteModel;
  readonly config: Config;
  /** An area's label and colour, and whether it has a page (an area only a future entry uses has none). */
  readonly areaInfo: (slug: string) => AreaInfo;
  readonly habitLabel: (slug: string) => string;
  /** Whether a habit has a page (a habit only a future entry uses has none). */
  readonly habitPage: (slug: string) => boolean;
  /** Whether a week has a page: weeks with counted entries or a reflection do. */
  readonly weekPage: (week: IsoWeek) => boolean;
  /** The day with entries on a date, if any. */
  readonly dayOn: (date: IsoDate) => DaySummary | undefined;
  /** The site's title and author, as every page's data holds them. */
  readonly site: PageData["site"];
}

/** An area as pages show it; `page` is false when the site has no page for it, so templates link only when it is true. */
export interface AreaInfo {
  readonly slug: string;
  readonly label: string;
  readonly color: string;
  readonly page: boolean;
}

/** The context of a model's pages. */
export function makeContext(model: SiteModel): PageContext {
  const config = model.config;
  // The model's keys, not its summaries: making those is most of an edit's work, and day pages need only the keys.
  const slugs = model.keys.areas;
  const colors = new Map(slugs.map((slug, i) => [slug, config.areas[slug]?.color ?? PALETTE[i % PALETTE.length]!]));
  const areaPages = new Set(slugs);
  const habitPages = new Set(model.keys.habits);
  const weekPages = new Set(model.keys.weeks);
  return {
    model,
    config,
    areaInfo: (slug) => ({ slug, label: config.areas[slug]?.label ?? slug, color: colors.get(slug) ?? PALETTE[0]!, page: areaPages.has(slug) }),
    habitLabel: (slug) => config.habits[slug]?.label ?? slug,
    habitPage: (slug) => habitPages.has(slug),
    weekPage: (week) => weekPages.has(week),
    dayOn: (date) => {
      const i = firstFrom(model.days, date);
      return model.days[i]?.date === date ? model.days[i] : undefined;
    },
    site: { title: config.title, author: config.author ?? null, search: hasSearch(model) },
  };
}

/** The fields every page's data starts with. */
export function base(ctx: PageContext, path: string, title: string, nav: string): PageData {
  const depth = path.split("/").length - 1;
  return {
    title,
    root: "../".repeat(depth),
    path,
    nav,
    site: ctx.site,
  };
}

/** The index of the first day on or after `date` (days are in date order, so it is found by halving). */
function firstFrom(days: readonly DaySummary[], date: IsoDate): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareDates(days[mid]!.date, date) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The win count of every counted day from `from` to `to` (the model's
 * winsByDate, cut to the days a heat map shows), so that a heat map reads its own days, not the journal's.
 */
export function winsBetween(days: readonly DaySummary[], from: IsoDate, to: IsoDate): Map<IsoDate, number> {
  const out = new Map<IsoDate, number>();
  for (let i = firstFrom(days, from); i < days.length && compareDates(days[i]!.date, to) <= 0; i++) if (!days[i]!.future) out.set(days[i]!.date, days[i]!.wins.length);
  return out;
}

/** The words a rest day may show: its entries' reasons that may be published, then the config's notes. */
export function restNotes(ctx: PageContext, rest: RestDay): string[] {
  const out: string[] = [];
  for (const reason of rest.reasons) {
    const text = published(ctx.config.publish, "note", reason);
    if (text !== null && !out.includes(text)) out.push(text);
  }
  for (const note of rest.notes) if (!out.includes(note)) out.push(note);
  return out;
}

/**
 * The rest days (§6) from `from` to `to`, with or without a win, and the
 * notes each may show, for a calendar: the model's rest days are those from
 * the journal's first counted day to today. A day with entries carries its
 * own; any other day is a rest day of the config.
 */
export function restBetween(ctx: PageContext, from: IsoDate, to: IsoDate): Map<IsoDate, string[]> {
  const rest = ctx.model.rest;
  const out = new Map<IsoDate, string[]>();
  if (rest.from === undefined) return out;
  const days = ctx.model.days;
  let i = firstFrom(days, from);
  for (let n = Math.max(toDayNumber(from), rest.from); n <= Math.min(toDayNumber(to), rest.to); n++) {
    if (!isRestDay(rest, n)) continue;
    const date = fromDayNumber(n);
    while (i < days.length && compareDates(days[i]!.date, date) < 0) i++;
    const day = days[i]?.date === date ? days[i] : undefined;
    if (day?.rest) out.set(date, restNotes(ctx, day.rest));
    else if (isCalendarRest(rest.calendar, n)) out.set(date, periodNotes(rest.calendar, n));
  }
  return out;
}
