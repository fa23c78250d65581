/** The data of a tag's page (templates/tag.eta): its days newest first with their wins, a heat map of them, its first and last use. */
import { addDays, daysBetween, isoWeekday, type IsoDate } from "../../model/calendar.js";
import type { DaySummary, TagSummary } from "../../model/site.js";
import { tagPath } from "../../model/tags.js";
import { heatMap } from "../charts.js";
import { base, restBetween, type Page, type PageContext } from "./page.js";
import { winView } from "./views.js";
import { longDate } from "./words.js";

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

/** A day as a tag's page lists it: its date and its wins. */
export function tagDayRow(ctx: PageContext, day: DaySummary): Record<string, unknown> {
  return { date: day.date, label: longDate(day.date), future: day.future, wins: day.wins.map((w) => winView(ctx, w)) };
}

/** A tag's page; `rowOf` gives each day's row (a memo keeps them, so that a tag page of a thousand days is made from the rows of last time). */
export function tagPage(ctx: PageContext, tag: TagSummary, rest: Map<IsoDate, string[]> = tagRestDays(ctx, tag), rowOf: (day: DaySummary) => Record<string, unknown> = (day) => tagDayRow(ctx, day)): Page {
  const { from, to } = heatRange(ctx, tag);
  const wins = new Map<IsoDate, number>();
  for (const day of tag.days) if (!day.future && day.date >= from && day.date <= to) wins.set(day.date, day.wins.length);
  return {
    path: tag.path,
    template: "tag",
    data: {
      ...base(ctx, tag.path, tag.name, "tags"),
      name: tag.name,
      count: tag.count,
      first: tag.first ?? null,
      last: tag.last ?? null,
      // A parent and the nested tags always have pages: each of their days is one of this tag's, or holds it.
      parent: tag.parent ? { name: tag.parent.name, path: tagPath(tag.parent.key) } : null,
      children: tag.children.map((c) => ({ name: c.name, path: tagPath(c.key), count: c.count })),
      heatmap: heatMap(from, to, wins, ctx.config.weekStart, `Wins on the days tagged ${tag.name}`, "wins", rest),
      days: tag.days.map(rowOf),
    },
  };
}
