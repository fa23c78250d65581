/** The data of the search page (templates/search.eta): the choices of its filters. The search itself runs in the browser (assets/search/search.js). */
import { base, type Page, type PageContext } from "./page.js";

/** The search page, with the areas, the published tags (by key, nested ones after their parent) and the years to filter by. */
export function searchPage(ctx: PageContext): Page {
  const path = "search.html";
  return {
    path,
    template: "search",
    data: {
      ...base(ctx, path, "Search", "search"),
      areas: ctx.model.keys.areas.map((slug) => ({ slug, label: ctx.areaInfo(slug).label })),
      // By key, as the index's tag filter holds them: an option's text is its value, so no attribute holds journal text.
      tags: ctx.model.tags.map((t) => t.key),
      years: ctx.model.years.map((y) => String(y.year)).reverse(),
    },
  };
}
