/** The data of the list of habits (templates/habits.eta). */
import { base, type Page, type PageContext } from "./page.js";
import { habitView } from "./views.js";

/** The list of habits. */
export function habitsPage(ctx: PageContext): Page {
  const path = "habits/index.html";
  return { path, template: "habits", data: { ...base(ctx, path, "Habits", "habits"), habits: ctx.model.habits.map(habitView) } };
}
