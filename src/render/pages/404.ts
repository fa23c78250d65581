/** The data of the page a host shows for a missing page (templates/404.eta). */
import { base, type Page, type PageContext } from "./page.js";

/** The 404 page. */
export function notFoundPage(ctx: PageContext): Page {
  // A host serves the 404 page at any depth, so relative links only work at
  // the top; with a siteUrl its links are absolute and work everywhere.
  const root = ctx.config.siteUrl ?? "";
  return { path: "404.html", template: "404", data: { ...base(ctx, "404.html", "Page not found", ""), root, home: `${root}index.html` } };
}
