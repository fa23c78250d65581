/** The data of a week's page (templates/week.eta): its summary and reflection, and links to the weeks around it. */
import type { WeekSummary } from "../../model/site.js";
import type { Page, PageContext } from "./page.js";
import { mentionViews, weekView } from "./views.js";

/** A week's page. */
export function weekPage(ctx: PageContext, w: WeekSummary): Page {
  const path = `weeks/${w.week}.html`;
  return {
    path,
    template: "week",
    data: {
      title: `Week ${w.week}`,
      root: "../",
      path,
      nav: "weeks",
      site: ctx.site,
      w: weekView(ctx, w, "../"),
      previousWeek: w.previousWeek ?? null,
      nextWeek: w.nextWeek ?? null,
      mentions: mentionViews(ctx, path),
    },
  };
}
