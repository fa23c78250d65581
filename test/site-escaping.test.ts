/**
 * Escaping and safe HTML (§4, docs/security.md): hostile text in every
 * config value and front-matter field that reaches the site is shown as text,
 * never run; raw HTML in Markdown is dropped; script URLs lose their URL.
 *
 * test/fixtures/site-hostile (today 2026-05-05): the title, author, area labels,
 * habit labels and cues, win texts, did-well, tags, a task, a planned task, the
 * body and a reflection all carry `<script>`, `"><img src=x onerror=…>` or a
 * `javascript:` URL in some casing and spacing. smallwins.siteurl.yaml adds a
 * siteUrl that tries to break out of an attribute.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { HTMLElement } from "node-html-parser";
import { URL_ATTRIBUTES, buildFixture, fileOf, isSearchBootScript, linksNamed, one, pageOf, parseAtom, parseHtml, textOf, textsOf, type BuiltSite } from "./helpers/site.js";

const TODAY = "2026-05-05";

let site: BuiltSite;
let withUrl: BuiltSite;
beforeAll(async () => {
  [site, withUrl] = await Promise.all([buildFixture("site-hostile", TODAY), buildFixture("site-hostile", TODAY, "smallwins.siteurl.yaml")]);
});

/** A URL as a browser reads its scheme: ASCII whitespace and control characters anywhere are ignored, case too. */
function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1] ?? null;
}

/** Everything in a parsed document that would run script: script elements (but the search box's own), event handlers, script URLs, inline frames and objects. */
function dangers(root: HTMLElement, where: string): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "script" && isSearchBootScript(el, root)) continue;
    if (["script", "iframe", "object", "embed", "base", "form", "meta"].includes(tag) && !(tag === "meta" && !el.hasAttribute("http-equiv"))) found.push(`${where}: <${tag}>`);
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name.toLowerCase().startsWith("on")) found.push(`${where}: <${tag} ${name}="${value}">`);
      // Any attribute may be read as a URL by some element; only those that are plain text for
      // people (a label that happens to read "javascript:…" is inert there) may start with a
      // scheme, and style, which is CSS ("width: 5%") and checked for url() below.
      const scheme = schemeOf(value);
      if (scheme !== null && !TEXT_ATTRIBUTES.includes(name.toLowerCase()) && name.toLowerCase() !== "style" && !(URL_ATTRIBUTES.includes(name.toLowerCase()) && ["http", "https", "mailto"].includes(scheme))) {
        found.push(`${where}: <${tag} ${name}="${value}">`);
      }
      if (name.toLowerCase() === "style" && /url\(|expression\(|javascript:/i.test(value)) found.push(`${where}: <${tag} style="${value}">`);
    }
    if (tag === "img" && el.hasAttribute("onerror")) found.push(`${where}: <img onerror>`);
  }
  return found;
}

/** Attributes whose value is text shown or read to people, never loaded or followed. */
const TEXT_ATTRIBUTES = ["aria-label", "title", "alt"];

/** Hostile payloads that must never appear as markup in any output file. */
const RAW_PAYLOADS = [/<script/i, /<img src=x/i, /<svg onload/i, /<iframe/i, /onclick="/i, /<\/title><script/i, /<style>body/i];

/** The search box's script element as the layout writes it (isSearchBootScript checks it in full): the one `<script` a page may hold. */
const SEARCH_BOOT_TAG = /<script src="[^"<>]*search\/boot\.js" defer><\/script>/g;

