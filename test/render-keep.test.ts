/**
 * `keep(partial, row, root)` in templates (RendererOptions.keep): a watch
 * keeps each tag-page day's HTML per row object, so that a tag of thousands
 * of days is joined from kept rows at an edit instead of rendered whole. The
 * HTML must be the same with the memo as without it, and a kept row must not
 * be rendered again.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTheme } from "../src/io/theme.js";
import { build } from "../src/index.js";
import { createRenderer } from "../src/render/html.js";
import { routes, type Page } from "../src/render/routes.js";
import { FIXTURES, REPO } from "./helpers/site.js";

const pageOf = (data: Record<string, unknown>): Page => ({ path: "p.html", template: "page", data: { title: "Page title", root: "", path: "p.html", nav: "", site: { title: "S", author: null, search: false }, ...data } });

describe("keep(partial, row, root)", () => {
  const sources = new Map([
    ["page", '<% for (const r of it.rows) { %><%~ keep("@partials/row", r, it.root) %><% } %>'],
    // Counts its renders through the row, and shows what it can see.
    ["partials/row", "<% it.counter.n++ %>[<%= it.v %>|<%= it.root %>|<%= typeof it.title %>]"],
  ]);

  it("renders a row once per partial and root while the row is the same object, and again for a new object", () => {
    const counter = { n: 0 };
    const a = { v: "a", counter };
    const b = { v: "b & <c>", counter };
    const renderer = createRenderer(sources, { keep: true });
    const first = renderer.render(pageOf({ rows: [a, b, a], root: "../" }));
    // The partial sees the row and the root, not the page's data (its title).
    expect(first).toBe("[a|../|undefined][b &amp; &lt;c&gt;|../|undefined][a|../|undefined]");
    expect(counter.n).toBe(2);
    // Another root is another HTML (links differ): rendered once more.
    expect(renderer.render(pageOf({ rows: [a], root: "../../" }))).toBe("[a|../../|undefined]");
    expect(counter.n).toBe(3);
    // The same rows again: nothing rendered.
    expect(renderer.render(pageOf({ rows: [b, a], root: "../" }))).toBe("[b &amp; &lt;c&gt;|../|undefined][a|../|undefined]");
    expect(counter.n).toBe(3);
    // An equal row that is a new object (its day changed) is rendered.
    expect(renderer.render(pageOf({ rows: [{ v: "a", counter }], root: "../" }))).toBe("[a|../|undefined]");
    expect(counter.n).toBe(4);
  });

  it("renders a row that is not an object (a theme's own call) every time, without failing", () => {
    const renderer = createRenderer(new Map([["page", '<%~ keep("@partials/row", it.v, it.root) %><%~ keep("@partials/row", null, it.root) %>'], ["partials/row", "[<%= it.root %>]"]]), { keep: true });
    expect(renderer.render(pageOf({ v: "text", root: "../" }))).toBe("[../][../]");
  });

  it("keeps nothing without the option: every call renders, with the same HTML", () => {
    const counter = { n: 0 };
    const a = { v: "a", counter };
    const renderer = createRenderer(sources);
    expect(renderer.render(pageOf({ rows: [a, a], root: "" }))).toBe("[a||undefined][a||undefined]");
    expect(renderer.render(pageOf({ rows: [a], root: "" }))).toBe("[a||undefined]");
    expect(counter.n).toBe(3);
  });

  it("gives every page of the sample journal and of the privacy fixture the bytes of a renderer that keeps nothing, rendered twice", async () => {
    const theme = await loadTheme(undefined);
    for (const project of [
      { cwd: REPO, today: "2026-11-20" },
      { cwd: path.join(FIXTURES, "site-privacy"), today: "2026-03-11" },
    ]) {
      const { model } = await build(project);
      const pages = routes(model);
      const tagPages = pages.filter((p) => p.template === "tag");
      expect(tagPages.length, project.cwd).toBeGreaterThan(0);
      const keeping = createRenderer(theme.templates, { keep: true });
      const plain = createRenderer(theme.templates);
      // The second round is made from kept rows (the pages' data objects are the same).
      for (const round of [1, 2]) for (const page of pages) expect(keeping.render(page), `${page.path}, round ${round}`).toBe(plain.render(page));
    }
  });
});
