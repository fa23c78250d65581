/** The data of an area's page (templates/area.eta): its figures, wins per level, level-ups, weekly chart and recent wins. */
import type { AreaSummary } from "../../model/site.js";
import { barChart } from "../charts.js";
import { base, type Page, type PageContext } from "./page.js";
import { areaView, levelUpView, winView } from "./views.js";
import { plural } from "./words.js";

/** An area's page. */
export function areaPage(ctx: PageContext, a: AreaSummary): Page {
  const path = `areas/${a.slug}.html`;
  const weekly = a.weekly.slice(-26);
  return {
    path,
    template: "area",
    data: {
      ...base(ctx, path, ctx.areaInfo(a.slug).label, "areas"),
      area: areaView(ctx, a),
      byLevel: a.byLevel.map((wins, i) => ({ level: i + 1, wins })),
      levelUps: a.levelUps.map((l) => levelUpView(ctx, l)),
      chart: barChart(
        weekly.map((w) => ({ value: w.wins, label: `${w.week}: ${plural(w.wins, "win")}${w.highestLevel ? `, up to level ${w.highestLevel}` : ""}`, level: w.highestLevel })),
        520,
        120,
        `Wins in ${ctx.areaInfo(a.slug).label} per week over the last ${plural(weekly.length, "week")}; the shade shows the highest level reached that week.`,
      ),
      recent: a.recent.map((w) => ({ date: w.date, ...winView(ctx, w) })),
    },
  };
}
