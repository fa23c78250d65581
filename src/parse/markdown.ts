import type { ListItem, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

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
  /** Sanitized HTML: raw HTML dropped, script URLs removed. */
  readonly html: string;
  /** The body as plain text, for summaries and search. */
  readonly text: string;
}

// One frozen processor for every file: building it is the expensive part, and
// freezing makes any later attempt to reconfigure it an error.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  // Raw HTML in Markdown is never passed through (allowDangerousHtml stays off).
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

/** Parses a whole file (front matter included, so positions are file positions) into tasks and safe HTML. */
export function readBody(text: string): Body {
  const mdast = processor.parse(text);
  const tasks: Task[] = [];
  visit(mdast, "listItem", (item: ListItem) => {
    if (typeof item.checked !== "boolean") return;
    // Only the item's own paragraph: nested lists are tasks of their own.
    const own = item.children.filter((c) => c.type === "paragraph");
    const taskText = own.map((c) => toString(c)).join(" ").trim();
    if (taskText === "") return;
    tasks.push({
      text: taskText,
      done: item.checked,
      line: item.position?.start.line ?? 1,
      column: item.position?.start.column ?? 1,
    });
  });
  const plain = plainText(mdast);
  const hast = processor.runSync(mdast);
  const html = plain === "" ? "" : String(processor.stringify(hast)).trim();
  return { tasks, html, text: plain };
}

function plainText(root: Root): string {
  const blocks = root.children.filter((c) => c.type !== "yaml" && c.type !== "html");
  return blocks.map((b) => toString(b)).join("\n").trim();
}
