import type { SiteModel } from "../model/site.js";
import { renderFeed } from "./feed.js";
import { createRenderer, type HtmlRenderer, type TemplateSources } from "./html.js";
import { routes, type Page } from "./routes.js";
import { createSearchMemo, searchFiles, type SearchMemo } from "./search/search-files.js";
import { createWinsJsonMemo, winsJsonParts, type WinsJsonMemo } from "./wins-json.js";

/** One file of the built site, as data: only the shell writes it. */
export interface OutputFile {
  /** Relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly contents: string;
  /** The contents as UTF-8, in parts, when a memo kept them so (wins.json in a watch): the shell writes these, and the text is joined only if read. */
  readonly bytes?: readonly Uint8Array[];
}

/** The templates, the stylesheet and the scripts a site is rendered with. */
export interface Theme {
  readonly templates: TemplateSources;
  readonly stylesheet: string;
  /** The search client's scripts, by their path in the site (`search/boot.js`, `search/search.js`). */
  readonly scripts: ReadonlyMap<string, string>;
}

/** What extraFiles may reuse between runs of a watch. */
export interface ExtrasMemo {
  readonly winsJson: WinsJsonMemo;
  readonly search: SearchMemo;
}

/** An empty extras memo. */
export function createExtrasMemo(): ExtrasMemo {
  return { winsJson: createWinsJsonMemo(), search: createSearchMemo() };
}

/**
 * Whether the file at `path` that the last extraFiles call made differs from
 * the one made before it, when the memo knows without comparing the texts
 * (wins.json, megabytes long); undefined when it does not.
 */
export function knownChange(memo: ExtrasMemo, path: string): boolean | undefined {
  return path === "wins.json" ? memo.winsJson.changed : undefined;
}

/** Every file that is not an HTML page: the feed, wins.json, the stylesheet, and the search scripts and index. */
export function extraFiles(model: SiteModel, theme: Theme, memo?: ExtrasMemo): OutputFile[] {
  return [
    { path: "feed.xml", contents: renderFeed(model) },
    winsJsonFile(model, memo?.winsJson),
    { path: "style.css", contents: theme.stylesheet },
    ...searchFiles(model, theme.scripts, memo?.search),
  ];
}

/** `wins.json` as a file: with a memo, its bytes in parts and its text joined only when read. */
function winsJsonFile(model: SiteModel, memo: WinsJsonMemo | undefined): OutputFile {
  const file = winsJsonParts(model, memo);
  if (!file.bytes) return { path: "wins.json", contents: file.text() };
  const bytes = file.bytes;
  return {
    path: "wins.json",
    get contents() {
      return file.text();
    },
    bytes,
  };
}

/** Renders one page. */
export function renderPage(renderer: HtmlRenderer, page: Page): OutputFile {
  return { path: page.path, contents: renderer.render(page) };
}

/** The whole site as files, in a stable order: the same model and theme always give the same bytes. */
export function renderSite(model: SiteModel, theme: Theme, onProgress?: (done: number, total: number) => void): OutputFile[] {
  const renderer = createRenderer(theme.templates);
  const pages = routes(model);
  const files = pages.map((page, i) => {
    const file = renderPage(renderer, page);
    if (onProgress && i % 64 === 0) onProgress(i, pages.length);
    return file;
  });
  onProgress?.(pages.length, pages.length);
  return [...files, ...extraFiles(model, theme)];
}
