/**
 * Helpers for the site tests: build a fixture project in memory with the
 * library API, parse its pages with a real HTML parser, and check links.
 */
import { cp, mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { HTMLElement, parse } from "node-html-parser";
import { afterAll, expect } from "vitest";
import { build, type BuildResult } from "../../src/build.js";

/** `test/fixtures/`. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** The repository root, which holds the sample journal and its config. */
export const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** A built site: the build result and its files by path. */
export interface BuiltSite {
  readonly result: BuildResult;
  readonly files: ReadonlyMap<string, string>;
}

/** Builds a project folder in memory (nothing is written). */
export async function buildProject(cwd: string, today: string, config?: string): Promise<BuiltSite> {
  const result = await build({ cwd, today, ...(config !== undefined ? { config } : {}) });
  return { result, files: new Map(result.files.map((f) => [f.path, f.contents])) };
}

/** Builds `test/fixtures/<name>/` in memory. */
export function buildFixture(name: string, today: string, config?: string): Promise<BuiltSite> {
  return buildProject(path.join(FIXTURES, name), today, config);
}

/** Copies `test/fixtures/<name>/` to `dest` (for tests that write). */
export async function copyFixture(name: string, dest: string): Promise<void> {
  await cp(path.join(FIXTURES, name), dest, { recursive: true });
}

/** One file's contents; fails the test when the site has no such file. */
export function fileOf(site: BuiltSite, file: string): string {
  const contents = site.files.get(file);
  expect(contents, `the site has no ${file}; it has ${[...site.files.keys()].slice(0, 40).join(", ")}`).toBeTypeOf("string");
  return contents!;
}

/** Parses one page of the site. */
export function pageOf(site: BuiltSite, file: string): HTMLElement {
  return parseHtml(fileOf(site, file));
}

/** Parses an HTML document. */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, lowerCaseTagName: true });
}

/** An element's text with whitespace collapsed, entities decoded. */
export function textOf(el: HTMLElement | null | undefined): string {
  if (!el) return "";
  return el.textContent.replace(/\s+/g, " ").trim();
}

/** The one element matching `selector`; fails the test when there is none. */
export function one(root: HTMLElement, selector: string): HTMLElement {
  const el = root.querySelector(selector);
  expect(el, `no element matches ${selector}`).not.toBeNull();
  return el!;
}

/** The texts of every element matching `selector`. */
export function textsOf(root: HTMLElement, selector: string): string[] {
  return root.querySelectorAll(selector).map((el) => textOf(el));
}

/** The value of `<dd>` next to the `<dt>` with this text, inside `root`. */
export function statValue(root: HTMLElement, term: string): string {
  const dt = root.querySelectorAll("dt").find((d) => textOf(d) === term);
  expect(dt, `no <dt>${term}</dt>`).toBeDefined();
  return textOf(dt!.parentNode?.querySelector("dd"));
}

/** The hrefs of the `<a>` elements under `root` whose text is `text`. */
export function linksNamed(root: HTMLElement, text: string): string[] {
  return root
    .querySelectorAll("a")
    .filter((a) => textOf(a) === text)
    .map((a) => a.getAttribute("href") ?? "");
}

/** Attributes that hold a URL the browser may follow or load. */
export const URL_ATTRIBUTES = ["href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background", "ping", "xlink:href", "longdesc", "manifest", "codebase"];

/** Resolves a relative link from the page at `from` (a site path) to a site path, without query or fragment. */
export function resolveLink(from: string, href: string): string {
  const clean = href.split("#")[0]!.split("?")[0]!;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(clean)));
  return joined;
}

/**
 * Whether a `<script>` element is the one script a page may have: the search
 * box's `search/boot.js`, beside the page's own stylesheet (so from the site's
 * root, whatever the page's depth), loaded by `src` with `defer`, with no
 * other attribute and no inline code (docs/site.md#search).
 */
export function isSearchBootScript(script: HTMLElement, page: HTMLElement): boolean {
  const stylesheet = page.querySelector('link[rel="stylesheet"]')?.getAttribute("href");
  if (stylesheet === undefined || !stylesheet.endsWith("style.css")) return false;
  const names = Object.keys(script.attributes).map((name) => name.toLowerCase()).sort();
  return (
    script.tagName.toLowerCase() === "script" &&
    names.join(" ") === "defer src" &&
    script.getAttribute("defer") === "" &&
    script.getAttribute("src") === `${stylesheet.slice(0, -"style.css".length)}search/boot.js` &&
    script.innerHTML === ""
  );
}

/**
 * Whether an element is markup the templates add for search, which journal
 * text can never make: the search box's script (isSearchBootScript), and
 * search.html's `<noscript>` notice right before its search form.
 */
export function isSearchMarkup(el: HTMLElement, page: HTMLElement): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag === "script") return isSearchBootScript(el, page);
  return tag === "noscript" && el.parentNode?.tagName.toLowerCase() === "main" && el.nextElementSibling?.getAttribute("data-search") === "page";
}

/**
 * Checks every link of every HTML page of a site (§4): relative links resolve
 * to a file of the site, no resource is loaded from outside it, there is no
 * script but the search box's (isSearchBootScript), and `http(s)` appears
 * only as a plain `<a>` in the footer or in the journal's own Markdown.
 * Pictures and files beside entries (§6) too: each `src`, each `srcset`
 * candidate and each link to a file must be a file of the site (a page's or
 * one of `copied`, the journal files copied into it), and every `<img>` has
 * `alt` and `loading="lazy"`. Returns the problems, one line each.
 */
