/**
 * Checks the links of Markdown documents as GitHub would follow them: relative
 * links and images lead to files of the repository, `#anchors` to a heading of
 * the target (GitHub's slugs), and web links are well-formed (not fetched).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { toString } from "mdast-util-to-string";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";

/** One link of a document. */
export interface DocLink {
  /** The document, relative to the root, with `/`. */
  readonly file: string;
  readonly line: number;
  readonly url: string;
  readonly image: boolean;
}

/** A link that does not lead where it says. */
export interface BrokenLink extends DocLink {
  readonly problem: string;
}

/** A Markdown document as GitHub reads it (CommonMark with tables and strikethrough). */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfmTable(), gfmStrikethrough()],
    mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()],
  });
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}

/** Every link, image and link definition of a document, and `href`/`src` in its raw HTML. */
export function linksOf(file: string, text: string): DocLink[] {
  const links: DocLink[] = [];
  walk(parseMarkdown(text), (node) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === "link" || node.type === "definition") links.push({ file, line, url: node.url, image: false });
    else if (node.type === "image") links.push({ file, line, url: node.url, image: true });
    else if (node.type === "html") {
      for (const m of node.value.matchAll(/\b(href|src)\s*=\s*["']([^"']*)["']/gi)) links.push({ file, line, url: m[2]!, image: m[1]!.toLowerCase() === "src" });
    }
  });
  return links;
}

/** The anchors GitHub gives a document's headings: github-slugger's slugs, `-1`, `-2` … for repeats. */
export function headingAnchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  walk(parseMarkdown(text), (node) => {
    if (node.type === "heading") anchors.add(slugger.slug(toString(node)));
    else if (node.type === "html") for (const m of node.value.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1]!);
  });
  return anchors;
}

/** Folders `.gitignore` names (lines like `site/`): files there are not in the repository, so a link to them breaks on GitHub. */
function ignoredFolders(root: string): string[] {
  const file = path.join(root, ".gitignore");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^\/?[^#!*?[\s][^*?[\s]*\/$/.test(l))
    .map((l) => l.replace(/^\//, ""));
}

/** Why a web link is not well-formed, if it is not. */
function webLinkProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a valid URL";
  }
  if (!/^[a-z0-9.-]+$/i.test(parsed.hostname) || !parsed.hostname.includes(".") || parsed.hostname.startsWith(".") || parsed.hostname.endsWith(".")) {
    return `"${parsed.hostname}" is not a host name`;
  }
  if (/\s/.test(url)) return "a space in a URL";
  return undefined;
}

/**
 * The broken links of `files` (relative to `root`, with `/`). Relative paths
 * resolve from the document's folder and must stay inside `root`.
 */
export function brokenLinks(root: string, files: readonly string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const ignored = ignoredFolders(root);
  const anchorsCache = new Map<string, Set<string>>();
  const anchorsOf = (absolute: string): Set<string> => {
    let anchors = anchorsCache.get(absolute);
    if (!anchors) anchorsCache.set(absolute, (anchors = headingAnchors(readFileSync(absolute, "utf8"))));
    return anchors;
  };
  for (const file of files) {
    const absoluteDoc = path.join(root, ...file.split("/"));
    for (const link of linksOf(file, readFileSync(absoluteDoc, "utf8"))) {
      const fail = (problem: string): void => void broken.push({ ...link, problem });
      const { url } = link;
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
      if (scheme !== undefined) {
        if (scheme === "http" || scheme === "https") {
          const problem = webLinkProblem(url);
          if (problem) fail(problem);
        } else if (scheme === "mailto") {
          if (!/^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(url)) fail("not a valid e-mail address");
        } else fail(`a ${scheme}: link`);
        continue;
      }
      if (url.startsWith("//")) {
        fail("a protocol-relative link");
        continue;
      }
      const hashAt = url.indexOf("#");
      const target = hashAt === -1 ? url : url.slice(0, hashAt);
      const anchor = hashAt === -1 ? undefined : decodeURIComponent(url.slice(hashAt + 1));
      let absolute = absoluteDoc;
      if (target !== "") {
        if (target.startsWith("/")) {
          fail("an absolute path (GitHub resolves it from the site's root, not the repository's)");
          continue;
        }
        absolute = path.resolve(path.dirname(absoluteDoc), decodeURIComponent(target.split("?")[0]!));
        const rel = path.relative(root, absolute).split(path.sep).join("/");
        if (rel.startsWith("..") || path.isAbsolute(rel)) {
          fail("leads out of the repository");
          continue;
        }
        if (!existsSync(absolute)) {
          fail(`${rel} does not exist`);
          continue;
        }
        const inIgnored = ignored.find((folder) => `${rel}/`.startsWith(folder));
        if (inIgnored) {
          fail(`${rel} is in ${inIgnored}, which git ignores`);
          continue;
        }
        if (link.image && !statSync(absolute).isFile()) {
          fail(`${rel} is not a file`);
          continue;
        }
      }
      if (anchor === undefined) continue;
      if (link.image) fail("an image with an #anchor");
      else if (!absolute.endsWith(".md") || !statSync(absolute).isFile()) fail(`#${anchor}: only Markdown files have anchors to check`);
      else if (!anchorsOf(absolute).has(anchor)) fail(`#${anchor}: no such heading in ${path.relative(root, absolute).split(path.sep).join("/")}`);
    }
  }
  return broken;
}
