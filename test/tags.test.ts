/**
 * Tags (SPEC §6): which inline `#tags` a body holds, by Obsidian's rules (the
 * cases of the research notes, observed in Obsidian 1.13), their keys and page
 * paths, and the tag metric: case-insensitive, nested tags counting for their
 * parents, hidden text adding nothing.
 */
import { describe, expect, it } from "vitest";
import { buildSiteModel } from "../src/aggregate/site-model.js";
import { validateConfig, type PublishMode } from "../src/config/schema.js";
import type { TagSource, TagUse } from "../src/model/entry.js";
import { compareTagKeys, inlineTagsIn, tagAncestors, tagKey, tagName, tagPath, type TagKey } from "../src/model/tags.js";
import { readBody } from "../src/parse/markdown.js";
import { loadTheme } from "../src/io/theme.js";
import { addDays } from "../src/model/calendar.js";
import { createRenderer } from "../src/render/html.js";
import { pagerList, TAG_DAYS_PER_PAGE } from "../src/render/pages/tag.js";
import { routes } from "../src/render/routes.js";
import { date, dayFile } from "./helpers/journal-files.js";

/** The names of the inline tags of a Markdown body. */
const tagsOf = (markdown: string): string[] => readBody(markdown).tags.map((t) => t.name);

describe("inline tags in a body, as Obsidian reads them", () => {
  it.each<[string, string, string[]]>([
    ["a tag at the start of a line", "#gratitude for the sun", ["gratitude"]],
    ["a tag after a space", "Slept well #health/sleep today", ["health/sleep"]],
    ["a heading's own `#` (a heading, not a tag)", "# Heading\n\n#  x", []],
    ["a tag in a heading's text", "## Day #good", ["good"]],
    ["a name of digits only", "#1984 and #2026", []],
    ["a name with a letter", "#y1984 and #1990s", ["y1984", "1990s"]],
    ["a `#` after a letter or digit", "C# and issue#12 and foo#bar", []],
    ["a `#` after punctuation", '(#a) "#b" .#c x—#d', []],
    ["a tag after a tab, a no-break space or an ideographic space", "a\t#t1 b\u00a0#t2 c\u3000#t3", ["t1", "t2", "t3"]],
    ["letters of any script, marks, emoji and other digits", "#café #日本語 #✅done #١٢٣", ["café", "日本語", "✅done", "١٢٣"]],
    ["the end at punctuation", "#t—dash #tag. #tag, #tag! #a(b) #x:y", ["t", "tag", "tag", "tag", "a", "x"]],
    ["`-`, `_` and `/` inside a name", "#my-tag #my_tag #a/b-c", ["my-tag", "my_tag", "a/b-c"]],
    ["two tags written together", "#a#b", ["a", "b"]],
    ["a chain that starts with digits", "#1984#x", []],
    ["empty segments of a nested tag", "#a/b/ #a//b", ["a/b", "a/b"]],
    ["casing kept as written", "#Health and #health", ["Health", "health"]],
    ["an inline code span", "see `#code` here", []],
    ["a fenced code block", "```\n#fenced\n```", []],
    ["an indented code block", "Text\n\n    #indented", []],
    ["a URL's fragment", "https://x.org/#frag and [a](#frag) and <https://x.org/#f>", []],
    ["a link's text (counts)", "[read #later](https://x.org)", ["later"]],
    ["an image's alt text", "![a #photo](p.png)", []],
    ["an escaped `#` and a character reference", "\\#escaped and &#35;entity", []],
    ["text after markup", "**#bold** and `c`#after", ["bold", "after"]],
    ["an HTML comment and a block of raw HTML (neither is published)", "<!-- #hidden -->\n\n<div>\n#block\n</div>", []],
    // smallwins drops raw HTML tags but publishes the text between inline ones, so that text's tags count.
    ["text between inline HTML tags", "a <span>#shown</span> b", ["shown"]],
    ["a blockquote and list items", "> #quoted\n\n- #listed\n- [ ] #planned", ["quoted", "listed", "planned"]],
    ["a wikilink's heading (a `#` after a letter)", "[[2026-11-20#Evening]]", []],
  ])("%s", (_, markdown, names) => {
    expect(tagsOf(markdown)).toEqual(names);
  });

  it("gives each tag its line and column in the file, and `task` for a checked task's text", () => {
    const body = readBody("Intro\n\n- [x] Ran #run\n- [ ] Call #family\n  #calm", 5);
    expect(body.tags).toEqual<TagUse[]>([
      { name: "run", at: { line: 7, column: 11 }, source: "task" },
      { name: "family", at: { line: 8, column: 12 }, source: "body" },
      { name: "calm", at: { line: 9, column: 3 }, source: "body" },
    ]);
  });

  it("finds tags in plain text (a win's text) by the same rules", () => {
    expect(inlineTagsIn("Ran 5k #health/run, then #Calm#rest and C#")).toEqual([
      { name: "health/run", index: 7 },
      { name: "Calm", index: 25 },
      { name: "rest", index: 30 },
    ]);
  });
});

