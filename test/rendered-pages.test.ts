/**
 * What a builder remembers of the pages it rendered (RenderedPages): which of
 * a build's pages changed since the last one, told by identity where a memo
 * kept a page object and by value otherwise, and what forgetting does.
 */
import { describe, expect, it } from "vitest";
import { RenderedPages } from "../src/builder/memory.js";
import type { Page } from "../src/render/pages/page.js";

const page = (path: string, text: string): Page => ({ path, template: "day", data: { title: text, root: "", path, nav: "", site: { title: "t", author: null, search: false } } });
const paths = (pages: readonly Page[]): string[] => pages.map((p) => p.path);

/** The pages of a group that changed, gone through whole as an update does. */
function changedIn(memory: RenderedPages, group: string, pages: readonly Page[]): string[] {
  const changed = memory.changed(memory.unseen(group, pages));
  memory.through(group, pages);
  return paths(changed);
}

describe("the pages rendered", () => {
  const a = page("days/a.html", "A");
  const b = page("days/b.html", "B");
  const c = page("days/c.html", "C");

  it("are all new at first, then only the pages that are other objects with other data", () => {
    const memory = new RenderedPages();
    expect(changedIn(memory, "days", [a, b, c])).toEqual(["days/a.html", "days/b.html", "days/c.html"]);
    expect(changedIn(memory, "days", [a, b, c])).toEqual([]);
    // b made again with the same data is no change; c with other data is.
    expect(changedIn(memory, "days", [a, page("days/b.html", "B"), page("days/c.html", "C2")])).toEqual(["days/c.html"]);
  });

  it("passes over the very objects of the group's last list without looking, and looks at every page once the list was not gone through", () => {
    const memory = new RenderedPages();
    changedIn(memory, "days", [a, b, c]);
    const b2 = page("days/b.html", "B2");
    expect(memory.unseen("days", [a, b2, c])).toEqual([b2]);
    // Not gone through (an update cut short): the next look is at every page, and b2 was never given to `changed`.
    expect(memory.unseen("days", [a, b2, c])).toEqual([a, b2, c]);
    expect(paths(memory.changed([a, b2, c]))).toEqual(["days/b.html"]);
  });

  it("renders again a page forgotten as not written, though it is the same object as before", () => {
    const memory = new RenderedPages();
    changedIn(memory, "days", [a, b, c]);
    memory.forgetPaths(["days/b.html"]);
    expect(changedIn(memory, "days", [a, b, c])).toEqual(["days/b.html"]);
    memory.forget();
    expect(changedIn(memory, "days", [a, b, c])).toEqual(["days/a.html", "days/b.html", "days/c.html"]);
  });

  it("forgets the pages that are gone, and a page that comes back is rendered again", () => {
    const memory = new RenderedPages();
    changedIn(memory, "days", [a, b, c]);
    memory.takePathsChanged();
    changedIn(memory, "days", [a, c]);
    memory.forgetGone([a, c]);
    expect(memory.takePathsChanged()).toBe(true);
    expect([...memory.paths()]).toEqual(["days/a.html", "days/c.html"]);
    expect(changedIn(memory, "days", [a, b, c])).toEqual(["days/b.html"]);
    expect(memory.takePathsChanged()).toBe(true);
  });

  it("keeps each group's list apart", () => {
    const memory = new RenderedPages();
    const week = page("weeks/w.html", "W");
    changedIn(memory, "days", [a, b]);
    changedIn(memory, "others", [week]);
    const week2 = page("weeks/w.html", "W2");
    expect(changedIn(memory, "others", [week2])).toEqual(["weeks/w.html"]);
    expect(changedIn(memory, "days", [a, b])).toEqual([]);
  });
});
