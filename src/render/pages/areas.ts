/** The data of the list of areas (templates/areas.eta). */
import { base, type Page, type PageContext } from "./page.js";
import { areaView } from "./views.js";

/** The list of areas. */
export function areasPage(ctx: PageContext): Page {
  const path = "areas/index.html";
  return { path, template: "areas", data: { ...base(ctx, path, "Areas", "areas"), areas: ctx.model.areas.map((a) => areaView(ctx, a)) } };
}