describe.each([
  ["without siteUrl", () => site],
  ["with a hostile siteUrl", () => withUrl],
] as const)("hostile text %s", (_name, get) => {
  it("builds every page", () => {
    expect(get().result.rendered).toBe(true);
    expect(get().result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("leaves no script, event handler or script URL in any page", () => {
    const problems: string[] = [];
    for (const [file, contents] of get().files) if (file.endsWith(".html")) problems.push(...dangers(parseHtml(contents), file));
    expect(problems).toEqual([]);
  });

  it("has no hostile payload as markup in any page or the feed", () => {
    const problems: string[] = [];
    for (const [file, contents] of get().files) {
      // wins.json and the search index are data: their strings hold the text as written (checked below).
      // The index's files are scripts loaded by src, never parsed as HTML, and the client puts their text in the page as text.
      if (file === "style.css" || file === "wins.json" || /^search\/(index\.js|months\/|terms\/)/.test(file)) continue;
      const markup = file.endsWith(".html") ? contents.replace(SEARCH_BOOT_TAG, "") : contents;
      for (const payload of RAW_PAYLOADS) if (payload.test(markup)) problems.push(`${file}: ${payload}`);
    }
    expect(problems).toEqual([]);
  });

  it("has a well-formed feed whose HTML content is as safe as the pages", () => {
    const feed = parseAtom(fileOf(get(), "feed.xml"));
    expect(feed.title).toBe("<script>alert('title')</script> Title");
    expect(feed.authorName).toBe("\"><img src=x onerror=alert('author')> Author");
    expect(feed.entries.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const e of feed.entries) problems.push(...dangers(parseHtml(e.content), `feed entry ${e.title}`));
    expect(problems).toEqual([]);
  });

  it("keeps wins.json valid JSON with the hostile text as plain strings", () => {
    const json = JSON.parse(fileOf(get(), "wins.json")) as { title: string; days: { wins: { text: string }[] }[] };
    expect(json.title).toBe("<script>alert('title')</script> Title");
    expect(json.days[0]!.wins.map((w) => w.text)).toEqual(["<script>alert('win')</script>", "\"><img src=x onerror=alert('win')>", "javascript:alert('win')", "JaVaScRiPt:alert('win')", "alert('task') done"]);
  });

  it("keeps the search index's month file one call with the hostile text as plain JSON strings", () => {
    const file = fileOf(get(), "search/months/2026-05.js");
    const call = /^smallwinsSearch\.month\("2026-05", (\[[\s\S]*\])\);\n$/.exec(file);
    expect(call, file.slice(0, 200)).not.toBeNull();
    const rows = JSON.parse(call![1]!) as [number, string, string, string[]][];
    expect(rows.find((row) => row[1] === "2026-05-04")?.[3]).toEqual(["<script>alert('win')</script>", "\"><img src=x onerror=alert('win')>", "javascript:alert('win')", "JaVaScRiPt:alert('win')", "alert('task') done"]);
  });
});

describe("the checks themselves", () => {
  it("find a script, an event handler and script URLs in any casing and spacing", () => {
    const bad = parseHtml(
      [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="JaVaScRiPt:alert(1)">a</a>',
        '<a href=" javascript:alert(1)">b</a>',
        '<a href="java&#x09;script:alert(1)">c</a>',
        '<svg><a xlink:href="javascript:alert(1)">d</a></svg>',
        '<a href="https://example.org/" title="javascript: is fine in a title">e</a>',
      ].join("\n"),
    );
    expect(dangers(bad, "x")).toEqual([
      "x: <script>",
      'x: <img onerror="alert(1)">',
      "x: <img onerror>",
      'x: <a href="JaVaScRiPt:alert(1)">',
      'x: <a href=" javascript:alert(1)">',
      'x: <a href="java\tscript:alert(1)">',
      'x: <a xlink:href="javascript:alert(1)">',
    ]);
  });
});

describe("hostile text is shown as text", () => {
  it("in the title, the header, the footer and the feed link's title", () => {
    const page = pageOf(site, "index.html");
    expect(textOf(page.querySelector("title"))).toBe("<script>alert('title')</script> Title");
    expect(textOf(one(page, "a.brand"))).toBe("✦ <script>alert('title')</script> Title");
    expect(one(page, 'link[rel="alternate"]').getAttribute("title")).toBe("<script>alert('title')</script> Title");
    expect(textOf(page.querySelector("footer"))).toBe("<script>alert('title')</script> Title · \"><img src=x onerror=alert('author')> Author · made with smallwins");
  });

  it("in win texts, area and habit chips, did-well, tags and planned tasks", () => {
    const page = pageOf(site, "days/2026-05-04.html");
    expect(textsOf(page, ".win-text")).toEqual(["<script>alert('win')</script>", "\"><img src=x onerror=alert('win')>", "javascript:alert('win')", "JaVaScRiPt:alert('win')", "alert('task') done"]);
    expect(textsOf(page, ".area-chip")).toEqual(["<script>alert('area')</script>", "javascript:alert('area')", "javascript:alert('area')"]);
    expect(textsOf(page, ".habit-chip")).toEqual(["\"><img src=x onerror=alert('habit')>", "JaVaScRiPt:alert('habit')"]);
    // A label that looks like a URL is the link's text, never its target.
    expect(linksNamed(page, "javascript:alert('area')")).toEqual(["../areas/social.html", "../areas/social.html"]);
    expect(linksNamed(page, "JaVaScRiPt:alert('habit')")).toEqual(["../habits/walk.html"]);
    expect(textsOf(page, "blockquote.did-well")).toEqual(["<img src=x onerror=alert('did_well')>"]);
    expect(textsOf(page, ".tags .chip")).toEqual(["\"><svg onload=alert('tag')>", "<script>alert('tag')</script>"]);
    expect(textsOf(page, ".planned li")).toEqual(["\"><img src=x onerror=alert('planned')>"]);
    expect(textsOf(page, ".celebrate")).toEqual(["Level up in <script>alert('area')</script>: level 1 → 2", "Level up in javascript:alert('area'): level 1 → 3"]);
  });

  it("in habit pages: label and cue", () => {
    const gym = pageOf(site, "habits/gym.html");
    expect(textOf(one(gym, "h1"))).toBe("\"><img src=x onerror=alert('habit')>");
    expect(textOf(one(gym, ".lede"))).toBe("Target: every day · cue: <script>alert('cue')</script>");
    expect(textOf(gym.querySelector("title"))).toBe("\"><img src=x onerror=alert('habit')> · <script>alert('title')</script> Title");
    const walk = pageOf(site, "habits/walk.html");
    expect(textOf(one(walk, ".lede"))).toBe("Target: 2 days a week · cue: ' onmouseover='alert(1)");
    expect(textsOf(pageOf(site, "habits/index.html"), "li.card p.muted")).toEqual(["every day · <script>alert('cue')</script>", "2 days a week · ' onmouseover='alert(1)"]);
  });

  it("in chart text alternatives (SVG titles and aria-labels)", () => {
    const page = pageOf(site, "areas/work.html");
    const svg = one(page, ".bar-chart svg");
    expect(svg.getAttribute("aria-label")).toBe("Wins in <script>alert('area')</script> per week over the last 1 week; the shade shows the highest level reached that week.");
    expect(textOf(svg.querySelector("title"))).toBe(svg.getAttribute("aria-label"));
    expect(textOf(one(pageOf(site, "habits/gym.html"), ".heatmap svg title"))).toMatch(/^"><img src=x onerror=alert\('habit'\)> over the last 26 weeks/);
  });

  it("in a win text that tries to close the title element", () => {
    const page = pageOf(site, "days/2026-05-05.html");
    expect(textsOf(page, ".win-text")[0]).toBe("</title><script>alert('win2')</script>");
    expect(textOf(page.querySelector("title"))).toBe("Tuesday 5 May 2026 · <script>alert('title')</script> Title");
  });
});

describe("characters XML does not allow", () => {
  it("are replaced in the feed, which stays well-formed", () => {
    const feed = parseAtom(fileOf(site, "feed.xml"));
    const entry = feed.entries.find((e) => e.links[0]!.href === "days/2026-05-05.html");
    expect(textsOf(parseHtml(entry!.content), "li")[1]).toBe("Controls\uFFFD\uFFFD and a lone \uFFFD surrogate");
  });
});

describe("Markdown bodies", () => {
  it("drop raw HTML: no script, no event handler, no iframe, no style block", () => {
    const prose = one(pageOf(site, "days/2026-05-04.html"), ".body .prose");
    expect(prose.querySelectorAll("script, iframe, style, div[onclick]")).toHaveLength(0);
    expect(textOf(prose)).not.toContain("raw block");
    expect(textOf(prose)).not.toContain("evil.example");
    expect(textOf(prose.querySelector("p"))).toBe("Raw alert('body') and <img src=x onerror=alert('body')> inline.");
  });

  it("lose the URL of every javascript:, vbscript: and data: link and image, in any casing, spacing or encoding", () => {
    const prose = one(pageOf(site, "days/2026-05-04.html"), ".body .prose");
    const links = prose.querySelectorAll("a");
    // x4's URL, `java<tab>script:…`, has no scheme: a path in the journal that names no file, so it is only its text.
    expect(links.map((a) => textOf(a))).toEqual(["x1", "x2", "x3", "x5", "x6", "x7", "x8", "x9", "javascript:alert(1)", "x10"]);
    expect(textOf(prose)).toContain("x4");
    for (const a of links) {
      const href = a.getAttribute("href");
      // Dropped, or at most a harmless relative URL (a percent-encoded tab is no scheme).
      expect(href === undefined || schemeOf(href) === null, `${textOf(a)}: ${href}`).toBe(true);
    }
    const img = one(prose, "img");
    expect(img.getAttribute("alt")).toBe("pic");
    expect(img.hasAttribute("src")).toBe(false);
  });

  it("keep a reflection's text and drop its script and script link", () => {
    const prose = one(pageOf(site, "weeks/2026-W19.html"), ".prose");
    expect(textOf(prose)).toBe("A reflection alert('reflection') with a link.");
    expect(prose.querySelectorAll("script")).toHaveLength(0);
    expect(one(prose, "a").hasAttribute("href")).toBe(false);
    const feed = parseAtom(fileOf(site, "feed.xml"));
    const entry = feed.entries.find((e) => e.links[0]!.href === "weeks/2026-W19.html");
    expect(entry).toBeDefined();
    expect(parseHtml(entry!.content).querySelectorAll("script")).toHaveLength(0);
    expect(textOf(parseHtml(entry!.content))).toBe("A reflection alert('reflection') with a link.");
  });
});
