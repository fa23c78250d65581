/**
 * A body's HTML as a page shows it: each reference's markers (see
 * src/model/body-html.ts) filled with a link or a picture, relative to the
 * page, or with nothing, so that a reference that leads nowhere reads as its
 * plain text and never as a broken link.
 */
import { resolveReference } from "../aggregate/links.js";
import { fillReferences, type MarkerPart } from "../model/body-html.js";
import type { Reference } from "../model/entry.js";
import type { LinkedHtml, Links, Resolution } from "../model/site.js";

/** Text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** Where a page is: the way from it to the site's root (`""`, `"../"`, or the feed's `siteUrl`). */
export interface BodyPlace {
  readonly root: string;
}

const title = (ref: Reference): string => (ref.title ? ` title="${escapeHtml(ref.title)}"` : "");

/** What one marker of a reference becomes. */
function fill(ref: Reference, link: Resolution, part: MarkerPart, place: BodyPlace): string {
  if (link.kind === "page") {
    const open = `<a href="${escapeHtml(place.root + link.path)}"${title(ref)}>`;
    if (part === "open") return open;
    if (part === "close") return "</a>";
    // An embedded day or week is a link to its page; inside a link's text it is its text.
    return ref.inLink ? escapeHtml(ref.text ?? "") : `${open}${escapeHtml(ref.text ?? "")}</a>`;
  }
  if (link.kind === "file") {
    const href = escapeHtml(place.root + link.file.path);
    if (part === "open") return `<a href="${href}"${title(ref)}>`;
    if (part === "close") return "</a>";
    if (link.file.image) {
      const size = link.file.width && link.file.height ? ` width="${link.file.width}" height="${link.file.height}"` : "";
      const src = escapeHtml(place.root + (link.file.src ?? link.file.path));
      const srcset = link.file.srcset ? ` srcset="${link.file.srcset.map((c) => `${escapeHtml(place.root + c.path)} ${c.width}w`).join(", ")}"` : "";
      return `<img src="${src}"${srcset} alt="${escapeHtml(ref.alt ?? "")}"${title(ref)}${size} loading="lazy" decoding="async">`;
    }
    // A file that is no picture (a PDF), shown with `![…]`: a link to it, or its text inside a link.
    return ref.inLink ? escapeHtml(ref.text ?? "") : `<a href="${href}"${title(ref)}>${escapeHtml(ref.text ?? "")}</a>`;
  }
  // Leads nowhere (or not yet resolved): a link is its text, a picture its alternative text.
  return part === "void" ? escapeHtml(ref.text ?? "") : "";
}

/** Where each of a body's references leads, in order. */
export function resolutions(body: LinkedHtml, links: Links): Resolution[] {
  return body.references.map((ref) => resolveReference(links, ref, body.relPath));
}

/** The body's HTML with every reference filled for a page at `place`, each leading where `links` says. */
export function bodyHtml(body: LinkedHtml, links: Links, place: BodyPlace): string {
  if (body.references.length === 0) return body.html;
  const resolved = resolutions(body, links);
  return fillReferences(body.html, (index, part) => {
    const ref = body.references[index];
    const link = resolved[index];
    return ref && link ? fill(ref, link, part, place) : "";
  });
}
