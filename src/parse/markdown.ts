import type { Element, Root as HastRoot } from "hast";
import type { ListItem, Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type Processor } from "unified";
import type { TagUse } from "../model/entry.js";
import { bodyTags } from "./tags.js";
import type { Reference } from "../model/entry.js";
import { collectReferences, markReferences, mayHoldReferences } from "./references.js";
import { wikiLinkFromMarkdown, wikiLinkSyntax } from "./wikilink.js";

/** A GFM task list item found in a body. */
export interface Task {
  readonly text: string;
  readonly done: boolean;
  readonly line: number;
  readonly column: number;
}

/** What the body of a file holds. */
export interface Body {
  readonly tasks: readonly Task[];
  /** Sanitized HTML: raw HTML dropped, script URLs removed; a marker where each reference is (src/model/body-html.ts). */
  readonly html: string;
  /** The body as plain text, for summaries and search. */
  readonly text: string;
  /** Inline `#tags`, in document order, with file positions. */
  readonly tags: readonly TagUse[];
  /** Links and embeds to pages and files of the journal, in the order of their markers. */
  readonly references: readonly Reference[];
}

/**
 * Fits the sanitized HTML into a page: each task list checkbox gets an
 * accessible name ("done" or "not done"), since the disabled inputs GFM
 * produces have none and screen readers announce an unlabeled control; and
 * each heading moves two ranks down (`#` becomes h3, capped at h6), since a
 * body is shown under the page's h1 and a section's h2 ("Notes",
 * "Reflection"): a page keeps one h1 and an outline that nests. Runs after the
 * sanitizer and adds only fixed text.
 */
function fitIntoPage() {
  return (tree: HastRoot): void => fitElementsIn(tree);
}

/** Heading ranks in a body, and the rank each becomes on a page. */
const PAGE_HEADING: ReadonlyMap<string, string> = new Map([
  ["h1", "h3"],
  ["h2", "h4"],
  ["h3", "h5"],
  ["h4", "h6"],
  ["h5", "h6"],
  ["h6", "h6"],
]);

// A plain walk rather than unist-util-visit, which builds an ancestor list at
// every node: on a day's page that was most of the cost of this step.
function fitElementsIn(node: HastRoot | Element): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "input" && child.properties.type === "checkbox") child.properties.ariaLabel = child.properties.checked ? "done" : "not done";
    else child.tagName = PAGE_HEADING.get(child.tagName) ?? child.tagName;
    fitElementsIn(child);
  }
}

/**
 * The parts of GitHub Flavored Markdown a journal uses: task lists (the wins),
 * strikethrough and, when asked, tables. Bare-URL autolinks and footnotes are
 * left out: they cost a third of the parse time, and `<https://…>` and
 * `[text](url)` still make links. (remark-gfm registers its parts the same way.)
 */
function remarkJournalGfm(this: Processor, options: { tables: boolean }): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem(), gfmStrikethrough(), ...(options.tables ? [gfmTable()] : []));
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown(), ...(options.tables ? [gfmTableFromMarkdown()] : []));
}

/** Obsidian's wikilinks and embeds (`[[2026-11-20]]`, `![[run.jpg]]`): see wikilink.ts. */
function remarkWikiLinks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax());
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown());
}

/**
 * Whether a GFM table could start in `markdown`. A table needs a delimiter row,
 * and micromark takes a row of dashes for one only when it holds a `|`, or a `:`
 * right beside a `-` (`:--`, `--:`); any other row of dashes is a thematic
 * break or a heading's underline. So text with neither parses the same without
 * the table syntax, which is tried at the start of every line and costs a
 * quarter of the parse (a test checks the two parse alike).
 */
export function mayHoldTable(markdown: string): boolean {
  return markdown.includes("|") || markdown.includes(":-") || markdown.includes("-:");
}

/**
 * Whether YAML front matter could open `markdown`: the Markdown reader's front
 * matter starts only at line 1, column 1, with `---`. It is only asked of a
 * whole file, never of the body after front matter (and the syntax, tried at
 * every `-` that starts a line, is otherwise left out).
 */
export function mayHoldFrontMatter(markdown: string): boolean {
  return markdown.startsWith("---");
}

// One frozen processor for each set of syntaxes, made on first use: building
// one is the expensive part, and freezing makes any later attempt to
// reconfigure it an error.
const processors = new Map<string, Processor<Root, Root, HastRoot, HastRoot, string>>();

