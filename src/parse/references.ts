/**
 * A body's references to pages and files of the journal (§6 "Files beside
 * entries", "Links between days"): found in the Markdown tree with their file
 * positions, and left in the HTML as markers (src/model/body-html.ts) for the
 * page stage to fill once the model has resolved them.
 *
 * Every relative URL of a link or image is one (`[x](2026-11-20.md)`,
 * `![x](photos/run.jpg)`, `[x][ref]` with `[ref]: files/r.pdf`), and so are
 * absolute paths and `file:` URLs, which the model refuses: none of them may
 * reach a page as written. Web links (`http:`, `https:`, `mailto:`, `//host`)
 * and `#fragment` links stay as they are.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Definition, Image, Link, Nodes, Parent, Root, RootContent } from "mdast";
import { referenceMarker } from "../model/body-html.js";
import type { Reference } from "../model/entry.js";
import type { WikiLink } from "./wikilink.js";

/**
 * What a reference's URL is while the Markdown becomes HTML: a relative URL
 * that the sanitizer keeps as it is, and that no journal text can leave in the
 * HTML (every relative URL written in a body is a reference and replaced).
 */
const PLACEHOLDER = "smallwins-reference-";

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Whether a link's URL names something in (or outside) the journal folder
 * rather than a place on the web or in the page: a relative or absolute path,
 * a `file:` URL, or a Windows drive path (`C:\…`, read as a one-letter scheme).
 */
export function isJournalUrl(url: string): boolean {
  if (url.startsWith("#") || url.startsWith("//")) return false;
  const scheme = SCHEME.exec(url)?.[1];
  return scheme === undefined || scheme.length === 1 || scheme.toLowerCase() === "file";
}

/** Whether Markdown could hold a reference at all: a link's `](`, a definition's `]:`, a reference's `][`, or a wikilink's `[[`. */
export function mayHoldReferences(markdown: string): boolean {
  return markdown.includes("](") || markdown.includes("[[") || markdown.includes("]:") || markdown.includes("][");
}

/** A node that may be a reference, where it is, and whether it is inside a link's text. */
interface Candidate {
  readonly parent: Parent;
  readonly index: number;
  readonly inLink: boolean;
}

/**
 * Finds the references of a Markdown tree in document order and rewrites each
 * one's node for the HTML stage: its URL becomes a placeholder that
 * markReferences turns into markers after the sanitizer. Positions are moved
 * down `lineShift` lines (the body's first line in the file). A wikilink
 * inside a link's text becomes that text: a link holds no second link.
 */
export function collectReferences(root: Root, lineShift: number): Reference[] {
  const candidates: Candidate[] = [];
  const definitions = new Map<string, Definition>();
  (function walk(parent: Parent, inLink: boolean): void {
    parent.children.forEach((child, index) => {
      switch (child.type) {
        case "definition":
          // The first definition of a label counts (CommonMark).
          if (!definitions.has(child.identifier)) definitions.set(child.identifier, child);
          return;
        case "link":
        case "linkReference":
          candidates.push({ parent, index, inLink });
          walk(child, true);
          return;
        case "image":
        case "imageReference":
        case "wikiLink":
          candidates.push({ parent, index, inLink });
          return;
        default:
          if ("children" in child) walk(child, inLink);
      }
    });
  })(root, false);

  const references: Reference[] = [];
  const at = (node: Nodes): Reference["at"] => ({ line: (node.position?.start.line ?? 1) + lineShift, column: node.position?.start.column ?? 1 });
  const placeholder = (): string => `${PLACEHOLDER}${references.length}`;
  for (const { parent, index, inLink } of candidates) {
    const node = parent.children[index] as RootContent;
    // The placeholder of the reference about to be added.
    const url = placeholder();
    const replace = (next: RootContent): void => {
      parent.children[index] = next;
    };
    switch (node.type) {
      case "link":
        if (!isJournalUrl(node.url)) break;
        references.push({ kind: "link", target: node.url, at: at(node), ...(node.title ? { title: node.title } : {}) });
        node.url = url;
        break;
      case "image":
        if (!isJournalUrl(node.url)) break;
        references.push(imageReference(node.url, node.alt ?? "", node.title, at(node), inLink));
        node.url = url;
        break;
      case "linkReference":
      case "imageReference": {
        const definition = definitions.get(node.identifier);
        if (!definition || !isJournalUrl(definition.url)) break;
        // Where the URL is written, so that a warning points at what to fix.
        const where = at(definition);
        const title = definition.title ?? undefined;
        if (node.type === "linkReference") {
          references.push({ kind: "link", target: definition.url, at: where, ...(title ? { title } : {}) });
          const link: Link = { type: "link", url, children: node.children, ...(node.position ? { position: node.position } : {}) };
          replace(link);
        } else {
          references.push(imageReference(definition.url, node.alt ?? "", title, where, inLink));
          const image: Image = { type: "image", url, alt: node.alt ?? "", ...(node.position ? { position: node.position } : {}) };
          replace(image);
        }
        break;
      }
      case "wikiLink":
        replaceWikiLink(node, inLink, at(node), references, url, replace);
        break;
    }
  }
  return references;
}

function imageReference(url: string, alt: string, title: string | null | undefined, where: Reference["at"], inLink: boolean): Reference {
  return { kind: "image", target: url, at: where, alt, text: alt || url, ...(title ? { title } : {}), ...(inLink ? { inLink } : {}) };
}

function replaceWikiLink(node: WikiLink, inLink: boolean, where: Reference["at"], references: Reference[], url: string, replace: (next: RootContent) => void): void {
  const heading = node.heading !== undefined ? { heading: node.heading } : {};
  if (node.embed) {
    references.push({ kind: "embed", target: node.target, ...heading, at: where, alt: node.alias ?? "", text: node.alias ?? node.target, ...(inLink ? { inLink } : {}) });
    replace({ type: "image", url, alt: node.alias ?? "" });
  } else if (inLink) {
    replace({ type: "text", value: node.value });
  } else {
    references.push({ kind: "wikilink", target: node.target, ...heading, at: where });
    replace({ type: "link", url, children: [{ type: "text", value: node.value }] });
  }
}

/** The reference index a placeholder URL stands for, if it is one. */
function placeholderIndex(url: unknown): number | undefined {
  if (typeof url !== "string" || !url.startsWith(PLACEHOLDER)) return undefined;
  const index = Number(url.slice(PLACEHOLDER.length));
  return Number.isInteger(index) ? index : undefined;
}

/**
 * Replaces, in sanitized HTML, each reference's element by its markers: a
 * link by an opening marker, its content and a closing marker; an image by
 * one marker. Runs after the sanitizer, and adds only marker text.
 */
export function markReferences(tree: HastRoot): void {
  markIn(tree);
}

function markIn(node: HastRoot | Element): void {
  const children: (HastContent | ElementContent)[] = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type !== "element") continue;
    const link = child.tagName === "a" ? placeholderIndex(child.properties.href) : undefined;
    const image = child.tagName === "img" ? placeholderIndex(child.properties.src) : undefined;
    if (link !== undefined) {
      markIn(child);
      const open: ElementContent = { type: "text", value: referenceMarker("open", link) };
      const close: ElementContent = { type: "text", value: referenceMarker("close", link) };
      children.splice(i, 1, open, ...child.children, close);
      i += child.children.length + 1;
    } else if (image !== undefined) {
      children[i] = { type: "text", value: referenceMarker("void", image) };
    } else {
      markIn(child);
    }
  }
}
