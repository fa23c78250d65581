/**
 * Routes: the site model to pages. Each page is a path, a template name and
 * the exact data its template needs, with privacy already applied: protected
 * text never reaches a template, so no template can leak it. Each kind of
 * page makes its data in src/render/pages/, in a module named for its
 * template; what pages are reused between builds is src/memo/route-memo.ts.
 */
import type { SiteModel } from "../model/site.js";
import { byItems, dayPages, memoTagPages, memoYearPages, validRouteMemo, weekPages, weekRows, type RouteMemo } from "../memo/route-memo.js";
import { notFoundPage } from "./pages/404.js";
import { areaPage } from "./pages/area.js";
import { areasPage } from "./pages/areas.js";
import { habitPage, habitRestKey } from "./pages/habit.js";
import { habitsPage } from "./pages/habits.js";
import { dashboardPage } from "./pages/index.js";
import { milestonesPage } from "./pages/milestones.js";
import { makeContext, type Page, type PageContext } from "./pages/page.js";
import { searchPage } from "./pages/search.js";
import { tagsPage } from "./pages/tags.js";
import { weeksPage } from "./pages/weeks.js";

export type { Page, PageData } from "./pages/page.js";
export { createRouteMemo, type RouteMemo } from "../memo/route-memo.js";

/** The pages of a site in two stages: the day pages, then the others, made only when asked for. */
export interface StagedRoutes {
  readonly days: readonly Page[];
  /** Every other page, in a stable order; the model's summaries are made on this call. */
  others(): Page[];
}

/**
 * The site's pages with the day pages first: they need only the days and the
 * model's keys, so a watch can write an edited day's page before the model's
 * summaries (weeks, areas, habits, years, the dashboard's numbers) are made.
 */
export function stagedRoutes(model: SiteModel, memo?: RouteMemo): StagedRoutes {
  const ctx = makeContext(model);
  const valid = validRouteMemo(memo, ctx);
  return { days: dayPages(ctx, valid), others: () => otherPages(ctx, valid) };
}

/**
 * Every HTML page of the site (§4), in a stable order. With a memo, the page
 * of a day or week whose summary is unchanged is the same object as last time.
 */
export function routes(model: SiteModel, memo?: RouteMemo): Page[] {
  const staged = stagedRoutes(model, memo);
  const [dashboard, ...others] = staged.others();
  // The dashboard first, as the site reads: a build renders (and reports a failing template) in this order.
  return [dashboard!, ...staged.days, ...others];
}

function otherPages(ctx: PageContext, valid: RouteMemo | undefined): Page[] {
  const model = ctx.model;
  // A page made from summaries the model kept (and values) is the same object while they are: see byItems.
  const rows = weekRows(model.weeks, valid);
  const s = model.summary;
  return [
    dashboardPage(ctx),
    byItems(valid, "weeks/index.html", rows, () => weeksPage(ctx, rows)),
    ...weekPages(ctx, valid),
    byItems(valid, "areas/index.html", model.areas, () => areasPage(ctx)),
    // An area's page reads its summary only (and the config, for which the memo is kept).
    ...model.areas.map((a) => byItems(valid, `areas/${a.slug}.html`, [a], () => areaPage(ctx, a))),
    byItems(valid, "habits/index.html", model.habits, () => habitsPage(ctx)),
    // A habit's calendar draws the rest days with their notes, and its weeks link to their pages.
    ...model.habits.map((h) => byItems(valid, `habits/${h.slug}.html`, [h, habitRestKey(ctx), model.keys.weeks], () => habitPage(ctx, h))),
    ...memoYearPages(ctx, valid),
    byItems(valid, "tags/index.html", model.tags, () => tagsPage(ctx)),
    ...model.tags.flatMap((t) => memoTagPages(ctx, valid, t)),
    byItems(valid, "milestones.html", [...model.milestones, ...model.levelUps, s.nextStreakMilestone, s.nextTotalMilestone, s.currentStreak.days, s.totalWins], () => milestonesPage(ctx)),
    searchPage(ctx),
    notFoundPage(ctx),
  ];
}
