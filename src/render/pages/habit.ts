/** The data of a habit's page (templates/habit.eta): its streaks, strength curve, calendar and weeks. */
import { addDays } from "../../model/calendar.js";
import type { HabitSummary } from "../../model/site.js";
import { heatMap, lineChart } from "../charts.js";
import { base, restBetween, type Page, type PageContext } from "./page.js";
import { habitView } from "./views.js";

/** A habit's page. */
export function habitPage(ctx: PageContext, h: HabitSummary): Page {
  const path = `habits/${h.slug}.html`;
  const today = ctx.model.today;
  const from = addDays(today, -7 * 26 + 1);
  const done = new Map(h.done.map((d) => [d, 1]));
  const scores = h.scoreByWeek.slice(-52);
  return {
    path,
    template: "habit",
    data: {
      ...base(ctx, path, h.label, "habits"),
      habit: habitView(h),
      scoreChart: lineChart(
        scores.map((s) => ({ value: s.score, label: `${s.week}: ${Math.round(s.score * 100)}%` })),
        520,
        110,
        0,
        1,
        `Habit strength per week, from ${Math.round((scores[0]?.score ?? 0) * 100)}% to ${Math.round(h.score * 100)}% now.`,
      ),
      // A rest day without the habit is a skip (§6), drawn as rest on its calendar.
      calendar: heatMap(from, today, done, ctx.config.weekStart, `${h.label} over the last 26 weeks`, "done", restBetween(ctx, from, today)),
      perWeek: h.target.kind === "weekly" ? h.perWeek.slice(-12).reverse().map((w) => ({ ...w, hasPage: ctx.weekPage(w.week) })) : [],
      perWeekTarget: h.target.kind === "weekly" ? h.target.perWeek : null,
    },
  };
}
