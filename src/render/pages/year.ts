/** The data of a year's page (templates/year.eta): its heat map and month totals. */
import { makeDate, monthName } from "../../model/calendar.js";
import type { YearSummary } from "../../model/site.js";
import { barChart, heatMap } from "../charts.js";
import { base, restBetween, winsBetween, type Page, type PageContext } from "./page.js";
import { plural } from "./words.js";

/** A year's page. */
export function yearPage(ctx: PageContext, year: YearSummary): Page {
  const path = `years/${year.year}.html`;
  const today = ctx.model.today;
  const end = makeDate(year.year, 12, 31);
  const to = end < today ? end : today;
  const from = makeDate(year.year, 1, 1);
  return {
    path,
    template: "year",
    data: {
      ...base(ctx, path, String(year.year), "years"),
      year: year.year,
      wins: year.wins,
      winDays: year.winDays,
      heatmap: heatMap(from, to, winsBetween(ctx.model.days, from, to), ctx.config.weekStart, `Wins in ${year.year}`, "wins", restBetween(ctx, from, to)),
      months: year.months.map((m) => ({ ...m, name: monthName(m.month) })),
      chart: barChart(
        year.months.map((m) => ({ value: m.wins, label: `${monthName(m.month)}: ${plural(m.wins, "win")}` })),
        520,
        100,
        `Wins per month in ${year.year}: ${year.months.map((m) => `${monthName(m.month).slice(0, 3)} ${m.wins}`).join(", ")}.`,
      ),
      years: ctx.model.years.map((y) => y.year),
    },
  };
}
