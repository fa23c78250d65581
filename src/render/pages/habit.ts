/** The data of a habit's page (templates/habit.eta): its streaks, strength curve, calendar and weeks. */
import { addDays, compareDates, weekMonday, type IsoDate } from "../../model/calendar.js";
import type { HabitSummary } from "../../model/site.js";
import { heatMap, lineChart } from "../charts.js";
import { base, restBetween, type Page, type PageContext } from "./page.js";
import { habitView } from "./views.js";

const percent = (score: number): string => `${Math.round(score * 100)}%`;

/** Strength from 0 to 1, written as percent. */
const STRENGTH_SCALE = { min: 0, max: 1, ticks: [0, 0.5, 1], format: percent } as const;

const minDate = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) <= 0 ? a : b);

/** The first day of a habit page's calendar (26 weeks up to today). */
const calendarStart = (today: IsoDate): IsoDate => addDays(today, -7 * 26 + 1);

/** The rest days (with their notes) a habit page's calendar draws, as text: what a habit's page shows besides its summary. */
export function habitRestKey(ctx: PageContext): string {
  const rest = restBetween(ctx, calendarStart(ctx.model.today), ctx.model.today);
  return [...rest].map(([date, notes]) => `${date}:${notes.join("\n")}`).join("\t");
}

/** A habit's page. */
export function habitPage(ctx: PageContext, h: HabitSummary): Page {
  const path = `habits/${h.slug}.html`;
  const today = ctx.model.today;
  const from = calendarStart(today);
  const done = new Map(h.done.map((d) => [d, 1]));
  const scores = h.scoreByWeek.slice(-52);
  return {
    path,
    template: "habit",
    data: {
      ...base(ctx, path, h.label, "habits"),
      habit: habitView(h),
      scoreChart: lineChart(
        // A week's score is the one at its end (or today, in the week not yet over).
        scores.map((s) => ({ date: minDate(addDays(weekMonday(s.week), 6), today), value: s.score, label: `${s.week}: ${percent(s.score)}` })),
        STRENGTH_SCALE,
        "Habit strength per week, from 0% to 100%",
        128,
      ),
      // A rest day without the habit is a skip (§6), drawn as rest on its calendar.
      calendar: heatMap(from, today, done, ctx.config.weekStart, `${h.label} over the last 26 weeks`, "done", restBetween(ctx, from, today)),
      perWeek: h.target.kind === "weekly" ? h.perWeek.slice(-12).reverse().map((w) => ({ ...w, hasPage: ctx.weekPage(w.week) })) : [],
      perWeekTarget: h.target.kind === "weekly" ? h.target.perWeek : null,
    },
  };
}
