/** The data of the search page (templates/search.eta): the choices of its filters. The search itself runs in the browser (assets/search/search.js). */
import { publishedTags } from "../privacy.js";
import { tagAndParents } from "../search/records.js";
import { base, type Page, type PageContext } from "./page.js";

/** The search page, with the areas, the published tags (and the tags they are nested in) and the years to filter by. */
export function searchPage(ctx: PageContext): Page {
  const path = "search.html";
  const mode = ctx.config.publish;
  const tags = new Set<string>();
  for (const day of ctx.model.days) for (const tag of publishedTags(mode, day)) for (const t of tagAndParents(tag)) tags.add(t);
  return {
    path,
    template: "search",
    data: {
      ...base(ctx, path, "Search", "search"),
      areas: ctx.model.keys.areas.map((slug) => ({ slug, label: ctx.areaInfo(slug).label })),
      tags: [...tags].sort(),
      years: ctx.model.years.map((y) => String(y.year)).reverse(),
    },
  };
}
