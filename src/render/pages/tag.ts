/**
 * The data of a tag's pages (templates/tag.eta): its days newest first with
 * their wins, a hundred to a page, the first page with a heat map of them and
 * its first and last use.
 */
import { addDays, daysBetween, isoWeekday, type IsoDate } from "../../model/calendar.js";
import type { DaySummary, TagSummary } from "../../model/site.js";
import { tagPath } from "../../model/tags.js";
import { heatMap } from "../charts.js";
import { base, restBetween, type Page, type PageContext } from "./page.js";
import { winView } from "./views.js";
import { longDate } from "./words.js";

/**
 * Days one page of a tag lists. A tag used daily for years would otherwise
 * be one page of megabytes, slow to open and written again whole whenever one
 * of its days changes; so its older days go on further pages, as Hugo pages
 * its taxonomy lists.
 */
export const TAG_DAYS_PER_PAGE = 100;

/**
 * The path of the n-th page of a tag's days: the tag's own page first, then
 * `tags/health.page-2.html` beside it. No tag's page has such a name: a plain
 * segment has no dot, and a segment with one has twelve hex digits after it.
 */
export function tagPagePath(path: string, n: number): string {
  return n === 1 ? path : `${path.slice(0, -".html".length)}.page-${n}.html`;
}

/** One page of a tag's days: its number, its path and the days it lists, newest first. */
export interface TagPagePart {
  readonly n: number;
  readonly path: string;
  readonly days: readonly DaySummary[];
}

/** The pages of a tag's days; a tag with no day (none published yet) still has its one page. */
export function tagPageParts(tag: TagSummary): TagPagePart[] {
  const count = Math.max(1, Math.ceil(tag.days.length / TAG_DAYS_PER_PAGE));
  return Array.from({ length: count }, (_, i) => ({ n: i + 1, path: tagPagePath(tag.path, i + 1), days: tag.days.slice(i * TAG_DAYS_PER_PAGE, (i + 1) * TAG_DAYS_PER_PAGE) }));
}

/** The first and last day of a tag's heat map. */
function heatRange(ctx: PageContext, tag: TagSummary): { from: IsoDate; to: IsoDate } {
  const today = ctx.model.today;
  // From the week of the first use to today, at most the 53 weeks the dashboard shows; for a tag
  // not used in those, the 53 weeks up to its last use.
  const to = tag.last !== undefined && daysBetween(tag.last, today) > 7 * 53 ? tag.last : today;
  const weekStartOf = (date: IsoDate): IsoDate => addDays(date, -((isoWeekday(date) - (ctx.config.weekStart === "monday" ? 1 : 0) + 7) % 7));
  const earliest = addDays(weekStartOf(to), -7 * 52);
  const from = tag.first !== undefined && tag.first > earliest ? weekStartOf(tag.first) : earliest;
  return { from, to };
}

/** The rest days (§6) a tag's heat map draws, with their notes: every calendar draws them. */
export function tagRestDays(ctx: PageContext, tag: TagSummary): Map<IsoDate, string[]> {
  const { from, to } = heatRange(ctx, tag);
  return restBetween(ctx, from, to);
}

/** The days a tag's heat map counts wins of (newest first): the counted ones in its range. */
export function tagHeatDays(ctx: PageContext, tag: TagSummary): DaySummary[] {
  const { from, to } = heatRange(ctx, tag);
  const days: DaySummary[] = [];
  for (const day of tag.days) {
    if (day.date < from) break;
    if (!day.future && day.date <= to) days.push(day);
  }
  return days;
}

/** A day as a tag's page lists it: its date and its wins. */
export function tagDayRow(ctx: PageContext, day: DaySummary): Record<string, unknown> {
  return { date: day.date, label: longDate(day.date), future: day.future, wins: day.wins.map((w) => winView(ctx, w)) };
}

/** What every page of a tag shows above its days: the tag, its counts, its parent and nested tags. */
export function tagHeader(tag: TagSummary): Record<string, unknown> {
  return {
    name: tag.name,
    count: tag.count,
    first: tag.first ?? null,
    last: tag.last ?? null,
    // A parent and the nested tags always have pages: each of their days is one of this tag's, or holds it.
    parent: tag.parent ? { name: tag.parent.name, path: tagPath(tag.parent.key) } : null,
    children: tag.children.map((c) => ({ name: c.name, path: tagPath(c.key), count: c.count })),
  };
}

/**
 * One page of a tag; `rowOf` gives each day's row (a memo keeps them, so that
 * a page made again is made from the rows of last time). Only the first page
 * draws the heat map: it shows the last year, which the newest days are.
 */
export function tagPage(
  ctx: PageContext,
  tag: TagSummary,
  part: TagPagePart,
  pages: number,
  rest: Map<IsoDate, string[]> = tagRestDays(ctx, tag),
  rowOf: (day: DaySummary) => Record<string, unknown> = (day) => tagDayRow(ctx, day),
): Page {
  const { from, to } = heatRange(ctx, tag);
  const wins = new Map<IsoDate, number>();
  if (part.n === 1) for (const day of tagHeatDays(ctx, tag)) wins.set(day.date, day.wins.length);
  const title = part.n === 1 ? tag.name : `${tag.name}, page ${part.n} of ${pages}`;
  const first = (part.n - 1) * TAG_DAYS_PER_PAGE;
  return {
    path: part.path,
    template: "tag",
    data: {
      ...base(ctx, part.path, title, "tags"),
      ...tagHeader(tag),
      heatmap: part.n === 1 ? heatMap(from, to, wins, ctx.config.weekStart, `Wins on the days tagged ${tag.name}`, "wins", rest) : null,
      days: part.days.map(rowOf),
      // The pager is there only when there is more than one page; its links are from the site's root, like every link.
      pager:
        pages === 1
          ? null
          : {
              n: part.n,
              pages,
              from: first + 1,
              to: first + part.days.length,
              of: tag.days.length,
              newer: part.n > 1 ? tagPagePath(tag.path, part.n - 1) : null,
              older: part.n < pages ? tagPagePath(tag.path, part.n + 1) : null,
              list: pagerList(part.n, pages).map((n) => (n === null ? null : { n, path: tagPagePath(tag.path, n) })),
            },
    },
  };
}

/**
 * The page numbers a pager lists, null for a gap: the first and the last, and
 * two either side of the current one (1 … 4 5 6 7 8 … 40), so a tag of a
 * hundred pages does not list a hundred links on each of them.
 */
export function pagerList(n: number, pages: number): (number | null)[] {
  const shown = (i: number): boolean => i === 1 || i === pages || Math.abs(i - n) <= 2;
  const list: (number | null)[] = [];
  for (let i = 1; i <= pages; i++) {
    // A gap of one page is that page's number: "…" would take as much room.
    if (shown(i) || (shown(i - 1) && shown(i + 1))) list.push(i);
    else if (list.at(-1) !== null) list.push(null);
  }
  return list;
}