describe("tag names, keys and pages", () => {
  it("drops one leading `#` and empty segments, and keeps the casing", () => {
    expect(tagName("#Health//Sleep/")).toBe("Health/Sleep");
    expect(tagName("/")).toBeUndefined();
    expect(tagKey("Health/Sleep")).toBe("health/sleep");
    // NFC: a decomposed é (as macOS file names write it) is the same tag.
    expect(tagKey("cafe\u0301")).toBe(tagKey("café"));
  });

  it("counts a nested tag for each of its ancestors, and lists it after its parent", () => {
    expect(tagAncestors("a/b/c" as TagKey)).toEqual(["a", "a/b", "a/b/c"]);
    expect((["a-b", "a/b", "a", "b"] as TagKey[]).sort(compareTagKeys)).toEqual(["a", "a/b", "a-b", "b"]);
  });

  it("gives every tag a plain relative page path, unique by key", () => {
    expect(tagPath(tagKey("health"))).toBe("tags/health.html");
    expect(tagPath(tagKey("health/sleep"))).toBe("tags/health/sleep.html");
    const odd = ["café", "日本語", "index", "con", "v1.2", "a b", "x".repeat(80), "a/b/c/d/e/f/g/h/i"].map((n) => tagPath(tagKey(n)));
    for (const p of odd) expect(p).toMatch(/^tags\/[a-z0-9_./-]+\.html$/);
    expect(new Set(odd).size).toBe(odd.length);
    expect(odd.slice(0, 4)).not.toContain("tags/index.html");
  });
});

