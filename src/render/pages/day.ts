/** The data of a day's page (templates/day.eta): its wins, notes, tags and numbers, and links to the days around it and its week. */
import { publishedTags } from "../../aggregate/tags.js";
import type { DaySummary } from "../../model/site.js";
import { compareTagKeys, tagPath } from "../../model/tags.js";
import { bodyHtml } from "../body.js";
import { published, publishedBodies, publishedNotes } from "../privacy.js";
import { restNotes, type Page, type PageContext } from "./page.js";
import { levelUpView, mentionViews, milestoneView, winView } from "./views.js";
import { longDate } from "./words.js";

/** A day's page. */
export function dayPage(ctx: PageContext, day: DaySummary): Page {
  const mode = ctx.config.publish;
  const path = `days/${day.date}.html`;
  const hiddenWins = day.wins.filter((w) => published(mode, "win", w) === null).length;
  return {
    path,
    template: "day",
    data: {
      // Written out, not spread from base(): a literal of known shape is several times faster to make, and there are thousands of days.
      title: longDate(day.date),
      root: "../",
      path,
      nav: "days",
      site: ctx.site,
      date: day.date,
      longDate: longDate(day.date),
      week: day.week,
      weekPage: ctx.weekPage(day.week),
      wins: day.wins.map((w) => winView(ctx, w)),
      hiddenWins,
      isWinDay: day.isWinDay,
      future: day.future,
      streak: day.streak,
      comebackAfter: day.comebackAfter ?? null,
      rest: day.rest ? { notes: restNotes(ctx, day.rest) } : null,
      mood: day.mood ?? null,
      energy: day.energy ?? null,
      didWell: publishedNotes(mode, day.didWell),
      // Named as this day wrote them (the tag's page shows the name first written): the page needs nothing but its day.
      tags: publishedTags(day, mode)
        .sort((a, b) => compareTagKeys(a.key, b.key))
        .map((t) => ({ name: t.name, path: tagPath(t.key) })),
      planned: publishedNotes(mode, day.planned),
      tasksDone: day.tasksDone,
      tasksTotal: day.tasksTotal,
      bodies: publishedBodies(mode, day).map((b) => bodyHtml(b, ctx.model.links, { root: "../" })),
      privateDay: day.private,
      levelUps: day.levelUps.map((l) => levelUpView(ctx, l)),
      milestones: day.milestones.map(milestoneView),
      previous: day.previous ?? null,
      next: day.next ?? null,
      mentions: mentionViews(ctx, path),
    },
  };
}
