/**
 * How a body's HTML holds its references until they are resolved. Parsing
 * (one file at a time, cached) cannot know whether `[[2026-11-20]]` has a page
 * or where `photos/run.jpg` is published; the model and the page stage can.
 * So the parse writes, where each reference's element would be, a marker: a
 * link or wikilink becomes an opening and a closing marker around its text, an
 * image or embed one marker. The page stage fills them (fillReferences) with
 * the element, or with nothing so that an unresolved link is its plain text.
 *
 * A marker is `\u0000`, a letter and the reference's index, `\u0000`. The
 * Markdown reader turns every U+0000 of the text (and `&#0;`) into U+FFFD, as
 * CommonMark requires, so no journal text can make or break one.
 */

/** The parts of a reference in a body's HTML: around a link's text, or in place of an image. */
export type MarkerPart = "open" | "close" | "void";

const LETTER: Readonly<Record<MarkerPart, string>> = { open: "o", close: "c", void: "v" };
const PART: Readonly<Record<string, MarkerPart>> = { o: "open", c: "close", v: "void" };

/** The marker for one part of reference `index`. */
export function referenceMarker(part: MarkerPart, index: number): string {
  return `\u0000${LETTER[part]}${index}\u0000`;
}

// The markers are made of U+0000 on purpose: no journal text can hold one (see above).
// eslint-disable-next-line no-control-regex
const MARKER = /\u0000([ocv])(\d+)\u0000/g;

/** Whether a body's HTML holds any marker still to fill. */
export function hasMarkers(html: string): boolean {
  return html.includes("\u0000");
}

/** The HTML with every marker replaced by what `fill` gives for it. */
export function fillReferences(html: string, fill: (index: number, part: MarkerPart) => string): string {
  if (!hasMarkers(html)) return html;
  return html.replace(MARKER, (_marker, letter: string, index: string) => fill(Number(index), PART[letter]!));
}