describe("the tag metric", () => {
  const at = { line: 2, column: 1 };
  const use = (name: string, source: TagSource = "body"): TagUse => ({ name, at, source });
  const model = (publish: PublishMode = "full") => {
    const config = validateConfig({ publish }, "smallwins.config.yaml", null).config;
    const files = [
      dayFile("2026-11-01", ["Slept"], { tags: [use("Health/Sleep"), use("gratitude", "tags")] }),
      dayFile("2026-11-02", ["Ran"], { tags: [use("health/run", "win"), use("GRATITUDE")] }),
      dayFile("2026-11-03", ["Rested"], { tags: [use("health"), use("secret")], private: true }),
      dayFile("2026-11-05", ["Walked"], { tags: [use("HEALTH")] }),
      dayFile("2026-11-30", ["Planned"], { tags: [use("later")] }),
    ];
    return buildSiteModel(files, config, date("2026-11-21")).model;
  };

  it("counts days case-insensitively, names a tag as first written, and counts nested tags for their parent", () => {
    const tags = model().tags;
    expect(tags.map((t) => [t.key, t.name, t.count, t.first ?? null, t.last ?? null, t.days.map((d) => d.date)])).toEqual([
      ["gratitude", "gratitude", 2, "2026-11-01", "2026-11-02", ["2026-11-02", "2026-11-01"]],
      ["health", "Health", 3, "2026-11-01", "2026-11-05", ["2026-11-05", "2026-11-02", "2026-11-01"]],
      ["health/run", "health/run", 1, "2026-11-02", "2026-11-02", ["2026-11-02"]],
      ["health/sleep", "Health/Sleep", 1, "2026-11-01", "2026-11-01", ["2026-11-01"]],
      // A day after today is listed but counts in no number.
      ["later", "later", 0, null, null, ["2026-11-30"]],
    ]);
    const health = tags.find((t) => t.key === "health")!;
    expect(health.children.map((c) => [c.key, c.count])).toEqual([
      ["health/run", 1],
      ["health/sleep", 1],
    ]);
    expect(tags.find((t) => t.key === "health/run")!.parent).toEqual({ key: "health", name: "Health" });
  });

  it("leaves out private files' tags (`secret` has no page), and with `publish: wins` keeps only tags of win texts", () => {
    expect(model().tags.map((t) => t.key)).not.toContain("secret");
    expect(model("wins").tags.map((t) => t.key)).toEqual(["health", "health/run"]);
    expect(model("stats").tags).toEqual([]);
  });

  it("makes the list of tags and one page per tag, nested pages in their parent's folder", () => {
    const pages = routes(model());
    const tagPages = pages.filter((p) => p.template === "tag" || p.template === "tags");
    expect(tagPages.map((p) => p.path)).toEqual(["tags/index.html", "tags/gratitude.html", "tags/health.html", "tags/health/run.html", "tags/health/sleep.html", "tags/later.html"]);
    const health = tagPages.find((p) => p.path === "tags/health.html")!.data;
    expect(health).toMatchObject({ name: "Health", count: 3, first: "2026-11-01", last: "2026-11-05", parent: null, root: "../" });
    expect(health.children).toEqual([
      { name: "health/run", path: "tags/health/run.html", count: 1 },
      { name: "Health/Sleep", path: "tags/health/sleep.html", count: 1 },
    ]);
    expect((health.days as { date: string; wins: { text: string }[] }[]).map((d) => [d.date, d.wins.map((w) => w.text)])).toEqual([
      ["2026-11-05", ["Walked"]],
      ["2026-11-02", ["Ran"]],
      ["2026-11-01", ["Slept"]],
    ]);
    const sleep = tagPages.find((p) => p.path === "tags/health/sleep.html")!.data;
    expect(sleep).toMatchObject({ parent: { name: "Health", path: "tags/health.html" }, root: "../../" });
  });

  it("lists a tag's days a hundred to a page, newest first, each day once, with the heat map and numbers on the first page", async () => {
    const config = validateConfig({}, "smallwins.config.yaml", null).config;
    // 250 days tagged `walk`, one every other day, and one day with another tag.
    const files = Array.from({ length: 250 }, (_, i) => dayFile(addDays(date("2025-01-01"), 2 * i), [`Walk ${i}`], { tags: [use("walk")] }));
    files.push(dayFile("2026-06-01", ["Read"], { tags: [use("reading")] }));
    const pages = routes(buildSiteModel(files, config, date("2026-11-21")).model);
    const walk = pages.filter((p) => p.template === "tag" && p.path.startsWith("tags/walk"));
    expect(TAG_DAYS_PER_PAGE).toBe(100);
    expect(walk.map((p) => p.path)).toEqual(["tags/walk.html", "tags/walk.page-2.html", "tags/walk.page-3.html"]);
    expect(pages.filter((p) => p.path.startsWith("tags/reading")).map((p) => [p.path, p.data.pager])).toEqual([["tags/reading.html", null]]);
    const listed = walk.flatMap((p) => (p.data.days as { date: string }[]).map((d) => d.date));
    expect(listed).toEqual(files.slice(0, 250).map((f) => f.date).reverse());
    expect(walk.map((p) => (p.data.days as unknown[]).length)).toEqual([100, 100, 50]);
    expect(walk.map((p) => [p.data.title, p.data.heatmap === null, p.data.count])).toEqual([
      ["walk", false, 250],
      ["walk, page 2 of 3", true, 250],
      ["walk, page 3 of 3", true, 250],
    ]);
    expect(walk[1]!.data.pager).toMatchObject({ n: 2, pages: 3, from: 101, to: 200, of: 250, newer: "tags/walk.html", older: "tags/walk.page-3.html" });

    // The HTML: every link of a pager leads to a page of the site, and only the first page has the numbers and heat map.
    const theme = await loadTheme(undefined);
    const renderer = createRenderer(theme.templates);
    const paths = new Set(pages.map((p) => p.path));
    for (const page of walk) {
      const html = renderer.render(page);
      const nav = html.slice(html.indexOf('<nav class="pager tag-pager"'));
      const links = [...nav.slice(0, nav.indexOf("</nav>")).matchAll(/href="\.\.\/([^"]+)"/g)].map((m) => m[1]!);
      expect(links.length, page.path).toBeGreaterThan(3);
      for (const link of links) expect(paths.has(link), `${page.path} links to ${link}`).toBe(true);
      expect(html.includes('aria-current="page" href="../' + page.path + '"'), page.path).toBe(true);
      expect(html.includes('id="heat-heading"'), page.path).toBe(page === walk[0]);
      expect(html.includes(">Walk 249<"), page.path).toBe(page === walk[0]);
      expect(html.includes(">Walk 0<"), page.path).toBe(page === walk[2]);
    }
  });

  it("lists the first and last page and two either side of the current one, a gap of one page by its number", () => {
    expect(pagerList(1, 1)).toEqual([1]);
    expect(pagerList(1, 3)).toEqual([1, 2, 3]);
    expect(pagerList(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pagerList(5, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 10]);
    expect(pagerList(6, 40)).toEqual([1, null, 4, 5, 6, 7, 8, null, 40]);
    expect(pagerList(40, 40)).toEqual([1, null, 38, 39, 40]);
  });
});