/** The processor for Markdown with (or without) the table and front-matter syntaxes; the rest of the pipeline is the same. */
export function markdownProcessor(syntax: { readonly tables: boolean; readonly frontMatter: boolean }): Processor<Root, Root, HastRoot, HastRoot, string> {
  const key = `${syntax.tables}/${syntax.frontMatter}`;
  let processor = processors.get(key);
  if (!processor) {
    processor = unified()
      .use(remarkParse)
      .use(syntax.frontMatter ? [[remarkFrontmatter, ["yaml"]]] : [])
      .use(remarkJournalGfm, { tables: syntax.tables })
      .use(remarkWikiLinks)
      // Raw HTML in Markdown is never passed through (allowDangerousHtml stays off).
      .use(remarkRehype)
      .use(rehypeSanitize)
      .use(fitIntoPage)
      .use(rehypeStringify)
      .freeze();
    processors.set(key, processor);
  }
  return processor;
}

/**
 * Parses a file's Markdown into tasks and safe HTML, with file positions.
 * `bodyLine` and `bodyOffset` say where the text after the front matter starts
 * (its line, and its offset in `text`); without them the whole text is parsed.
 */
export function readBody(text: string, bodyLine = 1, bodyOffset = 0): Body {
  // Only the text after the front matter is parsed: the front matter is already
  // read as YAML, and tokenizing it again cost a fifth of the parse (blank lines
  // in its place, still about 7%). Nothing before the first block changes how
  // Markdown reads it, and the body starts at column 1 of line `bodyLine`, so
  // a position in the body is a file position once moved down by that many lines
  // (task lines are the only positions kept). The body of a file is never read
  // for front matter of its own: a `---` opening it is a thematic break.
  const whole = bodyLine === 1 && bodyOffset === 0;
  const markdown = whole ? text : text.slice(bodyOffset);
  const processor = markdownProcessor({ tables: mayHoldTable(markdown), frontMatter: whole && mayHoldFrontMatter(markdown) });
  const mdast = processor.parse(markdown);
  const tasks: Task[] = [];
  collectTasks(mdast, tasks, bodyLine - 1);
  const plain = plainText(mdast);
  const tags = bodyTags(markdown, mdast, bodyLine - 1);
  const references = mayHoldReferences(markdown) ? collectReferences(mdast, bodyLine - 1) : [];
  const hast = processor.runSync(mdast);
  if (references.length > 0) markReferences(hast);
  const html = String(processor.stringify(hast)).trim();
  return { tasks, html, text: plain, tags, references };
}

/** Adds the task list items under `node` to `tasks`, in document order (a plain walk, as for the checkboxes), `lineShift` lines down. */
function collectTasks(node: Nodes, tasks: Task[], lineShift: number): void {
  if (node.type === "listItem") addTask(node, tasks, lineShift);
  if ("children" in node) for (const child of node.children) collectTasks(child, tasks, lineShift);
}

function addTask(item: ListItem, tasks: Task[], lineShift: number): void {
  if (typeof item.checked !== "boolean") return;
  // Only the item's own paragraph: nested lists are tasks of their own.
  const own = item.children.filter((c) => c.type === "paragraph");
  const taskText = own.map((c) => toString(c, TO_STRING)).join(" ").trim();
  if (taskText === "") return;
  tasks.push({
    text: taskText,
    done: item.checked,
    line: (item.position?.start.line ?? 1) + lineShift,
    column: item.position?.start.column ?? 1,
  });
}

// Raw HTML is dropped from text too: it is not content, and text may reach the site.
const TO_STRING = { includeHtml: false, includeImageAlt: true } as const;

/** Nodes whose children are blocks (or rows and cells): their texts are kept apart, not run together. */
const CONTAINERS = new Set(["root", "blockquote", "list", "listItem", "footnoteDefinition", "table", "tableRow"]);

/** The body as plain text: one line per block, front matter and raw HTML left out. */
function plainText(root: Root): string {
  return blockText(root).replace(/\n{2,}/g, "\n").trim();
}

function blockText(node: Nodes): string {
  if (node.type === "yaml" || node.type === "html") return "";
  if (CONTAINERS.has(node.type) && "children" in node) {
    const separator = node.type === "tableRow" ? " " : "\n";
    return (node.children as Nodes[]).map(blockText).filter((t) => t !== "").join(separator);
  }
  return toString(node, TO_STRING);
}
