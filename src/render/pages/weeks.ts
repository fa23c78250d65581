/** The data of the list of weeks (templates/weeks.eta): one row per week, newest first. */
import type { WeekSummary } from "../../model/site.js";
import { base, type Page, type PageContext } from "./page.js";
import { shortDate } from "./words.js";

/** A week's row in the list of weeks. */
export function weekRow(w: WeekSummary): Record<string, unknown> {
  return {
    week: w.week,
    range: `${shortDate(w.dates[0]!)} – ${shortDate(w.dates[6]!)}`,
    wins: w.wins,
    winDays: w.winDays,
    restDays: w.restDates.length,
    change: w.change.wins,
    hasReflection: w.reflection !== undefined,
    rating: w.reflection?.rating ?? null,
    levelUps: w.levelUps.length,
    milestones: w.milestones.length,
  };
}

/** The list of weeks, from its rows (newest first; see weekRow). */
export function weeksPage(ctx: PageContext, rows: readonly Record<string, unknown>[]): Page {
  const path = "weeks/index.html";
  return {
    path,
    template: "weeks",
    data: {
      ...base(ctx, path, "Weeks", "weeks"),
      weeks: rows,
    },
  };
}
