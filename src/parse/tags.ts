/**
 * Inline `#tags` of a body, found in the parsed Markdown's text nodes (so
 * never in code, raw HTML, a URL, an image's alt text or a heading's own
 * `#`), each read from the node's source text (so an escaped `\#x` or a
 * character reference `&#35;x` is no tag), with its file position.
 */
import type { Nodes, Root } from "mdast";
import type { TagUse } from "../model/entry.js";
import { inlineTagsIn } from "../model/tags.js";

/**
 * The inline tags of a body in document order. `markdown` is the text the
 * tree was parsed from; its positions are `lineShift` lines above the file's.
 * A tag in a checked task's own text is a win's (`task`); any other is `body`.
 */
export function bodyTags(markdown: string, root: Root, lineShift: number): TagUse[] {
  const tags: TagUse[] = [];
  // Most bodies hold no `#` at all: nothing to walk.
  if (markdown.includes("#")) collect(root, false, markdown, lineShift, tags);
  return tags;
}

// A plain walk, as for the task items: unist-util-visit builds an ancestor list at every node.
function collect(node: Nodes, inTask: boolean, markdown: string, lineShift: number, tags: TagUse[]): void {
  if (node.type === "text") {
    if (node.value.includes("#")) addTags(node, inTask, markdown, lineShift, tags);
    return;
  }
  if (!("children" in node)) return;
  if (node.type === "listItem") {
    // Only the item's own paragraphs are the task's text; a nested list holds items of its own.
    for (const child of node.children) collect(child, node.checked === true && child.type === "paragraph", markdown, lineShift, tags);
    return;
  }
  for (const child of node.children as Nodes[]) collect(child, inTask, markdown, lineShift, tags);
}

function addTags(node: Extract<Nodes, { type: "text" }>, inTask: boolean, markdown: string, lineShift: number, tags: TagUse[]): void {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return;
  const source = markdown.slice(start.offset, end.offset);
  let line = start.line;
  let column = start.column;
  let scanned = 0;
  for (const match of inlineTagsIn(source)) {
    // Lines and columns move forward from the last tag: one pass over the text in all.
    for (; scanned < match.index; scanned++) {
      if (source.charCodeAt(scanned) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    tags.push({ name: match.name, at: { line: line + lineShift, column }, source: inTask ? "task" : "body" });
  }
}
