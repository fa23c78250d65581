/**
 * The renderer rewrites Eta's generated data merges (spreads) to
 * Object.assign, for speed (see ETA_MERGES). These tests hold it to two
 * things: the rewrite still finds Eta's code (an Eta upgrade that changes it
 * fails here instead of silently losing the speed), and pages come out
 * byte for byte as Eta's own merges make them.
 */
import path from "node:path";
import { Eta } from "eta";
import { describe, expect, it } from "vitest";
import { loadTheme } from "../src/io/theme.js";
import { build } from "../src/index.js";
import { ETA_MERGES, assignMerges, createRenderer } from "../src/render/html.js";
import { routes, type Page } from "../src/render/routes.js";
import { FIXTURES, REPO } from "./helpers/site.js";

/** Eta as createRenderer configures it, but with Eta's own merges (and a `keep` that keeps nothing). */
function plainRenderer(sources: ReadonlyMap<string, string>): { render(page: Page): string } {
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false, cache: true, functionHeader: "const keep = (t, row, root) => this.render(t, Object.assign({}, row, { root }), options);" });
  for (const [name, source] of sources) eta.loadTemplate(`@${name}`, eta.compile(source));
  return { render: (page) => eta.render(`@${page.template}`, page.data) };
}

describe("Eta's merges rewritten to Object.assign", () => {
  it("finds every merge Eta generates, for includes and layouts alike", () => {
    const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false });
    const generated = eta.compileToString('<% layout("@layout") %><%~ include("@part", { a: 1 }) %>');
    for (const [spread] of ETA_MERGES) expect(generated).toContain(spread);
    const rewritten = assignMerges(generated);
    // No spread of the template's data is left, and each merge became its Object.assign.
    expect(rewritten).not.toMatch(/\{\s*\.\.\.it\b/);
    for (const [, assign] of ETA_MERGES) expect(rewritten).toContain(assign);
  });

  it("renders what Eta's own merges render: includes with and without data, getters, symbols, layout data", () => {
    const sources = new Map([
      ["layout", "<main data-x=\"<%= it.x %>\" data-extra=\"<%= it.extra %>\"><%~ it.body %></main>"],
      ["part", "[<%= it.title %>|<%= it.a %>|<%= it.lazy %>|<%= Object.keys(it).join(',') %>|<%= Object.getOwnPropertySymbols(it).length %>]"],
      [
        "page",
        [
          '<% layout("@layout", { extra: "from layout()" }) %>',
          '<%~ include("@part") %>',
          '<%~ include("@part", undefined) %>',
          '<%~ include("@part", { a: 1, title: "overridden" }) %>',
          '<%~ include("@part", { get lazy() { return "computed"; }, [Symbol("s")]: 1 }) %>',
          '<%~ include("@part", "ab") %>',
        ].join("\n"),
      ],
    ]);
    const page: Page = { path: "p.html", template: "page", data: { title: "T & <b>", root: "", path: "p.html", nav: "", site: { title: "S", author: null, search: false }, x: 1 } };
    const rendered = createRenderer(sources).render(page);
    expect(rendered).toBe(plainRenderer(sources).render(page));
    expect(rendered).toContain('data-extra="from layout()"');
    expect(rendered).toContain("[overridden|1|");
    expect(rendered).toContain("|computed|");
  });

  it("renders every page of the sample journal and of the privacy fixture exactly as Eta's own merges do", async () => {
    const theme = await loadTheme(undefined);
    const projects = [
      { cwd: REPO, today: "2026-11-20" },
      { cwd: path.join(FIXTURES, "site-privacy"), today: "2026-03-11" },
    ];
    for (const project of projects) {
      const { model } = await build(project);
      const pages = routes(model);
      expect(pages.length).toBeGreaterThan(5);
      const ours = createRenderer(theme.templates);
      const eta = plainRenderer(theme.templates);
      for (const page of pages) expect(ours.render(page), page.path).toBe(eta.render(page));
    }
  });
});