export function linkProblems(files: ReadonlyMap<string, string>, copied: ReadonlySet<string> = new Set()): string[] {
  const has = (target: string): boolean => files.has(target) || copied.has(target);
  const problems: string[] = [];
  for (const [file, contents] of files) {
    if (!file.endsWith(".html")) continue;
    const root = parseHtml(contents);
    const ids = new Set(root.querySelectorAll("[id]").map((el) => el.getAttribute("id")));
    for (const script of root.querySelectorAll("script")) if (!isSearchBootScript(script, root)) problems.push(`${file}: a <script> element: ${script.outerHTML.slice(0, 80)}`);
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      if (tag === "img" && (el.getAttribute("alt") === undefined || el.getAttribute("loading") !== "lazy")) problems.push(`${file}: an <img> without alt or loading="lazy": ${el.outerHTML.slice(0, 120)}`);
      const urls = Object.entries(el.attributes).flatMap(([name, value]): [string, string][] =>
        // A srcset is a list of candidates, each a URL and a width or density.
        name.toLowerCase() === "srcset" ? value.split(",").map((candidate): [string, string] => [name, candidate.trim().split(/\s+/)[0] ?? ""]) : [[name, value]],
      );
      for (const [name, value] of urls) {
        if (!URL_ATTRIBUTES.includes(name.toLowerCase())) continue;
        const url = value.trim();
        if (url === "") {
          problems.push(`${file}: <${tag} ${name}=""> is empty`);
          continue;
        }
        if (url.startsWith("#")) {
          if (!ids.has(url.slice(1))) problems.push(`${file}: <${tag} ${name}="${url}"> points at no element`);
          continue;
        }
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
        if (scheme !== undefined || url.startsWith("//")) {
          const external = scheme === "http" || scheme === "https" || scheme === "mailto";
          const inFooter = el.closest("footer") !== null;
          const inProse = el.closest(".prose") !== null;
          if (!(tag === "a" && name === "href" && external && (inFooter || inProse))) problems.push(`${file}: <${tag} ${name}="${url}"> leaves the site`);
          continue;
        }
        if (url.startsWith("/")) {
          problems.push(`${file}: <${tag} ${name}="${url}"> is root-relative: it breaks under a sub-path and from file://`);
          continue;
        }
        const target = resolveLink(file, url);
        if (target.startsWith("../") || !has(target)) problems.push(`${file}: <${tag} ${name}="${url}"> resolves to ${target}, which the site does not have`);
      }
      if (tag === "link" && (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("stylesheet")) {
        const href = el.getAttribute("href") ?? "";
        if (!has(resolveLink(file, href)) || !href.endsWith("style.css")) problems.push(`${file}: a stylesheet from outside the site: ${href}`);
      }
    }
  }
  return problems;
}

/** Every `<svg>` chart of a page, with its text alternative (an `<svg>` inside another, such as a line chart's plot, is part of that chart). */
export function charts(root: HTMLElement): { role: string | undefined; label: string | undefined; title: string }[] {
  return root.querySelectorAll("svg").filter((svg) => (svg.parentNode?.closest("svg") ?? null) === null).map((svg) => ({
    role: svg.getAttribute("role"),
    label: svg.getAttribute("aria-label"),
    title: textOf(svg.querySelector("title")),
  }));
}

/** One Atom entry, as the tests read it. */
export interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly updated: string;
  readonly links: readonly { readonly rel: string | undefined; readonly href: string }[];
  /** The entry's content, XML entities decoded (for `type="html"`: HTML text). */
  readonly content: string;
  readonly contentType: string | undefined;
}

/** An Atom feed, as the tests read it. */
export interface AtomFeed {
  readonly title: string;
  readonly id: string;
  readonly updated: string;
  readonly authorName: string;
  readonly links: readonly { readonly rel: string | undefined; readonly href: string }[];
  readonly entries: readonly AtomEntry[];
}

type XmlNode = Record<string, unknown>;

/**
 * Parses an Atom feed strictly: the text must be well-formed XML (the
 * validator fails the test otherwise), with a `feed` root in the Atom namespace.
 */
export function parseAtom(text: string): AtomFeed {
  const valid = XMLValidator.validate(text);
  expect(valid, `feed.xml is not well-formed XML: ${JSON.stringify(valid)}`).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    textNodeName: "#text",
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === "entry" || name === "link",
  });
  const doc = parser.parse(text) as { feed?: XmlNode };
  const feed = doc.feed;
  expect(feed, "feed.xml has no <feed> root").toBeDefined();
  expect(feed!["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  const str = (node: unknown): string => (typeof node === "string" ? node : typeof node === "object" && node !== null ? String((node as XmlNode)["#text"] ?? "") : "");
  const links = (node: XmlNode): { rel: string | undefined; href: string }[] =>
    ((node.link ?? []) as XmlNode[]).map((l) => ({ rel: l["@rel"] as string | undefined, href: String(l["@href"]) }));
  return {
    title: str(feed!.title),
    id: str(feed!.id),
    updated: str(feed!.updated),
    authorName: str((feed!.author as XmlNode | undefined)?.name),
    links: links(feed!),
    entries: ((feed!.entry ?? []) as XmlNode[]).map((e) => ({
      id: str(e.id),
      title: str(e.title),
      updated: str(e.updated),
      links: links(e),
      content: str(e.content),
      contentType: typeof e.content === "object" && e.content !== null ? ((e.content as XmlNode)["@type"] as string | undefined) : undefined,
    })),
  };
}

/**
 * Gives a function that makes a fresh temporary folder; all of them are
 * removed after the file's tests. Unlike a per-test cleanup, this is safe
 * with tests that run concurrently.
 */
export function useSiteTempDirs(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (prefix = "smallwins-site-") => {
    // realpath: on some systems the temp folder is behind a symlink, and a child's cwd is the real path.
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
    made.push(dir);
    return dir;
  };
}
